/**
 * What a fuzz run does, as fast-check arbitraries: a sequence of export calls
 * with generated arguments (so that bugs needing state are found), and the
 * generated answers of import calls, made only when the component asks.
 *
 * Handles in arguments and answers are `HandlePick`s, resolved against the
 * handles live when the call is made (host/fuzz-handles.ts): a run is a
 * model-based sequence, whose calls that need a handle nothing has made yet
 * are left out, so no shrink of it can use a handle it no longer creates.
 * An export that needs a handle of a resource no callable export ever hands
 * out is left alone (see `fuzzableExports`).
 */
import fc from 'fast-check';
import { ProxyComponentError } from '../errors.js';
import { findUnsupported, type ResourceType, type WitType } from '../wit/types.js';
import { worldFunctions, type WitFunction, type World, type WorldFunction } from '../wit/world.js';
import { didYouMean, lookupFunction, worldScope } from '../wit/lookup.js';
import type { Value } from '../values/value.js';
import { handleTypes } from '../values/walk.js';
import { importedResources } from '../values/world-resources.js';
import { HandlePick } from '../host/fuzz-handles.js';
import { cachedCallName } from '../host/fuzz-host.js';
import { AnswerTapeArbitrary, type AnswerTape, type AnswerTapeOptions } from './answer-tape.js';
import { valueArbitrary, type ValueArbitraryOptions } from './arbitrary.js';

/**
 * One export call of a run; its arguments may hold `HandlePick`s, resolved
 * when it is made. Each call answers the imports it makes from its own tape
 * (answer-tape.ts), so that shrinking can drop a call together with its
 * answers (one tape for the whole run would hand the next call the answers
 * of the dropped one).
 */
export interface PlannedCall {
  readonly function: WorldFunction;
  readonly args: readonly Value[];
  readonly answers: AnswerTape;
}

export interface PlanOptions {
  /** Most export calls in one run. Default 8. */
  readonly maxCalls?: number;
  /** Sizes and edges of generated values. */
  readonly values?: ValueArbitraryOptions;
}

/** A function the fuzzer leaves alone, and why. */
export interface SkippedFunction {
  readonly name: string;
  readonly reason: string;
}

const handlePick: fc.Arbitrary<Value> = fc.tuple(fc.nat({ max: 7 }), fc.boolean()).map(([choice, fresh]) => new HandlePick(choice, fresh) as unknown as Value);

/** Value options whose handles are `HandlePick`s, resolved against the live handles when a call is made. */
export function fuzzValues(options: ValueArbitraryOptions | undefined): ValueArbitraryOptions {
  return { ...options, handle: () => handlePick };
}

/** Why values of a function's types cannot be generated or received, if they cannot. */
function unsupportedReason(fn: WorldFunction): string | undefined {
  if (fn.function.async === true) return 'async functions are not supported yet';
  const types: WitType[] = [...fn.function.params.map((param) => param.type), ...(fn.function.result === undefined ? [] : [fn.function.result])];
  for (const type of types) {
    const found = findUnsupported(type);
    if (found !== undefined) return `${found.kind} values are not supported yet`;
  }
  return undefined;
}

/**
 * The exports a fuzz run may call, and those it leaves alone. `only`
 * restricts the run to the exports it names (WAVE call names, as traces
 * write them); a name the component does not export is a usage error.
 *
 * Handles of imported resources the host makes; handles of exported ones
 * come only from exports that return them (constructors, `own<r>` results,
 * records and lists holding handles). An export whose arguments need a
 * handle of an exported resource that no callable export returns can never
 * be called: it is left alone, saying why.
 */
export function fuzzableExports(world: World, only?: readonly string[]): { readonly functions: readonly WorldFunction[]; readonly skipped: readonly SkippedFunction[] } {
  const exported = worldFunctions(world, 'export');
  const wanted = only === undefined ? undefined : checkExportNames(only, world, exported);
  const candidates: WorldFunction[] = [];
  const skipped: SkippedFunction[] = [];
  for (const fn of exported) {
    if (wanted !== undefined && !wanted.has(fn.function)) continue;
    const reason = unsupportedReason(fn);
    if (reason === undefined) candidates.push(fn);
    else skipped.push({ name: cachedCallName(fn), reason });
  }
  const obtainable = obtainableResources(world, candidates);
  const functions: WorldFunction[] = [];
  for (const fn of candidates) {
    const needed = neededResources(fn).find((resource) => !obtainable.has(resource));
    if (needed === undefined) functions.push(fn);
    else skipped.push({ name: cachedCallName(fn), reason: `it needs a handle of \`${needed.name.name}\`, which the component implements and no export ${wanted === undefined ? '' : 'among those fuzzed '}returns` });
  }
  // In the world's order, as the plan arbitrary and the summary list them.
  const order = new Map(exported.map((fn, i) => [fn.function, i]));
  return { functions: functions.sort((a, b) => (order.get(a.function) ?? 0) - (order.get(b.function) ?? 0)), skipped };
}

/** The resources a function's arguments need handles of. */
function neededResources(fn: WorldFunction): ResourceType[] {
  return fn.function.params.flatMap((param) => handleTypes(param.type).map((type) => type.resource));
}

/**
 * The resources a run can hold handles of: those the host implements (every
 * resource of the imports), then, until nothing changes, those an export
 * callable with what is held returns.
 */
function obtainableResources(world: World, exports: readonly WorldFunction[]): Set<ResourceType> {
  const obtainable = new Set(importedResources(world));
  for (let changed = true; changed; ) {
    changed = false;
    for (const fn of exports) {
      if (fn.function.result === undefined || !neededResources(fn).every((resource) => obtainable.has(resource))) continue;
      for (const type of handleTypes(fn.function.result)) {
        if (type.kind !== 'own' || obtainable.has(type.resource)) continue;
        obtainable.add(type.resource);
        changed = true;
      }
    }
  }
  return obtainable;
}

/**
 * The functions `names` denote, in any spelling WAVE accepts for a call
 * (`calc.add`, `ns:pkg/calc.add` without its version, or the full name);
 * a name the component does not export is a usage error that lists them.
 */
function checkExportNames(names: readonly string[], world: World, exported: readonly WorldFunction[]): ReadonlySet<WitFunction> {
  const canonical = exported.map(cachedCallName);
  const available = exported.length === 0 ? 'it exports no function' : `it exports ${canonical.map((name) => `\`${name}\``).join(', ')}`;
  if (!Array.isArray(names) || names.length === 0) throw new ProxyComponentError('USAGE', `the exports to fuzz must name at least one export; ${available}`);
  const scope = worldScope(world, 'export');
  const wanted = new Set<WitFunction>();
  const unknown: string[] = [];
  for (const name of names) {
    const found = typeof name === 'string' ? lookupFunction(scope, name) : undefined;
    if (found === undefined) unknown.push(String(name));
    else wanted.add(found);
  }
  if (unknown.length > 0) {
    const listed = unknown.map((name) => `\`${name}\`${didYouMean(name, canonical)}`).join(', ');
    throw new ProxyComponentError('USAGE', `the component has no export ${listed}; ${available}`);
  }
  return wanted;
}

/** One export call of `functions`, with generated arguments (handles as picks) and its own tape of import answers. */
export function callArbitrary(functions: readonly WorldFunction[], answers: AnswerTapeArbitrary, options: PlanOptions = {}): fc.Arbitrary<PlannedCall> {
  const values = fuzzValues(options.values);
  const calls = functions.map((fn) =>
    fc
      .tuple(fc.tuple(...fn.function.params.map((param) => valueArbitrary(param.type, values))), answers)
      .map(([args, tape]): PlannedCall => ({ function: fn, args, answers: tape })),
  );
  return calls.length === 1 ? (calls[0] as fc.Arbitrary<PlannedCall>) : fc.oneof({ withCrossShrink: true }, ...calls);
}

/** Sequences of export calls with generated arguments: one to `maxCalls` calls (fast-check's arrays shrink by leaving out any one call). */
export function callPlanArbitrary(functions: readonly WorldFunction[], answers: AnswerTapeArbitrary, options: PlanOptions = {}): fc.Arbitrary<readonly PlannedCall[]> {
  return fc.array(callArbitrary(functions, answers, options), { minLength: 1, maxLength: options.maxCalls ?? 8 });
}

/** Tapes of import answers for `world`, handles as picks (one arbitrary per campaign: its tapes shrink with it). */
export function answerTapes(world: World, values: ValueArbitraryOptions | undefined, options: AnswerTapeOptions = {}): AnswerTapeArbitrary {
  return new AnswerTapeArbitrary(world, fuzzValues(values), options);
}
