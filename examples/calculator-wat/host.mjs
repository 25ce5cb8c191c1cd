/**
 * The calculator's host, as jco imports: fixed exchange rates and a log.
 * `proxy-component record --host host.mjs` uses the default export; tests
 * that want to see what was logged call `createHost(logged)` with an array.
 */

/** Millionths of the target currency one unit of the source buys. */
const RATES = {
  eur: { usd: 1_080_000n, gbp: 850_000n },
  usd: { eur: 926_000n, gbp: 787_000n, jpy: 151_200_000n },
  gbp: { eur: 1_176_000n, usd: 1_270_000n },
};

export function createHost(logged = []) {
  return {
    'example:calculator/rates': {
      // option<u64>: the rate as a bigint, or undefined for none.
      lookupRate: (source, target) => RATES[source]?.[target],
    },
    log: {
      default: (error, a, b) => {
        logged.push({ error, a, b });
      },
    },
  };
}

export default createHost();
