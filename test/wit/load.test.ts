import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWit, parseWit, selectWorld } from '../../src/wit/load.js';
import { formatPackageName, type WitDocument } from '../../src/wit/world.js';
import { caught } from './text/support.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/wit/', import.meta.url));

function packageKeys(document: WitDocument): string[] {
  return document.packages.map((pkg) => formatPackageName(pkg.name));
}

async function caughtAsync(run: () => Promise<unknown>): Promise<ReturnType<typeof caught>> {
  let error: unknown;
  await run().catch((e: unknown) => (error = e));
  return caught(() => {
    if (error !== undefined) throw error;
  });
}

describe('parseWit', () => {
  it('reads the main package and its nested dependencies, dependencies first', () => {
    const doc = parseWit('package app:main;\nworld w { import dep:a/x; }\npackage dep:a { interface x { use dep:b/y.{t}; } }\npackage dep:b { interface y { type t = u8; } }');
    expect(packageKeys(doc)).toEqual(['dep:b', 'dep:a', 'app:main']);
    expect(doc.main).toBe(doc.packages[2]);
  });

  it('takes the package nobody depends on as main when the text only has nested packages', () => {
    const doc = parseWit('package app:main { world w { import dep:a/x; } }\npackage dep:a { interface x {} }');
    expect(formatPackageName(doc.main.name)).toBe('app:main');
    expect(packageKeys(doc)).toEqual(['dep:a', 'app:main']);
  });

  it('keeps the first of two packages with the same name', () => {
    const doc = parseWit('package app:main;\nworld w { import dep:a/x; }\npackage dep:a { interface x { first: func(); } }\npackage dep:a { interface x { second: func(); } }');
    expect([...(doc.packages[0]?.interfaces.get('x')?.functions.keys() ?? [])]).toEqual(['first']);
  });

  it('reads CRLF text with a byte order mark', () => {
    const doc = parseWit('\ufeffpackage a:b;\r\ninterface i {\r\n  f: func();\r\n}\r\n');
    expect([...(doc.main.interfaces.get('i')?.functions.keys() ?? [])]).toEqual(['f']);
  });
});

describe('loadWit', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'proxy-component-wit-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a single .wit file', async () => {
    const doc = await loadWit(join(FIXTURES, 'worlds.wit'));
    expect(formatPackageName(doc.main.name)).toBe('test:worlds@0.1.0');
    expect([...doc.main.worlds.keys()]).toEqual(['base', 'other-base', 'app', 'empty']);
  });

  it('reads a folder: the root files as one package, deps/ as folders and files', async () => {
    const doc = await loadWit(join(FIXTURES, 'wasi-app'));
    expect(packageKeys(doc)).toEqual(['wasi:io@0.2.0', 'wasi:clocks@0.2.0', 'wasi:random@0.2.0', 'wasi:cli@0.2.0', 'test:wasi-app@0.1.0']);
    expect([...doc.main.interfaces.keys()]).toEqual(['handler']);
    // wasi:io is a folder of two files; the second has no `package` header.
    expect([...(doc.packages[0]?.interfaces.keys() ?? [])]).toEqual(['error', 'poll', 'streams']);
  });

  it('names each file in error locations', async () => {
    await writeFile(join(dir, 'a.wit'), 'package x:y;\ninterface i { f: func(a: nope); }');
    const error = await caughtAsync(() => loadWit(dir));
    expect(error.message).toBe(`${join(dir, 'a.wit')}:2:26: type \`nope\` is not defined in interface \`i\``);
  });

  it('resolves names across the files of a folder, in any order', async () => {
    await writeFile(join(dir, 'a.wit'), 'interface uses { use types.{t}; f: func(x: t); }');
    await writeFile(join(dir, 'b.wit'), 'package x:y;\ninterface types { type t = u8; }');
    const doc = await loadWit(dir);
    expect([...doc.main.interfaces.keys()]).toEqual(['uses', 'types']);
  });

  it('rejects files of one folder that disagree on the package', async () => {
    await writeFile(join(dir, 'a.wit'), 'package x:y;');
    await writeFile(join(dir, 'b.wit'), 'package x:z;');
    const error = await caughtAsync(() => loadWit(dir));
    expect(error).toMatchObject({ code: 'WIT_RESOLVE', detail: `package \`x:z\` does not match \`x:y\` declared in ${join(dir, 'a.wit')}: the files of a folder form one package` });
  });

  it('reports a dependency that deps/ does not have', async () => {
    await writeFile(join(dir, 'a.wit'), 'package x:y;\nworld w { import wasi:io/streams@0.2.0; }');
    await mkdir(join(dir, 'deps'));
    const error = await caughtAsync(() => loadWit(dir));
    expect(error).toMatchObject({ code: 'WIT_RESOLVE', location: { file: join(dir, 'a.wit'), line: 2, column: 18 } });
    expect(error.detail).toContain('package `wasi:io@0.2.0` is not defined');
  });

  it('fails with IO for a path that does not exist', async () => {
    const error = await caughtAsync(() => loadWit(join(dir, 'missing.wit')));
    expect(error).toMatchObject({ code: 'IO', detail: `cannot read ${join(dir, 'missing.wit')}: no such file or directory` });
  });

  it('fails clearly for a folder without .wit files', async () => {
    await writeFile(join(dir, 'notes.txt'), 'nothing');
    const error = await caughtAsync(() => loadWit(dir));
    expect(error).toMatchObject({ code: 'WIT_RESOLVE', detail: `no .wit files in folder ${dir}` });
  });
});

describe('selectWorld', () => {
  const doc = parseWit('package app:main@1.0.0;\nworld one {}\nworld two {}\npackage dep:lib@2.0.0 { world base {} }');

  it('picks the only world of the main package without a name', () => {
    const single = parseWit('package a:b;\nworld only {}');
    expect(selectWorld(single).name).toBe('only');
  });

  it('picks a world of the main package by name', () => {
    expect(selectWorld(doc, 'two').name).toBe('two');
  });

  it('picks a world of any package by its qualified name, version optional', () => {
    expect(selectWorld(doc, 'dep:lib/base@2.0.0')).toMatchObject({ name: 'base', package: { namespace: 'dep' } });
    expect(selectWorld(doc, 'dep:lib/base')).toMatchObject({ name: 'base' });
  });

  it('lists the candidates when the choice is ambiguous or wrong', () => {
    expect(caught(() => selectWorld(doc))).toMatchObject({
      code: 'USAGE',
      detail: 'package `app:main@1.0.0` has several worlds; choose one of `one`, `two`, `dep:lib/base@2.0.0`',
    });
    expect(caught(() => selectWorld(doc, 'three'))).toMatchObject({
      code: 'USAGE',
      detail: 'world `three` is not defined in package `app:main@1.0.0`; choose one of `one`, `two`, `dep:lib/base@2.0.0`',
    });
    expect(caught(() => selectWorld(doc, 'dep:lib/nope'))).toMatchObject({ code: 'USAGE', detail: 'world `dep:lib/nope` is not defined; choose one of `one`, `two`, `dep:lib/base@2.0.0`' });
  });

  it('says so when the main package has no world', () => {
    expect(caught(() => selectWorld(parseWit('package a:b;\ninterface i {}')))).toMatchObject({ code: 'WIT_RESOLVE', detail: 'package `a:b` defines no world' });
  });
});
