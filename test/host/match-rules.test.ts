/**
 * Matching rules on replay (src/host/match-rules.ts), through the replay
 * worker as every caller uses it: a trace of the logger component (two calls
 * of `log`, each with a timestamp), altered by hand, replayed strictly and
 * under `ignore`, `anyOrder` and `equal` rules.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayWorker, type WorkerReplayOptions } from '../../src/engines/jco/worker/replay-worker.js';
import { renderDivergence } from '../../src/divergence/render.js';
import { recordComponent } from '../../src/session/record-component.js';
import { runCli } from '../support/cli.js';
import { loggerComponent } from '../support/shapes/logger-env.js';

let folder: string;
let component: string;
let trace: string;
const worker = new ReplayWorker();

const LOG = 'test:order/sink.log@0.1.0';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pc-match-rules-'));
  component = join(folder, 'logger.wasm');
  await writeFile(component, await loggerComponent());
  let clock = 1000n;
  await recordComponent(component, { host: { 'test:order/sink': { log() {}, now: () => clock++ } }, invocations: ['both(1, 2)'], output: join(folder, 'both.trace') });
  trace = await readFile(join(folder, 'both.trace'), 'utf8');
});

afterAll(async () => {
  await worker.close();
  await rm(folder, { recursive: true, force: true });
});

const replay = (text: string, options: WorkerReplayOptions = {}) => worker.replay(component, { text }, 'both.trace', options);

/** The trace with its import lines rewritten. */
function edited(edit: (imports: string[]) => string[]): string {
  const lines = trace.split('\n');
  const imports = lines.filter((line) => line.startsWith('  import '));
  const others = lines.filter((line) => !line.startsWith('  import '));
  const at = lines.findIndex((line) => line.startsWith('  import '));
  return [...others.slice(0, at), ...edit(imports), ...others.slice(at)].join('\n');
}

describe('matching rules', () => {
  it('records what the rules are about: two calls of log, each with the time now() answered', () => {
    expect(trace).toContain(`  import ${LOG}(1, 1000)\n`);
    expect(trace).toContain(`  import ${LOG}(2, 1001)\n`);
  });

  it('ignores an argument a rule ignores, and names the rule when a call with rules diverges', async () => {
    const later = edited((imports) => imports.map((line) => line.replace(`${LOG}(1, 1000)`, `${LOG}(1, 5555)`)));
    expect((await replay(later)).divergence).toMatchObject({ kind: 'import-arguments', summary: `\`${LOG}\` was called with a different \`at\` than the trace records` });

    const rule = { import: 'test:order/sink.log', path: 'at', ignore: true };
    expect(await replay(later, { match: [rule] })).toEqual({ matched: 1, total: 1 });

    const other = edited((imports) => imports.map((line) => line.replace(`${LOG}(1, 1000)`, `${LOG}(7, 1000)`)));
    const divergence = (await replay(other, { match: [rule] })).divergence;
    expect(divergence).toMatchObject({ kind: 'import-arguments', rules: ['match rule #1: ignore test:order/sink.log at'] });
    expect(renderDivergence(divergence!, { color: false })).toContain('rule applied: match rule #1: ignore test:order/sink.log at');
  });

  it('lets the calls of a function come in any order when a rule says so', async () => {
    const swapped = edited((imports) => {
      const logs = imports.filter((line) => line.includes('.log@'));
      return imports.map((line) => (line === logs[0] ? logs[1] : line === logs[1] ? logs[0] : line)) as string[];
    });
    expect((await replay(swapped)).divergence?.kind).toBe('import-arguments');
    expect(await replay(swapped, { match: [{ import: 'test:order/sink.log', anyOrder: true }] })).toEqual({ matched: 1, total: 1 });
  });

  it('takes the rules module with `proxy-component replay --match`', async () => {
    const swapped = edited((imports) => [imports[0], imports[3], imports[2], imports[1]] as string[]);
    await writeFile(join(folder, 'swapped.trace'), swapped);
    await writeFile(join(folder, 'any-order.mjs'), "export default [{ import: 'test:order/sink.log', anyOrder: true }, { import: 'test:order/sink.log', path: 'at', ignore: true }];\n");

    expect((await runCli('replay', component, join(folder, 'swapped.trace'))).exitCode).toBe(1);
    expect(await runCli('replay', component, join(folder, 'swapped.trace'), '--match', join(folder, 'any-order.mjs'))).toMatchObject({ exitCode: 0 });
  });

  it('compares with a custom equality from a rules module', async () => {
    await writeFile(join(folder, 'rules.mjs'), "export default [{ import: 'test:order/sink.log', path: 'x', equal: (expected, actual) => Math.abs(expected - actual) <= 1 }];\n");
    const near = edited((imports) => imports.map((line) => line.replace(`${LOG}(1, 1000)`, `${LOG}(2, 1000)`)));
    const far = edited((imports) => imports.map((line) => line.replace(`${LOG}(1, 1000)`, `${LOG}(9, 1000)`)));

    expect(await replay(near, { match: join(folder, 'rules.mjs') })).toEqual({ matched: 1, total: 1 });
    expect((await replay(far, { match: join(folder, 'rules.mjs') })).divergence?.rules).toEqual([`match rule of ${join(folder, 'rules.mjs')} #1: equal test:order/sink.log x`]);
  });

  it('refuses rules that name no import, a path the parameters do not have, or an equal function given inline', async () => {
    await expect(replay(trace, { match: [{ import: 'test:order/sink.lg', ignore: true }] })).rejects.toThrow('match rule #1: the component imports no function `test:order/sink.lg` (did you mean `sink.log`?)');
    await expect(replay(trace, { match: [{ import: 'test:order/sink.log', path: 'when', ignore: true }] })).rejects.toThrow('a path starts with a parameter of `test:order/sink.log@0.1.0` (its parameters: x, at)');
    await expect(replay(trace, { match: [{ import: 'test:order/sink.log', anyOrder: true, ignore: true }] })).rejects.toThrow('give exactly one of `ignore: true`, `equal: (expected, actual) => boolean` and `anyOrder: true`');
    await expect(replay(trace, { match: [{ import: 'test:order/sink.log', equal: () => true }] })).rejects.toThrow('a rule with an `equal` function goes in a module');
  });
});
