/**
 * The core module of a virtualizer, in WAT. It is the typed half of the
 * instrumentation: the canonical ABI brings each call's values into its
 * memory, it encodes them (bin-codec.ts) and hands them to the tracer
 * component, and answers with the bytes the tracer returns, or forwards the
 * call unchanged to the real callee when recording. All decisions (what to
 * record, what the trace expects, what to fuzz) are the tracer's.
 *
 * Roles:
 * - `imports`: exports the app's virtualized imports (to the app); in record
 *   mode it also imports the real ones (from the host) to forward to.
 * - `exports-record`: exports the app's exports (to the host) and imports them
 *   from the app, recording each call around the forwarded one.
 * - `exports-drive`: exports `start`, which asks the tracer for export calls
 *   (replayed from a trace, or fuzzed) and makes them on the app.
 *
 * Core names follow wit-component's conventions (module = interface id,
 * `$root` for world functions; exports `iface#func`, `cabi_post_*`).
 */
import type { WitFunction } from '../../wit/world.js';
import type { WitType } from '../../wit/types.js';
import { typeHasHandles } from '../../values/walk.js';
import { alignment, flatten, size, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, fieldOffsets, payloadOffset, type CoreType } from '../abi.js';
import { LocalScope, WatCodec, type FlatSource } from './codec-wat.js';
import { HANDLE_LIMIT, handlesWat, type HandlesPlan, type HandlesWat } from './handles-wat.js';
import { runtimeWat } from './runtime-wat.js';

export const TRACER_MODULE = 'proxy-component:tracer/tracer@0.1.0';

/** The tracer's answer, as the canonical ABI lays it out (see tracer-wit.ts). */
export const REPLY_TYPE: WitType = {
  kind: 'record',
  fields: [
    { name: 'output', type: { kind: 'list', element: { kind: 'u8' } } },
    { name: 'report', type: { kind: 'list', element: { kind: 'u8' } } },
    { name: 'fail', type: { kind: 'bool' } },
    { name: 'fn', type: { kind: 'u32' } },
    { name: 'value', type: { kind: 'option', some: { kind: 'list', element: { kind: 'u8' } } } },
  ],
};

export interface CoreFunction {
  /** Index in the tracer's table of export or import functions. */
  readonly index: number;
  readonly func: WitFunction;
  /** Core export name when this module exports the function (roles `imports`, `exports-record`). */
  readonly exportName?: string;
  /** Core import of the real function to forward to or call (absent in `imports` role outside record mode). */
  readonly target?: { readonly module: string; readonly name: string };
}

export interface WasiNames {
  readonly streams: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdin: string;
}

export interface VirtualizerPlan {
  readonly role: 'imports' | 'exports-record' | 'exports-drive';
  readonly functions: readonly CoreFunction[];
  /** The tracer configuration (JSON bytes), handed over on first use. */
  readonly config: Uint8Array;
  /** WASI interfaces for the tracer's output; absent when the host records (no output). */
  readonly wasi?: WasiNames;
  /** Read the trace from stdin before driving (replay). */
  readonly readStdin?: boolean;
  /** The resources whose handles the functions carry; absent when none. */
  readonly handles?: HandlesPlan;
}

/** The two codecs of a module, with what handles add: `callee` for its exported functions' side, `target` for the side it calls. */
interface Codecs {
  readonly callee: WatCodec;
  readonly target: WatCodec;
  readonly handles: HandlesWat;
}

export function virtualizerWat(plan: VirtualizerPlan): string {
  const replyOffsets = replyLayout();
  const tableBase = Math.ceil((plan.config.length + 16) / 16) * 16;
  const handles = handlesWat(plan.handles ?? { role: plan.role === 'imports' ? 'imports' : 'exports', recording: false, resources: [], lookup: () => { throw new Error('no resources planned'); } }, tableBase);
  const heapBase = handles.table ? tableBase + HANDLE_LIMIT * 4 : tableBase;
  const codecs: Codecs = { callee: new WatCodec(handles.callee, 'c'), target: new WatCodec(handles.target, 't'), handles };
  const parts: string[] = ['(module'];
  parts.push(...tracerImports(plan.role));
  // A real function the module both forwards to and uses itself (WASI stdout, recording) is imported once.
  const targets = new Map<string, string>();
  for (const fn of plan.functions) {
    if (fn.target === undefined) continue;
    targets.set(`${fn.target.module}\u0000${fn.target.name}`, `$target${fn.index}`);
    parts.push(`  (import "${fn.target.module}" "${fn.target.name}" (func $target${fn.index} ${lowerSignature(fn.func)}))`);
  }
  const wasi = wasiImports(plan, targets);
  parts.push(...wasi.imports, ...handles.imports);
  parts.push(runtimeWat(heapBase), ...wasi.definitions);
  parts.push(`  (data (i32.const 0) "${watBytes(plan.config)}")`);
  parts.push(ioHelpers(plan, replyOffsets), handles.definitions);
  const begin = plan.role === 'imports' ? '$t_begin_import' : '$t_begin_export';
  const end = plan.role === 'imports' ? '$t_end_import' : '$t_end_export';
  if (plan.role === 'exports-drive') {
    parts.push(driverFunctions(plan, codecs, replyOffsets));
  } else {
    for (const fn of plan.functions) parts.push(liftedFunction(fn, codecs, replyOffsets, begin, end, plan.role === 'exports-record' || fn.target !== undefined));
  }
  parts.push(codecs.callee.definitions, codecs.target.definitions, ')');
  return parts.join('\n');
}

interface ReplyOffsets {
  readonly output: number;
  readonly report: number;
  readonly fail: number;
  readonly fn: number;
  readonly valueTag: number;
  readonly valuePtr: number;
  readonly size: number;
}

function replyLayout(): ReplyOffsets {
  const fields = (REPLY_TYPE as Extract<WitType, { kind: 'record' }>).fields.map((f) => f.type);
  const { offsets } = fieldOffsets(fields);
  const value = offsets[4] as number;
  return {
    output: offsets[0] as number,
    report: offsets[1] as number,
    fail: offsets[2] as number,
    fn: offsets[3] as number,
    valueTag: value,
    valuePtr: value + payloadOffset(fields[4] as WitType),
    size: size(REPLY_TYPE),
  };
}

function tracerImports(role: VirtualizerPlan['role']): string[] {
  const m = TRACER_MODULE;
  const lines = [
    `  (import "${m}" "configure" (func $t_configure (param i32 i32 i32)))`,
  ];
  if (role === 'imports') {
    lines.push(`  (import "${m}" "begin-import" (func $t_begin_import (param i32 i32 i32 i32)))`, `  (import "${m}" "end-import" (func $t_end_import (param i32 i32 i32 i32)))`);
  } else {
    lines.push(`  (import "${m}" "begin-export" (func $t_begin_export (param i32 i32 i32 i32)))`, `  (import "${m}" "end-export" (func $t_end_export (param i32 i32 i32 i32)))`);
  }
  if (role === 'exports-drive') {
    lines.push(`  (import "${m}" "load-trace" (func $t_load_trace (param i32 i32 i32)))`, `  (import "${m}" "next-export" (func $t_next_export (param i32)))`);
  }
  return lines;
}

/** The WASI functions the module writes and reads with: imports, or calls of the same function imported as a forward target. */
function wasiImports(plan: VirtualizerPlan, targets: ReadonlyMap<string, string>): { imports: string[]; definitions: string[] } {
  const wasi = plan.wasi;
  const imports: string[] = [];
  const definitions: string[] = [];
  if (wasi === undefined) return { imports, definitions };
  const functions: [string, string, string, string, string][] = [
    [wasi.stdout, 'get-stdout', '$get_stdout', '', 'i32'],
    [wasi.stderr, 'get-stderr', '$get_stderr', '', 'i32'],
    [wasi.streams, '[method]output-stream.blocking-write-and-flush', '$blocking_write', 'i32 i32 i32 i32', ''],
  ];
  if (plan.readStdin === true) {
    functions.push(
      [wasi.stdin, 'get-stdin', '$get_stdin', '', 'i32'],
      [wasi.streams, '[method]input-stream.blocking-read', '$blocking_read', 'i32 i64 i32', ''],
      [wasi.streams, '[resource-drop]input-stream', '$drop_input', 'i32', ''],
    );
  }
  for (const [module, name, local, params, result] of functions) {
    const signature = `${params === '' ? '' : `(param ${params})`}${result === '' ? '' : ` (result ${result})`}`;
    const target = targets.get(`${module}\u0000${name}`);
    if (target === undefined) {
      imports.push(`  (import "${module}" "${name}" (func ${local} ${signature}))`);
      continue;
    }
    const args = params === '' ? '' : params.split(' ').map((_, i) => ` (local.get ${i})`).join('');
    definitions.push(`  (func ${local} ${signature} (call ${target}${args}))`);
  }
  return { imports, definitions };
}

/** Writing the tracer's output and reports, trapping when it says so; reading stdin. */
function ioHelpers(plan: VirtualizerPlan, reply: ReplyOffsets): string {
  const lines: string[] = [];
  if (plan.wasi !== undefined) {
    lines.push(`
  (global $stdout (mut i32) (i32.const -1))
  (global $stderr (mut i32) (i32.const -1))
  (func $write (param $err i32) (param $p i32) (param $n i32) (local $h i32) (local $chunk i32) (local $ret i32)
    (if (local.get $err)
      (then (if (i32.lt_s (global.get $stderr) (i32.const 0)) (then (global.set $stderr (call $get_stderr)))) (local.set $h (global.get $stderr)))
      (else (if (i32.lt_s (global.get $stdout) (i32.const 0)) (then (global.set $stdout (call $get_stdout)))) (local.set $h (global.get $stdout))))
    (local.set $ret (call $alloc (i32.const 16) (i32.const 4)))
    (block $done (loop $more
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $chunk (select (local.get $n) (i32.const 4096) (i32.lt_u (local.get $n) (i32.const 4096))))
      (call $blocking_write (local.get $h) (local.get $p) (local.get $chunk) (local.get $ret))
      (br_if $done (i32.load8_u (local.get $ret)))
      (local.set $p (i32.add (local.get $p) (local.get $chunk)))
      (local.set $n (i32.sub (local.get $n) (local.get $chunk)))
      (br $more))))`);
  }
  const write = (field: number, err: number) =>
    plan.wasi === undefined ? '' : `(if (i32.load offset=${field + 4} (local.get $r)) (then (call $write (i32.const ${err}) (i32.load offset=${field} (local.get $r)) (i32.load offset=${field + 4} (local.get $r)))))`;
  lines.push(`
  (func $handle_reply (param $r i32)
    ${write(reply.output, 0)}
    ${write(reply.report, 1)}
    (if (i32.load8_u offset=${reply.fail} (local.get $r)) (then unreachable)))
  (func $reply_area (result i32) (call $alloc (i32.const ${reply.size}) (i32.const 4)))
  (global $configured (mut i32) (i32.const 0))
  (func $ensure_configured (local $r i32)
    (if (global.get $configured) (then (return)))
    (global.set $configured (i32.const 1))
    (local.set $r (call $reply_area))
    (call $t_configure (i32.const 0) (i32.const ${plan.config.length}) (local.get $r))
    (call $handle_reply (local.get $r)))`);
  if (plan.readStdin === true) {
    lines.push(`
  (func $read_stdin (local $h i32) (local $ret i32)
    (local.set $h (call $get_stdin))
    (call $out_begin)
    (local.set $ret (call $alloc (i32.const 16) (i32.const 4)))
    (block $eof (loop $more
      (call $blocking_read (local.get $h) (i64.const 65536) (local.get $ret))
      (br_if $eof (i32.load8_u (local.get $ret)))
      (call $out_bytes (i32.load offset=4 (local.get $ret)) (i32.load offset=8 (local.get $ret)))
      (br $more)))
    (call $drop_input (local.get $h)))`);
  }
  return lines.join('\n');
}

function paramTypes(func: WitFunction): WitType[] {
  return func.params.map((p) => p.type);
}

function flatParams(func: WitFunction): CoreType[] | undefined {
  const flat = paramTypes(func).flatMap(flatten);
  return flat.length <= MAX_FLAT_PARAMS ? flat : undefined;
}

function flatResults(func: WitFunction): CoreType[] | undefined {
  if (func.result === undefined) return [];
  const flat = flatten(func.result);
  return flat.length <= MAX_FLAT_RESULTS ? flat : undefined;
}

const paramsTuple = (func: WitFunction): WitType => ({ kind: 'tuple', elements: paramTypes(func) });

/** The core signature of a function as lowered (called from core code). */
function lowerSignature(func: WitFunction): string {
  const params = flatParams(func) ?? ['i32'];
  const results = flatResults(func);
  const all = results === undefined ? [...params, 'i32'] : params;
  const resultText = results !== undefined && results.length === 1 ? ` (result ${results[0]})` : '';
  return `${all.length === 0 ? '' : `(param ${all.join(' ')})`}${resultText}`;
}

/** The core signature of a function as lifted (called by the runtime). */
function liftSignature(func: WitFunction): string {
  const params = flatParams(func) ?? ['i32'];
  const results = flatResults(func) ?? ['i32'];
  return `${params.length === 0 ? '' : `(param ${params.join(' ')})`}${results.length === 0 ? '' : ` (result ${results.join(' ')})`}`;
}

/** Code appending the arguments held by the function's parameters (flat locals 0.., or a pointer in local 0). */
function writeArgs(func: WitFunction, codec: WatCodec, scope: LocalScope): string {
  const flat = flatParams(func);
  if (flat === undefined) return codec.writeFromMemory(paramsTuple(func), '(local.get 0)');
  const parts: string[] = [];
  let at = 0;
  for (const type of paramTypes(func)) {
    const count = flatten(type).length;
    const sources: FlatSource[] = flat.slice(at, at + count).map((t, i) => ({ expr: `(local.get ${at + i})`, type: t }));
    parts.push(codec.writeFromFlat(type, sources, scope));
    at += count;
  }
  return parts.join('\n    ');
}

function liftedFunction(fn: CoreFunction, codecs: Codecs, reply: ReplyOffsets, begin: string, end: string, forwards: boolean): string {
  const func = fn.func;
  const scope = new LocalScope();
  const flatOut = flatResults(func);
  const paramCount = (flatParams(func) ?? ['i32']).length;
  // Locals are numbered after the parameters; LocalScope names them, so index clashes cannot happen.
  const r = scope.local('i32');
  const body: string[] = [
    '(call $ensure_configured)',
    '(call $out_begin)',
    writeArgs(func, codecs.callee, scope),
    `(local.set ${r} (call $reply_area))`,
    `(call ${begin} (i32.const ${fn.index}) (global.get $out) (global.get $out_len) (local.get ${r}))`,
    `(call $handle_reply (local.get ${r}))`,
  ];
  // The tracer's answer (replay, fuzz): decode it as the result.
  const answer: string[] = [`(global.set $in (i32.load offset=${reply.valuePtr} (local.get ${r})))`];
  answer.push(...returnDecoded(func, codecs.callee, scope));
  body.push(`(if (i32.load8_u offset=${reply.valueTag} (local.get ${r})) (then ${answer.join(' ')}))`);
  const endCall = (): string[] => [`(local.set ${r} (call $reply_area))`, `(call ${end} (i32.const ${fn.index}) (global.get $out) (global.get $out_len) (local.get ${r}))`, `(call $handle_reply (local.get ${r}))`];
  if (!forwards || fn.target === undefined) {
    body.push('unreachable');
  } else if (!carriesHandles(func)) {
    const args = Array.from({ length: paramCount }, (_, i) => `(local.get ${i})`);
    const result = forwardCall(fn, args, codecs.target, scope);
    body.push(...result.call, '(call $out_begin)', result.write, ...endCall());
    if (flatOut !== undefined && flatOut.length === 0) body.push('(call $reset)');
    body.push(...result.ret);
  } else {
    // Handles differ on the two sides: the target's arguments are read back from the numbers just written, and the result the other way.
    const read = readArgs(func, codecs.target, scope);
    const result = forwardCall(fn, read.args, codecs.target, scope);
    body.push('(global.set $in (global.get $out))', ...read.code, ...result.call, codecs.handles.afterTarget, '(call $out_begin)', result.write, ...endCall());
    body.push('(global.set $in (global.get $out))', ...returnDecoded(func, codecs.callee, scope));
  }
  const exportName = fn.exportName as string;
  const post = flatOut === undefined || flatOut.length > 0 ? postReturn(exportName, flatOut ?? ['i32']) : '';
  return `  (func (export "${exportName}") ${liftSignature(func)}
    ${scope.declarations.join(' ')}
    ${body.join('\n    ')})${post}`;
}

function carriesHandles(func: WitFunction): boolean {
  return [...paramTypes(func), ...(func.result === undefined ? [] : [func.result])].some(typeHasHandles);
}

/** Code reading a function's arguments from the input, in the form a call of it takes (flat locals, or a pointer to them in memory). */
function readArgs(func: WitFunction, codec: WatCodec, scope: LocalScope): { code: string[]; args: string[] } {
  const flat = flatParams(func);
  if (flat === undefined) {
    const ptr = scope.local('i32');
    const tuple = paramsTuple(func);
    return { code: [`(local.set ${ptr} (call $alloc (i32.const ${size(tuple)}) (i32.const ${alignment(tuple)})))`, codec.readIntoMemory(tuple, `(local.get ${ptr})`)], args: [`(local.get ${ptr})`] };
  }
  const locals = flat.map((type) => ({ expr: scope.local(type), type }));
  const code: string[] = [];
  let at = 0;
  for (const type of paramTypes(func)) {
    const count = flatten(type).length;
    code.push(codec.readIntoFlat(type, locals.slice(at, at + count), scope));
    at += count;
  }
  return { code, args: locals.map((l) => `(local.get ${l.expr})`) };
}

function postReturn(exportName: string, results: readonly CoreType[]): string {
  return `\n  (func (export "cabi_post_${exportName}") (param ${results.join(' ')}) (call $reset))`;
}

/** Code returning the result decoded from the input (the function's lifted result form). */
function returnDecoded(func: WitFunction, codec: WatCodec, scope: LocalScope): string[] {
  if (func.result === undefined) return ['(call $reset)', '(return)'];
  const flat = flatResults(func);
  if (flat === undefined) {
    const ptr = scope.local('i32');
    return [`(local.set ${ptr} (call $alloc (i32.const ${size(func.result)}) (i32.const ${alignment(func.result)})))`, codec.readIntoMemory(func.result, `(local.get ${ptr})`), `(return (local.get ${ptr}))`];
  }
  const local = scope.local(flat[0] as CoreType);
  return [codec.readIntoFlat(func.result, [{ expr: local, type: flat[0] as CoreType }], scope), `(return (local.get ${local}))`];
}

/** Calls the real function with `args`; then writes its result for the tracer and returns it. */
function forwardCall(fn: CoreFunction, args: readonly string[], codec: WatCodec, scope: LocalScope): { call: string[]; write: string; ret: string[] } {
  const func = fn.func;
  const target = `$target${fn.index}`;
  if (func.result === undefined) return { call: [`(call ${target} ${args.join(' ')})`], write: '', ret: [] };
  const flat = flatResults(func);
  if (flat === undefined) {
    const ptr = scope.local('i32');
    return {
      call: [`(local.set ${ptr} (call $alloc (i32.const ${size(func.result)}) (i32.const ${alignment(func.result)})))`, `(call ${target} ${args.join(' ')} (local.get ${ptr}))`],
      write: codec.writeFromMemory(func.result, `(local.get ${ptr})`),
      ret: [`(local.get ${ptr})`],
    };
  }
  const type = flat[0] as CoreType;
  const local = scope.local(type);
  return {
    call: [`(local.set ${local} (call ${target} ${args.join(' ')}))`],
    write: codec.writeFromFlat(func.result, [{ expr: `(local.get ${local})`, type }], scope),
    ret: [`(local.get ${local})`],
  };
}

/** `start`: asks the tracer for export calls until it has none, making each on the app. */
function driverFunctions(plan: VirtualizerPlan, codecs: Codecs, reply: ReplyOffsets): string {
  const callers = plan.functions.map((fn) => driverCall(fn, codecs));
  const dispatch = plan.functions.map((fn) => `(if (i32.eq (local.get $fn) (i32.const ${fn.index})) (then (call $call${fn.index}) (return)))`);
  const load = plan.readStdin === true
    ? `(call $read_stdin)
    (local.set $r (call $reply_area))
    (call $t_load_trace (global.get $out) (global.get $out_len) (local.get $r))
    (call $handle_reply (local.get $r))`
    : '';
  return `${callers.join('\n')}
  (func $dispatch (param $fn i32)
    ${dispatch.join('\n    ')}
    unreachable)
  (func (export "start") (local $r i32)
    (call $ensure_configured)
    ${load}
    (block $end (loop $next
      (call $reset)
      (local.set $r (call $reply_area))
      (call $t_next_export (local.get $r))
      (call $handle_reply (local.get $r))
      (br_if $end (i32.eqz (i32.load8_u offset=${reply.valueTag} (local.get $r))))
      (global.set $in (i32.load offset=${reply.valuePtr} (local.get $r)))
      (call $dispatch (i32.load offset=${reply.fn} (local.get $r)))
      (br $next)))
    (call $reset))`;
}

function driverCall(fn: CoreFunction, codecs: Codecs): string {
  const scope = new LocalScope();
  const read = readArgs(fn.func, codecs.target, scope);
  const result = forwardCall(fn, read.args, codecs.target, scope);
  const r = scope.local('i32');
  const body = [...read.code, ...result.call, codecs.handles.afterTarget, '(call $out_begin)', result.write, `(local.set ${r} (call $reply_area))`];
  body.push(`(call $t_end_export (i32.const ${fn.index}) (global.get $out) (global.get $out_len) (local.get ${r}))`, `(call $handle_reply (local.get ${r}))`);
  return `  (func $call${fn.index}
    ${scope.declarations.join(' ')}
    ${body.join('\n    ')})`;
}

/** Bytes as a WAT string literal. */
function watBytes(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${byte.toString(16).padStart(2, '0')}`;
  }
  return text;
}
