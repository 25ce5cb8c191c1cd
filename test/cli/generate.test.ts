/**
 * `proxy-component generate stubs`: a typed TypeScript host for a
 * component's imports. Filled in (two functions here), it compiles with tsc
 * and `proxy-component record --host` records with it; a function left
 * unfilled fails with "not implemented: <name>".
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { generateHostStubs } from '../../src/instrument/stubs.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { parseWit, selectWorld } from '../../src/wit/load.js';
import { APP_WIT, appComponent } from '../support/app-component.js';
import { runCli } from '../support/cli.js';
import { scratchFolder } from '../instrument/support/wasmtime.js';

let folder: Awaited<ReturnType<typeof scratchFolder>>;
beforeAll(async () => {
  folder = await scratchFolder({ 'app.wasm': await appComponent(), 'package.json': '{ "type": "module" }' });
});
afterAll(async () => folder?.remove());


describe('proxy-component generate stubs', () => {
  it('writes stubs that, filled in and compiled, record with `record --host`', async () => {
    const written = await runCli('generate', 'stubs', folder.path('app.wasm'), '-o', folder.path('host.ts'));
    expect(written.exitCode, written.err).toBe(0);
    const stubs = await readFile(folder.path('host.ts'), 'utf8');
    expect(stubs).toContain('double(x: number): number {');
    expect(stubs).toContain('lookup(key: string): string | undefined {');
    const filled = stubs
      .replace('throw new Error("not implemented: test:app/math.double@0.1.0");', 'return (x * 2) >>> 0;')
      .replace('throw new Error("not implemented: test:app/math.lookup@0.1.0");', "return key === 'ada' ? 'Hello, Ada' : undefined;");
    await writeFile(folder.path('host.ts'), filled);
    const tsc = await execa(join(process.cwd(), 'node_modules', '.bin', 'tsc'), ['--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', folder.path('host.ts')], { reject: false });
    expect(tsc.exitCode, tsc.stdout + tsc.stderr).toBe(0);
    const recorded = await runCli('record', folder.path('app.wasm'), '--host', folder.path('host.js'), '--invoke', 'run(4)', 'greet("ada")', 'greet("bob")');
    expect(recorded.exitCode, recorded.err).toBe(0);
    expect(recorded.out).toContain('import test:app/math.double@0.1.0(4) -> 8');
    expect(recorded.out).toContain('import test:app/math.lookup@0.1.0("ada") -> some("Hello, Ada")');
    expect(recorded.out).toContain('return none');
  }, 120_000);

  it('leaves unfilled functions failing with the function named', async () => {
    const stubs = await runCli('generate', 'stubs', folder.path('app.wasm'));
    await writeFile(folder.path('raw.ts'), stubs.out);
    const tsc = await execa(join(process.cwd(), 'node_modules', '.bin', 'tsc'), ['--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', folder.path('raw.ts')], { reject: false });
    expect(tsc.exitCode, tsc.stdout + tsc.stderr).toBe(0);
    const host = (await import(folder.path('raw.js'))) as { default: Record<string, Record<string, (...args: unknown[]) => unknown>> };
    expect(() => host.default['test:app/math']?.['double']?.(1)).toThrow('not implemented: test:app/math.double@0.1.0');
  }, 120_000);

  it("types records, variants, enums, flags, options, tuples, typed arrays and resources as jco represents them", () => {
    const world = selectWorld(
      parseWit(`package t:s@1.0.0;
interface api {
  record entry { key-name: string, ttl: option<u64>, tags: list<string> }
  variant shape { circle(f64), none }
  enum color { red, dark-blue }
  flags perms { read, write-all }
  resource handle {
    constructor(name: string);
    get: func() -> list<u8>;
    open: static func(path: string) -> handle;
  }
  put: func(e: entry, s: shape, c: color, p: perms, pair: tuple<s32, char>) -> result<u64, string>;
  nested: func(o: option<option<u32>>) -> list<s16>;
}
world w { import api; import wasi:cli/environment@0.2.0; export run: func(); }
package wasi:cli@0.2.0 { interface environment { get-environment: func() -> list<tuple<string, string>>; } }
`),
      'w',
    );
    const text = generateHostStubs(world);
    expect(text).toContain('export type Entry = { keyName: string; ttl: bigint | undefined; tags: Array<string> };');
    expect(text).toContain("export type Shape = { tag: 'circle'; val: number } | { tag: 'none' };");
    expect(text).toContain("export type Color = 'red' | 'dark-blue';");
    expect(text).toContain('export type Perms = { read?: boolean; writeAll?: boolean };');
    expect(text).toContain('put(e: Entry, s: Shape, c: Color, p: Perms, pair: [number, string]): bigint {');
    expect(text).toContain("nested(o: { tag: 'none' } | { tag: 'some'; val: number | undefined }): Int16Array {");
    expect(text).toContain('export class Handle {');
    expect(text).toContain('  constructor(name: string) {');
    expect(text).toContain('  get(): Uint8Array {');
    expect(text).toContain('  static open(path: string): Handle {');
    expect(text).toContain('"t:s/api": {\n    Handle,\n    put(');
    expect(text).not.toContain('wasi:cli');
  });

  it('refuses to generate anything but stubs and types', async () => {
    const run = await runCli('generate', 'bindings', folder.path('app.wasm'));
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain('the kinds are `stubs` and `types`');
  });

  it('generates types from WIT only under the component path they are for (--as)', async () => {
    await writeFile(folder.path('app.wit'), APP_WIT);
    const refused = await runCli('generate', 'types', folder.path('app.wit'));
    expect(refused.exitCode).toBe(2);
    expect(refused.err).toContain('(WIT, not a component): give --as <component path>, the path tests pass to componentTest');
    const types = await runCli('generate', 'types', folder.path('app.wit'), '--as', 'build/app.wasm');
    expect(types.exitCode, types.err).toBe(0);
    expect(types.out).toContain('    "build/app.wasm": {\n      "run": { args: [x: number]; params: { readonly x: number }; result: number };');
  });

  it('describes the same world from the binary as from its WIT', async () => {
    const fromBinary = generateHostStubs(decodeComponentWorld(await appComponent()), 'app');
    const fromWit = generateHostStubs(selectWorld(parseWit(APP_WIT), 'app'), 'app');
    expect(fromBinary).toBe(fromWit);
    expect(fromBinary).toContain('"test:app/math": {\n    double(x: number): number {');
  });
});
