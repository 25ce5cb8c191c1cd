/**
 * The generated core virtualizers carry any value of any carriable WIT type
 * exactly: for random types, an echo component (export `echo-i` forwards its
 * argument to `host-echo-i` and returns what that returns) is instrumented to
 * record through the host recorder under jco; the recorded arguments and
 * results are the values passed, typed-equal. The recorded trace then
 * replays with the instrumented replay component, which decodes the bytes
 * back into arguments (flat, or through memory past 16 core values).
 */
import { afterAll, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { loadJcoComponent } from '../../src/engines/jco/load.js';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { isCarriable } from '../../src/instrument/abi.js';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { recorderHost } from '../../src/instrument/recorder-host.js';
import { readTrace } from '../../src/trace/read.js';
import { valuesEqual } from '../../src/values/equal.js';
import { toJco } from '../../src/values/jco.js';
import type { Value } from '../../src/values/value.js';
import { typeHasHandles } from '../../src/values/walk.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { WitType } from '../../src/wit/types.js';
import { buildEchoBytes, cleanUpComponents, echoImports } from '../support/echo-component.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';

afterAll(cleanUpComponents);

// A top-level result changes jco's calling convention (return or throw); nested ones are plain values.
// Handles need resources the echo world does not declare: test/instrument/resources.test.ts carries them.
const echoable = witTypeArbitrary().filter((type: WitType) => isCarriable(type) && !typeHasHandles(type) && type.kind !== 'result');
const cases = fc.array(echoable.chain((type) => fc.tuple(fc.constant(type), valueArbitrary(type, { maxListLength: 4 }))), { minLength: 1, maxLength: 6 });

test.prop([cases], { numRuns: 3 })('records and replays random values of random types exactly', async (pairs) => {
  const types = pairs.map(([type]) => type);
  const app = (await buildEchoBytes(types)).bytes;
  const world = decodeComponentWorld(app);
  const identity = echoImports(types.length, (_, arg) => arg);

  const recording = await instrumentComponent(app, { mode: 'record', useHostRecorder: true });
  const recorder = recorderHost({ record: world });
  const exports = (await (await loadJcoComponent(recording.component)).instantiate({ ...identity, ...recorder.imports })) as Record<string, (arg: unknown) => unknown>;
  pairs.forEach(([type, value], i) => exports[`echo${i}`]?.(toJco(value, type)));
  const trace = readTrace(recorder.text(), world);
  expect(trace.calls).toHaveLength(pairs.length);
  trace.calls.forEach((call, i) => {
    const [type, value] = pairs[i] as [WitType, Value];
    expect(valuesEqual(type, call.args[0] as Value, value), `argument of echo-${i}`).toBe(true);
    expect(call.outcome.kind).toBe('return');
    expect(valuesEqual(type, (call.outcome as { value: Value }).value, value), `result of echo-${i}`).toBe(true);
  });

  const replaying = await instrumentComponent(app, { mode: 'replay', useHostRecorder: true });
  const replayer = recorderHost({ replay: recorder.text(), world });
  const driver = (await (await loadJcoComponent(replaying.component)).instantiate({ ...identity, ...replayer.imports })) as { start: () => void };
  driver.start();
  expect(replayer.failure()).toBeUndefined();
  expect(replayer.summary()).toContain(`${pairs.length} of ${pairs.length} export call(s) matched`);
}, 300_000);
