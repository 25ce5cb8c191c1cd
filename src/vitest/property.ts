/**
 * `proxy-component/vitest/property`: property tests of a component with
 * `@fast-check/vitest`. `componentTest(path)` reads the component's world and
 * gives arbitraries of its WIT types, and a `prop` that works like
 * `test.prop` from @fast-check/vitest, with one more argument for the test
 * body: a fresh instance of the component (a ComponentRun) whose imports are
 * answered with generated results. Those answers are part of the generated
 * input: fast-check shrinks them with the rest, and a failure prints the
 * calls the body made as WAVE, with the answers the imports got.
 *
 * ```ts
 * import { expect } from 'vitest';
 * import { fc } from '@fast-check/vitest';
 * import { componentTest } from 'proxy-component/vitest/property';
 *
 * const app = componentTest('build/app.wasm');
 *
 * // run(x) = double(x) + 1, whatever the imported `double` answers.
 * app.prop({ x: app.arg('run', 'x') })('run adds one to double', async ({ x }, component) => {
 *   const result = await component.call('run', x);
 *   const [double] = component.calls[0]!.imports;
 *   expect(result).toBe((double!.outcome as { value: number }).value + 1);
 * });
 *
 * // Model-based: sequences of export calls, none may trap.
 * app.prop([app.calls({ maxCalls: 6 })])('never traps', async (calls, component) => {
 *   for (const record of await component.run(calls)) expect(record.result.kind).toBe('return');
 * });
 * ```
 *
 * Seeds and paths are @fast-check/vitest's: the test name shows the seed, a
 * failure shows `{ seed, path, endOnFailure: true }`, which replays it when
 * passed as `prop`'s second argument; `fc.configureGlobal({ seed })` pins
 * every test, and so does the environment variable `PROXY_COMPONENT_SEED`
 * for every prop given no seed. A failure also leaves its seed, path and counterexample in the
 * test's meta, which proxy-component/reporter prints.
 *
 * Calls run in the test's thread, without a time limit (a component that
 * never returns hangs the test): the fuzz matchers (`toNeverTrap`,
 * `toSatisfyProperties`) run calls in a watched worker instead.
 */
import { fc, test as fcTest } from '@fast-check/vitest';
import { TestRunner } from 'vitest';
import type { FuzzCounterexample } from '../../matchers/property-report.js';
import { isProxyComponentError, ProxyComponentError } from '../errors.js';
import { valueArbitrary, type ValueArbitraryOptions } from '../fuzz/arbitrary.js';
import { answerTapes, fuzzableExports, fuzzValues } from '../fuzz/plan.js';
import { environmentSeed } from '../fuzz/seed.js';
import { cachedCallName } from '../host/fuzz-host.js';
import type { ExportTypes, UntypedExports } from '../values/component-types.js';
import type { Value } from '../values/value.js';
import type { WorldFunction } from '../wit/world.js';
import { ComponentRun, ComponentSource } from './property-run.js';

export { ComponentRun, ComponentTrap } from './property-run.js';
export type { ImportAnswers } from './property-run.js';
export type { ExportType, ExportTypes, UntypedExports } from '../values/component-types.js';
// Re-exported (not `import type {}`, which declaration output drops) so the entry's types carry the TaskMeta merge.
export type { ProvidedShard } from './property-types.js';
export { fc };

export interface ComponentTestOptions {
  /** Sizes and edges of generated arguments and answers. */
  readonly values?: Omit<ValueArbitraryOptions, 'handle'>;
  /** Most answers generated per import function (they cycle when a run asks for more). Default 4. */
  readonly maxAnswers?: number;
}

/** One export call of a generated sequence: the export's WAVE name and its arguments. */
export interface PlannedExportCall {
  readonly name: string;
  readonly args: readonly Value[];
}

/**
 * The exports' types of components, by the path tests give `componentTest`: empty here, filled
 * by the declaration files `proxy-component generate types` writes (module augmentation):
 * `declare module 'proxy-component/vitest/property' { interface ComponentTypes { 'build/app.wasm': {...} } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ComponentTypes {}

/** The exports of the component at `P`: its generated types when declared, else `Value`s. */
export type ComponentExports<P extends string> = P extends keyof ComponentTypes ? (ComponentTypes[P] extends ExportTypes ? ComponentTypes[P] : UntypedExports) : UntypedExports;

/** A test body: the generated values, then the component instance. */
type TupleBody<Ts extends unknown[], T extends ExportTypes> = (...args: [...Ts, ComponentRun<T>]) => unknown;
type RecordBody<Ts, T extends ExportTypes> = (values: Ts, component: ComponentRun<T>) => unknown;
type Declare<Body> = (name: string, body: Body, timeout?: number) => void;

/**
 * Property tests of one component. `T` is its exports' types: generated ones
 * (`proxy-component generate types`, registered under the path given to
 * `componentTest`) type the arbitraries and calls, so `arg('add', 'a')` is an
 * `fc.Arbitrary<number>`; without them, `Value`s.
 */
export interface ComponentTest<T extends ExportTypes = UntypedExports> {
  /** The component, as given. */
  readonly component: string;
  /** The arguments of an export (its WAVE name), as one list; handles are picks among the live ones, resolved when called. */
  args<E extends keyof T & string>(exportName: E): fc.Arbitrary<T[E]['args']>;
  /** One argument of an export, by parameter name. */
  arg<E extends keyof T & string, P extends keyof T[E]['params'] & string>(exportName: E, param: P): fc.Arbitrary<T[E]['params'][P]>;
  /** Sequences of export calls (all exports whose types are supported, or `exports`), for model-based tests; make them with `component.run`. */
  calls(options?: { readonly exports?: readonly (keyof T & string)[]; readonly maxCalls?: number }): fc.Arbitrary<PlannedExportCall[]>;
  /** A fresh instance with generated import answers, for `test.prop` of @fast-check/vitest itself. */
  instance(): fc.Arbitrary<ComponentRun<T>>;
  /**
   * `test.prop` with the component: the body gets the generated values (as
   * @fast-check/vitest passes them: spread for a tuple, one object for a
   * record), then a fresh instance whose imports answer with generated values.
   * `params` are fast-check's (`seed`, `path`, `numRuns`, `endOnFailure`...).
   */
  prop<Ts extends unknown[]>(arbitraries: [...{ [K in keyof Ts]: fc.Arbitrary<Ts[K]> }], params?: fc.Parameters<unknown[]>): Declare<TupleBody<Ts, T>>;
  prop<Ts extends Record<string, unknown>>(arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }, params?: fc.Parameters<unknown[]>): Declare<RecordBody<Ts, T>>;
}

/**
 * Property tests of the component at `componentPath` (read now: arbitraries need its types while
 * tests are collected). Typed by the declarations `generate types` wrote for that path, if any.
 */
export function componentTest<P extends string>(componentPath: P, options: ComponentTestOptions = {}): ComponentTest<ComponentExports<P>> {
  return untypedComponentTest(componentPath, options) as unknown as ComponentTest<ComponentExports<P>>;
}

function untypedComponentTest(componentPath: string, options: ComponentTestOptions): ComponentTest {
  const source = new ComponentSource(componentPath);
  // Handles are picks among the live ones, resolved when the call is made (as fuzz runs pick them).
  const values = fuzzValues(options.values ?? {});
  const maxAnswers = options.maxAnswers ?? 4;
  if (!Number.isSafeInteger(maxAnswers) || maxAnswers < 1) throw new ProxyComponentError('USAGE', `componentTest: \`maxAnswers\` must be a positive integer, got ${String(maxAnswers)}`);
  const exportNamed = (name: string) => source.exportNamed(source.world, name);
  const argsOf = (fn: WorldFunction) => fc.tuple(...fn.function.params.map((param) => valueArbitrary(param.type, values))) as fc.Arbitrary<Value[]>;
  // Import answers shrink as fuzz runs' do (src/fuzz/answer-tape.ts), cycling past `maxAnswers`.
  const instance = answerTapes(source.world, options.values ?? {}, { maxAnswers }).map((tape) => new ComponentRun(source, tape));

  const prop = (arbitraries: readonly fc.Arbitrary<unknown>[] | Record<string, fc.Arbitrary<unknown>>, params: fc.Parameters<unknown[]> = {}) => {
    const isTuple = Array.isArray(arbitraries);
    const generated: fc.Arbitrary<unknown>[] = isTuple ? [...arbitraries] : [fc.record(arbitraries as Record<string, fc.Arbitrary<unknown>>)];
    // PROXY_COMPONENT_SEED fixes the seed of a prop given none (CI).
    const fixed = environmentSeed();
    const seeded = params.seed === undefined && fixed !== undefined ? { ...params, seed: fixed } : params;
    const withReporter = seeded.reporter !== undefined || seeded.asyncReporter !== undefined ? seeded : { ...seeded, asyncReporter: failureReporter(componentPath) };
    return (name: string, body: (...args: unknown[]) => unknown, timeout?: number) => {
      const all: fc.Arbitrary<unknown>[] = [...generated, instance];
      fcTest.prop<unknown[]>(all, withReporter)(name, (...args: unknown[]) => body(...args) as void, timeout);
    };
  };

  return {
    component: componentPath,
    args: (exportName) => argsOf(exportNamed(exportName)),
    arg(exportName, param) {
      const fn = exportNamed(exportName);
      const found = fn.function.params.find((candidate) => candidate.name === param);
      if (found === undefined) throw new ProxyComponentError('USAGE', `\`${cachedCallName(fn)}\` has no parameter \`${param}\` (its parameters: ${fn.function.params.map((p) => p.name).join(', ') || 'none'})`);
      return valueArbitrary(found.type, values);
    },
    calls(callOptions = {}) {
      const functions = callOptions.exports === undefined ? fuzzableExports(source.world).functions : callOptions.exports.map(exportNamed);
      if (functions.length === 0) throw new ProxyComponentError('USAGE', `${componentPath} has no export whose types are supported`);
      const one = functions.map((fn) => argsOf(fn).map((args): PlannedExportCall => ({ name: cachedCallName(fn), args })));
      return fc.array(one.length === 1 ? (one[0] as fc.Arbitrary<PlannedExportCall>) : fc.oneof(...one), { minLength: 1, maxLength: callOptions.maxCalls ?? 8 });
    },
    instance: () => instance,
    prop: prop as ComponentTest['prop'],
  };
}

/**
 * fast-check's own failure (same message, the test's error as its cause),
 * after leaving the seed, path and counterexample in the running test's meta.
 */
function failureReporter(component: string): (details: fc.RunDetails<unknown[]>) => Promise<void> {
  return async (details) => {
    if (!details.failed) return;
    // A component that cannot start fails the test as what it is, not as a counterexample.
    const thrown = details.errorInstance;
    if (isProxyComponentError(thrown) && thrown.code === 'COMPONENT_START') throw thrown;
    const test = TestRunner.getCurrentTest();
    const counterexample = details.counterexample;
    const run = counterexample?.[counterexample.length - 1];
    if (test !== undefined && counterexample !== null && run instanceof ComponentRun) {
      const others = counterexample.slice(0, -1);
      const name = test.name.replace(/ \(with seed=-?\d+\)$/, '');
      test.meta.proxyCounterexample = propFailure(component, name, details, run, others.length === 0 ? undefined : fc.stringify(others.length === 1 ? others[0] : others));
    }
    const message = await fc.asyncDefaultReportMessage(details);
    const error = details.runConfiguration.includeErrorInReport === true ? new Error(message) : new Error(message, { cause: details.errorInstance });
    // No frames of this reporter: the test's own line is in the cause.
    error.stack = `Error: ${message}`;
    throw error;
  };
}

function propFailure(component: string, name: string, details: fc.RunDetails<unknown[]>, run: ComponentRun, values: string | undefined): FuzzCounterexample {
  const error = details.errorInstance;
  return {
    kind: 'prop',
    component,
    property: name,
    reason: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '',
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    runs: details.numRuns,
    shrinks: details.numShrinks,
    calls: run.traceLines(),
    callCount: run.calls.length,
    ...(values === undefined ? {} : { values }),
  };
}
