import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordComponent } from '../../src/session/record-component.js';
import { replayTraceFile } from '../../src/session/replay-file.js';
import { appComponent, appHost } from '../support/app-component.js';

let dir: string;
let componentPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-replay-file-'));
  componentPath = join(dir, 'app.wasm');
  await writeFile(componentPath, await appComponent());
});

describe('replayTraceFile', () => {
  it('finds the component from the trace header and replays in the watched worker', async () => {
    const output = join(dir, 'traces', 'run.trace');
    await recordComponent(componentPath, { host: appHost(), invocations: ['run(2)', 'greet("ada")'], output });

    const result = await replayTraceFile(output);

    expect(result).toMatchObject({ matched: 2, total: 2, component: componentPath });
    expect(result.divergence).toBeUndefined();
  });

  it('stops a component that never returns and reports a timeout naming the call and its line', async () => {
    const output = join(dir, 'spin.trace');
    const text = `# proxy-component trace v1 {"componentPath":"app.wasm"}\nexport run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\nexport spin()\nreturn\n`;
    await writeFile(output, text);

    const started = Date.now();
    const result = await replayTraceFile(output, { timeoutMs: 300 });

    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.divergence).toEqual({
      kind: 'timeout',
      summary: '`spin` did not return within 300 ms: stopped',
      file: output,
      line: 5,
      callIndex: 1,
      path: ['export spin'],
    });
    // The worker was replaced: the next replay works.
    expect((await replayTraceFile(output.replace('spin.trace', 'traces/run.trace'))).divergence).toBeUndefined();
  });

  it('fails with the line and column of a malformed trace line', async () => {
    const output = join(dir, 'malformed.trace');
    await writeFile(output, `# proxy-component trace v1 {"componentPath":"app.wasm"}\nexport run("two")\nreturn 5\n`);
    await expect(replayTraceFile(output)).rejects.toMatchObject({
      code: 'WAVE_TYPE',
      message: `${output}:2:12: expected u32, found string`,
    });
  });

  it('refuses a trace of another world, naming the call the component lacks', async () => {
    const output = join(dir, 'other-world.trace');
    await writeFile(output, `# proxy-component trace v1 {"componentPath":"app.wasm"}\nexport count-words("doc")\nreturn 3\n`);
    await expect(replayTraceFile(output)).rejects.toMatchObject({
      code: 'WAVE_UNKNOWN_FUNCTION',
      message: `${output}:2:8: the component does not export \`count-words\``,
    });
  });

  it('says which component is missing when the trace names none and the folder has several', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pc-replay-two-'));
    await writeFile(join(folder, 'a.wasm'), await appComponent());
    await writeFile(join(folder, 'b.wasm'), await appComponent());
    await writeFile(join(folder, 'x.trace'), 'export run(1)\nreturn 3\n');
    await expect(replayTraceFile(join(folder, 'x.trace'))).rejects.toThrow(/has 2 \.wasm files \(a\.wasm, b\.wasm\)/);
  });
});
