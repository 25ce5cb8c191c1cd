import { describe, expect, it } from 'vitest';
import { outcomeKey } from '../../src/differential/compare.js';
import type { EngineOutcome, PlannedCall } from '../../src/engines/engine.js';
import { divergenceShape } from '../../src/interpreters/compare-program.js';
import { interpreterResult, normaliseOutcome, type NormalisationRule } from '../../src/interpreters/normalise.js';
import { primitive } from '../../src/wit/types.js';
import type { WorldFunction } from '../../src/wit/world.js';

const LOWER: NormalisationRule = { name: 'lower', description: 'lower case', why: 'a test', field: 'error', apply: (text) => text.toLowerCase() };
const failure = (output: string, error: string): EngineOutcome => ({ kind: 'return', value: { tag: 'err', value: { output, error } } });
const printed = (output: string): EngineOutcome => ({ kind: 'return', value: { tag: 'ok', value: output } });

describe('interpreter results', () => {
  it('are read from ok(output), err({output, error}) and err(error)', () => {
    expect(interpreterResult({ tag: 'ok', value: '1\n' })).toEqual({ ok: true, output: '1\n', error: '' });
    expect(interpreterResult({ tag: 'err', value: { output: '1\n', error: 'E' } })).toEqual({ ok: false, output: '1\n', error: 'E' });
    expect(interpreterResult({ tag: 'err', value: 'E' })).toEqual({ ok: false, output: '', error: 'E' });
    expect(interpreterResult(3)).toBeUndefined();
    expect(interpreterResult({ tag: 'ok', value: 3 })).toBeUndefined();
  });

  it('are normalised field by field, in their own shape, naming the rules that changed them', () => {
    expect(normaliseOutcome(failure('A', 'B'), [LOWER])).toEqual({ value: failure('A', 'b'), applied: ['lower'] });
    expect(normaliseOutcome({ kind: 'return', value: { tag: 'err', value: 'B' } }, [LOWER])).toEqual({ value: { kind: 'return', value: { tag: 'err', value: 'b' } }, applied: ['lower'] });
    // An error rule leaves what a program printed alone, and an unchanged result is not said to be normalised.
    expect(normaliseOutcome(printed('A'), [LOWER])).toEqual({ value: printed('A'), applied: [] });
  });

  it('leave traps and timeouts as they are', () => {
    const trap: EngineOutcome = { kind: 'trap', message: 'UNREACHABLE' };
    const timeout: EngineOutcome = { kind: 'timeout', ms: 5 };

    expect(normaliseOutcome(trap, [LOWER])).toEqual({ value: trap, applied: [] });
    expect(normaliseOutcome(timeout, [LOWER])).toEqual({ value: timeout, applied: [] });
  });
});

describe('the shape of a divergence', () => {
  const run = {
    kind: 'export',
    function: { kind: 'freestanding', name: 'run', params: [{ name: 'program', type: primitive.string }], result: { kind: 'result', ok: primitive.string, err: primitive.string } },
  } as unknown as WorldFunction;
  const call: PlannedCall = { name: 'run', function: run, args: [''], imports: [] };
  const keyOf = (outcome: EngineOutcome) => outcomeKey(call, outcome);
  const error = (line: string): EngineOutcome => ({ kind: 'return', value: { tag: 'err', value: `Traceback\n${line}\n` } });

  it('groups engines by outcome and says how each ended, so that shrinking keeps the same divergence', () => {
    expect(divergenceShape([printed('1'), printed('1'), printed('2')], keyOf)).toBe('0:ok 0:ok 1:ok');
    expect(divergenceShape([error('ZeroDivisionError: x'), printed('1'), { kind: 'trap', message: 't' }], keyOf)).toBe('0:err:ZeroDivisionError 1:ok 2:trap');
    // Another pair of outputs, grouped the same way, is the same shape; another ending is not.
    expect(divergenceShape([printed('5'), printed('5'), printed('6')], keyOf)).toBe('0:ok 0:ok 1:ok');
    expect(divergenceShape([printed('5'), printed('5'), error('ValueError: y')], keyOf)).toBe('0:ok 0:ok 1:err:ValueError');
  });

  it('is none when the engines agree, or one was not compared', () => {
    expect(divergenceShape([printed('1'), printed('1')], keyOf)).toBeUndefined();
    expect(divergenceShape([printed('1'), { kind: 'timeout', ms: 1 }, printed('2')], keyOf)).toBeUndefined();
  });
});
