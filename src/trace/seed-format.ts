/**
 * The JSONL trace format of the original proxy-component tool (Rust), read and
 * written for compatibility. One JSON object per line:
 *
 * ```text
 * {"ExportArgs":{"method":"ns:pkg/iface.func","args":["1","\"a\""]}}
 * {"ImportArgs":{"method":"ns:pkg/other.get","args":["\"k\""]}}
 * {"ImportRet":{"method":"ns:pkg/other.get","ret":"some(\"v\")"}}
 * {"ExportRet":{"method":"ns:pkg/iface.func","ret":"42"}}
 * ```
 *
 * Methods are named without version; resource functions as
 * `[method]ns:pkg/iface/res.func`, `[constructor]ns:pkg/iface/res.new` and
 * `ns:pkg/iface/res.func` (static). Values are WAVE strings; `ret` is null for a
 * function without result. Lines that are not events (program output captured
 * with the trace, JSON the program printed included) are skipped, after the
 * first: that one is an event, or the text is not read as this format (the
 * rule of read.ts, for both). A line that names an event kind is read strictly. The format has no way
 * to say that a call trapped, so such traces cannot be written in it.
 */
import { ProxyComponentError } from '../errors.js';
import { parseValue, printValue } from '../wave/index.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';
import type { CallOutcome, ExportCall, ImportCall, Trace } from './model.js';
import { TRACE_FORMAT_VERSION } from './model.js';
import type { ReadTraceOptions } from './read.js';

type SeedEvent =
  | { readonly ExportArgs: { readonly method: string; readonly args: readonly string[] } }
  | { readonly ExportRet: { readonly method?: string | null; readonly ret: string | null } }
  | { readonly ImportArgs: { readonly method?: string | null; readonly args: readonly string[] } }
  | { readonly ImportRet: { readonly method?: string | null; readonly ret: string | null } };

const EVENT_KINDS = ['ExportArgs', 'ExportRet', 'ImportArgs', 'ImportRet'] as const;

/** True when the first line that is not blank is a JSON object with one of the original's event kinds. */
export function isSeedFormat(text: string): boolean {
  const first = text.split('\n').find((line) => line.trim() !== '');
  if (first === undefined || !first.trimStart().startsWith('{')) return false;
  return EVENT_KINDS.some((kind) => first.includes(`"${kind}"`));
}

/** The original tool's name for a world function. */
export function seedMethodName(worldFunction: WorldFunction): string {
  const { function: func } = worldFunction;
  const iface = worldFunction.interface;
  if (iface === undefined || iface.package === undefined || iface.name === undefined) return func.name;
  const base = `${iface.package.namespace}:${iface.package.name}/${iface.name}`;
  const resource = func.resource?.name.name;
  const member = func.name.slice(func.name.lastIndexOf('.') + 1);
  switch (func.kind) {
    case 'freestanding':
      return `${base}.${func.name}`;
    case 'method':
      return `[method]${base}/${resource}.${member}`;
    case 'static':
      return `${base}/${resource}.${member}`;
    case 'constructor':
      return `[constructor]${base}/${resource}.new`;
  }
}

export function writeSeedTrace(trace: Trace): string {
  const lines: string[] = [];
  for (const call of trace.calls) {
    const method = seedMethodName(call.function);
    lines.push(JSON.stringify({ ExportArgs: { method, args: printArgs(call) } }));
    for (const imported of call.imports) {
      const importMethod = seedMethodName(imported.function);
      lines.push(JSON.stringify({ ImportArgs: { method: importMethod, args: printArgs(imported) } }));
      lines.push(JSON.stringify({ ImportRet: { method: importMethod, ret: printRet(imported, call) } }));
    }
    lines.push(JSON.stringify({ ExportRet: { method, ret: printRet(call, call) } }));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function printArgs(call: ExportCall | ImportCall): string[] {
  return call.function.function.params.map((param, i) => printValue(call.args[i] as never, param.type));
}

function printRet(call: ExportCall | ImportCall, exportCall: ExportCall): string | null {
  if (call.outcome.kind === 'trap') {
    throw new ProxyComponentError(
      'USAGE',
      `the seed format cannot record a trap (\`${call.name}\` in export call \`${exportCall.name}\`${exportCall.line === undefined ? '' : ` at line ${exportCall.line}`}): write the trace in the .trace format`,
    );
  }
  const resultType = call.function.function.result;
  return resultType === undefined || call.outcome.value === undefined ? null : printValue(call.outcome.value, resultType);
}

export function readSeedTrace(text: string, world: World, options: ReadTraceOptions = {}): Trace {
  const exports = seedResolver(world, 'export');
  const imports = seedResolver(world, 'import');
  const file = options.file;
  const calls: ExportCall[] = [];
  let open: { name: string; function: WorldFunction; args: ExportCall['args']; line: number; imports: ImportCall[] } | undefined;
  let pendingImport: { name: string; function: WorldFunction; args: ImportCall['args']; line: number } | undefined;
  const error = (detail: string, line: number, column = 1) =>
    new ProxyComponentError('TRACE_SYNTAX', detail, { location: file === undefined ? { line, column } : { file, line, column } });

  text.split('\n').forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (!trimmed.startsWith('{')) return;
    const namesEvent = EVENT_KINDS.some((k) => trimmed.includes(`"${k}"`));
    let event: SeedEvent;
    try {
      event = JSON.parse(trimmed) as SeedEvent;
    } catch (cause) {
      // A broken event is an error; other text in braces is program output.
      if (!namesEvent) return;
      throw error(`not a JSON object: ${(cause as Error).message}`, line);
    }
    const kind = EVENT_KINDS.find((k) => typeof event === 'object' && event !== null && k in event);
    // JSON the program printed, not an event: skipped as other program output is.
    if (kind === undefined) return;
    const body = (event as Record<string, { method?: string | null; args?: unknown; ret?: unknown }>)[kind] ?? {};
    const method = typeof body.method === 'string' ? body.method : undefined;
    switch (kind) {
      case 'ExportArgs': {
        if (open !== undefined) throw error(`ExportArgs before the ExportRet of \`${open.name}\` (line ${open.line})`, line);
        const func = method === undefined ? undefined : exports(method);
        if (func === undefined) throw error(`the component does not export \`${method ?? '<no method>'}\``, line);
        open = { name: method as string, function: func, args: parseArgs(body.args, func, line), line, imports: [] };
        return;
      }
      case 'ImportArgs': {
        if (open === undefined) throw error('ImportArgs outside an export call', line);
        if (pendingImport !== undefined) throw error(`ImportArgs before the ImportRet of \`${pendingImport.name}\``, line);
        const func = method === undefined ? undefined : imports(method);
        if (func === undefined) throw error(`the component does not import \`${method ?? '<no method>'}\``, line);
        pendingImport = { name: method as string, function: func, args: parseArgs(body.args, func, line), line };
        return;
      }
      case 'ImportRet': {
        if (open === undefined || pendingImport === undefined) throw error('ImportRet without its ImportArgs', line);
        open.imports.push({ ...pendingImport, outcome: parseRet(body.ret, pendingImport.function, line) });
        pendingImport = undefined;
        return;
      }
      case 'ExportRet': {
        if (open === undefined) throw error('ExportRet without its ExportArgs', line);
        if (pendingImport !== undefined) throw error(`ExportRet before the ImportRet of \`${pendingImport.name}\``, line);
        calls.push({ ...open, outcome: parseRet(body.ret, open.function, line), outcomeLine: line });
        open = undefined;
        return;
      }
    }
  });
  if (open !== undefined) throw error(`export call \`${open.name}\` has no ExportRet`, open.line);

  function parseArgs(args: unknown, func: WorldFunction, line: number): ExportCall['args'] {
    const params = func.function.params;
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) throw error('`args` must be an array of WAVE strings', line);
    if (args.length !== params.length) {
      throw error(`\`${func.function.name}\` takes ${params.length} argument(s), the trace has ${args.length}`, line);
    }
    return params.map((param, i) => parseValue(args[i] as string, param.type, { ...(file === undefined ? {} : { file }), line }));
  }

  function parseRet(ret: unknown, func: WorldFunction, line: number): CallOutcome {
    const resultType = func.function.result;
    if (ret === null || ret === undefined) {
      if (resultType !== undefined) throw error(`\`${func.function.name}\` returns a value but \`ret\` is null`, line);
      return { kind: 'return' };
    }
    if (typeof ret !== 'string') throw error('`ret` must be a WAVE string or null', line);
    if (resultType === undefined) throw error(`\`${func.function.name}\` returns nothing but \`ret\` has a value`, line);
    return { kind: 'return', value: parseValue(ret, resultType, { ...(file === undefined ? {} : { file }), line }) };
  }

  const trace: Trace = { header: { version: TRACE_FORMAT_VERSION }, calls };
  return file === undefined ? trace : { ...trace, file };
}

/** Resolves the original's names: versionless, with `/res.` resource paths. */
function seedResolver(world: World, direction: 'import' | 'export'): (method: string) => WorldFunction | undefined {
  const table = new Map<string, WorldFunction>();
  for (const f of worldFunctions(world, direction)) {
    table.set(seedMethodName(f), f);
    if (f.function.kind === 'constructor') table.set(seedMethodName(f).replace(/\.new$/, ''), f);
  }
  return (method) => table.get(method);
}
