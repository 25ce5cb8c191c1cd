/**
 * A trace replays as it streams: calls are read, replayed and dropped one at
 * a time, so memory does not grow with the trace (bench/scale.ts measures a
 * 1,000,000-call replay). These tests pin the order of things: a call is
 * replayed before the lines after it are read, and a trace that does not read
 * fails as one even after a divergence.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { replayTrace } from '../../src/host/replay.js';
import { streamTrace } from '../../src/trace/read.js';
import { appComponent, changedAppComponent } from '../support/app-component.js';
import { runCli } from '../support/cli.js';

let component: JcoComponent;
let dir: string;

const callLines = (x: number) => [`export run(${x})`, `  import test:app/math.double@0.1.0(${x}) -> ${x * 2}`, `return ${x * 2 + 1}`];

beforeAll(async () => {
  component = await loadJcoComponent(await appComponent());
  dir = await mkdtemp(join(tmpdir(), 'pc-streaming-'));
  await writeFile(join(dir, 'app.wasm'), await appComponent());
  await writeFile(join(dir, 'app-v2.wasm'), await changedAppComponent());
});

/** Lines that say how far they have been read. */
function lines(all: readonly string[], read: { count: number }): AsyncIterable<string> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const line of all) {
        read.count++;
        yield line;
      }
    },
  };
}

describe('a trace that streams', () => {
  it('gives each export call as soon as its lines are read', async () => {
    const read = { count: 0 };
    const all = ['# proxy-component trace v1 {}', ...callLines(1), ...callLines(2), ...callLines(3), ''];
    const stream = await streamTrace(lines(all, read), component.world);
    const seen: number[] = [];
    for await (const call of stream.calls) seen.push(read.count);
    // Call 1 closes on line 4, call 2 on line 7, call 3 on line 10.
    expect(seen).toEqual([4, 7, 10]);
  });

  it('is replayed a call at a time: each call runs before the lines after it are read', async () => {
    const read = { count: 0 };
    const all = ['# proxy-component trace v1 {}', ...Array.from({ length: 50 }, (_, i) => callLines(i)).flat(), ''];
    const readWhenCalled: number[] = [];
    const report = await replayTrace(component, await streamTrace(lines(all, read), component.world), {
      onExportCall: () => readWhenCalled.push(read.count),
    });
    expect(report).toEqual({ matched: 50, total: 50 });
    expect(readWhenCalled.slice(0, 3)).toEqual([4, 7, 10]);
  });

  it('is read to its end after a divergence: a broken line later fails the replay as bad input', async () => {
    const trace = join(dir, 'broken-later.trace');
    await writeFile(trace, ['# proxy-component trace v1 {}', ...callLines(1), ...callLines(2), 'export run(', ''].join('\n'));
    const diverged = await runCli('replay', join(dir, 'app-v2.wasm'), trace);
    expect(diverged.exitCode).toBe(2);
    expect(diverged.err).toMatch(/broken-later\.trace:8:/);
    await writeFile(trace, ['# proxy-component trace v1 {}', ...callLines(1), ...callLines(2), ''].join('\n'));
    const counted = await runCli('replay', join(dir, 'app-v2.wasm'), trace);
    expect(counted.exitCode).toBe(1);
  });
});
