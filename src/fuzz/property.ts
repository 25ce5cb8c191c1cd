/**
 * Properties: what must hold of every export call a fuzz run makes, and of
 * every call a saved failure replays. A property sees the call (arguments,
 * the import calls it made with the answers they got, its result) and the
 * calls before it in the run, and passes by returning (true or nothing) or
 * fails by returning false or throwing.
 *
 * The built-ins, on by default: `well-typed` (the result fits the export's
 * WIT type: the value bridge checks it) and `no-trap` (the call returns: no
 * trap, no uncaught error, no timeout). A property may be async, so that one
 * that runs the same calls on another engine and compares (agreement across
 * engines) is just another property.
 *
 * @example
 * const positive = defineProperty('positive', ({ call }) => call.result.kind !== 'return' || (call.result.value as number) > 0);
 */
import { ProxyComponentError } from '../errors.js';
import type { ImportCall } from '../trace/model.js';
import { PROPERTY_NAME } from '../trace/write.js';
import type { Value } from '../values/value.js';
import type { WorldFunction } from '../wit/world.js';

/** How an export call ended. */
export type CallResult =
  /** It returned; `value` absent for a function without result. An `err` of a result type is a return. */
  | { readonly kind: 'return'; readonly value?: Value }
  /** It trapped, threw, or did not return in time. */
  | { readonly kind: 'trap'; readonly message: string }
  /** It returned a value that does not fit its WIT type. */
  | { readonly kind: 'ill-typed'; readonly message: string };

/** One export call of a run, as properties see it. */
export interface CallRecord {
  /** 0-based position in the run. */
  readonly index: number;
  /** The WAVE call name. */
  readonly name: string;
  readonly function: WorldFunction;
  readonly args: readonly Value[];
  /** The import calls it made, in order, each with the answer it got. */
  readonly imports: readonly ImportCall[];
  readonly result: CallResult;
}

export interface PropertyContext {
  readonly call: CallRecord;
  /** The calls before it in the same run (the same instance), oldest first. */
  readonly history: readonly CallRecord[];
}

/** Passes with true or nothing; fails with false or by throwing (the message is the reason). */
export type PropertyVerdict = boolean | void;

export interface FuzzProperty {
  /** Kebab-case; saved failures name it in `expect` lines. */
  readonly name: string;
  check(context: PropertyContext): PropertyVerdict | Promise<PropertyVerdict>;
}

export interface PropertyFailure {
  readonly property: string;
  /** Why, in one sentence. */
  readonly reason: string;
  /** The export call that broke it. */
  readonly callIndex: number;
}

/** A property with a checked name. */
export function defineProperty(name: string, check: FuzzProperty['check']): FuzzProperty {
  if (!PROPERTY_NAME.test(name)) throw new ProxyComponentError('USAGE', `property name \`${name}\` must be kebab-case, like \`no-trap\``);
  return { name, check };
}

export const wellTyped: FuzzProperty = {
  name: 'well-typed',
  check: ({ call }) => {
    if (call.result.kind === 'ill-typed') throw new Error(`\`${call.name}\` returned a value that does not fit its type: ${call.result.message}`);
  },
};

export const noTrap: FuzzProperty = {
  name: 'no-trap',
  check: ({ call }) => {
    if (call.result.kind === 'trap') throw new Error(`\`${call.name}\` trapped: ${call.result.message}`);
  },
};

export const BUILT_IN_PROPERTIES: readonly FuzzProperty[] = [wellTyped, noTrap];

/** The built-ins, then the user's; a user property may not reuse a name. */
export function propertySet(user: readonly FuzzProperty[] = [], builtIns = true): readonly FuzzProperty[] {
  const all = builtIns ? [...BUILT_IN_PROPERTIES, ...user] : [...user];
  const seen = new Set<string>();
  for (const property of all) {
    if (!PROPERTY_NAME.test(property.name)) throw new ProxyComponentError('USAGE', `property name \`${property.name}\` must be kebab-case, like \`no-trap\``);
    if (seen.has(property.name)) throw new ProxyComponentError('USAGE', `two properties are named \`${property.name}\``);
    seen.add(property.name);
  }
  return all;
}

/**
 * The first property the call breaks, in order. Synchronous properties are
 * checked without awaiting, so a fuzz run of sync properties stays fast.
 */
export function checkCall(properties: readonly FuzzProperty[], context: PropertyContext): PropertyFailure | undefined | Promise<PropertyFailure | undefined> {
  for (let i = 0; i < properties.length; i++) {
    const property = properties[i] as FuzzProperty;
    let verdict: PropertyVerdict | Promise<PropertyVerdict>;
    try {
      verdict = property.check(context);
    } catch (error) {
      return failure(property, context, error);
    }
    if (isPromise(verdict)) return settle(verdict, property, properties.slice(i + 1), context);
    if (verdict === false) return failure(property, context, undefined);
  }
  return undefined;
}

async function settle(
  pending: Promise<PropertyVerdict>,
  property: FuzzProperty,
  rest: readonly FuzzProperty[],
  context: PropertyContext,
): Promise<PropertyFailure | undefined> {
  try {
    if ((await pending) === false) return failure(property, context, undefined);
  } catch (error) {
    return failure(property, context, error);
  }
  return checkCall(rest, context);
}

function failure(property: FuzzProperty, context: PropertyContext, error: unknown): PropertyFailure {
  const reason = error === undefined ? `\`${context.call.name}\` breaks property \`${property.name}\`` : error instanceof Error ? error.message : String(error);
  return { property: property.name, reason, callIndex: context.call.index };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
