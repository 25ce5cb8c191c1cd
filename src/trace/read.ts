/**
 * Reads a trace, in our `.trace` text format (see write.ts) or in the JSONL
 * format of the original proxy-component tool (see seed-format.ts), detected
 * from the first meaningful line. Every value is typed against the world of the
 * component that will replay it, so a trace of another world fails here, with
 * the line and column of the first call the world does not have.
 *
 * A trace is often saved from a program's stdout (`wasmtime run --invoke ...
 * > t.trace` under the record component), which also holds what the program
 * and the host print: wasmtime's own result line (`3`, `()`), the program's
 * output. The first trace line tells the format: in ours (the header, a
 * comment or a keyword: `export`, `import`, `return`, `trap`, `expect`), no
 * line of program output may come before it (else the text is not a trace,
 * and the error says what was found there), and lines after it that are not
 * trace lines are skipped; in the original's (a JSON event), lines that are
 * not events are skipped wherever they are, as the original skips them.
 * Trace lines are read strictly. A trace is read whole (`readTrace`) or as it
 * streams (`streamTrace`), a line at a time either way.
 */
import { ProxyComponentError, type SourceLocation } from '../errors.js';
import { parseCallPrefix, parseValue } from '../wave/index.js';
import { callNames } from '../wit/lookup.js';
import { primitive } from '../wit/types.js';
import type { World, WorldFunction } from '../wit/world.js';
import type { CallOutcome, ExportCall, FuzzOrigin, GenerationOrigin, ImportCall, PropertySource, Trace, TraceHeader } from './model.js';
import { TRACE_FORMAT_VERSION } from './model.js';
import { traceFunctionResolver, type TraceFunctionResolver } from './resolve-names.js';
import { isSeedEventLine, SeedLineReader } from './seed-format.js';
import { HEADER_PREFIX, PROPERTY_NAME } from './write.js';
import { abbreviate } from '../util/abbreviate.js';

export interface ReadTraceOptions {
  /** The file the text came from, for error locations. */
  readonly file?: string;
}

export function readTrace(text: string, world: World, options: ReadTraceOptions = {}): Trace {
  const reader = new TraceLineReader(world, options.file);
  const calls: ExportCall[] = [];
  text.split('\n').forEach((line, index) => {
    const call = reader.line(line, index + 1);
    if (call !== undefined) calls.push(call);
  });
  reader.end();
  return options.file === undefined ? { header: reader.header, calls } : { header: reader.header, calls, file: options.file };
}

/** A trace read as it streams: the header first, then each export call as its lines arrive (a call at a time in memory). */
export interface TraceStream {
  readonly header: TraceHeader;
  readonly file?: string;
  readonly calls: AsyncIterable<ExportCall>;
  /** Where the input ended (its last line, and the column after it), once `calls` is done, and whether it held only blank lines. */
  readonly end: () => { readonly line: number; readonly column: number; readonly blank: boolean };
  /** Stops reading (the file is closed); done by itself when `calls` ends or fails. */
  readonly close: () => Promise<void>;
}

/** Reads a trace from its lines as they come (see util/text-lines.ts): to replay a trace longer than memory holds. */
export async function streamTrace(lines: AsyncIterable<string>, world: World, options: ReadTraceOptions = {}): Promise<TraceStream> {
  const reader = new TraceLineReader(world, options.file);
  const iterator = lines[Symbol.asyncIterator]();
  let number = 0;
  let last = '';
  let blank = true;
  const early: ExportCall[] = [];
  let done = false;
  const close = async () => {
    done = true;
    await iterator.return?.(undefined);
  };
  try {
    // Up to the line that tells the format (and so the header): at most one call completes before it.
    while (!reader.decided) {
      const next = await iterator.next();
      if (next.done === true) {
        done = true;
        break;
      }
      last = next.value;
      blank &&= last.trim() === '';
      const call = reader.line(next.value, ++number);
      if (call !== undefined) early.push(call);
    }
  } catch (error) {
    await close();
    throw error;
  }
  async function* calls(): AsyncGenerator<ExportCall> {
    try {
      yield* early;
      while (!done) {
        const next = await iterator.next();
        if (next.done === true) break;
        last = next.value;
        blank &&= last.trim() === '';
        const call = reader.line(next.value, ++number);
        if (call !== undefined) yield call;
      }
      reader.end();
    } finally {
      await close();
    }
  }
  const end = () => ({ line: Math.max(1, number), column: [...last].length + 1, blank });
  const stream = { header: reader.header, calls: calls(), end, close };
  return options.file === undefined ? stream : { ...stream, file: options.file };
}

/** The header alone, without typing anything: to find a trace's component before loading it. */
export function readTraceHeader(text: string, file?: string): TraceHeader | undefined {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0).replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (!firstLine.startsWith(HEADER_PREFIX)) return undefined;
  return parseHeader(firstLine, file);
}

/** A line that starts with a keyword of our format or `#`: read strictly (other lines may be program output). */
function isTraceLine(content: string): boolean {
  return content.startsWith('#') || KEYWORDS.has(content.split(/[\s(]/, 1)[0] ?? '');
}

const KEYWORDS = new Set(['export', 'import', 'return', 'trap', 'expect']);

/**
 * Reads a trace a line at a time, in whichever format its first trace line
 * is written: ours (the header, a comment or a keyword) or the original's (a
 * JSON event). Lines before that one are held until it comes: program output
 * there is skipped in the original's format, as the original skips it, and is
 * an error in ours. Lines that start with a NUL byte are an error in both:
 * they are where a recording was stopped while it wrote a call (see
 * util/append-file.ts), never program output.
 */
class TraceLineReader {
  private reader: TraceTextReader | SeedLineReader | undefined;
  private held: [string, number][] = [];

  constructor(
    private readonly world: World,
    private readonly file: string | undefined,
  ) {}

  get decided(): boolean {
    return this.reader !== undefined;
  }

  get header(): TraceHeader {
    return this.reader instanceof TraceTextReader ? this.reader.header : { version: TRACE_FORMAT_VERSION };
  }

  line(raw: string, number: number): ExportCall | undefined {
    const text = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.startsWith('\0')) {
      throw new ProxyComponentError('TRACE_SYNTAX', 'this line starts with a NUL byte: it is the call a recording was writing when it was stopped; delete it and the lines after it', {
        location: this.file === undefined ? { line: number, column: 1 } : { file: this.file, line: number, column: 1 },
      });
    }
    if (this.reader !== undefined) return this.reader.line(text, number);
    const content = text.trim();
    if (isSeedEventLine(content)) this.reader = new SeedLineReader(this.world, this.file);
    else if ((number === 1 && text.startsWith(HEADER_PREFIX)) || isTraceLine(content)) this.reader = new TraceTextReader(this.world, this.file);
    else {
      this.held.push([text, number]);
      return undefined;
    }
    for (const [heldText, heldNumber] of this.held) this.reader.line(heldText, heldNumber);
    this.held = [];
    return this.reader.line(text, number);
  }

  end(): void {
    if (this.reader === undefined) {
      // No trace line at all: read as ours, which says what the first line that is not blank is.
      this.reader = new TraceTextReader(this.world, this.file);
      for (const [heldText, heldNumber] of this.held) this.reader.line(heldText, heldNumber);
    }
    this.reader.end();
  }
}

function parseHeader(line: string, file: string | undefined): TraceHeader {
  const rest = line.slice(HEADER_PREFIX.length);
  const space = rest.indexOf(' ');
  const versionText = space < 0 ? rest : rest.slice(0, space);
  const at = (column: number): SourceLocation => (file === undefined ? { line: 1, column } : { file, line: 1, column });
  // Digits only: `Number` would take `0x1`, `1e0` or ` 1` for 1.
  if (!/^[1-9][0-9]{0,8}$/.test(versionText)) {
    throw new ProxyComponentError('TRACE_SYNTAX', `bad trace format version \`${abbreviate(versionText)}\`: a version is a whole number, as in \`${HEADER_PREFIX}${TRACE_FORMAT_VERSION}\``, {
      location: at(HEADER_PREFIX.length + 1),
    });
  }
  const version = Number(versionText);
  if (version > TRACE_FORMAT_VERSION) {
    throw new ProxyComponentError(
      'TRACE_SYNTAX',
      `trace format v${version} is newer than this proxy-component reads (v${TRACE_FORMAT_VERSION}): upgrade proxy-component`,
      { location: at(HEADER_PREFIX.length + 1) },
    );
  }
  let fields: Record<string, unknown> = {};
  if (space >= 0 && rest.slice(space + 1).trim() !== '') {
    const notAnObject = () =>
      new ProxyComponentError('TRACE_SYNTAX', 'the trace header fields are not a JSON object', {
        location: at(HEADER_PREFIX.length + space + 2),
      });
    let parsed: unknown;
    try {
      parsed = JSON.parse(rest.slice(space + 1));
    } catch {
      throw notAnObject();
    }
    // `null`, a string, a number or an array is JSON, but not the fields.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw notAnObject();
    fields = parsed as Record<string, unknown>;
  }
  const text = (key: string): string | undefined => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  const header: { -readonly [K in keyof TraceHeader]: TraceHeader[K] } = { version };
  for (const key of ['world', 'component', 'componentPath', 'tool'] as const) {
    const value = text(key);
    if (value !== undefined) header[key] = value;
  }
  const fuzz = fuzzOrigin(fields['fuzz']);
  if (fuzz !== undefined) header.fuzz = fuzz;
  if (fields['properties'] !== undefined) header.properties = propertySources(fields['properties'], at(HEADER_PREFIX.length + space + 2));
  const generated = generationOrigin(fields['generated']);
  if (generated !== undefined) header.generated = generated;
  const passthrough = fields['passthrough'];
  if (passthrough !== undefined) {
    if (!Array.isArray(passthrough) || !passthrough.every((name) => typeof name === 'string')) {
      throw new ProxyComponentError('TRACE_SYNTAX', 'the trace header field `passthrough` must be a list of import names', { location: at(HEADER_PREFIX.length + space + 2) });
    }
    header.passthrough = passthrough as string[];
  }
  return header;
}

/** The header's `fuzz` field, when it is well formed (it is information, never required). */
function fuzzOrigin(field: unknown): FuzzOrigin | undefined {
  if (typeof field !== 'object' || field === null) return undefined;
  const { seed, path, property } = field as Record<string, unknown>;
  if (typeof seed !== 'number' || typeof path !== 'string' || typeof property !== 'string') return undefined;
  return { seed, path, property };
}

/** The header's `properties` field: needed to replay, so a malformed one is an error. */
function propertySources(field: unknown, location: SourceLocation): Record<string, PropertySource> {
  const bad = (detail: string) =>
    new ProxyComponentError('TRACE_SYNTAX', `the trace header field \`properties\` ${detail} (like {"adds-up": {"module": "../properties.mjs"}})`, { location });
  if (typeof field !== 'object' || field === null || Array.isArray(field)) throw bad('must be an object of property sources by property name');
  const sources: Record<string, PropertySource> = {};
  for (const [name, source] of Object.entries(field as Record<string, unknown>)) {
    if (!PROPERTY_NAME.test(name)) throw bad(`names \`${abbreviate(name)}\`, which is not a property name (kebab-case)`);
    const { module, test, testName } = (typeof source === 'object' && source !== null ? source : {}) as Record<string, unknown>;
    if (typeof module === 'string' && module !== '' && test === undefined) sources[name] = { module };
    else if (typeof test === 'string' && test !== '' && module === undefined && (testName === undefined || typeof testName === 'string')) sources[name] = { test, ...(testName === undefined ? {} : { testName }) };
    else throw bad(`gives \`${name}\` neither a \`module\` path nor a \`test\` file`);
  }
  return sources;
}

/** The header's `generated` field, when it is well formed (information too). */
function generationOrigin(field: unknown): GenerationOrigin | undefined {
  if (typeof field !== 'object' || field === null) return undefined;
  const { seed, run } = field as Record<string, unknown>;
  if (typeof seed !== 'number' || typeof run !== 'number') return undefined;
  return { seed, run };
}

interface OpenExport {
  readonly name: string;
  readonly function: WorldFunction;
  readonly args: ExportCall['args'];
  readonly line: number;
  readonly imports: ImportCall[];
  readonly instanceHeader?: number;
}

class TraceTextReader {
  private readonly exports: TraceFunctionResolver;
  private readonly imports: TraceFunctionResolver;
  private open: OpenExport | undefined;
  /** The export call the last line completed. */
  private completed: ExportCall | undefined;
  header: TraceHeader = { version: TRACE_FORMAT_VERSION };
  /** Whether a trace line was read: before one, a line of program output is an error; after, it is skipped. */
  private started = false;
  /** The line of a header after the first, until the export call after it takes it. */
  private instanceHeader: number | undefined;

  constructor(
    private readonly world: World,
    private readonly file: string | undefined,
  ) {
    this.exports = traceFunctionResolver(world, 'export');
    this.imports = traceFunctionResolver(world, 'import');
  }

  /** Reads line `lineNumber` (without its newline); the export call it completes, if it does. */
  line(rawLine: string, lineNumber: number): ExportCall | undefined {
    this.completed = undefined;
    this.readLine(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine, lineNumber);
    return this.completed;
  }

  /** The input ended: no call may be left open. */
  end(): void {
    if (this.open !== undefined) {
      throw this.error(`export call \`${this.open.name}\` has no \`return\` or \`trap\` line`, this.open.line, 1);
    }
  }

  private readLine(line: string, lineNumber: number): void {
    if (lineNumber === 1 && line.startsWith(HEADER_PREFIX)) {
      this.header = parseHeader(line, this.file);
      this.started = true;
      return;
    }
    if (this.started && line.startsWith(HEADER_PREFIX)) {
      // Another recording's header: traces of separate runs joined, or a host that instantiates per request (wasmtime serve).
      this.instanceHeader = lineNumber;
      return;
    }
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (content === '') return;
    const started = this.started;
    this.started = true;
    if (content.startsWith('#')) return;
    const column = indent + 1;
    const keyword = content.split(/[\s(]/, 1)[0] ?? '';
    switch (keyword) {
      case 'export':
        return this.readExport(content, lineNumber, column);
      case 'import':
        return this.readImport(content, lineNumber, column);
      case 'return':
      case 'trap':
        return this.readExportOutcome(content, lineNumber, column);
      case 'expect':
        return this.readExpectation(content, lineNumber, column);
      default:
        // Program output captured with the trace (see the top of this file).
        if (started) return;
        throw this.error(`expected \`export\`, \`import\`, \`return\` or \`trap\`, found \`${abbreviate(keyword === '' ? (content.split(/\s/, 1)[0] ?? '') : keyword)}\``, lineNumber, column);
    }
  }

  private readExport(content: string, line: number, column: number): void {
    if (this.open !== undefined) {
      throw this.error(`export call \`${this.open.name}\` (line ${this.open.line}) has no \`return\` or \`trap\` before the next export`, line, column);
    }
    const callText = content.slice('export '.length);
    const callColumn = column + 'export '.length;
    const { call, rest } = this.parseCall(callText, this.exports, 'export', line, callColumn);
    if (rest.trim() !== '') throw this.error('unexpected text after the export call', line, callColumn + callText.length - rest.length);
    this.open = { name: call.name, function: call.worldFunction, args: call.args, line, imports: [], ...(this.instanceHeader === undefined ? {} : { instanceHeader: this.instanceHeader }) };
    this.instanceHeader = undefined;
  }

  private readImport(content: string, line: number, column: number): void {
    const open = this.open;
    if (open === undefined) throw this.error('import call outside an export call', line, column);
    const callText = content.slice('import '.length);
    const callColumn = column + 'import '.length;
    const { call, rest } = this.parseCall(callText, this.imports, 'import', line, callColumn);
    const restColumn = callColumn + callText.length - rest.length;
    const outcome = this.readImportOutcome(rest, call.worldFunction, line, restColumn);
    open.imports.push({ name: call.name, function: call.worldFunction, args: call.args, outcome, line });
  }

  private readImportOutcome(rest: string, func: WorldFunction, line: number, column: number): CallOutcome {
    const trimmed = rest.trimStart();
    const at = column + rest.length - trimmed.length;
    const resultType = func.function.result;
    if (trimmed === '') {
      if (resultType !== undefined) throw this.error(`missing \` -> <value>\`: the import returns a value`, line, at);
      return { kind: 'return' };
    }
    if (trimmed.startsWith('->')) {
      if (resultType === undefined) throw this.error('the import returns nothing, but the line has ` -> <value>`', line, at);
      const valueText = trimmed.slice(2);
      return { kind: 'return', value: parseValue(valueText, resultType, this.origin(line, at + 2)) };
    }
    if (trimmed.startsWith('trap')) return this.readTrap(trimmed, line, at);
    throw this.error('expected ` -> <value>` or ` trap "<message>"` after the import call', line, at);
  }

  private readExportOutcome(content: string, line: number, column: number): void {
    const open = this.open;
    if (open === undefined) throw this.error(`\`${content.split(' ', 1)[0]}\` outside an export call`, line, column);
    let outcome: CallOutcome;
    if (content.startsWith('trap')) {
      outcome = this.readTrap(content, line, column);
    } else {
      const valueText = content.slice('return'.length);
      const resultType = open.function.function.result;
      if (valueText.trim() === '') {
        if (resultType !== undefined) throw this.error(`missing the value after \`return\`: \`${open.name}\` returns a value`, line, column);
        outcome = { kind: 'return' };
      } else {
        if (resultType === undefined) throw this.error(`\`${open.name}\` returns nothing, but \`return\` has a value`, line, column + 'return '.length);
        outcome = { kind: 'return', value: parseValue(valueText, resultType, this.origin(line, column + 'return'.length)) };
      }
    }
    this.completed = { ...open, outcome, outcomeLine: line };
    this.open = undefined;
  }

  /** `expect <property>...`: closes the export call with a property expectation (see write.ts). */
  private readExpectation(content: string, line: number, column: number): void {
    const open = this.open;
    if (open === undefined) throw this.error('`expect` outside an export call', line, column);
    const properties: string[] = [];
    const pattern = /\S+/g;
    const rest = content.slice('expect'.length);
    for (let match = pattern.exec(rest); match !== null; match = pattern.exec(rest)) {
      const name = match[0];
      const at = column + 'expect'.length + [...rest.slice(0, match.index)].length;
      if (!PROPERTY_NAME.test(name)) throw this.error(`\`${abbreviate(name)}\` is not a property name (kebab-case, like \`no-trap\`)`, line, at);
      if (!properties.includes(name)) properties.push(name);
    }
    if (properties.length === 0) throw this.error('`expect` needs at least one property, like `expect no-trap`', line, column);
    this.completed = { ...open, outcome: { kind: 'return' }, outcomeLine: line, expect: properties };
    this.open = undefined;
  }

  private readTrap(text: string, line: number, column: number): CallOutcome {
    const message = parseValue(text.slice('trap'.length), primitive.string, this.origin(line, column + 'trap'.length));
    return { kind: 'trap', message: message as string };
  }

  private parseCall(text: string, resolve: TraceFunctionResolver, direction: 'import' | 'export', line: number, column: number) {
    let resolved: WorldFunction | undefined;
    const { call, end } = parseCallPrefix(
      text,
      (name) => {
        resolved = resolve(name);
        return resolved === undefined ? undefined : { params: resolved.function.params };
      },
      this.origin(line, column),
      direction === 'export' ? 'the component does not export' : 'the component does not import',
      () => callNames(this.world, direction),
    );
    return { call: { name: call.name, args: call.args, worldFunction: resolved as WorldFunction }, rest: text.slice(end) };
  }

  private origin(line: number, column: number) {
    return this.file === undefined ? { line, column } : { file: this.file, line, column };
  }

  private error(detail: string, line: number, column: number): ProxyComponentError {
    return new ProxyComponentError('TRACE_SYNTAX', detail, { location: this.origin(line, column) });
  }
}
