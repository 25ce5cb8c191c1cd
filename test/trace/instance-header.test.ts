/**
 * A text holding several recordings (traces of separate runs joined, or
 * `wasmtime serve` writing one trace per instance): it reads as one trace,
 * as joined traces always have, the export call after each further header
 * knowing that header's line; a divergence at or after such a call says the
 * trace holds several instances, and one before it does not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TraceMatcher } from '../../src/trace/match.js';
import { readTrace } from '../../src/trace/read.js';
import { worldFunctions, type World, type WorldFunction } from '../../src/wit/world.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { appComponent } from '../support/app-component.js';

let world: World;
let double: WorldFunction;
beforeAll(async () => {
  world = decodeComponentWorld(await appComponent());
  double = worldFunctions(world, 'import').find((fn) => fn.function.name === 'double') as WorldFunction;
});

const HEADER = '# proxy-component trace v1 {"componentPath":"app.wasm","tool":"0.1.0"}';
const TEXT = [
  HEADER,
  'export run(20)',
  '  import test:app/math.double@0.1.0(20) -> 40',
  'return 41',
  HEADER,
  'export run(3)',
  '  import test:app/math.double@0.1.0(3) -> 6',
  'return 7',
  'export run(4)',
  '  import test:app/math.double@0.1.0(4) -> 8',
  'return 9',
].join('\n');

describe('a trace text holding several recordings', () => {
  it('reads as one trace; the call after a further header knows its line', () => {
    const trace = readTrace(TEXT, world);
    expect(trace.calls.map((call) => call.args)).toEqual([[20], [3], [4]]);
    expect(trace.calls.map((call) => call.instanceHeader)).toEqual([undefined, 5, undefined]);
  });

  it('a divergence from that call on says the trace holds several instances; one before it does not', () => {
    const trace = readTrace(TEXT, world);
    const matcher = new TraceMatcher(trace, { world });
    matcher.begin(0);
    const first = matcher.importCall(double, [21]);
    expect(first.kind === 'divergence' && first.divergence.summary).toBe('`test:app/math.double@0.1.0` was called with a different `x` than the trace records');

    const later = new TraceMatcher(trace, { world });
    later.begin(0);
    later.importCall(double, [20]);
    later.begin(1);
    later.importCall(double, [3]);
    later.begin(2);
    const third = later.importCall(double, [5]);
    expect(third.kind === 'divergence' && third.divergence.summary).toBe(
      '`test:app/math.double@0.1.0` was called with a different `x` than the trace records; ' +
        'the trace holds recordings of several instances (another header at line 5) and a replay runs every call on one instance, ' +
        'so calls recorded by a fresh instance (what a program does on its first call) are not made again ' +
        '(`wasmtime serve` starts an instance per request unless `--max-instance-reuse-count` and `--idle-instance-timeout` keep one)',
    );
  });
});
