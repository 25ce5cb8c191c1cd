/**
 * A reader that stops early (`proxy-component replay ... | head -1`): the CLI
 * drops the rest of its output and ends as it would have, never with an
 * uncaught EPIPE and a stack trace on stderr.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appComponent } from '../support/app-component.js';

const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'bin.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-closed-stdout-'));
  await writeFile(join(dir, 'app.wasm'), await appComponent());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('ends with its own exit code, saying nothing on stderr, when the reader of stdout has gone', async () => {
  await writeFile(join(dir, 'host.mjs'), "export default { 'test:app/math': { double: (x) => x * 2, lookup: () => undefined } };\n");
  const record = await execa(process.execPath, [CLI, 'record', 'app.wasm', '--host', 'host.mjs', '--invoke', 'run(20)', '-o', 'one.trace'], { cwd: dir, reject: false });
  expect(record.exitCode, record.stderr).toBe(0);
  // Enough lines that the pipe is closed while the CLI still writes.
  await mkdir(join(dir, 'golden'));
  for (let i = 0; i < 200; i++) await copyFile(join(dir, 'one.trace'), join(dir, 'golden', `${String(i).padStart(3, '0')}.trace`));
  const run = await execa('bash', ['-c', `node ${JSON.stringify(CLI)} replay app.wasm golden/*.trace | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`], { cwd: dir, reject: false });
  expect(run.stderr).toBe('exit 0');
});
