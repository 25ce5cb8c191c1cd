import { beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { startRecording } from '../../src/host/record.js';
import { replayTrace } from '../../src/host/replay.js';
import { readTrace } from '../../src/trace/read.js';
import { formatTrace } from '../../src/trace/write.js';
import { worldFunctions } from '../../src/wit/world.js';
import { appComponent, appHost, changedAppComponent } from '../support/app-component.js';

let app: JcoComponent;
let changed: JcoComponent;
const exportNamed = (component: JcoComponent, name: string) => {
  const found = worldFunctions(component.world, 'export').find((f) => f.function.name === name);
  if (found === undefined) throw new Error(`no export ${name}`);
  return found;
};

async function record(calls: [string, unknown[]][]): Promise<string> {
  const recording = await startRecording(app, appHost());
  for (const [name, args] of calls) recording.call(exportNamed(app, name), args as never);
  return formatTrace(recording.trace());
}

beforeAll(async () => {
  app = await loadJcoComponent(await appComponent());
  changed = await loadJcoComponent(await changedAppComponent());
});

describe('record', () => {
  it('writes every export call with the import calls it made, nested, and its result', async () => {
    const text = await record([['run', [20]], ['greet', ['ada']], ['greet', ['bob']]]);
    expect(text.split('\n').slice(1)).toEqual([
      'export run(20)',
      '  import test:app/math.double@0.1.0(20) -> 40',
      'return 41',
      'export greet("ada")',
      '  import test:app/math.lookup@0.1.0("ada") -> some("Hello, Ada")',
      'return some("Hello, Ada")',
      'export greet("bob")',
      '  import test:app/math.lookup@0.1.0("bob") -> none',
      'return none',
      '',
    ]);
    expect(text.split('\n')[0]).toMatch(/^# proxy-component trace v1 \{"world":"root:component\/root","component":"sha256:[0-9a-f]{64}","tool":"[^"]+"\}$/);
  });

  it('records a trap as the outcome of the export call that trapped; the instance stays poisoned', async () => {
    const text = await record([['crash', []], ['run', [1]]]);
    expect(text).toContain('export crash()\ntrap "wasm trap: wasm `unreachable` instruction executed"\n');
    // The component model forbids entering an instance that trapped; the next call fails without running.
    expect(text).toContain('export run(1)\ntrap "wasm trap: cannot enter component instance"\n');
  });

  it('records a host that throws as a failed import call', async () => {
    const host = { 'test:app/math': { ...appHost()['test:app/math'], double: () => { throw new Error('disk on fire'); } } };
    const recording = await startRecording(app, host);
    const outcome = recording.call(exportNamed(app, 'run'), [3]);
    expect(outcome).toEqual({ kind: 'trap', message: 'disk on fire' });
    expect(formatTrace(recording.trace())).toContain('  import test:app/math.double@0.1.0(3) trap "disk on fire"\ntrap "disk on fire"\n');
  });
});

describe('replay', () => {
  it('matches a true trace with no host at all', async () => {
    const text = await record([['run', [20]], ['greet', ['ada']], ['crash', []], ['greet', ['zed']]]);
    const report = await replayTrace(app, readTrace(text, app.world, { file: 'app.trace' }));
    expect(report).toEqual({ matched: 4, total: 4 });
  });

  it('reports a changed build at the first export result that differs, with the trace line', async () => {
    const text = await record([['greet', ['ada']], ['run', [20]], ['run', [1]]]);
    const report = await replayTrace(changed, readTrace(text, changed.world, { file: 'app.trace' }));
    expect(report.matched).toBe(1);
    expect(report.divergence).toEqual({
      kind: 'export-result',
      summary: '`run` returned 42, the trace expects 41',
      file: 'app.trace',
      line: 7,
      callIndex: 1,
      path: ['export run(20)'],
      expected: '41',
      actual: '42',
      type: 'u32',
    });
  });

  it('answers imports from the trace, so an altered import result changes what the component returns', async () => {
    const text = (await record([['run', [20]]])).replace('-> 40', '-> 50');
    const report = await replayTrace(app, readTrace(text, app.world));
    expect(report.divergence).toMatchObject({ kind: 'export-result', expected: '41', actual: '51', line: 4 });
  });

  it('reports import calls with other arguments, missing import calls, and extra ones', async () => {
    const base = await record([['run', [20]]]);
    const otherArgs = await replayTrace(app, readTrace(base.replace('export run(20)', 'export run(21)'), app.world));
    expect(otherArgs.divergence).toMatchObject({
      kind: 'import-arguments',
      line: 3,
      expected: 'test:app/math.double@0.1.0(20)',
      actual: 'test:app/math.double@0.1.0(21)',
      path: ['export run(21)', 'import test:app/math.double@0.1.0(20)'],
    });

    const extra = base.replace('return 41', '  import test:app/math.double@0.1.0(40) -> 80\nreturn 41');
    expect((await replayTrace(app, readTrace(extra, app.world))).divergence).toMatchObject({ kind: 'missing-import', line: 4 });

    const none = base.replace('  import test:app/math.double@0.1.0(20) -> 40\n', '');
    expect((await replayTrace(app, readTrace(none, app.world))).divergence).toMatchObject({ kind: 'unexpected-import', line: 3 });
  });

  it('reports a trap the trace does not have, and a trap the trace has but the run lacks', async () => {
    const text = await record([['crash', []]]);
    const asReturn = text.replace(/trap ".*"/, 'return');
    expect((await replayTrace(app, readTrace(asReturn, app.world))).divergence).toMatchObject({
      kind: 'export-trap',
      actual: 'trap "wasm trap: wasm `unreachable` instruction executed"',
    });

    const greet = await record([['greet', ['ada']]]);
    const asTrap = greet.replace('return some("Hello, Ada")', 'trap "boom"');
    expect((await replayTrace(app, readTrace(asTrap, app.world))).divergence).toMatchObject({ kind: 'missing-trap' });
  });

  it('replays a recorded host failure as a failure of the same import call', async () => {
    const host = { 'test:app/math': { ...appHost()['test:app/math'], double: () => { throw new Error('disk on fire'); } } };
    const recording = await startRecording(app, host);
    recording.call(exportNamed(app, 'run'), [3]);
    const report = await replayTrace(app, readTrace(formatTrace(recording.trace()), app.world));
    expect(report).toEqual({ matched: 1, total: 1 });
  });
});
