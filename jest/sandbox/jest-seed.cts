/**
 * Jest's seed for this run (`jest --seed=N`, shown by `--show-seed`), for
 * matchers that generate input without a seed of their own, so that Jest's
 * seed replays them. CommonJS: loaded by Jest's `require` in the sandbox.
 */
function jestSeed(): number | undefined {
  try {
    const globals = require('@jest/globals') as { jest?: { getSeed?: () => number } };
    return globals.jest?.getSeed?.();
  } catch {
    return undefined;
  }
}

/** `received` with Jest's seed added when it asks for generated calls (`fuzz`) without a seed. */
function withJestSeed(received: unknown): unknown {
  if (typeof received !== 'object' || received === null || !('fuzz' in received) || 'seed' in received) return received;
  const seed = jestSeed();
  return seed === undefined ? received : { ...received, seed };
}

export = { jestSeed, withJestSeed };
