/**
 * The bridge between `Value`s and the JS values of jco-transpiled components
 * (@bytecodealliance/jco-transpile 0.15).
 *
 * jco's representation, checked against its generated code and by round trips
 * through transpiled components (test/values/jco-*.test.ts):
 *
 * | WIT type            | jco JS value                                                        |
 * |---------------------|---------------------------------------------------------------------|
 * | bool                | `boolean`                                                           |
 * | s8..s32, u8..u32    | `number`                                                            |
 * | s64, u64            | `bigint`                                                            |
 * | f32, f64            | `number` (an f32 rounded to f32; NaN is just `NaN`)                 |
 * | char                | `string` of one code point (non-BMP chars are two UTF-16 units)     |
 * | string              | `string`                                                            |
 * | list<T>             | `Array`; for T = u8 s8 u16 s16 u32 s32 u64 s64 f32 f64 the typed   |
 * |                     | array `Uint8Array` ... `BigInt64Array`, `Float32Array`, `Float64Array` |
 * | list<T, N>          | `Array` of length N, whatever T                                     |
 * | tuple               | `Array`                                                             |
 * | record              | object keyed by `jcoPropertyName(field)` (`http-URL` -> `httpUrl`)  |
 * | variant             | `{ tag: 'case-name', val }`; no `val` key for a case without payload |
 * | enum                | `string`: the WIT case name, unchanged (`'first-case'`)             |
 * | option<T>           | `T \| undefined` when T is not itself "nullable", else             |
 * |                     | `{ tag: 'none' } \| { tag: 'some', val }` (jco's `as_nullable`: an  |
 * |                     | option is nullable iff its payload is not a nullable option, so     |
 * |                     | option<option<u32>> is tagged outside, `number \| undefined` inside) |
 * | result<T, E>        | `{ tag: 'ok' \| 'err', val }` (`val: undefined` without payload);   |
 * |                     | a function's top-level result is special: see jco-return.ts         |
 * | flags               | object with every flag as a camelCase boolean key; with the         |
 * |                     | transpile option `flagsAsBigInt`, a `bigint` with bit i = flag i    |
 * | own<r>, borrow<r>   | the resource's JS object (class instance), numbered by a ResourceTable |
 *
 * Reading JS values (`fromJco`) is strict where jco's lowering would silently
 * change the value, so traces record what the component really sees or fail
 * loudly: integers must be in range (jco wraps them modulo 2^n), 64-bit
 * integers must be bigints (jco also takes numbers and numeric strings), bools
 * must be booleans (jco takes any truthy value), a char must be exactly one
 * code point (jco takes the first of any string, and '' as NUL), strings must not hold lone
 * surrogates (jco would write U+FFFD), flags objects may only hold known flags
 * with boolean values. It is lenient only where jco gives the value the same
 * meaning: `null` as well as `undefined` for a nullable option's none (also a
 * missing record field of such a type), a missing flag means false and
 * `null`/`undefined` flags mean none set, numeric lists may be plain arrays as
 * well as typed arrays, and any JS number is accepted for f32 and rounded to
 * f32 as the component will see it.
 *
 * Of jco's representation options only `flagsAsBigInt` is supported here;
 * components transpiled with `useNamespaceObjects` (which implies it) or
 * `enumValuesScreamingSnakeCase` need converters this module does not make.
 */
import { ProxyComponentError } from '../errors.js';
import type { WitType } from '../wit/types.js';
import {
  bigintFlagsConverter,
  enumConverter,
  handleConverter,
  objectFlagsConverter,
  optionConverter,
  resultConverter,
  variantConverter,
} from './jco-cases.js';
import type { Compiled } from './jco-compiled.js';
import { listConverter, recordConverter, tupleConverter } from './jco-compound.js';
import { describeType, toValueTypeError } from './jco-mismatch.js';
import { isJcoNullable } from './jco-nullable.js';
import { primitiveConverter, TYPED_ARRAYS } from './jco-primitives.js';
import type { ResourceTable } from './resource-table.js';
import type { Value } from './value.js';

export { isJcoNullable } from './jco-nullable.js';
export { jcoPropertyName } from './jco-names.js';

export interface JcoOptions {
  /** The component was transpiled with `flagsAsBigInt` (also implied by `useNamespaceObjects`). */
  readonly flagsAsBigInt?: boolean;
}

/** Precompiled conversions for one WIT type. */
export interface JcoConverter {
  toJs(value: Value, resources?: ResourceTable): unknown;
  /** `at` prefixes the path in error messages, e.g. `key` for a parameter named key. */
  fromJs(js: unknown, resources?: ResourceTable, at?: string): Value;
}

const caches = { objects: new WeakMap<WitType, Compiled>(), bigint: new WeakMap<WitType, Compiled>() };
const publicCaches = { objects: new WeakMap<WitType, JcoConverter>(), bigint: new WeakMap<WitType, JcoConverter>() };

/** The converter of `type`, compiled once per type object (and options). */
export function jcoConverter(type: WitType, options: JcoOptions = {}): JcoConverter {
  const cache = options.flagsAsBigInt === true ? publicCaches.bigint : publicCaches.objects;
  let converter = cache.get(type);
  if (converter === undefined) {
    const compiled = compile(type, options.flagsAsBigInt === true);
    converter = {
      toJs: (value, resources) => {
        try {
          return compiled.toJs(value, resources);
        } catch (error) {
          throw toValueTypeError(error);
        }
      },
      fromJs: (js, resources, at) => {
        try {
          return compiled.fromJs(js, resources);
        } catch (error) {
          throw toValueTypeError(error, at);
        }
      },
    };
    cache.set(type, converter);
  }
  return converter;
}

export function toJco(value: Value, type: WitType, resources?: ResourceTable, options?: JcoOptions): unknown {
  return jcoConverter(type, options).toJs(value, resources);
}

export function fromJco(js: unknown, type: WitType, resources?: ResourceTable, options?: JcoOptions): Value {
  return jcoConverter(type, options).fromJs(js, resources);
}

function compile(type: WitType, flagsAsBigInt: boolean): Compiled {
  const cache = flagsAsBigInt ? caches.bigint : caches.objects;
  let compiled = cache.get(type);
  if (compiled === undefined) {
    compiled = compileUncached(type, flagsAsBigInt);
    cache.set(type, compiled);
  }
  return compiled;
}

function compileUncached(type: WitType, flagsAsBigInt: boolean): Compiled {
  const sub = (t: WitType): Compiled => compile(t, flagsAsBigInt);
  switch (type.kind) {
    case 'bool':
    case 's8':
    case 's16':
    case 's32':
    case 'u8':
    case 'u16':
    case 'u32':
    case 's64':
    case 'u64':
    case 'f32':
    case 'f64':
    case 'char':
    case 'string':
      return primitiveConverter(type.kind);
    case 'list':
      return listConverter(type, sub(type.element));
    case 'tuple':
      return tupleConverter(type.elements.map(sub), describeType(type));
    case 'record':
      return recordConverter(type, type.fields.map((field) => sub(field.type)));
    case 'variant':
      return variantConverter(type, type.cases.map((c) => (c.type === undefined ? undefined : sub(c.type))));
    case 'enum':
      return enumConverter(type.cases, describeType(type));
    case 'option':
      return optionConverter(sub(type.some), isJcoNullable(type), describeType(type));
    case 'result':
      return resultConverter(type.ok === undefined ? undefined : sub(type.ok), type.err === undefined ? undefined : sub(type.err));
    case 'flags':
      return flagsAsBigInt ? bigintFlagsConverter(type) : objectFlagsConverter(type);
    case 'own':
    case 'borrow':
      return handleConverter(describeType(type), type.resource);
    case 'future':
    case 'stream':
    case 'error-context':
      throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot convert values of ${type.kind}: not supported yet`);
  }
}

/** The typed array class jco uses for a (variable-length) list of `element`, if any. */
export function jcoTypedArrayName(element: WitType): string | undefined {
  return TYPED_ARRAYS[element.kind]?.name;
}
