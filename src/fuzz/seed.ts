/**
 * The seed of a campaign given none. `PROXY_COMPONENT_SEED` fixes it for
 * every campaign of the process (CLI `fuzz`, `diff --fuzz`, `record
 * --generate`, the property matchers, `componentTest`), so that a CI job
 * runs with a recorded seed; else a fresh random one, which every report
 * prints so that it can be run again. A seed given explicitly wins.
 */
import { ProxyComponentError } from '../errors.js';

// Captured at load: a test that mocks Math.random must not change fuzzing.
const random = Math.random;

/** The environment variable that fixes every campaign's seed. */
export const SEED_VARIABLE = 'PROXY_COMPONENT_SEED';

/** A fresh random seed, as fast-check takes it. */
export function randomSeed(): number {
  return Math.floor(random() * 0x7fffffff);
}

/** `PROXY_COMPONENT_SEED` when set (a usage error when it is not an integer), else undefined. */
export function environmentSeed(): number | undefined {
  const text = process.env[SEED_VARIABLE];
  if (text === undefined || text.trim() === '') return undefined;
  const seed = Number(text.trim());
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(seed)) throw new ProxyComponentError('USAGE', `${SEED_VARIABLE} must be an integer seed, got \`${text}\``);
  return seed;
}

/** The seed of a campaign given none: `PROXY_COMPONENT_SEED`, else random. */
export function defaultSeed(): number {
  return environmentSeed() ?? randomSeed();
}
