import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchGlue } from '../../../src/engines/jco/glue-patch.js';
import { TRANSPILE_OPTIONS } from '../../../src/engines/jco/transpile-cache.js';
import { transpileInWorker } from '../../../src/engines/jco/transpile-worker.js';
import { appComponent } from '../../support/app-component.js';

type Exports = { run(x: number): number; greet(name: string): string | undefined; crash(): void };
type Instantiate = (getCoreModule: (path: string) => Promise<unknown>, imports: object) => Promise<Exports>;

/** The app component's glue as the pinned jco-transpile writes it, unpatched, and its core modules. */
let raw: string;
let folder: string;

async function load(source: string, name: string): Promise<Instantiate> {
  const file = join(folder, `${name}.js`);
  await writeFile(file, source);
  const module = (await import(pathToFileURL(file).href)) as { instantiate: Instantiate };
  return (getCoreModule, imports) => module.instantiate(getCoreModule, imports);
}

const coreModule = async (path: string): Promise<unknown> => {
  const { readFile } = await import('node:fs/promises');
  return (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }).WebAssembly.compile(await readFile(join(folder, path)));
};

/** What a sequence of calls does, with a host whose `double` and `lookup` may throw. */
async function outcomes(instantiate: Instantiate, failing: 'none' | 'double' | 'lookup' | 'trap'): Promise<unknown[]> {
  const calls: string[] = [];
  const host = {
    'test:app/math': {
      double: (x: number) => {
        calls.push(`double(${x})`);
        if (failing === 'double') throw new Error('double failed');
        if (failing === 'trap') throw new (globalThis as unknown as { WebAssembly: { RuntimeError: new (message: string) => Error } }).WebAssembly.RuntimeError('host trap');
        return (x * 2) >>> 0;
      },
      lookup: (key: string) => {
        calls.push(`lookup(${key})`);
        if (failing === 'lookup') throw new TypeError('lookup failed');
        return key === 'ada' ? 'Hello, Ada' : undefined;
      },
    },
  };
  const exports = await instantiate(coreModule, host);
  const seen: unknown[] = [];
  const attempt = (run: () => unknown) => {
    try {
      seen.push({ returned: run() });
    } catch (error) {
      seen.push({ threw: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) });
    }
  };
  attempt(() => exports.run(20));
  attempt(() => exports.run(0xffffffff));
  attempt(() => exports.greet('ada'));
  attempt(() => exports.greet('nobody'));
  attempt(() => exports.run(1));
  attempt(() => exports.crash());
  attempt(() => exports.run(2));
  return [...seen, calls];
}

describe('patchGlue', () => {
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pc-glue-patch-'));
    await writeFile(join(folder, 'package.json'), '{ "type": "module" }\n');
    const { files } = await transpileInWorker(await appComponent(), { ...TRANSPILE_OPTIONS });
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), content);
    }
    raw = new TextDecoder().decode(files[`${TRANSPILE_OPTIONS.name}.js`]);
  });

  it("applies to the pinned jco-transpile's glue, to every host import trampoline", () => {
    const patched = patchGlue(raw);
    expect(patched.applied).toEqual(['debug-log-once', 'sync-host-import']);
    const hostImports = raw.split('const hostProvided = true;').length - 1;
    expect(hostImports).toBe(2);
    expect(patched.fastTrampolines).toBe(hostImports);
    expect(patched.source.split('._pcSyncHostFastPath = true;').length - 1).toBe(hostImports);
  });

  it('leaves calls as they were: results, host failures, traps and what follows them', async () => {
    const original = await load(raw, 'original');
    const patched = await load(patchGlue(raw).source, 'patched');
    for (const failing of ['none', 'double', 'lookup', 'trap'] as const) {
      const expected = await outcomes(original, failing);
      expect(await outcomes(patched, failing), failing).toEqual(expected);
    }
    expect(await outcomes(patched, 'none')).toContainEqual({ returned: 41 });
  });

  it('leaves text it does not recognise as it is', () => {
    expect(patchGlue('export function instantiate() {}')).toEqual({ source: 'export function instantiate() {}', applied: [], fastTrampolines: 0 });
    // A trampoline written otherwise (another jco-transpile) keeps the original path, and so does the rest.
    const other = raw.replace(/errHandling: 'none',\n( *)callingWasmExport: false,/g, "errHandling: 'none',\n$1callingWasmExport: false,\n$1extra: 1,");
    expect(other).not.toBe(raw);
    const result = patchGlue(other);
    expect(result.applied).toEqual(['debug-log-once']);
    expect(result.source).not.toContain('_pcSyncHostCall');
    // Without the import-lowering function it expects, no trampoline is touched either.
    const noLower = raw.replace('const params = [...arguments].slice(1);', 'const params = Array.from(arguments).slice(1);');
    expect(patchGlue(noLower).source).not.toContain('_pcSyncHostFastPath');
  });
});
