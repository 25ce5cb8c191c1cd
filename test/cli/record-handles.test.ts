/**
 * `record --invoke` checks the handles a call passes as replay checks them:
 * a call that passes the component a handle of its own resource that it never
 * made, or that was given back to it already, is refused with the reason and
 * the call not made (before, it was made, jco did not always notice, and the
 * trace written was one replay rejects). Handles the component made and the
 * host still holds pass, and the trace replays.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { exportedResourceComponent } from '../support/shapes/resource-shapes.js';

let dir: string;
let component: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-record-handles-'));
  component = join(dir, 'counters.wasm');
  await writeFile(component, await exportedResourceComponent());
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (output: string, ...invocations: string[]) =>
  runCli('record', component, ...invocations.flatMap((invocation) => ['--invoke', invocation]), '-o', join(dir, output));

describe('record --invoke with resource handles', () => {
  it('makes calls with handles the component made and the host holds, and the trace replays', async () => {
    const recorded = await record('good.trace', 'counters.[constructor]counter(5)', 'counters.[method]counter.add(#1, 2)', 'counters.total(#1)', 'counters.consume(#1)');
    expect(recorded.err).not.toContain('error');
    expect(recorded.exitCode).toBe(0);
    expect(await readFile(join(dir, 'good.trace'), 'utf8')).toContain('export test:res/counters.consume(#1)\nreturn 7');
    const replayed = await runCli('replay', component, join(dir, 'good.trace'));
    expect(replayed.out).toContain('4 calls matched');
    expect(replayed.exitCode).toBe(0);
  });

  it('refuses a handle given back to the component already, naming the call, the parameter and the call that took it', async () => {
    const recorded = await record('given-back.trace', 'counters.[constructor]counter(5)', 'counters.consume(#1)', 'counters.total(#1)');
    expect(recorded.exitCode).toBe(2);
    expect(recorded.err).toContain('`test:res/counters.total(#1)` cannot be made: `c`: resource handle #1 was given back to the component as `own<counter>` by export call #2 already');
    // The calls before it were made and written: the trace replays as far as it goes.
    const replayed = await runCli('replay', component, join(dir, 'given-back.trace'));
    expect(replayed.out).toContain('2 calls matched');
  });

  it('refuses a handle the component never made', async () => {
    const recorded = await record('never-made.trace', 'counters.[constructor]counter(5)', 'counters.total(#9)');
    expect(recorded.exitCode).toBe(2);
    expect(recorded.err).toContain('`test:res/counters.total(#9)` cannot be made: `c`: resource handle #9 is not one the component made: it makes every `counter` handle');
  });
});
