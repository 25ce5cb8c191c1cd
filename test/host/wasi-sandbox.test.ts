import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { wasiExitComponent } from '../support/shapes/wasi-exit.js';

async function componentFile(): Promise<{ folder: string; component: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'pc-wasi-'));
  const component = join(folder, 'quitter.wasm');
  await writeFile(component, await wasiExitComponent());
  return { folder, component };
}

describe('the recording WASI sandbox', () => {
  it("records a guest's exit as the outcome of the call that exited, and goes on with the next call", async () => {
    const { folder, component } = await componentFile();
    const trace = join(folder, 'quit.trace');

    const run = await runCli('record', component, '--invoke', 'hello()', '--invoke', 'quit()', '--invoke', 'hello()', '-o', trace);

    expect(run.exitCode).toBe(0);
    const lines = (await readFile(trace, 'utf8')).split('\n').slice(1, -1);
    expect(lines).toEqual([
      'export hello()',
      'return 1',
      'export quit()',
      '  import wasi:cli/exit.exit@0.2.0(err) trap "the component exited with status err"',
      'trap "the component exited with status err"',
      'export hello()',
      // jco leaves an instance usable after a host function threw (it poisons it only on a Wasm trap).
      'return 1',
    ]);
    const replayed = await runCli('replay', component, trace);
    expect(replayed.exitCode, replayed.out + replayed.err).toBe(0);
  });

  it("does not tell the guest the host's working directory", async () => {
    const { folder, component } = await componentFile();
    const trace = join(folder, 'cwd.trace');

    await runCli('record', component, '--invoke', 'cwd-known()', '-o', trace);

    const text = await readFile(trace, 'utf8');
    expect(text).toContain('  import wasi:cli/environment.initial-cwd@0.2.0() -> none\nreturn 0\n');
    expect(text).not.toContain(process.cwd());
  });
});
