/**
 * What counts as giving the argument back: typed equality, whose one
 * normalisation is NaN (any NaN equals any NaN: engines may change payloads);
 * -0 for 0, a different case or a trap are mismatches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BindingsCase } from '../../src/campaign/bindings-case.js';
import { buildCase } from '../../src/campaign/build-case.js';
import { casePlan, type PlannedCheck } from '../../src/campaign/case-plan.js';
import { isExpected } from '../../src/campaign/check-case.js';
import type { EngineOutcome } from '../../src/engines/engine.js';

const floats: BindingsCase = {
  encoding: 'utf8',
  functions: [{ name: 'f0', kind: 'echo', params: [{ kind: 'f64' }] }, { name: 'f1', kind: 'echo', params: [{ kind: 'f32' }, { kind: 'option', some: { kind: 'u8' } }] }],
  calls: [
    { function: 0, args: [Number.NaN] },
    { function: 0, args: [0] },
    { function: 1, args: [Number.NaN, { tag: 'some', value: 3 }] },
  ],
};

let plan: PlannedCheck[] = [];
beforeAll(async () => {
  plan = casePlan(floats, await buildCase(floats));
});

function isEcho(index: number, outcome: EngineOutcome): boolean {
  return isExpected(plan[index] as PlannedCheck, outcome);
}

describe('isExpected, on echo calls', () => {
  it('takes any NaN for a NaN, in an f64 and in an f32 inside a tuple', () => {
    const otherNaN = new Float64Array(new BigUint64Array([0x7ff8_0000_dead_beefn]).buffer)[0] as number;
    expect(isEcho(0, { kind: 'return', value: otherNaN })).toBe(true);
    expect(isEcho(2, { kind: 'return', value: [Number.NaN, { tag: 'some', value: 3 }] })).toBe(true);
  });

  it('takes -0 for 0, another case, a trap or no value as a mismatch', () => {
    expect(isEcho(1, { kind: 'return', value: -0 })).toBe(false);
    expect(isEcho(1, { kind: 'return', value: 0 })).toBe(true);
    expect(isEcho(2, { kind: 'return', value: [Number.NaN, { tag: 'none' }] })).toBe(false);
    expect(isEcho(0, { kind: 'trap', message: 'unreachable' })).toBe(false);
    expect(isEcho(0, { kind: 'return' })).toBe(false);
  });
});
