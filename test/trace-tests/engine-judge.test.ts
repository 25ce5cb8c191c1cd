/**
 * How `proxy({ engines })` and the Jest preset's `engines` judge one engine
 * on one export call (src/trace-tests/engine-judge.ts), from runs made up
 * here: the trace is the reference; calls without a recorded outcome (saved
 * fuzz failures) go by majority among the engines; timeouts, engines that
 * could not run and traces that could not be read fail plainly.
 */
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallReport, EngineRun } from '../../src/engines/engine.js';
import { ProxyComponentError } from '../../src/errors.js';
import type { ExportCall } from '../../src/trace/model.js';
import { readTrace } from '../../src/trace/read.js';
import { engineCallFailure, traceRun, type EngineRuns } from '../../src/trace-tests/engine-judge.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { calcComponent } from '../engines/support/components.js';

const TRACE = `export test:calc/ops.add@0.1.0(2, 2)
return 4
export test:calc/ops.add@0.1.0(1, 1)
expect no-trap
`;

let world: World;
let calls: readonly ExportCall[];
const spec = {
  displayFile: 'traces/calc.trace',
  calls: [
    { name: 'test:calc/ops.add@0.1.0(2, 2)', line: 1, column: 1 },
    { name: 'test:calc/ops.add@0.1.0(1, 1)', line: 3, column: 1 },
  ],
};

beforeAll(async () => {
  world = decodeComponentWorld(await calcComponent());
  calls = readTrace(TRACE, world, { file: spec.displayFile }).calls;
});

const returns = (value: number): CallReport => ({ outcome: { kind: 'return', value }, imports: [] });

function run(engine: string, reports: readonly CallReport[], failure?: string): EngineRun {
  return { engine, calls: reports, elapsedMs: 1, ...(failure === undefined ? {} : { failure }) };
}

function outcome(...runs: EngineRun[]): EngineRuns {
  return { calls, runs: [traceRun(calls), ...runs] };
}

describe('engineCallFailure', () => {
  it('passes an engine that does what the trace recorded, and fails one that does not, with the table of the call', () => {
    const ran = outcome(run('a', [returns(4), returns(2)]), run('b', [returns(5), returns(2)]), run('c', [returns(4), returns(2)]));

    expect(engineCallFailure(spec, 'a', 0, ran)).toBeUndefined();
    const failure = engineCallFailure(spec, 'b', 0, ran);

    expect(failure).toMatchObject({ name: 'EngineDisagreement', line: 1, column: 1 });
    expect(failure?.differential?.divergence).toMatchObject({ callIndex: 0, oddOnesOut: ['b'], verdict: 'b differs from the majority (trace, a, c)' });
    expect(failure?.differential?.engines.map((engine) => engine.name)).toEqual(['a', 'b', 'c']);
    expect(failure?.message).toMatch(/trace +│ return 4\n\s+a +│ return 4\n\s+b +│ return 5/);
  });

  it("judges a call without a recorded outcome by the engines' majority, and fails every engine without one", () => {
    const three = outcome(run('a', [returns(4), returns(2)]), run('b', [returns(4), returns(2)]), run('c', [returns(4), returns(3)]));
    const two = outcome(run('a', [returns(4), returns(2)]), run('c', [returns(4), returns(3)]));

    expect(engineCallFailure(spec, 'a', 1, three)).toBeUndefined();
    expect(engineCallFailure(spec, 'c', 1, three)?.differential?.divergence).toMatchObject({ callIndex: 1, oddOnesOut: ['c'] });
    expect(engineCallFailure(spec, 'a', 1, two)?.name).toBe('EngineDisagreement');
    expect(engineCallFailure(spec, 'c', 1, two)?.name).toBe('EngineDisagreement');
  });

  it('fails a call that timed out and every call of a trace that could not be read; marks an engine that could not run for skipping', () => {
    const ran = outcome(run('a', [{ outcome: { kind: 'timeout', ms: 100 } }, returns(2)]), run('b', [], 'missing: not installed (install: setup)'));
    const unread = { error: new ProxyComponentError('TRACE_SYNTAX', 'bad line', { location: { line: 3, column: 8 } }) };

    expect(engineCallFailure(spec, 'a', 0, ran)).toEqual({ name: 'EngineFailure', message: 'a: timeout after 100 ms', line: 1, column: 1 });
    // An engine that could not run it is no divergence: marked for the frameworks to skip.
    expect(engineCallFailure(spec, 'b', 1, ran)).toEqual({ name: 'EngineCouldNotRun', message: 'b could not run it: missing: not installed (install: setup)', line: 3, column: 1, couldNotRun: true });
    expect(engineCallFailure(spec, 'a', 0, unread)).toMatchObject({ name: 'ProxyComponentError', code: 'TRACE_SYNTAX', line: 3, column: 8 });
  });

  it('fails the later calls of an engine that failed one as not reached, as a replay does; an engine that could not run a call is no failure', () => {
    const ran = outcome(run('a', [returns(4), returns(2)]), run('b', [returns(5), returns(2)]), run('c', [{ outcome: { kind: 'not-run', reason: 'stopped' } }, returns(2)]));

    expect(engineCallFailure(spec, 'b', 1, ran)).toEqual({
      name: 'EngineDisagreement',
      message: 'not reached: an earlier call failed on b at line 1 (test:calc/ops.add@0.1.0(2, 2))',
      line: 3,
      column: 1,
    });
    expect(engineCallFailure(spec, 'a', 1, ran)).toBeUndefined();
    expect(engineCallFailure(spec, 'c', 1, ran)).toBeUndefined();
  });

  test.prop([fc.nat({ max: 2 ** 32 - 1 })])('an engine passes a recorded call exactly when it returns the recorded value', (returned) => {
    const ran = outcome(run('a', [returns(returned), returns(2)]));
    const failure = engineCallFailure(spec, 'a', 0, ran);
    expect(failure === undefined).toBe(returned === 4);
  });
});
