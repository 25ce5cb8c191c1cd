/**
 * Fuzz mode: export calls with arguments drawn from their WIT types, and
 * import results drawn from theirs, all from one seed, so that a run is
 * reproducible. What happens is written as a trace on stdout as it happens:
 * when the app traps, the last `export` line is the call that did it, with
 * the import answers that led there.
 *
 * Handles come from the fuzzing host's pool, as in the in-process fuzzer
 * (host/fuzz-handles.ts): a call passes only handles that exist (those the
 * component returned, and new ones of the resources the host implements),
 * an `own` handle once; an export whose handles nothing can make is not
 * fuzzed (fuzz/plan.ts), and a call whose handles cannot all be given now
 * gives way to one that can.
 */
import fc from 'fast-check';
import { valueArbitrary } from '../../fuzz/arbitrary.js';
import { fuzzableExports, fuzzValues } from '../../fuzz/plan.js';
import type { ResourceClass } from '../../engines/jco/virtual-imports.js';
import { HandlePool } from '../../host/fuzz-handles.js';
import { isExitFunction } from '../../host/fuzz-host.js';
import { importedResources } from '../../values/world-resources.js';
import type { Value } from '../../values/value.js';
import { printCallPositional } from '../../wave/index.js';
import { callNameOf } from '../../wit/lookup.js';
import type { ResourceType, WitType } from '../../wit/types.js';
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
  const values = fuzzValues(undefined);
  const draw = (type: WitType): Value => fc.sample(valueArbitrary(type, values), { seed: nextSeed(), numRuns: 1 })[0] as Value;
  // The host's stand-ins for the resources it implements: any object of their own class.
  const hostClasses = new Map<ResourceType, ResourceClass>([...importedResources(context.world)].map((resource) => [resource, class {}]));
  const pool = new HandlePool(context.handles.table, hostClasses);
  const fuzzable = fuzzableExports(context.world);
  const indexOf = new Map(context.exports.map((fn, i) => [fn.function, i]));
  const callable = fuzzable.functions.flatMap((fn) => {
    const index = indexOf.get(fn.function);
    return index === undefined ? [] : [index];
  });
  const skipped = fuzzable.skipped.map((skip) => `fuzz: \`${skip.name}\` is not fuzzed: ${skip.reason}\n`).join('');
  let made = 0;

  /** The next call: a random export whose handles can all be given now, else the first after it that can. */
  const nextCall = (): { fn: number; args: Value[] } | undefined => {
    const start = choose(callable.length);
    for (let step = 0; step < callable.length; step++) {
      const fn = callable[(start + step) % callable.length] as number;
      const func = context.exports[fn];
      if (func === undefined) continue;
      const types = func.function.params.map((param) => param.type);
      const resolved = pool.resolveAll(types.map(draw), types);
      if (resolved.missing === undefined) return { fn, args: resolved.values };
    }
    return undefined;
  };

  return {
    nextExport(): Step {
      const done = (why: string): Step => ({ report: `${made === 0 ? skipped : ''}fuzz: ${made} export call(s) made with seed ${seed}, none trapped${why}\n` });
      if (made >= runs || callable.length === 0) return done(callable.length === 0 && made === 0 ? ' (no export can be fuzzed)' : '');
      const call = nextCall();
      if (call === undefined) return done(`; no export could be called with the handles held after ${made} call(s)`);
      made++;
      const func = context.exports[call.fn];
      if (func === undefined) return { fail: true };
      return { output: lines.exportCall(func, call.args), call, ...(made === 1 && skipped !== '' ? { report: skipped } : {}) };
    },
    beginExport: () => ({ report: 'fuzz: the host called an export directly\n', fail: true }),
    endExport(fn, result): Step {
      if (result !== undefined && fn.function.result !== undefined) pool.receive(result, fn.function.result);
      return { output: lines.exportReturn(fn, result) };
    },
    beginImport(fn, args): Step {
      fn.function.params.forEach((param, i) => pool.receive(args[i] as Value, param.type));
      if (isExitFunction(fn)) {
        const call = printCallPositional(callNameOf(fn), fn.function.params, args);
        return { output: lines.importCall(fn, args, undefined), report: `fuzz: the component exited: it called ${call}\n`, fail: true };
      }
      const type = fn.function.result;
      if (type === undefined) return { output: lines.importCall(fn, args, undefined), answer: {} };
      let value: Value;
      if (fn.function.kind === 'constructor' && fn.function.resource !== undefined && pool.canMake(fn.function.resource)) {
        value = pool.make(fn.function.resource);
      } else {
        const resolved = pool.resolveAll([draw(type)], [type]);
        if (resolved.missing !== undefined) return { report: `fuzz: no ${resolved.missing.resource.name.name} handle to answer ${callNameOf(fn)} with\n`, fail: true };
        value = resolved.values[0] as Value;
      }
      return { output: lines.importCall(fn, args, value), answer: { value } };
    },
    endImport: () => ({ report: 'fuzz: an import was forwarded to the host\n', fail: true }),
  };
}
