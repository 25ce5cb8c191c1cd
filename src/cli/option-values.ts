/**
 * Reading option values the commands share, with one message each: integers
 * in a range, `NAME=VALUE` pairs, and what a component is granted of the
 * machine (declared once for every command that runs one with WASI).
 */
import { ProxyComponentError } from '../errors.js';
import type { WasiGrants } from '../host/wasi.js';
import type { OptionSpec } from './command.js';

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

/** The options granting a component (`who`: "component", "handler") what WASI denies it by default. */
export function grantOptions(who: string): OptionSpec[] {
  return [
    { flags: '--env <NAME=VALUE...>', description: `environment variables the ${who} may see` },
    { flags: '--dir <GUEST=HOST...>', description: `directories the ${who} may open` },
    { flags: '--allow-network', description: `let the ${who} use sockets and send HTTP requests anywhere` },
  ];
}

export interface GrantOptionValues {
  readonly env?: string[];
  readonly dir?: string[];
  readonly allowNetwork?: boolean;
}

/** What `grantOptions` parsed, as the host's grants. */
export function grantsOption(options: GrantOptionValues): WasiGrants {
  return { env: pairsOption(options.env, '--env'), dirs: pairsOption(options.dir, '--dir'), network: options.allowNetwork === true };
}

/** The grant options given, by flag: for a mode that runs no WASI host of ours and must refuse them. */
export function grantsGiven(options: GrantOptionValues): string[] {
  return [...(options.env === undefined ? [] : ['--env']), ...(options.dir === undefined ? [] : ['--dir']), ...(options.allowNetwork === true ? ['--allow-network'] : [])];
}

/** `a,b` -> ['a', 'b']; an empty name is bad input (which names exist is checked against the component). */
export function nameList(text: string, flag: string, what: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new ProxyComponentError('USAGE', `${flag} takes comma-separated ${what}, got \`${text}\``);
  return names;
}
