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
 * with the trace, JSON the program printed included) are skipped wherever
 * they are, the first line too, as the original skips them. A line that names
 * an event kind is read strictly, and a return that names its function
 * (`ExportRet`, `ImportRet`) must name the call it returns from. The format
 * has no way to say that a call trapped, so such traces cannot be written in
 * it.
 */
import { isProxyComponentError, ProxyComponentError } from '../errors.js';
import { abbreviate } from '../util/abbreviate.js';
import type { Value } from '../values/value.js';
import { parseValue, printValue } from '../wave/index.js';
import type { WitType } from '../wit/types.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';
import { columnOf, jsonStrings, type JsonString } from './json-strings.js';
import type { CallOutcome, ExportCall, ImportCall, Trace } from './model.js';

type SeedEvent =
  | { readonly ExportArgs: { readonly method: string; readonly args: readonly string[] } }
  | { readonly ExportRet: { readonly method?: string | null; readonly ret: string | null } }
  | { readonly ImportArgs: { readonly method?: string | null; readonly args: readonly string[] } }
  | { readonly ImportRet: { readonly method?: string | null; readonly ret: string | null } };

const EVENT_KINDS = ['ExportArgs', 'ExportRet', 'ImportArgs', 'ImportRet'] as const;

/** True when a line is one of the original's events: a JSON object naming an event kind (read.ts picks the format by it). */
export function isSeedEventLine(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed.startsWith('{') && EVENT_KINDS.some((kind) => trimmed.includes(`"${kind}"`));
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

/**
 * Reads the original's format a line at a time (read.ts picks the format and
 * feeds the lines): `line` gives the export call a line completes.
 */
export class SeedLineReader {
  private readonly exports: (method: string) => WorldFunction | undefined;
  private readonly imports: (method: string) => WorldFunction | undefined;
  private open: { name: string; function: WorldFunction; args: ExportCall['args']; line: number; imports: ImportCall[] } | undefined;
  private pendingImport: { name: string; function: WorldFunction; args: ImportCall['args']; line: number } | undefined;

  constructor(
    world: World,
    private readonly file: string | undefined,
  ) {
    this.exports = seedResolver(world, 'export');
    this.imports = seedResolver(world, 'import');
  }

  line(rawLine: string, line: number): ExportCall | undefined {
    const trimmed = rawLine.trim();
    // Anything else is program output captured with the trace, skipped as the original skips it (the first line too).
    if (!trimmed.startsWith('{')) return undefined;
    const namesEvent = EVENT_KINDS.some((k) => trimmed.includes(`"${k}"`));
    let event: SeedEvent;
    try {
      event = JSON.parse(trimmed) as SeedEvent;
    } catch (cause) {
      // A broken event is an error; other text in braces is program output.
      if (!namesEvent) return undefined;
      throw this.error(`not a JSON object: ${(cause as Error).message}`, line);
    }
    const kind = EVENT_KINDS.find((k) => typeof event === 'object' && event !== null && !Array.isArray(event) && k in event);
    // JSON the program printed, not an event: skipped as other program output is.
    if (kind === undefined) return undefined;
    const raw = (event as Record<string, unknown>)[kind];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw this.error(`\`${kind}\` must be an object with \`method\` and \`${kind.endsWith('Args') ? 'args' : 'ret'}\``, line);
    const body = raw as { method?: unknown; args?: unknown; ret?: unknown };
    if (body.method !== undefined && body.method !== null && typeof body.method !== 'string') throw this.error('`method` must be a string', line);
    const method = typeof body.method === 'string' ? body.method : undefined;
    const values = new ValueColumns(rawLine, kind, line, this.file);
    switch (kind) {
      case 'ExportArgs': {
        if (this.open !== undefined) throw this.error(`ExportArgs before the ExportRet of \`${this.open.name}\` (line ${this.open.line})`, line);
        const func = method === undefined ? undefined : this.exports(method);
        if (func === undefined) throw this.error(`the component does not export \`${abbreviate(method ?? '<no method>')}\``, line);
        this.open = { name: method as string, function: func, args: this.parseArgs(body.args, func, line, values), line, imports: [] };
        return undefined;
      }
      case 'ImportArgs': {
        if (this.open === undefined) throw this.error('ImportArgs outside an export call', line);
        if (this.pendingImport !== undefined) throw this.error(`ImportArgs before the ImportRet of \`${this.pendingImport.name}\``, line);
        const func = method === undefined ? undefined : this.imports(method);
        if (func === undefined) throw this.error(`the component does not import \`${abbreviate(method ?? '<no method>')}\``, line);
        this.pendingImport = { name: method as string, function: func, args: this.parseArgs(body.args, func, line, values), line };
        return undefined;
      }
      case 'ImportRet': {
        const pending = this.pendingImport;
        if (this.open === undefined || pending === undefined) throw this.error('ImportRet without its ImportArgs', line);
        this.checkMethod(method, pending, this.imports, 'ImportRet', 'import', line);
        this.open.imports.push({ ...pending, outcome: this.parseRet(body.ret, pending.function, line, values) });
        this.pendingImport = undefined;
        return undefined;
      }
      case 'ExportRet': {
        const open = this.open;
        if (open === undefined) throw this.error('ExportRet without its ExportArgs', line);
        if (this.pendingImport !== undefined) throw this.error(`ExportRet before the ImportRet of \`${this.pendingImport.name}\``, line);
        this.checkMethod(method, open, this.exports, 'ExportRet', 'export', line);
        const call: ExportCall = { ...open, outcome: this.parseRet(body.ret, open.function, line, values), outcomeLine: line };
        this.open = undefined;
        return call;
      }
    }
  }

  /** The input ended: no call may be left open. */
  end(): void {
    if (this.open !== undefined) throw this.error(`export call \`${this.open.name}\` has no ExportRet`, this.open.line);
  }

  /** A return that names a function names the call it returns from (it may leave the name out, as the original allows). */
  private checkMethod(method: string | undefined, open: { name: string; function: WorldFunction; line: number }, resolve: (method: string) => WorldFunction | undefined, kind: string, what: string, line: number): void {
    if (method === undefined || method === open.name || resolve(method) === open.function) return;
    throw this.error(`${kind} names \`${abbreviate(method)}\`, but the ${what} call it returns from is \`${open.name}\` (line ${open.line})`, line);
  }

  private parseArgs(args: unknown, func: WorldFunction, line: number, values: ValueColumns): ExportCall['args'] {
    const params = func.function.params;
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) throw this.error('`args` must be an array of WAVE strings', line);
    if (args.length !== params.length) {
      throw this.error(`\`${func.function.name}\` takes ${params.length} argument(s), the trace has ${args.length}`, line);
    }
    return params.map((param, i) => values.parse(args[i] as string, param.type, ['args', i]));
  }

  private parseRet(ret: unknown, func: WorldFunction, line: number, values: ValueColumns): CallOutcome {
    const resultType = func.function.result;
    if (ret === null || ret === undefined) {
      if (resultType !== undefined) throw this.error(`\`${func.function.name}\` returns a value but \`ret\` is null`, line);
      return { kind: 'return' };
    }
    if (typeof ret !== 'string') throw this.error('`ret` must be a WAVE string or null', line);
    if (resultType === undefined) throw this.error(`\`${func.function.name}\` returns nothing but \`ret\` has a value`, line);
    return { kind: 'return', value: values.parse(ret, resultType, ['ret']) };
  }

  private error(detail: string, line: number, column = 1): ProxyComponentError {
    return new ProxyComponentError('TRACE_SYNTAX', detail, { location: this.file === undefined ? { line, column } : { file: this.file, line, column } });
  }
}

/**
 * WAVE values held in JSON strings of one line: parsed, and an error inside
 * one reported at its line and column in the file (through the escapes of
 * the JSON string), not counted inside the decoded string.
 */
class ValueColumns {
  private strings: JsonString[] | undefined;

  constructor(
    private readonly rawLine: string,
    private readonly kind: string,
    private readonly line: number,
    private readonly file: string | undefined,
  ) {}

  parse(text: string, type: WitType, path: readonly (string | number)[]): Value {
    try {
      return parseValue(text, type, { ...(this.file === undefined ? {} : { file: this.file }), line: this.line });
    } catch (error) {
      if (!isProxyComponentError(error) || error.location === undefined) throw error;
      const column = this.columnInLine(text, [this.kind, ...path], error.location.line - this.line, error.location.column);
      if (column === undefined) throw error;
      throw new ProxyComponentError(error.code, error.detail, { location: { ...error.location, line: this.line, column }, cause: error });
    }
  }

  /** The column in the file of the decoded string's character at (`lineInText`, `columnInText`). */
  private columnInLine(text: string, path: readonly (string | number)[], lineInText: number, columnInText: number): number | undefined {
    this.strings ??= jsonStrings(this.rawLine);
    const found = this.strings.find((entry) => entry.path.length === path.length && entry.path.every((key, i) => key === path[i]));
    if (found === undefined) return undefined;
    const textLines = text.split('\n');
    let offset = 0;
    for (let i = 0; i < lineInText && i < textLines.length; i++) offset += (textLines[i] as string).length + 1;
    offset += [...(textLines[lineInText] ?? '')].slice(0, columnInText - 1).join('').length;
    const at = found.offsets[Math.min(offset, found.offsets.length - 1)] as number;
    return columnOf(this.rawLine, at);
  }
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
