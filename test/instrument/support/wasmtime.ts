/** Running composed components with the wasmtime CLI that scripts/setup-engines.sh installs. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { findTool } from '../../../src/engines/tools.js';

export function wasmtimeBinary(): string {
  const binary = findTool({ inTools: ['wasmtime-py/wasmtime_cli/wasmtime', 'wasmtime-py/bin/wasmtime'], onPath: ['wasmtime'] });
  if (binary === undefined) throw new Error('wasmtime is not installed: run bash scripts/setup-engines.sh wasmtime');
  return binary;
}

export interface WasmtimeRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `wasmtime run [--env ...] --invoke <call> <component>` with `input` on stdin. */
export async function invoke(component: string, call: string, options: { input?: string; env?: Record<string, string> } = {}): Promise<WasmtimeRun> {
  const env = Object.entries(options.env ?? {}).flatMap(([name, value]) => ['--env', `${name}=${value}`]);
  const result = await execa(wasmtimeBinary(), ['run', ...env, '--invoke', call, component], {
    input: options.input ?? '',
    reject: false,
    env: { RUST_BACKTRACE: '0' },
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder holding the given files; removed by the returned function. */
export async function scratchFolder(files: Record<string, Uint8Array | string>): Promise<{ path: (name: string) => string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'proxy-component-instrument-'));
  for (const [name, data] of Object.entries(files)) await writeFile(join(folder, name), data);
  return { path: (name) => join(folder, name), remove: () => rm(folder, { recursive: true, force: true }) };
}
