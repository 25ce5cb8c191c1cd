/**
 * Generated plans for `diff --fuzz`: export calls with random arguments and,
 * for each, random answers for the imports, from the WIT types alone, seeded
 * so that a run can be repeated.
 *
 * Deliberately small while src/fuzz/ grows its own generators: functions that
 * take or return resources are left out (a random handle means nothing), and
 * each import gets a few answers per export call, used in order.
 */
import fc from 'fast-check';
import { valueArbitrary } from '../fuzz/arbitrary.js';
import type { WitType } from '../wit/types.js';
import { callNameOf } from '../wit/lookup.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';
import type { PlannedCall, PlannedImport } from '../engines/engine.js';

export interface FuzzPlanOptions {
  readonly count: number;
  readonly seed: number;
  /** Answers generated per import function and export call. Default 3. */
  readonly answersPerImport?: number;
}

/** The export functions a fuzz plan can call: no resources in their parameters or result. */
export function fuzzableExports(world: World): WorldFunction[] {
  return worldFunctions(world, 'export').filter(isPlain);
}

export function fuzzPlan(world: World, options: FuzzPlanOptions): PlannedCall[] {
  const exports = fuzzableExports(world);
  if (exports.length === 0 || options.count <= 0) return [];
  const imports = worldFunctions(world, 'import').filter(isPlain);
  const perImport = options.answersPerImport ?? 3;
  const answers: fc.Arbitrary<PlannedImport[]> = fc
    .tuple(...imports.map((fn) => fc.array(answerArbitrary(fn), { minLength: perImport, maxLength: perImport })))
    .map((lists) => lists.flat());
  const call = fc.oneof(
    ...exports.map((fn) =>
      fc.tuple(fc.tuple(...fn.function.params.map((param) => valueArbitrary(param.type, { maxListLength: 8 }))), answers).map(
        ([args, planned]): PlannedCall => ({ name: callNameOf(fn), function: fn, args, imports: planned }),
      ),
    ),
  );
  return fc.sample(call, { seed: options.seed, numRuns: options.count });
}

function answerArbitrary(fn: WorldFunction): fc.Arbitrary<PlannedImport> {
  const name = callNameOf(fn);
  const result = fn.function.result;
  if (result === undefined) return fc.constant({ name, function: fn, outcome: { kind: 'return' } });
  return valueArbitrary(result, { maxListLength: 8 }).map((value) => ({ name, function: fn, outcome: { kind: 'return', value } }));
}

function isPlain(fn: WorldFunction): boolean {
  if (fn.function.kind !== 'freestanding' || fn.function.async === true) return false;
  return fn.function.params.every((param) => !hasResource(param.type)) && (fn.function.result === undefined || !hasResource(fn.function.result));
}

function hasResource(type: WitType): boolean {
  switch (type.kind) {
    case 'own':
    case 'borrow':
    case 'future':
    case 'stream':
    case 'error-context':
      return true;
    case 'list':
      return hasResource(type.element);
    case 'option':
      return hasResource(type.some);
    case 'result':
      return (type.ok !== undefined && hasResource(type.ok)) || (type.err !== undefined && hasResource(type.err));
    case 'tuple':
      return type.elements.some(hasResource);
    case 'record':
      return type.fields.some((field) => hasResource(field.type));
    case 'variant':
      return type.cases.some((c) => c.type !== undefined && hasResource(c.type));
    default:
      return false;
  }
}
