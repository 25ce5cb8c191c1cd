/**
 * Builds the tracer component: our own TypeScript (trace reader and writer,
 * WAVE codec, typed equality, divergence reports, arbitraries) bundled with
 * rolldown into one ES module and compiled with componentize-qjs (QuickJS,
 * non-async runtime, WASI stubbed out: the tracer does no I/O itself, the
 * virtualizers write what it returns).
 *
 * The tracer does not depend on the app: it learns the world from the
 * configuration the virtualizers hand it. So it is built once per variant
 * and bundle, and kept in the cache folder under the bundle's hash.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProxyComponentError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { cacheDirectory } from '../util/cache-dir.js';
import { withTemporaryFolder } from '../util/temporary-folder.js';
import { DIALOG_PROMPT } from './dialog-wit.js';
import { RECORDER_RECORD, RECORDER_REPLAY, tracerWit, type TracerVariant } from './tracer-wit.js';

const ENTRY = '\0proxy-component-tracer-entry';
const CHALK_STUB = '\0proxy-component-chalk-stub';
const POLYFILLS = '\0proxy-component-polyfills';

/**
 * What QuickJS lacks and the bundle touches: timers fast-check takes hold of
 * when it loads (it calls them only under time limits), and the one use of
 * Node's Buffer in the WAVE writer (UTF-16 code units to a string).
 */
const POLYFILLS_SOURCE = `globalThis.setTimeout ??= () => 0;
globalThis.clearTimeout ??= () => undefined;
globalThis.Buffer ??= {
  from: (buffer, offset, length) => ({
    toString() {
      const units = new Uint16Array(buffer, offset, length / 2);
      let text = '';
      for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
      return text;
    },
  }),
};
`;

/** Colours are never wanted in the tracer's reports, and chalk probes `process`, which QuickJS lacks. */
const CHALK_STUB_SOURCE = `const make = () => new Proxy(function (text) { return String(text); }, { get: (_, key) => (key === 'level' ? 0 : make()) });
export class Chalk { constructor() { return make(); } }
export default make();
`;

function libraryPath(): string {
  // From dist/ the compiled .js sits next to this module; from src/ (tests) the .ts does.
  for (const name of ['tracer/library.js', 'tracer/library.ts']) {
    const path = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new ProxyComponentError('IO', 'cannot find the tracer library next to tracer-build');
}

function entrySource(variant: TracerVariant): string {
  const library = JSON.stringify(libraryPath());
  const first = `import ${JSON.stringify(POLYFILLS)};\n`;
  switch (variant) {
    case 'guest':
      return `${first}import { guestTracer } from ${library};\nexport const tracer = guestTracer();\n`;
    case 'host-record':
      return `${first}import record from '${RECORDER_RECORD}';\nimport { hostRecordTracer } from ${library};\nexport const tracer = hostRecordTracer(record);\n`;
    case 'host-replay':
      return `${first}import replay from '${RECORDER_REPLAY}';\nimport { hostReplayTracer } from ${library};\nexport const tracer = hostReplayTracer(replay);\n`;
    case 'host-dialog':
      return `${first}import prompt from '${DIALOG_PROMPT}';\nimport { hostDialogTracer } from ${library};\nexport const tracer = hostDialogTracer(prompt);\n`;
  }
}

/** The tracer's JavaScript, one self-contained ES module. */
export async function bundleTracer(variant: TracerVariant): Promise<string> {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: ENTRY,
    platform: 'neutral',
    external: [RECORDER_RECORD, RECORDER_REPLAY, DIALOG_PROMPT],
    logLevel: 'silent',
    plugins: [
      {
        name: 'proxy-component-tracer',
        resolveId(id: string) {
          if (id === ENTRY) return ENTRY;
          if (id === 'chalk') return CHALK_STUB;
          if (id === POLYFILLS) return POLYFILLS;
          return null;
        },
        load(id: string) {
          if (id === ENTRY) return entrySource(variant);
          if (id === CHALK_STUB) return CHALK_STUB_SOURCE;
          if (id === POLYFILLS) return POLYFILLS_SOURCE;
          return null;
        },
      },
    ],
  });
  try {
    const { output } = await bundle.generate({ format: 'esm', minify: false });
    const chunk = output[0];
    if (chunk === undefined || chunk.type !== 'chunk') throw new ProxyComponentError('IO', 'rolldown made no bundle for the tracer');
    return chunk.code;
  } finally {
    await bundle.close();
  }
}

const built = new Map<string, Promise<Uint8Array>>();

/** The tracer component of `variant`, from the cache or built now. */
export function tracerComponent(variant: TracerVariant): Promise<Uint8Array> {
  let pending = built.get(variant);
  if (pending === undefined) {
    pending = buildCached(variant);
    built.set(variant, pending);
    pending.catch(() => built.delete(variant));
  }
  return pending;
}

async function buildCached(variant: TracerVariant): Promise<Uint8Array> {
  const source = await bundleTracer(variant);
  const wit = tracerWit(variant);
  const key = createHash('sha256').update(`tracer 1\n${await componentizeVersion()}\n${wit}\n${source}`).digest('hex');
  const path = join(cacheDirectory(), 'instrument', `tracer-${variant}-${key.slice(0, 32)}.wasm`);
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    // not cached yet
  }
  const component = await componentizeTracer(wit, source);
  await writeFileAtomic(path, component);
  return component;
}

async function componentizeTracer(wit: string, source: string): Promise<Uint8Array> {
  return withTemporaryFolder('proxy-component-tracer-', async (folder) => {
    try {
      // componentize-qjs reads the WIT from a path.
      const witPath = join(folder, 'tracer.wit');
      await writeFile(witPath, wit);
      const { componentize } = await import('componentize-qjs');
      const { component } = await componentize({ witPath, jsSource: source, sync: true, stubWasi: true });
      return new Uint8Array(component);
    } catch (cause) {
      throw new ProxyComponentError('IO', `cannot build the tracer component: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  });
}

async function componentizeVersion(): Promise<string> {
  try {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const pkg = require('componentize-qjs/package.json') as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
