/**
 * `generate stubs` on every world shape that once broke it: the stubs compile
 * under strict TypeScript with no diagnostic, and their `imports` object has
 * exactly the keys and members jco's instantiate reads from the component
 * (watched through a Proxy while jco instantiates it); the WIT text gives the
 * same stubs as the component binary.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent } from '../../src/engines/jco/load.js';
import { generateHostStubs } from '../../src/instrument/stubs.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { parseWit, selectWorld } from '../../src/wit/load.js';
import { componentFromWit } from '../support/component-from-wit.js';
import { STUB_SHAPE_WORLDS, STUB_SHAPES_WIT } from '../support/shapes/stub-shapes.js';

/** The project's settings and then some: what a strict user project would compile the stubs with. */
const STRICT: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  exactOptionalPropertyTypes: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
};

/** The diagnostics tsc reports for `source` as a module of its own (`host.mts`), formatted. */
function compile(source: string): string[] {
  const file = join(tmpdir(), 'proxy-component-stubs', 'host.mts');
  const host = ts.createCompilerHost(STRICT);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (path) => path === file || ts.sys.fileExists(path);
  host.readFile = (path) => (path === file ? source : readFile(path));
  host.getSourceFile = (path, language, ...rest) =>
    path === file ? ts.createSourceFile(path, source, language, true) : getSourceFile(path, language, ...rest);
  const program = ts.createProgram([file], STRICT, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => '', getNewLine: () => '\n' }));
}

/** `key member` for each import object member jco reads while instantiating `bytes` (WASI left out, as the stubs leave it). */
async function jcoReads(bytes: Uint8Array): Promise<string[]> {
  const reads = new Set<string>();
  const member = (key: string) =>
    new Proxy({}, {
      get(_target, name) {
        if (typeof name !== 'string') return undefined;
        if (!key.startsWith('wasi:')) reads.add(`${key} ${name}`);
        return class {};
      },
    });
  const imports = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? member(key) : undefined) });
  await (await loadJcoComponent(bytes)).instantiate(imports as Record<string, Record<string, unknown>>);
  return [...reads].sort();
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pc-stubs-'));
});
afterAll(async () => rm(folder, { recursive: true, force: true }));

/** The `imports` object of the stubs module, compiled to JS and loaded. */
async function loadStubs(source: string, name: string): Promise<Record<string, Record<string, unknown>>> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const path = join(folder, `${name}.mjs`);
  await writeFile(path, js);
  return ((await import(pathToFileURL(path).href)) as { imports: Record<string, Record<string, unknown>> }).imports;
}

describe('generate stubs on every world shape', () => {
  it.each(STUB_SHAPE_WORLDS)('%s: compiles under strict TypeScript and has exactly the members jco reads', async (world) => {
    const bytes = await componentFromWit(STUB_SHAPES_WIT, world);
    const stubs = generateHostStubs(decodeComponentWorld(bytes), world);

    expect(compile(stubs), stubs).toEqual([]);
    const imports = await loadStubs(stubs, world);
    const provided = Object.entries(imports).flatMap(([key, object]) => Object.keys(object).map((name) => `${key} ${name}`));
    expect(provided.sort(), stubs).toEqual(await jcoReads(bytes));
    for (const [key, object] of Object.entries(imports)) {
      for (const [name, value] of Object.entries(object)) expect(typeof value, `${key} ${name}`).toBe('function');
    }
  });

  it.each(STUB_SHAPE_WORLDS)('%s: the same stubs from the WIT text as from the component', async (world) => {
    const fromBinary = generateHostStubs(decodeComponentWorld(await componentFromWit(STUB_SHAPES_WIT, world)), world);
    expect(generateHostStubs(selectWorld(parseWit(STUB_SHAPES_WIT), world), world)).toBe(fromBinary);
  });

  it('names the classes of two resources named alike apart, and types each use with its own', async () => {
    const stubs = generateHostStubs(decodeComponentWorld(await componentFromWit(STUB_SHAPES_WIT, 'same-named-resources')));
    expect(stubs).toContain('export class X {');
    expect(stubs).toContain('export class X2 {');
    expect(stubs).toContain('"test:stubs/two": {\n    X: X2,\n    make(): X2 {');
  });

  it('gives two versions of one interface one object, and says which functions and classes jco shares', async () => {
    const stubs = generateHostStubs(decodeComponentWorld(await componentFromWit(STUB_SHAPES_WIT, 'two-versions')));
    expect(stubs).toContain('// jco reads this one class for `test:dep/test@0.1.0#thing` and `test:dep/test@0.2.0#thing`.');
    expect(stubs).toContain('    // jco calls this one function for test:dep/test.x@0.1.0 too.\n    x(): bigint {');
    expect(stubs.match(/"test:dep\/test": \{/g)).toHaveLength(1);
  });

  it('keeps the globals it uses: a resource named `error` does not shadow Error', async () => {
    const stubs = generateHostStubs(decodeComponentWorld(await componentFromWit(STUB_SHAPES_WIT, 'global-names')));
    expect(stubs).toContain('export class Error2 {');
    const imports = await loadStubs(stubs, 'global-names-throws');
    const fail = imports['test:stubs/globals']?.['fail'] as () => unknown;
    expect(() => fail()).toThrow(new Error('not implemented: test:stubs/globals.fail'));
  });
});
