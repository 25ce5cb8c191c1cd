/** Integer options of the CLI, read one way by every command: a value that is not an integer in range is a usage error naming the flag. */
import { ProxyComponentError } from '../errors.js';

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
