/**
 * How the jco bridge reports a value that does not fit its type: converters
 * throw a cheap `Mismatch`, every composite on the way up prepends its path
 * segment, and the public entry points turn it into one
 * `ProxyComponentError('VALUE_TYPE', 'at .entries[2].ttl: expected u64 as bigint, found number 3')`.
 * Building the path only when something fails keeps the hot path free of
 * string work.
 */
import { ProxyComponentError } from '../errors.js';
import type { WitType } from '../wit/types.js';
import { ResourceHandle } from './value.js';
import { abbreviate } from '../util/abbreviate.js';

export class Mismatch {
  /** Path segments from the root: `.field`, `[2]`, `.val`. */
  readonly segments: string[] = [];
  constructor(readonly message: string) {}
}

/** Re-throws `error` with `segment` prepended when it is a Mismatch. */
export function within(error: unknown, segment: string): never {
  if (error instanceof Mismatch) error.segments.unshift(segment);
  throw error;
}

/** The public error for a Mismatch (other errors pass through unchanged). */
export function toValueTypeError(error: unknown, at = ''): unknown {
  if (!(error instanceof Mismatch)) return error;
  const path = at + error.segments.join('');
  return new ProxyComponentError('VALUE_TYPE', path === '' ? error.message : `at ${path}: ${error.message}`);
}

/** A short description of any JS value or Value, for "found ..." in messages. */
export function describeFound(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return `number ${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'bigint':
      return `bigint ${value}n`;
    case 'boolean':
      return `boolean ${value}`;
    case 'string':
      return `string ${abbreviate(JSON.stringify(value), 40)}`;
    case 'symbol':
      return 'symbol';
    case 'function':
      return 'function';
    default:
      return describeObject(value as object);
  }
}

function describeObject(value: object): string {
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const tag = (value as unknown as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] ?? 'DataView';
    return `${tag} of length ${(value as { length?: number }).length ?? value.byteLength}`;
  }
  if (value instanceof ResourceHandle) return `resource handle ${value.id}`;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null || prototype === Object.prototype) {
    const tag = (value as { tag?: unknown }).tag;
    return typeof tag === 'string' ? `object with tag ${JSON.stringify(tag)}` : 'object';
  }
  const name = (prototype as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `${name} instance` : 'object';
}

/** A short name of a WIT type for messages: `u64`, `list<u8>`, `record entry`. */
export function describeType(type: WitType): string {
  switch (type.kind) {
    case 'list':
      return type.length === undefined ? `list<${describeType(type.element)}>` : `list<${describeType(type.element)}, ${type.length}>`;
    case 'option':
      return `option<${describeType(type.some)}>`;
    case 'tuple':
      return `tuple of ${type.elements.length}`;
    case 'record':
    case 'variant':
    case 'enum':
    case 'flags':
      return type.name === undefined ? type.kind : `${type.kind} ${type.name.name}`;
    case 'own':
    case 'borrow':
      return `${type.kind}<${type.resource.name.name}>`;
    default:
      return type.name === undefined ? type.kind : type.name.name;
  }
}
