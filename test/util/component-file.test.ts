import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readComponentFile, wasmKind } from '../../src/util/component-file.js';
import { runCli } from '../support/cli.js';
import { appComponent } from '../support/app-component.js';

const CORE_MODULE = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pc-component-file-'));
}

describe('reading a component file', () => {
  it('reads a component', async () => {
    const folder = await scratch();
    const bytes = await appComponent();
    await writeFile(join(folder, 'app.wasm'), bytes);
    expect(await readComponentFile(join(folder, 'app.wasm'))).toEqual(bytes);
    expect(wasmKind(bytes)).toBe('component');
    expect(wasmKind(CORE_MODULE)).toBe('core');
  });

  it.each([
    ['a missing file', async (f: string) => join(f, 'missing.wasm'), /missing\.wasm: cannot read the component: no such file or directory/, 'IO'],
    ['a folder', async (f: string) => (await mkdir(join(f, 'dir.wasm')), join(f, 'dir.wasm')), /dir\.wasm: is a folder, not a component/, 'IO'],
    ['a FIFO', async (f: string) => (execFileSync('mkfifo', [join(f, 'pipe.wasm')]), join(f, 'pipe.wasm')), /pipe\.wasm: is not a regular file \(a FIFO\)/, 'IO'],
    ['a device', async () => '/dev/zero', /\/dev\/zero: is not a regular file \(a device\)/, 'IO'],
    ['an empty file', async (f: string) => (await writeFile(join(f, 'empty.wasm'), ''), join(f, 'empty.wasm')), /empty\.wasm: is empty/, 'COMPONENT_DECODE'],
    ['a text file', async (f: string) => (await writeFile(join(f, 'text.wasm'), 'hello'), join(f, 'text.wasm')), /text\.wasm: is not WebAssembly/, 'COMPONENT_DECODE'],
    ['a core module', async (f: string) => (await writeFile(join(f, 'core.wasm'), CORE_MODULE), join(f, 'core.wasm')), /core\.wasm: is a core WebAssembly module, not a component/, 'COMPONENT_DECODE'],
  ])('refuses %s with a message naming the path', async (_what, make, message, code) => {
    const path = await make(await scratch());
    const failure = readComponentFile(path);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ code });
  });

  it('`wit` says so for a .wasm file that is not WebAssembly, rather than reading it as WIT', async () => {
    const folder = await scratch();
    await writeFile(join(folder, 'notes.wasm'), 'package a:b;\n');
    const run = await runCli('wit', join(folder, 'notes.wasm'));
    expect(run.exitCode).toBe(2);
    expect(run.err).toMatch(/notes\.wasm: is not WebAssembly/);
  });
});
