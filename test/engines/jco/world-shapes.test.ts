import { describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../../src/engines/jco/load.js';
import { startRecording } from '../../../src/host/record.js';
import { replayTrace } from '../../../src/host/replay.js';
import { readTrace } from '../../../src/trace/read.js';
import { formatTrace } from '../../../src/trace/write.js';
import { worldFunctions } from '../../../src/wit/world.js';
import { sameNamedResourcesComponent, twoVersionsComponent, typesOnlyComponent, worldResourceComponent } from '../../support/shapes/world-shapes.js';

const exportNamed = (component: JcoComponent, name: string) => {
  const found = worldFunctions(component.world, 'export').find((f) => f.function.name === name);
  if (found === undefined) throw new Error(`no export ${name}`);
  return found;
};

async function recordOne(component: JcoComponent, host: Record<string, Record<string, unknown>>, name: string, args: unknown[]): Promise<string> {
  const recording = await startRecording(component, host);
  recording.call(exportNamed(component, name), args as never);
  return formatTrace(recording.trace());
}

describe('world shapes on the in-process engine', () => {
  it('a resource declared in the world is imported as `{ default: Class }` under its own name', async () => {
    const component = await loadJcoComponent(await worldResourceComponent());
    class R {
      constructor(readonly x: number) {}
    }
    const host = { r: { default: R }, test: { default: (r: R) => r.x * 2 } };

    const text = await recordOne(component, host, 'run', [21]);

    expect(text.split('\n').slice(1, -1)).toEqual(['export run(21)', '  import [constructor]r(21) -> #1', '  import test(#1) -> 42', 'return 42']);
    expect(await replayTrace(component, readTrace(text, component.world))).toEqual({ matched: 1, total: 1 });
    const changed = await replayTrace(component, readTrace(text.replace('-> 42', '-> 43'), component.world));
    expect(changed.divergence).toMatchObject({ kind: 'export-result', expected: '42', actual: '43' });
  });

  it('an interface imported only for its types needs no host object', async () => {
    const component = await loadJcoComponent(await typesOnlyComponent());
    const host = { 'test:shapes/timer': { now: () => ({ seconds: 7n, nanos: 5 }) } };

    const text = await recordOne(component, host, 'elapsed', []);

    expect(text).toContain('  import test:shapes/timer.now() -> {seconds: 7, nanos: 5}\nreturn 7\n');
    expect(await replayTrace(component, readTrace(text, component.world))).toEqual({ matched: 1, total: 1 });
  });

  it('two versions of one interface share one host object; a function both have replays under either version', async () => {
    const component = await loadJcoComponent(await twoVersionsComponent());
    const host = { 'test:dep/test': { x: () => 1, y: (a: number) => a + 1, z: (a: number) => a + 2 } };

    const text = await recordOne(component, host, 'run', []);

    // jco calls one `x` for both versions: the call is attributed to the newest.
    expect(text.split('\n').slice(1, -1)).toEqual([
      'export run()',
      '  import test:dep/test.x@0.2.0() -> 1',
      '  import test:dep/test.y@0.1.0(1) -> 2',
      '  import test:dep/test.x@0.2.0() -> 1',
      '  import test:dep/test.z@0.2.0(2) -> 4',
      'return 4121',
    ]);
    // A host that tells the versions apart (wasmtime) records the first call under 0.1.0: it replays here too.
    const exact = text.replace('test:dep/test.x@0.2.0() -> 1', 'test:dep/test.x@0.1.0() -> 1');
    expect(await replayTrace(component, readTrace(exact, component.world))).toEqual({ matched: 1, total: 1 });
    const wrong = text.replace('test:dep/test.y@0.1.0(1) -> 2', 'test:dep/test.z@0.2.0(1) -> 2');
    expect((await replayTrace(component, readTrace(wrong, component.world))).divergence).toMatchObject({ kind: 'unexpected-import' });
  });
});

describe('exported resources on the in-process engine', () => {
  it('an interface written inline in the world is exported under its camelCase name; same-named resources stay apart', async () => {
    const component = await loadJcoComponent(await sameNamedResourcesComponent());
    class X {
      constructor(readonly v: number) {}
      get(): number {
        return this.v * 2;
      }
    }
    const recording = await startRecording(component, { 'an-imported-interface': { X } });
    const [construct, get] = ['[constructor]x', '[method]x.get'].map((name) => exportNamed(component, name));
    const made = recording.call(construct!, [4]);
    if (made.kind !== 'return' || made.value === undefined) throw new Error(`the constructor did not return a handle: ${JSON.stringify(made)}`);
    recording.call(get!, [made.value]);
    const text = formatTrace(recording.trace());

    expect(text.split('\n').slice(1, -1)).toEqual([
      'export an-exported-interface.[constructor]x(4)',
      '  import an-imported-interface.[constructor]x(5) -> #1',
      'return #2',
      'export an-exported-interface.[method]x.get(#2)',
      '  import an-imported-interface.[method]x.get(#1) -> 10',
      'return 1010',
    ]);
    expect(await replayTrace(component, readTrace(text, component.world))).toEqual({ matched: 2, total: 2 });
  });
});
