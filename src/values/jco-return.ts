/**
 * jco's conventions for a function's result, on top of the value bridge.
 *
 * A function whose result type is `result<T, E>` at the top level does not
 * return `{ tag, val }` in jco (checked in jco-transpile 0.15's generated code
 * and by test/values/jco-return.test.ts):
 *
 * - Calling an export: `ok(v)` returns `v` (`undefined` without a payload);
 *   `err(e)` throws. What is thrown depends on the transpile option
 *   `noComponentErrorWrapping`, which jco-transpile 0.15 turns ON by default:
 *   then the raw payload `e` itself is thrown (`undefined` for `result` or
 *   `result<T>`). With it off, a `ComponentError` (an `Error`) is thrown whose
 *   own property `payload` holds `e`. Traps and conversion failures throw
 *   `Error`s (WebAssembly.RuntimeError, TypeError) without a `payload`.
 * - Implementing an import: returning `x` means `ok(x)`, except that a
 *   returned object whose `tag` is `'ok'` or `'err'` is taken as the whole
 *   result, but only for a tag that the ok payload's own JS value can never
 *   carry (`wholeResultTags`): jco drops `'ok'`/`'err'` from the check when
 *   the ok type (seen through options) is a variant with a case of that name,
 *   and drops the check entirely when it is a result, or a record or flags
 *   with a member named `tag`. Throwing means `err`: jco takes the thrown
 *   value's own `payload` property if it has one, else the thrown value
 *   itself, except that a thrown `Error` without `payload` is not an `err`
 *   but propagates (the call fails).
 *
 * Other result types (and results nested anywhere) use the plain bridge.
 */
import type { ResultType, WitType } from '../wit/types.js';
import { fromJco, jcoConverter, type JcoOptions } from './jco.js';
import { jcoPropertyName } from './jco-names.js';
import type { ResourceTable } from './resource-table.js';
import type { CaseValue, Value } from './value.js';

/** Which side of the component boundary a JS function is on. */
export type JcoSide = 'export' | 'import';

export interface JcoReturnOptions extends JcoOptions {
  /**
   * True when the component was transpiled with `noComponentErrorWrapping: false`,
   * so that exports throw a ComponentError carrying `payload`. Default false,
   * jco-transpile 0.15's default. Only matters for exports.
   */
  readonly componentErrorWrapping?: boolean;
}

/** What an import implementation does to hand a result to jco. */
export type JcoOutcome = { readonly kind: 'return'; readonly value: unknown } | { readonly kind: 'throw'; readonly error: unknown };

/** The error an import implementation throws to return `err(payload)`, as jco's own ComponentError does. */
export class JcoResultError extends Error {
  readonly payload: unknown;
  constructor(payload: unknown) {
    super('import returned err (see error.payload)');
    this.name = 'JcoResultError';
    this.payload = payload;
  }
}

/**
 * What an import implementation must return or throw so that the component
 * receives `value` (undefined for a function without result). An `err` is
 * returned as the whole result `{ tag: 'err', val }` where jco takes one
 * (`wholeResultTags`), and thrown as a JcoResultError where it does not.
 */
export function toJcoReturn(value: Value | undefined, resultType: WitType | undefined, resources?: ResourceTable, options?: JcoOptions): JcoOutcome {
  const js = jcoImportAnswer(resultType, options)(value, resources);
  return js instanceof JcoResultError ? { kind: 'throw', error: js } : { kind: 'return', value: js };
}

/**
 * `toJcoReturn` made once for a result type, for answers given again and
 * again (an import call of a replay): what the implementation returns, or the
 * JcoResultError it throws for an `err` (no value jco is returned is one).
 */
export type JcoImportAnswer = (value: Value | undefined, resources?: ResourceTable) => unknown;

const NO_RESULT: JcoImportAnswer = () => undefined;
const answerCaches = { objects: new WeakMap<WitType, JcoImportAnswer>(), bigint: new WeakMap<WitType, JcoImportAnswer>() };

export function jcoImportAnswer(resultType: WitType | undefined, options?: JcoOptions): JcoImportAnswer {
  if (resultType === undefined) return NO_RESULT;
  const cache = options?.flagsAsBigInt === true ? answerCaches.bigint : answerCaches.objects;
  let answer = cache.get(resultType);
  if (answer === undefined) {
    answer = compileImportAnswer(resultType, options);
    cache.set(resultType, answer);
  }
  return answer;
}

function compileImportAnswer(resultType: WitType, options: JcoOptions | undefined): JcoImportAnswer {
  const converter = jcoConverter(resultType, options);
  if (resultType.kind !== 'result') return (value, resources) => converter.toJs(value as Value, resources);
  const whole = wholeResultTags(resultType);
  return (value, resources) => {
    const js = converter.toJs(value as Value, resources) as { tag: 'ok' | 'err'; val: unknown };
    // An err is returned whole where jco takes a whole result with that tag (no Error to build and throw);
    // an ok payload is wrapped only when jco would take the payload for a whole result (say a resource
    // object with a `tag` property), and jco accepts the wrapper exactly then.
    if (js.tag === 'err') return whole.has('err') ? js : new JcoResultError(js.val);
    return hasTagIn(js.val, whole) ? js : js.val;
  };
}

/**
 * The Value of what a function returned: an export's return value or an import
 * implementation's return value (undefined for a function without result).
 */
export function fromJcoReturn(
  js: unknown,
  resultType: WitType | undefined,
  side: JcoSide,
  resources?: ResourceTable,
  options?: JcoOptions,
): Value | undefined {
  if (resultType === undefined) return undefined;
  if (resultType.kind !== 'result') return fromJco(js, resultType, resources, options);
  if (side === 'import' && hasTagIn(js, wholeResultTags(resultType))) return fromJco(js, resultType, resources, options);
  return resultCase('ok', js, resultType.ok, resources, options);
}

/**
 * The `err` Value that a thrown value stands for, when a function with a
 * top-level result threw it; re-throws `thrown` itself when it is no `err`
 * (a trap, a failed conversion, or any throw from a function without result).
 */
export function fromJcoThrown(
  thrown: unknown,
  resultType: WitType | undefined,
  side: JcoSide,
  resources?: ResourceTable,
  options: JcoReturnOptions = {},
): Value {
  if (resultType === undefined || resultType.kind !== 'result') throw thrown;
  const wrapped = side === 'import' || options.componentErrorWrapping === true;
  if (wrapped && hasOwnPayload(thrown)) return resultCase('err', thrown.payload, resultType.err, resources, options);
  if (thrown instanceof Error || (side === 'export' && wrapped)) throw thrown;
  return resultCase('err', thrown, resultType.err, resources, options);
}

function resultCase(tag: 'ok' | 'err', js: unknown, payload: WitType | undefined, resources: ResourceTable | undefined, options: JcoOptions | undefined): CaseValue {
  if (payload === undefined) return { tag };
  return { tag, value: jcoConverter(payload, options).fromJs(js, resources, tag === 'err' ? '(err)' : '') };
}

function hasTagIn(js: unknown, tags: ReadonlySet<string>): boolean {
  if (typeof js !== 'object' || js === null) return false;
  const tag = (js as { tag?: unknown }).tag;
  return typeof tag === 'string' && tags.has(tag);
}

const ALL_TAGS = 'all';
const wholeTagsCache = new WeakMap<ResultType, ReadonlySet<string>>();

/**
 * The tags (`ok`, `err`) for which jco takes an object returned by an import
 * implementation of `resultType` as the whole result rather than the ok payload.
 */
export function wholeResultTags(resultType: ResultType): ReadonlySet<string> {
  let tags = wholeTagsCache.get(resultType);
  if (tags === undefined) {
    const payloadTags = resultType.ok === undefined ? new Set<string>() : tagsOf(resultType.ok);
    tags = new Set(payloadTags === ALL_TAGS ? [] : ['ok', 'err'].filter((tag) => !payloadTags.has(tag)));
    wholeTagsCache.set(resultType, tags);
  }
  return tags;
}

/** The `tag` strings a jco value of `type` may carry at its top, as jco's bindgen reckons them. */
function tagsOf(type: WitType): ReadonlySet<string> | typeof ALL_TAGS {
  switch (type.kind) {
    case 'result':
      return ALL_TAGS;
    case 'variant':
      return new Set(type.cases.map((c) => c.name));
    case 'option':
      return tagsOf(type.some);
    case 'record':
      return type.fields.some((field) => jcoPropertyName(field.name) === 'tag') ? ALL_TAGS : new Set();
    case 'flags':
      return type.flags.some((flag) => jcoPropertyName(flag) === 'tag') ? ALL_TAGS : new Set();
    default:
      return new Set();
  }
}

function hasOwnPayload(thrown: unknown): thrown is { payload: unknown } {
  return (typeof thrown === 'object' || typeof thrown === 'function') && thrown !== null && Object.hasOwn(thrown, 'payload');
}
