/**
 * An engine that runs the jco-transpiled component in another JS shell: the
 * driver script (driver-source.ts) reads a data file (driver-data.ts) and
 * prints its events, one line each, which are read as they come so that a
 * call that hangs is named and the shell stopped (call-watch.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { ProxyComponentError } from '../../errors.js';
import { transpileCached } from '../../engines/jco/transpile-cache.js';
import { missingWasmFeature } from '../../engines/jco/wasm-features.js';
import { cacheDirectory } from '../../util/cache-dir.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { withTemporaryFolder } from '../../util/temporary-folder.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import { CallWatch } from '../call-watch.js';
import { DEFAULT_ENGINE_TIMEOUT_MS, type CallReport, type ComponentInput, type Engine, type EngineRun, type EngineStatus, type LoadedEngineComponent, type PlannedCall } from '../engine.js';
import { DriverSession, type DriverEvent } from './driver-data.js';
import { DRIVER_MARKER, driverSource } from './driver-source.js';
import { locateShell, type Shell } from './shells.js';

export function subprocessEngine(shell: Shell): Engine {
  return {
    name: shell.name,
    description: shell.description,
    async status(): Promise<EngineStatus> {
      const binary = locateShell(shell);
      if (binary === undefined) return { available: false, reason: 'not installed', install: shell.install };
      return { available: true, version: await shell.version(binary), path: binary };
    },
    async load(component: ComponentInput): Promise<LoadedEngineComponent> {
      const binary = locateShell(shell);
      if (binary === undefined) throw new ProxyComponentError('IO', `engine ${shell.name} is not installed: ${shell.install}`);
      const world = decodeComponentWorld(component.bytes);
      const transpiled = await transpileCached(component.bytes);
      const driver = await driverFile(shell);
      return {
        world,
        run: (calls, options = {}) =>
          runDriver(shell, binary, driver, {
            calls,
            timeoutMs: options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS,
            session: new DriverSession(world, transpiled.imports),
            entry: shell.specifier(transpiled.entry),
            directory: transpiled.directory,
          }),
      };
    },
  };
}

/** The driver script for a shell, written once per content into the cache. */
async function driverFile(shell: Shell): Promise<string> {
  const source = driverSource(shell.kind);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const path = join(cacheDirectory(), 'drivers', `${shell.kind}-${hash}.mjs`);
  if (!existsSync(path)) await writeFileAtomic(path, source);
  return path;
}

interface DriverRun {
  readonly calls: readonly PlannedCall[];
  readonly timeoutMs: number;
  readonly session: DriverSession;
  readonly entry: string;
  readonly directory: string;
}

async function runDriver(shell: Shell, binary: string, driver: string, run: DriverRun): Promise<EngineRun> {
  const started = performance.now();
  // The data file goes with the folder, even when the process is stopped while the shell runs.
  return withTemporaryFolder('proxy-component-engine-', async (folder) => {
    const dataFile = join(folder, 'data.json');
    await writeFile(dataFile, JSON.stringify(run.session.data(run.entry, run.directory, run.calls)));
    const child = execa(binary, shell.args(driver, dataFile), { reject: false, stdin: 'ignore', buffer: { stdout: false, stderr: true }, lines: false, cwd: folder });
    const watch = new CallWatch(run.calls.length, run.timeoutMs, () => child.kill('SIGKILL'));
    let failure: string | undefined;
    let done = false;
    let pending = '';
    const onLine = (line: string) => {
      if (!line.startsWith(DRIVER_MARKER)) return;
      try {
        const event = JSON.parse(line.slice(DRIVER_MARKER.length)) as DriverEvent;
        if (event.e === 'start') watch.starting();
        else if (event.e === 'call') watch.started(event.index);
        else if (event.e === 'report') watch.reported(event.index, run.session.report(run.calls[event.index] as PlannedCall, event));
        else if (event.e === 'error') failure = event.message;
        else if (event.e === 'done') done = true;
      } catch (error) {
        // A line we cannot read ends the run: the engine is reported as failed, not this process.
        failure ??= `unreadable driver output: ${error instanceof Error ? error.message : String(error)}`;
        child.kill('SIGKILL');
      }
    };
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        onLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
      }
    });
    const result = await child;
    if (pending !== '') onLine(pending);
    failure ??= watch.startFailure;
    if (watch.timedOut === undefined && !done && failure === undefined) {
      failure = `${shell.name} exited with ${result.exitCode ?? result.signal} before finishing: ${lastLines(String(result.stderr ?? ''))}`;
    }
    // A shell whose Wasm compiler lacks a feature the component uses cannot run it at all: say so plainly.
    const feature = failure === undefined ? undefined : missingWasmFeature(failure);
    const reason = failure === undefined ? 'not run' : feature === undefined ? `${shell.name} failed: ${firstLine(failure)}` : `${shell.name} lacks ${feature}, which the component uses`;
    if (failure !== undefined && feature !== undefined) failure = `${firstLine(failure)} (the component uses ${feature}, which ${shell.name} lacks)`;
    const reports: CallReport[] = watch.reports(reason);
    const elapsedMs = performance.now() - started;
    return failure === undefined ? { engine: shell.name, calls: reports, elapsedMs } : { engine: shell.name, calls: reports, elapsedMs, failure };
  });
}

function lastLines(text: string): string {
  const lines = text.trim().split('\n');
  return lines.slice(-5).join('\n') || '(no output)';
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
