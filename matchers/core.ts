/**
 * The matchers' core, shared by Vitest (`proxy-component/matchers`) and Jest
 * (`proxy-component/jest/matchers`, which runs it in a worker thread outside
 * Jest's module sandbox): replaying traces against a component and saying
 * why they diverge. Nothing here knows which test framework calls it.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ProxyComponentError } from '../src/errors.js';
import type { Divergence } from '../src/divergence/divergence.js';
import { renderDivergence } from '../src/divergence/render.js';
import { sharedReplayWorker, type WorkerReplayOptions } from '../src/engines/jco/worker/replay-worker.js';
import { describeIoError } from '../src/util/io-error.js';
import { toAgreeAcrossEngines, type EngineNames } from './engines.js';
import { propertyMatchers } from './property.js';
import type { RecordingBody } from './recording.js';

/** Replay settings that may come with the component: the replay worker's own. */
export type ReplaySettings = WorkerReplayOptions;

/** What the matchers take as `expect(received)`: a component path, or the component with replay settings. */
export type ReplayTarget = string | (ReplaySettings & { readonly component: string });

/** The part of a matcher context used here (the same in Vitest 4.1 and 5, and in Jest). */
export interface MatcherContext {
  readonly isNot: boolean;
  readonly utils: { printReceived(value: unknown): string; printExpected(value: unknown): string };
}

export interface MatcherOutcome {
  readonly pass: boolean;
  readonly message: () => string;
}

/** Replays one trace (a file path, or the trace text itself: anything with a line break) against the component. */
export async function toReplayTrace(this: MatcherContext, received: unknown, trace: string): Promise<MatcherOutcome> {
  const target = replayTarget(received, 'toReplayTrace');
  const result = await replayOne(target, trace);
  const component = this.utils.printReceived(target.component);
  const name = this.utils.printExpected(result.name);
  return {
    pass: result.divergence === undefined,
    message: () =>
      result.divergence === undefined
        ? `expected ${component} not to replay ${name}, but all ${result.total} export calls matched`
        : `expected ${component} to replay ${name}, but it diverged after ${result.matched} of ${result.total} export calls:\n\n${renderDivergence(result.divergence, { color: false })}`,
  };
}

/** Replays every trace listed: files, and folders (every `.trace` file in them, recursively). */
export async function toReplayTraces(this: MatcherContext, received: unknown, traces: string | readonly string[]): Promise<MatcherOutcome> {
  const target = replayTarget(received, 'toReplayTraces');
  const files = await traceFiles(typeof traces === 'string' ? [traces] : traces);
  const results = [];
  for (const file of files) results.push(await replayOne(target, file));
  const diverged = results.filter((result) => result.divergence !== undefined);
  const component = this.utils.printReceived(target.component);
  return {
    pass: diverged.length === 0,
    message: () =>
      diverged.length === 0
        ? `expected ${component} not to replay all of ${files.length} traces, but every one matched`
        : `expected ${component} to replay all of ${files.length} traces, but ${diverged.length} diverged:\n\n${diverged
            .map((result) => renderDivergence(result.divergence as Divergence, { color: false }))
            .join('\n\n')}`,
  };
}

/** The matchers every framework shares as they are (toMatchRecording needs each framework's state: see recording.ts). */
export const sharedMatchers = { toReplayTrace, toReplayTraces, toAgreeAcrossEngines, ...propertyMatchers };

export interface ProxyMatchers {
  /** Replays the trace (a file path, or trace text) against the component received; async: `await` it. */
  toReplayTrace(trace: string): Promise<void>;
  /** Replays trace files and every `.trace` file in the folders given; async: `await` it. */
  toReplayTraces(traces: string | readonly string[]): Promise<void>;
  /** Runs `{ component, trace }`, `{ component, calls }` or `{ component, fuzz, seed? }` on each engine; passes when all agree; async: `await` it. */
  toAgreeAcrossEngines(engines?: EngineNames): Promise<void>;
  /**
   * Runs the body's export calls on the component (a path, or `{ component, hostModule, ... }`): recorded with
   * the real host into `__traces__/<test file>/<name>.trace` the first time (or under `-u`), replayed against
   * that recording after; async: `await` it.
   */
  toMatchRecording(name: string, body: RecordingBody): Promise<void>;
}

interface SettledReplay {
  readonly name: string;
  readonly matched: number;
  readonly total: number;
  readonly divergence?: Divergence;
}

function replayTarget(received: unknown, matcher: string): Exclude<ReplayTarget, string> {
  if (typeof received === 'string') return { component: received };
  if (typeof received === 'object' && received !== null && typeof (received as { component?: unknown }).component === 'string') {
    return received as Exclude<ReplayTarget, string>;
  }
  throw new ProxyComponentError('USAGE', `${matcher} expects a component path or { component } as the received value, got ${describe(received)}`);
}

async function replayOne(target: Exclude<ReplayTarget, string>, trace: string): Promise<SettledReplay> {
  const isText = trace.includes('\n');
  const name = isText ? 'trace text' : relative(process.cwd(), resolve(trace)) || trace;
  const { component, ...settings } = target;
  // A trace file streams in the worker, a call at a time.
  const report = await sharedReplayWorker().replay(resolve(component), isText ? { text: trace } : { path: trace }, isText ? undefined : name, settings);
  return { name, ...report };
}

async function traceFiles(entries: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of entries) {
    const info = await stat(entry).catch((cause: unknown) => {
      throw new ProxyComponentError('IO', `cannot read ${entry}: ${describeIoError(cause)}`, { cause });
    });
    if (info.isDirectory()) files.push(...(await tracesIn(entry)));
    else files.push(entry);
  }
  if (files.length === 0) throw new ProxyComponentError('USAGE', `no .trace files in ${entries.join(', ') || 'the empty list'}`);
  return files;
}

async function tracesIn(folder: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') found.push(...(await tracesIn(path)));
    else if (entry.isFile() && entry.name.endsWith('.trace')) found.push(path);
  }
  return found;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without a string `component`' : `a ${typeof value}`;
}
