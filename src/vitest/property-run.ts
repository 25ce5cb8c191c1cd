/**
 * A live component for property tests (`componentTest(...).prop`, see
 * property.ts): a fresh instance whose exports the test calls with `Value`
 * arguments, and whose imports are answered from generated answers, handed
 * out per import function in order (cycling when a list runs out, as a saved
 * fuzz failure replays them). Every call is written down with its import
 * calls and their answers, so a failing run prints as the WAVE calls of a
 * trace.
 *
 * The instance is a fuzzing instance (src/fuzz/instance.ts): handles in
 * arguments are picks among the live ones, resolved when the call is made (a
 * call in `run` whose handle nothing has made yet is left out), and a
 * component that cannot start rejects with COMPONENT_START, for this run and
 * every later one (the test fails as that, not as a counterexample).
 *
 * It is fast-check's value: cloned for each run (a fresh instance with the
 * same answers), printed in counterexamples through `fc.toStringMethod`.
 * Calls run in the test's thread, without a time limit: a component that
 * loops for ever hangs the test (the fuzz matchers have time limits).
 */
import { basename, resolve } from 'node:path';
import fc from 'fast-check';
import { loadJcoComponent } from '../engines/jco/load.js';
import { isProxyComponentError, ProxyComponentError } from '../errors.js';
import { observedOutcome } from '../fuzz/failure-trace.js';
import { FuzzInstance, fuzzTarget, type FuzzTarget } from '../fuzz/instance.js';
import type { AnswerTape } from '../fuzz/answer-tape.js';
import type { CallRecord } from '../fuzz/property.js';
import { cachedCallName } from '../host/fuzz-host.js';
import { formatExportCall } from '../trace/write.js';
import { readComponentFileSync } from '../util/component-file.js';
import type { ExportTypes, UntypedExports } from '../values/component-types.js';
import type { Value } from '../values/value.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import { didYouMean, lookupFunction, worldScope } from '../wit/lookup.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';

/** A component file, its world read at once (arbitraries need it while tests are collected), its code loaded on first call. */
export class ComponentSource {
  readonly path: string;
  readonly world: World;
  private readonly bytes: Uint8Array;
  private loading: Promise<FuzzTarget> | undefined;
  /** Set once an instance could not start: every later instance fails with it at once (the tests cannot pass). */
  startFailure: unknown;

  constructor(
    /** As the test names it: messages show it. */
    readonly name: string,
  ) {
    this.path = resolve(name);
    const bytes = readComponentFileSync(this.path, { name });
    this.world = decodeComponentWorld(bytes);
    this.bytes = bytes;
  }

  /** Transpiled and compiled once; every run instantiates it anew. */
  target(): Promise<FuzzTarget> {
    this.loading ??= loadJcoComponent(this.bytes).then((component) => fuzzTarget(component, this.name));
    return this.loading;
  }

  /** The export `name` denotes (canonical WAVE name, or a shorter spelling WAVE accepts). */
  exportNamed(world: World, name: string): WorldFunction {
    const exports = worldFunctions(world, 'export');
    const found = exports.find((fn) => cachedCallName(fn) === name) ?? exportOf(exports, lookupFunction(worldScope(world, 'export'), name));
    if (found === undefined) {
      throw new ProxyComponentError('USAGE', `${this.name} has no export \`${name}\`${didYouMean(name, exports.map(cachedCallName))} (its exports: ${exports.map(cachedCallName).join(', ') || 'none'})`);
    }
    return found;
  }
}

function exportOf(exports: readonly WorldFunction[], fn: WorldFunction['function'] | undefined): WorldFunction | undefined {
  return fn === undefined ? undefined : exports.find((candidate) => candidate.function === fn);
}

/** Generated import answers: a non-empty list per import function, by WAVE call name (handed out in order, cycling). */
export type ImportAnswers = Readonly<Record<string, readonly Value[]>>;

/** Thrown by `ComponentRun.call` when the export traps (or returns a value that does not fit its type). */
export class ComponentTrap extends Error {
  override readonly name = 'ComponentTrap';
  constructor(
    message: string,
    /** The call, with its import calls. */
    readonly call: CallRecord,
  ) {
    super(message);
  }
}

/** A live instance; `T`, the component's exports' types when generated (see ComponentTest), types `call`. */
export class ComponentRun<T extends ExportTypes = UntypedExports> {
  private live: Promise<FuzzInstance> | undefined;
  private readonly records: CallRecord[] = [];
  constructor(
    private readonly source: ComponentSource,
    /** Where the imports' answers come from (src/fuzz/answer-tape.ts, with `maxAnswers`: they cycle). */
    private readonly tape: AnswerTape,
  ) {}

  /** The answers each import function gets, in order (they come round again past the last). */
  get answers(): ImportAnswers {
    return Object.fromEntries([...this.tape.plannedAnswers()].map(([name, answers]) => [name, answers.map((answer) => answer.value_)]));
  }

  /** Every export call so far: arguments, import calls with their answers, result. */
  get calls(): readonly CallRecord[] {
    return this.records;
  }

  /**
   * Calls export `name` (`'run'`, `'test:app/api.get@0.1.0'`, or a shorter
   * spelling WAVE accepts) with `Value` arguments; resolves to its result
   * (undefined for a function without one), rejects with a ComponentTrap
   * when it traps.
   */
  async call<E extends keyof T & string>(name: E, ...args: T[E]['args']): Promise<T[E]['result']> {
    const record = (await this.make(name, args as readonly Value[], false)) as CallRecord;
    if (record.result.kind !== 'return') throw new ComponentTrap(`\`${record.name}\` ${record.result.kind === 'trap' ? 'trapped' : 'returned an ill-typed value'}: ${record.result.message}`, record);
    return record.result.value as T[E]['result'];
  }

  /**
   * Makes the calls in order (`componentTest(...).calls()` generates them),
   * however they end; returns their records. A call whose handles cannot be
   * given yet (nothing has made one) is left out, as fuzz runs leave it out.
   */
  async run(calls: readonly { readonly name: string; readonly args: readonly Value[] }[]): Promise<readonly CallRecord[]> {
    const made: CallRecord[] = [];
    for (const planned of calls) {
      const record = await this.make(planned.name, planned.args, true);
      if (record !== undefined) made.push(record);
    }
    return made;
  }

  /** The calls made so far as trace lines: WAVE export calls, their import calls with the answers, outcomes. */
  traceLines(): string[] {
    return this.records.flatMap((record) => formatExportCall({ ...record, outcome: observedOutcome(record.result) }).split('\n'));
  }

  /** The component and the calls made so far, as trace lines. */
  toString(): string {
    const lines = this.traceLines();
    return lines.length === 0 ? `${basename(this.source.name)} (no calls)` : `${basename(this.source.name)}:\n${lines.map((line) => `  ${line}`).join('\n')}`;
  }

  [fc.toStringMethod](): string {
    return this.toString();
  }

  /** A fresh instance with the same answers: fast-check runs each candidate on its own. */
  [fc.cloneMethod](): ComponentRun<T> {
    return new ComponentRun<T>(this.source, this.tape[fc.cloneMethod]());
  }

  private async make(name: string, args: readonly Value[], skipWithoutHandles: boolean): Promise<CallRecord | undefined> {
    const live = await (this.live ??= this.instantiate());
    const fn = this.source.exportNamed(live.target.component.world, name);
    const params = fn.function.params;
    if (args.length !== params.length) throw new ProxyComponentError('USAGE', `\`${cachedCallName(fn)}\` takes ${params.length} argument${params.length === 1 ? '' : 's'}, got ${args.length}`);
    const resolved = live.resolve(fn, args);
    if (!('args' in resolved)) {
      if (skipWithoutHandles) return undefined;
      throw new ProxyComponentError('USAGE', `no ${resolved.missing.resource.name.name} handle to pass to \`${cachedCallName(fn)}\` yet`);
    }
    const made = live.call(fn, resolved.args, this.tape.answer);
    const record: CallRecord = { index: this.records.length, name: cachedCallName(fn), function: fn, args: resolved.args, imports: made.imports, result: made.result };
    this.records.push(record);
    return record;
  }

  private async instantiate(): Promise<FuzzInstance> {
    if (this.source.startFailure !== undefined) throw this.source.startFailure;
    const target = await this.source.target();
    try {
      return await FuzzInstance.start(target, this.tape.answer);
    } catch (error) {
      if (isProxyComponentError(error) && error.code === 'COMPONENT_START') this.source.startFailure = error;
      throw error;
    }
  }
}
