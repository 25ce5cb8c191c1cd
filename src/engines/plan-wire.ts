/**
 * Plans and call reports as plain data (wire values and function keys), so
 * that they cross to a worker thread, which resolves the keys against the
 * world it decoded from the same component.
 */
import { ProxyComponentError } from '../errors.js';
import type { Value } from '../values/value.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';
import type { CallReport, EngineOutcome, ObservedImport, PlannedCall, PlannedImport } from './engine.js';
import { fromWire, toWire, type Wire } from './wire.js';

/** `export:run:run`, `import:test:app/math@0.1.0:double`: unique within a world. */
export function functionKey(fn: WorldFunction): string {
  return `${fn.direction}:${fn.itemName}:${fn.function.name}`;
}

/** Every function of a world by key, in both directions. */
export function functionsByKey(world: World): ReadonlyMap<string, WorldFunction> {
  const map = new Map<string, WorldFunction>();
  for (const fn of [...worldFunctions(world, 'import'), ...worldFunctions(world, 'export')]) map.set(functionKey(fn), fn);
  return map;
}

export interface WireOutcome {
  readonly kind: string;
  readonly value?: Wire;
  readonly message?: string;
  readonly ms?: number;
  readonly reason?: string;
}

/** A planned import answer. */
export interface WireAnswer {
  readonly name: string;
  readonly fn: string;
  readonly outcome: WireOutcome;
}

export interface WireCall {
  readonly name: string;
  readonly fn: string;
  readonly args: readonly Wire[];
  readonly imports: readonly WireAnswer[];
}

export interface WireImport {
  readonly name: string;
  readonly fn: string;
  readonly args: readonly Wire[];
}

export interface WireReport {
  readonly outcome: WireOutcome;
  readonly imports?: readonly WireImport[];
}

export function planToWire(calls: readonly PlannedCall[]): WireCall[] {
  return calls.map((call) => ({
    name: call.name,
    fn: functionKey(call.function),
    args: call.args.map((arg) => toWire(arg)),
    imports: call.imports.map(answerToWire),
  }));
}

export function answerToWire(answer: PlannedImport): WireAnswer {
  return { name: answer.name, fn: functionKey(answer.function), outcome: outcomeToWire(answer.outcome) };
}

export function planFromWire(calls: readonly WireCall[], functions: ReadonlyMap<string, WorldFunction>): PlannedCall[] {
  return calls.map((call) => ({
    name: call.name,
    function: lookup(functions, call.fn),
    args: call.args.map((arg) => fromWire(arg) as Value),
    imports: call.imports.map((answer) => ({
      name: answer.name,
      function: lookup(functions, answer.fn),
      outcome: answer.outcome.kind === 'trap' ? { kind: 'trap', message: answer.outcome.message ?? '' } : valueOutcome(answer.outcome),
    })),
  }));
}

export function reportToWire(report: CallReport): WireReport {
  const outcome = outcomeToWire(report.outcome);
  if (report.imports === undefined) return { outcome };
  return { outcome, imports: report.imports.map((call) => ({ name: call.name, fn: functionKey(call.function), args: call.args.map((arg) => toWire(arg)) })) };
}

export function reportFromWire(report: WireReport, functions: ReadonlyMap<string, WorldFunction>): CallReport {
  const outcome = engineOutcomeFromWire(report.outcome);
  if (report.imports === undefined) return { outcome };
  const imports: ObservedImport[] = report.imports.map((call) => ({
    name: call.name,
    function: lookup(functions, call.fn),
    args: call.args.map((arg) => fromWire(arg) as Value),
  }));
  return { outcome, imports };
}

function outcomeToWire(outcome: EngineOutcome | { readonly kind: 'return'; readonly value?: Value } | { readonly kind: 'trap'; readonly message: string }): WireOutcome {
  switch (outcome.kind) {
    case 'return':
      return outcome.value === undefined ? { kind: 'return' } : { kind: 'return', value: toWire(outcome.value) };
    case 'trap':
    case 'invalid':
      return { kind: outcome.kind, message: outcome.message };
    case 'timeout':
      return { kind: 'timeout', ms: outcome.ms };
    case 'not-run':
      return { kind: 'not-run', reason: outcome.reason };
  }
}

function valueOutcome(outcome: WireOutcome): { readonly kind: 'return'; readonly value?: Value } {
  return outcome.value === undefined ? { kind: 'return' } : { kind: 'return', value: fromWire(outcome.value) as Value };
}

function engineOutcomeFromWire(outcome: WireOutcome): EngineOutcome {
  switch (outcome.kind) {
    case 'return':
      return valueOutcome(outcome);
    case 'trap':
    case 'invalid':
      return { kind: outcome.kind, message: outcome.message ?? '' };
    case 'timeout':
      return { kind: 'timeout', ms: outcome.ms ?? 0 };
    default:
      return { kind: 'not-run', reason: outcome.reason ?? '' };
  }
}

function lookup(functions: ReadonlyMap<string, WorldFunction>, key: string): WorldFunction {
  const fn = functions.get(key);
  if (fn === undefined) throw new ProxyComponentError('COMPONENT_DECODE', `the component has no function ${key}`);
  return fn;
}
