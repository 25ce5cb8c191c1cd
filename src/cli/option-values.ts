/**
 * Reading option values the commands share, with one message each: integers
 * in a range, and `NAME=VALUE` pairs.
 */
import { ProxyComponentError } from '../errors.js';

/** `text` as an integer from `min` to `max`; a usage error naming `flag` otherwise. */
export function integerOption(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ProxyComponentError('USAGE', `${flag} must be an integer from ${min} to ${max}, got \`${text}\``);
  }
  return value;
}

/** A fast-check seed: a 32-bit signed integer. */
export function seedOption(text: string, flag = '--seed'): number {
  return integerOption(text, flag, -(2 ** 31), 2 ** 31 - 1);
}

/** `['A=1', 'B=x=y']` -> `{ A: '1', B: 'x=y' }`; a usage error naming `flag` for a value without a name. */
export function pairsOption(values: readonly string[] | undefined, flag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values ?? []) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new ProxyComponentError('USAGE', `${flag} must be written NAME=VALUE, got \`${value}\``);
    result[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return result;
}
