/**
 * Fuzz mode: export calls with arguments drawn from their WIT types, and
 * import results drawn from theirs, all from one seed, so that a run is
 * reproducible. What happens is written as a trace on stdout as it happens:
 * when the app traps, the last `export` line is the call that did it, with
 * the import answers that led there.
 */
import fc from 'fast-check';
import { valueArbitrary } from '../../fuzz/arbitrary.js';
import type { Value } from '../../values/value.js';
import type { WitType } from '../../wit/types.js';
import { TraceLines } from './record.js';
import type { Handler, Step, TracerContext } from './tracer.js';

export function fuzzHandler(context: TracerContext): Handler {
  const lines = new TraceLines(context);
  const { seed, runs } = context.config.fuzz ?? { seed: 0, runs: 100 };
  let state = seed >>> 0;
  // A 32-bit linear congruential generator: its low bits cycle quickly (bit 0 alternates), so choices take its high bits.
  const nextSeed = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  /** One of `n`, from the generator's high bits. */
  const choose = (n: number): number => Math.floor((nextSeed() / 2 ** 32) * n);
  const draw = (type: WitType): Value => fc.sample(valueArbitrary(type), { seed: nextSeed(), numRuns: 1 })[0] as Value;
  let made = 0;
  return {
    nextExport(): Step {
      if (made >= runs || context.exports.length === 0) return { report: `fuzz: ${made} export call(s) made with seed ${seed}, none trapped\n` };
      made++;
      const fn = choose(context.exports.length);
      const func = context.exports[fn];
      if (func === undefined) return { fail: true };
      const args = func.function.params.map((param) => draw(param.type));
      return { output: lines.exportCall(func, args), call: { fn, args } };
    },
    beginExport: () => ({ report: 'fuzz: the host called an export directly\n', fail: true }),
    endExport: (fn, result): Step => ({ output: lines.exportReturn(fn, result) }),
    beginImport(fn, args): Step {
      const type = fn.function.result;
      const value = type === undefined ? undefined : draw(type);
      return { output: lines.importCall(fn, args, value), answer: value === undefined ? {} : { value } };
    },
    endImport: () => ({ report: 'fuzz: an import was forwarded to the host\n', fail: true }),
  };
}
