/**
 * Mutants of components, as fast-check arbitraries: a small real component
 * (the calculator example) truncated or with bytes flipped, random bytes with
 * or without the component preamble, a core module, and components whose
 * start function traps or loops for ever. Each is given to the commands that
 * read components (replay, fuzz, wit), which must refuse it, or run it,
 * without crashing or hanging.
 */
import fc from 'fast-check';
import type { Corpus } from './corpus.js';
import { coreModule, RUN_TRACE, startLoopsComponent, startTrapsComponent } from './start-shapes.js';

export type ComponentMutant =
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'flip'; readonly flips: readonly (readonly [number, number])[] }
  | { readonly op: 'random'; readonly length: number; readonly preamble: boolean; readonly seed: number }
  | { readonly op: 'core-module' | 'start-traps' | 'start-loops' | 'empty' };

export const componentMutantArbitrary: fc.Arbitrary<ComponentMutant> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat({ max: 1_000_000 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), flips: fc.array(fc.tuple(fc.nat({ max: 1_000_000 }), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('random' as const), length: fc.nat({ max: 4096 }), preamble: fc.boolean(), seed: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('core-module' as const, 'start-traps' as const, 'start-loops' as const, 'empty' as const) }) },
);

export function describeComponentMutant(mutant: ComponentMutant): string {
  return Object.entries(mutant).map(([key, value]) => (key === 'op' ? String(value) : `${key}=${JSON.stringify(value)}`)).join(' ');
}

/** The mutant's bytes, and the text of a trace of its world. */
export async function componentMutantBytes(corpus: Corpus, mutant: ComponentMutant, traceOf: { readonly calculator: string }): Promise<{ bytes: Uint8Array; trace: string }> {
  const base = corpus.smallComponent.bytes;
  switch (mutant.op) {
    case 'truncate':
      return { bytes: base.subarray(0, mutant.at % base.length), trace: traceOf.calculator };
    case 'flip': {
      const bytes = new Uint8Array(base);
      for (const [at, bit] of mutant.flips) bytes[at % bytes.length] = (bytes[at % bytes.length] as number) ^ (1 << bit);
      return { bytes, trace: traceOf.calculator };
    }
    case 'random': {
      const bytes = new Uint8Array(mutant.length + (mutant.preamble ? 8 : 0));
      let state = mutant.seed || 1;
      for (let i = 0; i < bytes.length; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        bytes[i] = state >>> 24;
      }
      if (mutant.preamble) bytes.set([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
      return { bytes, trace: traceOf.calculator };
    }
    case 'core-module':
      return { bytes: await coreModule(), trace: RUN_TRACE };
    case 'start-traps':
      return { bytes: await startTrapsComponent(), trace: RUN_TRACE };
    case 'start-loops':
      return { bytes: await startLoopsComponent(), trace: RUN_TRACE };
    case 'empty':
      return { bytes: new Uint8Array(0), trace: RUN_TRACE };
  }
}
