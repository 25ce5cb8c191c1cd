/**
 * Tagged JSON: how values cross a process or thread boundary without losing
 * what plain JSON drops. Used for jco JS values sent to and from engine
 * drivers (src/engines/subprocess/driver-source.ts has the same codec in
 * plain JS) and for `Value`s sent to the in-process engine's worker.
 *
 * | JS value                           | wire                                              |
 * |------------------------------------|---------------------------------------------------|
 * | boolean, string, finite number     | itself                                            |
 * | `-0`, `NaN`, `±Infinity`           | `{"$":"number","v":"-0" \| "NaN" \| "Infinity" \| "-Infinity"}` |
 * | bigint                             | `{"$":"bigint","v":"-12"}`                        |
 * | undefined                          | `{"$":"undefined"}`                               |
 * | null                               | `null`                                            |
 * | Array                              | JSON array of wire values                         |
 * | Uint8Array ... BigUint64Array      | `{"$":"Uint8Array","v":[wire...]}`                |
 * | resource object / ResourceHandle   | `{"$":"handle","id":3,"r":0}` (`r`: which resource class, when known) |
 * | other object                       | JSON object of wire values (keys are never `$`: WIT and jco names cannot be) |
 *
 * NaN payloads do not cross: every NaN becomes the canonical NaN, which is
 * what typed equality assumes anyway (all NaNs are equal).
 */
import { ResourceHandle } from '../values/value.js';

export type Wire = null | boolean | number | string | readonly Wire[] | { readonly [key: string]: Wire };

const TYPED_ARRAYS = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  BigUint64Array,
  BigInt64Array,
  Float32Array,
  Float64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

export interface EncodeHooks {
  /** The handle of a resource object, or undefined when `object` is not one. */
  readonly handleOf?: (object: object) => { readonly id: number; readonly resource?: number } | undefined;
}

export interface DecodeHooks {
  /** The object standing for a handle; default: a `ResourceHandle`. */
  readonly objectOf?: (id: number, resource: number | undefined) => unknown;
}

export function toWire(value: unknown, hooks: EncodeHooks = {}): Wire {
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { $: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
    case 'bigint':
      return { $: 'bigint', v: value.toString() };
    case 'undefined':
      return { $: 'undefined' };
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((element: unknown) => toWire(element, hooks));
      if (value instanceof ResourceHandle) return { $: 'handle', id: value.id };
      const handle = hooks.handleOf?.(value);
      if (handle !== undefined) return handle.resource === undefined ? { $: 'handle', id: handle.id } : { $: 'handle', id: handle.id, r: handle.resource };
      const typedName = typedArrayName(value);
      if (typedName !== undefined) return { $: typedName, v: Array.from(value as ArrayLike<unknown>, (element) => toWire(element, hooks)) };
      const out: Record<string, Wire> = {};
      for (const [key, field] of Object.entries(value)) out[key] = toWire(field, hooks);
      return out;
    }
    default:
      throw new TypeError(`cannot send a ${typeof value} across an engine boundary`);
  }
}

export function fromWire(wire: Wire, hooks: DecodeHooks = {}): unknown {
  if (wire === null || typeof wire !== 'object') return wire;
  if (Array.isArray(wire)) return wire.map((element: Wire) => fromWire(element, hooks));
  const record = wire as { readonly [key: string]: Wire };
  const tag = record['$'];
  if (typeof tag !== 'string') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(record)) out[key] = fromWire(field, hooks);
    return out;
  }
  switch (tag) {
    case 'number':
      return record['v'] === '-0' ? -0 : Number(record['v']);
    case 'bigint':
      return BigInt(record['v'] as string);
    case 'undefined':
      return undefined;
    case 'handle': {
      const id = record['id'] as number;
      const resource = typeof record['r'] === 'number' ? record['r'] : undefined;
      return hooks.objectOf === undefined ? new ResourceHandle(id) : hooks.objectOf(id, resource);
    }
    default: {
      const cls = TYPED_ARRAYS[tag as TypedArrayName];
      if (cls === undefined) throw new TypeError(`unknown wire tag ${JSON.stringify(tag)}`);
      const elements = (record['v'] as readonly Wire[]).map((element) => fromWire(element, hooks));
      return (cls as unknown as { from(items: unknown[]): unknown }).from(elements);
    }
  }
}

function typedArrayName(value: object): TypedArrayName | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  const name = value.constructor.name;
  return name in TYPED_ARRAYS ? (name as TypedArrayName) : undefined;
}
