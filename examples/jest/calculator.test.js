// The calculator component (../calculator-wat, built by `npm run build:examples`) tested
// from ordinary Jest tests: the traces recorded next to it, and properties over its exports.
//
// A property writes the trace it expects for a generated call, import answers included, and
// replays it: the component must do exactly what the model says. @fast-check/jest seeds each
// property with Jest's seed (`jest --show-seed` prints it, `jest --seed=<seed>` replays every
// property of the run), and a failure prints the `{ seed, path }` that replays its shrunk
// counterexample alone: `test.prop(arbitraries, { seed, path, endOnFailure: true })`.
const { join } = require('node:path');
const { fc, test } = require('@fast-check/jest');

const CALCULATOR = join(__dirname, '../calculator-wat/build/calculator.wasm');
const TRACES = join(__dirname, '../calculator-wat/traces');
const S64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const CURRENCIES = ['eur', 'usd', 'gbp', 'jpy'];
const RATES = 'example:calculator/rates.lookup-rate@0.1.0';

// Every trace is also a test file of its own (the preset); here they run as one test.
test('replays every recorded trace', async () => {
  await expect(CALCULATOR).toReplayTraces(TRACES);
});

test.prop({ a: fc.bigInt(S64), b: fc.bigInt(S64) })('eval(add, a, b) is the sum, or overflow told to log', async ({ a, b }) => {
  const sum = a + b;
  const trace =
    sum >= S64.min && sum <= S64.max
      ? `export eval(add, ${a}, ${b})\nreturn ok(${sum})\n`
      : `export eval(add, ${a}, ${b})\n  import log(overflow, ${a}, ${b})\nreturn err(overflow)\n`;
  await expect(CALCULATOR).toReplayTrace(trace);
});

test.prop({ amount: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), currency: fc.constantFrom(...CURRENCIES) })(
  'convert to the same currency keeps the amount and asks for no rate',
  async ({ amount, currency }) => {
    await expect(CALCULATOR).toReplayTrace(`export convert(${amount}, ${currency}, ${currency})\nreturn some(${amount})\n`);
  },
);

test.prop({
  amount: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  rate: fc.bigInt({ min: 1n, max: 10n ** 7n }),
  pair: fc.uniqueArray(fc.constantFrom(...CURRENCIES), { minLength: 2, maxLength: 2 }),
})('convert applies the rate the host answers, in millionths, rounding down', async ({ amount, rate, pair: [source, target] }) => {
  const trace = `export convert(${amount}, ${source}, ${target})\n  import ${RATES}(${source}, ${target}) -> some(${rate})\nreturn some(${(amount * rate) / 1_000_000n})\n`;
  await expect(CALCULATOR).toReplayTrace(trace);
});
