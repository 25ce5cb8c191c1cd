/**
 * `proxy-component/jest/matchers`: `toReplayTrace` and `toReplayTraces` for
 * Jest, the same matchers (one core, matchers/core.ts) as for Vitest.
 *
 * ```ts
 * await expect('build/app.wasm').toReplayTrace('traces/run.trace');
 * await expect({ component: 'build/app.wasm', timeoutMs: 2000 }).toReplayTraces('traces');
 * await expect({ component: 'build/app.wasm', trace: 'traces/run.trace' }).toAgreeAcrossEngines(['jco', 'node']);
 * ```
 *
 * Register them with `setupFilesAfterEnv: ['proxy-component/jest/matchers/setup']`
 * (or `expect.extend(jestMatchers)`). They are async: always `await` them.
 * Types: one `import type {} from 'proxy-component/jest/matchers'` (or
 * `"types": ["proxy-component/jest/matchers"]`) types them on `expect` from
 * `@jest/globals` and on the `@types/jest` globals alike.
 *
 * The core runs in the bridge thread (see bridge.cts); the message comes back
 * with its printed values marked, and is printed here with Jest's own utils.
 */
import type { JestMatcherContext, JestMatcherResult, MatchAnswer, MatcherName, RecordedComponent } from '../protocol.js';
import bridge = require('./bridge.cjs');
// toSatisfyProperties and toNeverTrap, and their types (augmenting `expect` below).
import property = require('./property.cjs');
// toMatchRecording.
import recording = require('./recording.cjs');
import matcherMessage = require('./matcher-message.cjs');
import jestSeed = require('./jest-seed.cjs');
import type { ProxyJestPropertyMatchers } from './property-types.cjs';


async function toReplayTrace(this: JestMatcherContext, received: unknown, trace: string): Promise<JestMatcherResult> {
  return viaBridge(this, 'toReplayTrace', received, trace);
}

async function toReplayTraces(this: JestMatcherContext, received: unknown, traces: string | readonly string[]): Promise<JestMatcherResult> {
  return viaBridge(this, 'toReplayTraces', received, traces);
}

async function toAgreeAcrossEngines(this: JestMatcherContext, received: unknown, engines?: string | readonly string[]): Promise<JestMatcherResult> {
  // Generated calls without a seed take Jest's, so `jest --seed=N` replays them.
  return viaBridge(this, 'toAgreeAcrossEngines', jestSeed.withJestSeed(received), engines);
}


async function viaBridge(context: JestMatcherContext, matcher: MatcherName, received: unknown, argument: unknown): Promise<JestMatcherResult> {
  // Taken before the thread answers, while the test's own frames are on the stack: an error then points at the test line.
  const callSite = new Error();
  let answer: MatchAnswer;
  try {
    answer = await bridge.request<MatchAnswer>({ kind: 'match', matcher, isNot: context.isNot === true, received, argument });
  } catch (error) {
    const failure =
      error instanceof Error && error.name === 'DataCloneError'
        ? new Error(`${matcher} takes a component path or plain { component, ...settings } data as the received value and paths as arguments; got something that cannot be copied (a function?)`)
        : error;
    if (failure instanceof Error) failure.stack = `${failure.name}: ${failure.message}\n${matcherMessage.framesOf(callSite)}`;
    throw failure;
  }
  const message = matcherMessage.printTokens(answer.message, context.utils);
  // Extra result fields reach reporters: Jest copies the result into the failure's `matcherResult`.
  if (answer.proxyDifferential !== undefined) return { pass: answer.pass, message: () => message, proxyDifferential: answer.proxyDifferential };
  return { pass: answer.pass, message: () => message };
}

// `@jest/globals` (`expect` from the `expect` package) and `@types/jest` (the global `jest` namespace).
// Type parameters as each declares them: every declaration of an interface must repeat them exactly.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends ProxyJestMatchers<R> {}
}

declare global {
  namespace jest {
    interface Matchers<R, T = {}> extends ProxyJestMatchers<R> {}
  }
}

/** The matchers as `expect(…)` has them: both async. */
interface ProxyJestMatchers<R> {
  /** Replays the trace (a file path, or trace text) against the component received; async: `await` it. */
  toReplayTrace(trace: string): Promise<R>;
  /** Replays trace files and every `.trace` file in the folders given; async: `await` it. */
  toReplayTraces(traces: string | readonly string[]): Promise<R>;
  /**
   * Runs `{ component, trace }`, `{ component, calls: ['add(1, 2)'] }` or generated calls, `{ component, fuzz: 30, seed? }`,
   * on each engine (default: the installed ones of jco, node, bun, deno, gjs, jsc, wasmtime); passes when all agree; a failure
   * on generated calls names the seed that replays them; async: `await` it.
   */
  toAgreeAcrossEngines(engines?: string | readonly string[]): Promise<R>;
  /**
   * Runs the body's export calls on the component (`expect({ component, hostModule })`): recorded with the
   * real host into `__traces__/<test file>/<name>.trace` the first time (or under `-u`), replayed against that
   * recording after; async: `await` it.
   */
  toMatchRecording(name: string, body: (component: RecordedComponent) => unknown): Promise<R>;
}

// The property matchers (property.cts), typed the same way.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends ProxyJestPropertyMatchers<R> {}
}

declare global {
  namespace jest {
    interface Matchers<R, T = {}> extends ProxyJestPropertyMatchers<R> {}
  }
}

export = {
  /** For `expect.extend`. */
  jestMatchers: { toReplayTrace, toReplayTraces, toAgreeAcrossEngines, ...property.propertyMatchers, ...recording.recordingMatchers },
  /** Stops the thread the matchers replay in; tests need not call it (it never keeps a process alive). */
  closeMatchers: bridge.closeBridge,
};
