/** Integer options of the CLI (`--timeout 2000`, `--runs 100`), read one way: anything else is a usage error naming the flag. */
import { ProxyComponentError } from '../errors.js';

export function integerOption(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ProxyComponentError('USAGE', `${flag} must be an integer from ${min} to ${max}, got \`${text}\``);
  }
  return value;
}
