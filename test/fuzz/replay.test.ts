import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { defineProperty } from '../../src/fuzz/property.js';
import { replayTrace } from '../../src/host/replay.js';
import { readTrace } from '../../src/trace/read.js';
import { formatTrace } from '../../src/trace/write.js';
import { appComponent } from '../support/app-component.js';
import { limitsComponent } from './support/fuzz-components.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/fuzz/divide-no-trap.trace', import.meta.url));

let limits: JcoComponent;
let fixed: JcoComponent;
let app: JcoComponent;
let pinned: string;

beforeAll(async () => {
  limits = await loadJcoComponent(await limitsComponent());
  fixed = await loadJcoComponent(await limitsComponent(true));
  app = await loadJcoComponent(await appComponent());
  pinned = await readFile(FIXTURE, 'utf8');
});

const replay = (component: JcoComponent, text: string, options: Parameters<typeof replayTrace>[2] = {}) =>
  replayTrace(component, readTrace(text, component.world, { file: 'saved.trace' }), options);

describe('the expect form of the trace format', () => {
  it('reads expectations and the fuzz origin, and writes them back unchanged', () => {
    const trace = readTrace(pinned, limits.world);
    expect(trace.header.fuzz).toEqual({ seed: 1, path: '3:2:1:1:2:2:2:2:2:2:0:0', property: 'no-trap' });
    expect(trace.calls.map((call) => [call.name, call.expect, call.outcomeLine])).toEqual([
      ['add', ['well-typed', 'no-trap'], 5],
      ['divide', ['well-typed', 'no-trap'], 9],
    ]);
    const written = formatTrace(trace);
    // The observations were comments: read back, they are gone, and the rest is the same.
    expect(written.split('\n').filter((line) => !line.trimStart().startsWith('#'))).toEqual(pinned.split('\n').filter((line) => !line.trimStart().startsWith('#')));
    expect(formatTrace(readTrace(written, limits.world))).toBe(written);
  });

  it.each([
    ['outside an export call', 'expect no-trap\n', '`expect` outside an export call at 1:1'],
    ['without a property', 'export add(1, 2)\nexpect\n', '`expect` needs at least one property, like `expect no-trap` at 2:1'],
    ['with a name that is not kebab-case', 'export add(1, 2)\nexpect no-trap Bad_Name\n', '`Bad_Name` is not a property name (kebab-case, like `no-trap`) at 2:16'],
  ])('rejects `expect` %s, with the position', (_what, text, message) => {
    expect(() => readTrace(text, limits.world)).toThrow(message);
  });
});

describe('replaying a saved failure', () => {
  it('fails on the buggy build, at the expectation of the call that breaks it', async () => {
    const report = await replay(limits, pinned);
    expect(report).toMatchObject({ matched: 1, total: 2 });
    expect(report.divergence).toEqual({
      kind: 'export-trap',
      summary: '`divide` trapped: wasm trap: integer divide by zero (the trace expects property `no-trap`)',
      file: 'saved.trace',
      line: 9,
      callIndex: 1,
      path: ['export divide(7)'],
      expected: 'property no-trap',
      actual: 'trap "wasm trap: integer divide by zero"',
    });
  });

  it('passes on the fixed build, whose results differ from what the buggy one did', async () => {
    expect(await replay(fixed, pinned)).toEqual({ matched: 2, total: 2 });
  });

  it('answers imports by function in order, whatever their arguments', async () => {
    const text = ['export run(3)', '  import test:app/math.double@0.1.0(99) -> 10', 'expect no-trap', ''].join('\n');
    const seen: unknown[] = [];
    const observe = defineProperty('observe', ({ call }) => void seen.push(call.args, call.imports.map((i) => [i.args, i.outcome]), call.result));
    const report = await replay(app, text.replace('expect no-trap', 'expect no-trap observe'), { properties: [observe] });
    expect(report).toEqual({ matched: 1, total: 1 });
    expect(seen).toEqual([[3], [[[3], { kind: 'return', value: 10 }]], { kind: 'return', value: 11 }]);
  });

  it('leaves unused answers alone, and names the call it has no answer for', async () => {
    const spare = ['export divide(8)', '  import test:fuzz/env.get-limit@0.1.0() -> 2', '  import test:fuzz/env.get-limit@0.1.0() -> 0', 'expect no-trap', ''].join('\n');
    expect(await replay(fixed, spare)).toEqual({ matched: 1, total: 1 });

    const none = ['export divide(8)', 'expect no-trap', ''].join('\n');
    expect((await replay(fixed, none)).divergence).toMatchObject({
      kind: 'unexpected-import',
      line: 2,
      summary:
        'the trace has no answer for `test:fuzz/env.get-limit@0.1.0()`: the run that found the failure never called it in `divide`; fuzz again to explore what the component does now',
      path: ['export divide(8)', 'import test:fuzz/env.get-limit@0.1.0()'],
    });
  });

  it('checks user properties, and refuses a trace naming one it was not given', async () => {
    const text = ['export run(3)', '  import test:app/math.double@0.1.0(3) -> 6', 'expect no-trap small', ''].join('\n');
    const small = defineProperty('small', ({ call }) => call.result.kind === 'return' && (call.result.value as number) < 5);
    expect((await replay(app, text, { properties: [small] })).divergence).toMatchObject({
      kind: 'property',
      summary: '`run` breaks property `small`',
      expected: 'property small',
      actual: 'return 7',
      line: 3,
    });
    await expect(replay(app, text)).rejects.toThrow('saved.trace:3:1: the trace expects property `small`, which is not defined here');
  });

  it('still compares exactly the calls that have an outcome line', async () => {
    const mixed = ['export add(1, 2)', 'return 4', 'export divide(4)', '  import test:fuzz/env.get-limit@0.1.0() -> 2', 'expect no-trap', ''].join('\n');
    expect((await replay(fixed, mixed)).divergence).toMatchObject({ kind: 'export-result', expected: '4', actual: '3' });
  });
});
