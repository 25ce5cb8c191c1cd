/**
 * What a `.trace` file becomes as tests: one test per export call, named after
 * the call as written, or, when the trace cannot be read (syntax, a call its
 * component lacks, no component to be found), the error with its location.
 *
 * Planning reads the trace against the world decoded from the component's
 * binary (cheap: no transpiling), so a malformed trace fails at collection with
 * its line and column, and test names are known before anything runs.
 */
import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { isProxyComponentError } from '../errors.js';
import { findComponent, findComponentSync } from '../session/find-component.js';
import { describeHandleArgs } from '../trace/handles.js';
import { readTrace, readTraceHeader } from '../trace/read.js';
import type { ExportCall, TraceHeader } from '../trace/model.js';
import { readTraceFile, readTraceFileSync, requireCalls } from '../trace/trace-file.js';
import { readComponentFile, readComponentFileSync } from '../util/component-file.js';
import { printCallPositional } from '../wave/index.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import type { World } from '../wit/world.js';
import { callNameOf } from '../wit/lookup.js';
import type { SourcePosition } from './source-map.js';
import { uniqueTestNames } from './test-names.js';

export interface PlannedCall {
  readonly name: string;
  /** Where the export call is written. */
  readonly line: number;
  readonly column: number;
}

/** Why a trace cannot be replayed, as plain data (it crosses into generated code as JSON). */
export interface PlanError {
  readonly name: string;
  readonly code?: string;
  /** The full message, location included. */
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

interface PlanBase {
  /** Absolute path of the trace. */
  readonly file: string;
  /** The trace as messages name it: relative to the project root. */
  readonly displayFile: string;
  readonly text: string;
}

/** A saved failure of inline properties: the test that defines them replays it (matchers/property-corpus.ts), not its own tests. */
export interface ReplayedBy {
  /** The test file, relative to the project root. */
  readonly test: string;
  readonly testName?: string;
}

export interface CallsPlan extends PlanBase {
  readonly kind: 'calls';
  readonly component: string;
  readonly calls: readonly PlannedCall[];
  readonly replayedBy?: ReplayedBy;
  /** The lines that hold something (where a divergence can be). */
  readonly lines: readonly SourcePosition[];
}

export interface UnreadablePlan extends PlanBase {
  readonly kind: 'unreadable';
  readonly error: PlanError;
  readonly component?: string;
}

export type TracePlan = CallsPlan | UnreadablePlan;

export interface PlanOptions {
  /** Project root, for display paths. */
  readonly root: string;
  /** The component when the trace's header and folder name none. */
  readonly component?: string;
}

export async function planTrace(file: string, options: PlanOptions): Promise<TracePlan> {
  const { absolute, displayFile } = tracePaths(file, options);
  let text = '';
  let component: string | undefined;
  try {
    text = await readTraceFile(absolute, displayFile);
    component = await findComponent(absolute, readTraceHeader(text, displayFile), fallbackComponent(options));
    const found = component;
    const info = await stat(found).catch(() => undefined);
    const world = cachedWorld(found, info) ?? remember(found, info, await readComponentFile(found, { name: displayComponent(options, found) }));
    return planCalls(absolute, displayFile, text, component, world, options.root);
  } catch (error) {
    return unreadable(absolute, displayFile, text, component, error);
  }
}

/** The same plan, read synchronously (Jest's transformers must answer synchronously). */
export function planTraceSync(file: string, options: PlanOptions): TracePlan {
  const { absolute, displayFile } = tracePaths(file, options);
  let text = '';
  let component: string | undefined;
  try {
    text = readTraceFileSync(absolute, displayFile);
    component = findComponentSync(absolute, readTraceHeader(text, displayFile), fallbackComponent(options));
    const info = statOrUndefined(component);
    const world = cachedWorld(component, info) ?? remember(component, info, readComponentFileSync(component, { name: displayComponent(options, component) }));
    return planCalls(absolute, displayFile, text, component, world, options.root);
  } catch (error) {
    return unreadable(absolute, displayFile, text, component, error);
  }
}

function tracePaths(file: string, options: PlanOptions): { absolute: string; displayFile: string } {
  const absolute = resolve(options.root, file);
  return { absolute, displayFile: relative(options.root, absolute) || absolute };
}

function fallbackComponent(options: PlanOptions): string | undefined {
  return options.component === undefined ? undefined : resolve(options.root, options.component);
}

function displayComponent(options: PlanOptions, component: string): string {
  return relative(options.root, component) || component;
}

/** Worlds decoded from components, by path, kept while the file stays the same: a corpus of traces shares one. */
const worlds = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly world: World }>();

interface FileInfo {
  readonly size: number;
  readonly mtimeMs: number;
  isFile(): boolean;
}

/** The file's size and time, when it can be stat'ed; reading it says why it cannot be read. */
function statOrUndefined(path: string): FileInfo | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function cachedWorld(path: string, info: FileInfo | undefined): World | undefined {
  const known = info === undefined ? undefined : worlds.get(path);
  return known !== undefined && info !== undefined && known.size === info.size && known.mtimeMs === info.mtimeMs ? known.world : undefined;
}

/** Decodes the component's world; kept only for a regular file (a FIFO or a file that could not be stat'ed is read each time). */
function remember(path: string, info: FileInfo | undefined, bytes: Uint8Array): World {
  const world = decodeComponentWorld(new Uint8Array(bytes));
  if (info?.isFile() === true) worlds.set(path, { size: info.size, mtimeMs: info.mtimeMs, world });
  return world;
}

function planCalls(absolute: string, displayFile: string, text: string, component: string, world: World, root: string): CallsPlan {
  const trace = requireCalls(readTrace(text, world, { file: displayFile }), text, displayFile);
  const replayedBy = inlineSource(trace.header, absolute, root);
  const sourceLines = text.split('\n');
  const calls = trace.calls.map((call) => ({ call, line: call.line ?? 1, column: indentColumn(sourceLines[(call.line ?? 1) - 1]) }));
  const names = uniqueTestNames(calls.map(({ call }) => callText(call, sourceLines)));
  return {
    kind: 'calls',
    file: absolute,
    displayFile,
    text,
    component,
    calls: calls.map(({ line, column }, index) => ({ name: names[index] as string, line, column })),
    ...(replayedBy === undefined ? {} : { replayedBy }),
    lines: sourceLines.flatMap((line, index) => (line.trim() === '' ? [] : [{ line: index + 1, column: indentColumn(line) }])),
  };
}

/** The test that defines the trace's inline properties, if it has any. */
function inlineSource(header: TraceHeader, traceFile: string, root: string): ReplayedBy | undefined {
  for (const source of Object.values(header.properties ?? {})) {
    if (!('test' in source)) continue;
    const test = resolve(dirname(traceFile), source.test);
    return { test: relative(root, test) || test, ...(source.testName === undefined ? {} : { testName: source.testName }) };
  }
  return undefined;
}

function unreadable(absolute: string, displayFile: string, text: string, component: string | undefined, error: unknown): UnreadablePlan {
  return { kind: 'unreadable', file: absolute, displayFile, text, error: planError(error), ...(component === undefined ? {} : { component }) };
}

/**
 * The call as written on its `export` line (for the seed (JSONL) format, as
 * WAVE), then what the trace tells of the handles it was given, so that two
 * HTTP requests `handle(#1, #2)` and `handle(#17, #18)` read as their method
 * and path: `... where #1 {method: post, path-with-query: some("/a")}`.
 */
function callText(call: ExportCall, sourceLines: readonly string[]): string {
  const written = call.line === undefined ? undefined : sourceLines[call.line - 1]?.trim();
  const text =
    written !== undefined && written.startsWith('export ')
      ? written.slice('export '.length).trim()
      : printCallPositional(callNameOf(call.function), call.function.function.params, call.args);
  const handles = describeHandleArgs(call);
  return handles.length === 0 ? text : `${text} where ${handles.join(', ')}`;
}

/** The column of a trace line's first character (1 when it is not indented). */
export function indentColumn(line: string | undefined): number {
  return line === undefined ? 1 : line.length - line.trimStart().length + 1;
}

function planError(error: unknown): PlanError {
  if (isProxyComponentError(error)) {
    const location = error.location ?? { line: 1, column: 1 };
    return { name: error.name, code: error.code, message: error.message, line: location.line, column: location.column };
  }
  return { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error), line: 1, column: 1 };
}
