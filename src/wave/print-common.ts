/** Helpers shared by the printers. */
import { ProxyComponentError } from '../errors.js';
import type { WitType } from '../wit/types.js';
import type { CaseValue, Value } from '../values/value.js';
import { typeText } from './type-text.js';
import type { WaveWriter } from './writer.js';
import { abbreviate } from '../util/abbreviate.js';

/** Writes one value of a type into a writer. */
export type ValueWriter = (value: Value, w: WaveWriter) => void;

export function bad(type: WitType, value: unknown): never {
  throw new ProxyComponentError('VALUE_TYPE', `expected a value of ${typeText(type)}, got ${describeJs(value)}`);
}

/** A short rendering of an arbitrary JS value for messages. */
export function describeJs(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return abbreviate(JSON.stringify(value), 40);
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const tag = (value as { tag?: unknown }).tag;
  return typeof tag === 'string' ? `{tag: ${JSON.stringify(tag)}}` : `an object with keys ${Object.keys(value).join(', ') || '(none)'}`;
}

export function caseTag(v: Value): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const tag = (v as CaseValue).tag;
  return typeof tag === 'string' ? tag : undefined;
}

