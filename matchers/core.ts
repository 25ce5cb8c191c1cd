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
import { sharedReplayWorker } from '../src/engines/jco/worker/replay-worker.js';
import { describeIoError } from '../src/util/io-error.js';
import { toAgreeAcrossEngines, type EngineNames } from './engines.js';
import { propertyMatchers } from './property.js';

/** Replay settings that may come with the component. */
export interface ReplaySettings {
  /** Longest an export call may run, in milliseconds (default 10 000; 0: no limit). */
  readonly timeoutMs?: number;
  /** Interfaces whose imports go to the real host instead of the trace. */
  readonly passthrough?: readonly string[];
  /** Module exporting the real host (jco imports) for pass-through interfaces. */
  readonly hostModule?: string;
}

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

/** For `expect.extend`. */
export const proxyMatchers = { toReplayTrace, toReplayTraces, toAgreeAcrossEngines, ...propertyMatchers };

export interface ProxyMatchers {
  /** Replays the trace (a file path, or trace text) against the component received; async: `await` it. */
  toReplayTrace(trace: string): Promise<void>;
  /** Replays trace files and every `.trace` file in the folders given; async: `await` it. */
  toReplayTraces(traces: string | readonly string[]): Promise<void>;
  /** Runs `{ component, trace }`, `{ component, calls }` or `{ component, fuzz, seed? }` on each engine; passes when all agree; async: `await` it. */
  toAgreeAcrossEngines(engines?: EngineNames): Promise<void>;
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
  const report = await sharedReplayWorker().replay(resolve(target.component), isText ? { text: trace } : { path: trace }, isText ? undefined : name, {
    ...(target.timeoutMs === undefined ? {} : { timeoutMs: target.timeoutMs }),
    ...(target.passthrough === undefined ? {} : { passthrough: target.passthrough }),
    ...(target.hostModule === undefined ? {} : { hostModule: resolve(target.hostModule) }),
  });
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
