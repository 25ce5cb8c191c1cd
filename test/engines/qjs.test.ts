/**
 * A componentize-qjs component (QuickJS, extended-const, resources both
 * ways: an exported counter, an imported logger) recorded with a real host
 * and run on every JS engine: all agree with jco, handles included.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/differential/compare.js';
import type { EngineRun } from '../../src/engines/engine.js';
import { engineByName } from '../../src/engines/registry.js';
import { recordComponent } from '../../src/session/record-component.js';
import type { Trace } from '../../src/trace/model.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { requireEngine } from './support/engine-fixtures.js';
import { qjsComponent, qjsHost } from './support/qjs-component.js';

const api = (call: string) => `test:tally/api.${call}`;
const INVOCATIONS = [
  api('[constructor]counter(5)'),
  api('[method]counter.bump(#1, 3)'),
  api('[method]counter.bump(#1, 4)'),
  api('describe(#1)'),
  api('[constructor]counter(100)'),
  api('describe(#3)'),
  api('mean([1.5, 2.5, nan])'),
  api('mean([])'),
  api('mean([1e308, 1e308])'),
  api('spread([3, -9223372036854775808, 9223372036854775807])'),
  api('spread([])'),
  api('shout("straße ünïcode 😀")'),
];

let folder: string;
let bytes: Uint8Array;
let trace: Trace;
let jco: EngineRun;

beforeAll(async () => {
  bytes = await qjsComponent();
  folder = await mkdtemp(join(tmpdir(), 'proxy-component-qjs-trace-'));
  const componentPath = join(folder, 'tally.wasm');
  await writeFile(componentPath, bytes);
  await recordComponent(componentPath, { host: qjsHost(), invocations: INVOCATIONS, output: join(folder, 'tally.trace') });
  trace = readTrace(await readFile(join(folder, 'tally.trace'), 'utf8'), decodeComponentWorld(bytes), { file: 'tally.trace' });
  jco = await (await engineByName('jco').load({ bytes })).run(trace.calls);
}, 120_000);
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('a componentize-qjs component', () => {
  it("is not recorded calling with a handle of another resource: #2 is the host's logger, not a counter", async () => {
    const refused = recordComponent(join(folder, 'tally.wasm'), { host: qjsHost(), invocations: [...INVOCATIONS.slice(0, 6), api('describe(#2)')], output: join(folder, 'refused.trace') });
    await expect(refused).rejects.toThrow('`test:tally/api.describe@0.1.0(#2)` cannot be made: `c`: resource handle #2 was made as `logger`, not `counter`');
  });

  it('replays on jco as recorded, handles and all', () => {
    const recorded: EngineRun = {
      engine: 'trace',
      elapsedMs: 0,
      calls: trace.calls.map((call) => ({ outcome: call.outcome, imports: call.imports.map(({ name, function: fn, args }) => ({ name, function: fn, args })) })),
    };
    const report = compareRuns(trace.calls, [recorded, jco]);
    expect(report.verdict, JSON.stringify(report.divergence, null, 2)).toBe('agree');
    expect(jco.calls[4]?.outcome).toMatchObject({ kind: 'return', value: { id: 3 } });
  });

  it.each(['node', 'bun', 'deno', 'jsc'])('runs on %s and agrees with jco', async (name) => {
    const engine = engineByName(name);
    await requireEngine(engine);
    const run = await (await engine.load({ bytes })).run(trace.calls);
    const report = compareRuns(trace.calls, [jco, run]);
    expect(run.failure).toBeUndefined();
    expect(report.verdict, JSON.stringify(report.divergence, null, 2)).toBe('agree');
    expect(run.calls[1]?.imports?.map((made) => made.name)).toEqual(['test:tally/host.[constructor]logger@0.1.0', 'test:tally/host.[method]logger.log@0.1.0']);
  });

  // gjs 1.74 (Debian 12) embeds SpiderMonkey 102, which has no extended-const (Firefox 112 has):
  // the engine fails, and says why. A newer gjs must agree like the others.
  it('runs on gjs, or fails to compile it where SpiderMonkey lacks extended-const', async () => {
    const engine = engineByName('gjs');
    await requireEngine(engine);
    const status = await engine.status();
    const [major, minor] = (status.available ? status.version : '0.0').split('.').map(Number) as [number, number];
    const run = await (await engine.load({ bytes })).run(trace.calls);
    const report = compareRuns(trace.calls, [jco, run]);
    if (major > 1 || minor >= 76) {
      expect(report.verdict, JSON.stringify(report.divergence, null, 2)).toBe('agree');
    } else {
      expect(run.failure).toMatch(/^CompileError: .*unrecognized opcode/);
      // gjs could not run it: that is no divergence, and jco alone compares with nothing.
      expect(report.verdict).toBe('too-few-engines');
      expect(report.couldNotRun.map((notRun) => notRun.engine)).toEqual(['gjs']);
      expect(run.calls.every((call) => call.outcome.kind === 'not-run')).toBe(true);
    }
  });
});
