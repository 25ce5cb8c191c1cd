/**
 * Agreement with the reference implementation (wasm-tools' wit-parser, via
 * jco-transpile): the worlds we resolve have the imports and exports, in the
 * same order, that wasm-tools gives the same WIT, and the WIT we print is WIT
 * that wasm-tools accepts.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew, componentWit } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { loadWit, parseWit } from '../../../src/wit/load.js';
import { printWorld } from '../../../src/wit/print.js';
import type { World } from '../../../src/wit/world.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/wit/', import.meta.url));

/** The import and export names wasm-tools gives world `world` of `source`, in its order. */
async function referenceItems(source: string, world: string): Promise<string[]> {
  const component = await componentNew(await componentEmbed({ dummy: true, witSource: source, world }));
  const text = await componentWit(component);
  // Top-level world items are indented by two spaces: `  import x;`, `  export f: func();`.
  return [...text.matchAll(/^ {2}(import|export) ([^:;\s]+(?::[^\s;:]+\/[^\s;:]+)?)(?=[;:])/gm)].map((m) => `${m[1]} ${m[2]}`);
}

/** Our world's import and export names, leaving out types and resource functions (wasm-tools prints those as types). */
function ourItems(world: World): string[] {
  const names = (direction: 'import' | 'export', items: World['imports']): string[] =>
    [...items.values()].filter((item) => item.kind === 'interface' || (item.kind === 'function' && item.function.resource === undefined)).map((item) => `${direction} ${item.name}`);
  return [...names('import', world.imports), ...names('export', world.exports)];
}

/** A folder's files as one WIT text: the root files, then each dependency as a nested package. */
async function folderAsOneText(folder: string, rootFiles: string[], deps: string[][]): Promise<string> {
  const read = (file: string): Promise<string> => readFile(`${folder}/${file}`, 'utf8');
  let text = (await Promise.all(rootFiles.map(read))).join('\n');
  for (const files of deps) {
    const joined = (await Promise.all(files.map(read))).join('\n');
    const header = /package ([^;{]+);/.exec(joined);
    text += header === null ? `\n${joined}` : `\npackage ${header[1]} {\n${joined.replace(header[0], '')}\n}\n`;
  }
  return text;
}

const SINGLE_FILE_WORLDS: [string, string][] = [
  ['worlds.wit', 'app'],
  ['worlds.wit', 'base'],
  ['worlds.wit', 'other-base'],
  ['nested.wit', 'main'],
];

describe('agreement with wasm-tools', () => {
  it.each(SINGLE_FILE_WORLDS)('%s world %s: same imports and exports in the same order', async (file, worldName) => {
    const source = await readFile(FIXTURES + file, 'utf8');
    const ours = parseWit(source).main.worlds.get(worldName) as World;
    expect(ourItems(ours)).toEqual(await referenceItems(source, worldName));
  });

  it('wasi-app folder: same imports and exports in the same order', async () => {
    const folder = `${FIXTURES}wasi-app`;
    const source = await folderAsOneText(folder, ['world.wit', 'handler.wit'], [
      ['deps/wasi-io/error.wit', 'deps/wasi-io/streams.wit'],
      ['deps/wasi-clocks.wit'],
      ['deps/wasi-random.wit'],
      ['deps/wasi-cli/command.wit'],
    ]);
    const ours = (await loadWit(folder)).main.worlds.get('app') as World;
    expect(ourItems(ours)).toEqual(await referenceItems(source, 'app'));
  });

  it.each([...SINGLE_FILE_WORLDS, ['wasi-app', 'app'] as [string, string]])('%s world %s: wasm-tools accepts what we print', async (file, worldName) => {
    const world = (await loadWit(FIXTURES + file)).main.worlds.get(worldName) as World;
    const printed = printWorld(world);
    // The printed world has the same imports and exports for wasm-tools as for us.
    expect(await referenceItems(printed, worldName)).toEqual(ourItems(world));
  });

  it('wasm-tools accepts the printed types fixture', async () => {
    const doc = await loadWit(`${FIXTURES}types.wit`);
    const iface = doc.main.interfaces.get('all');
    const world: World = { package: doc.main.name, name: 'w', imports: new Map([[iface?.id as string, { kind: 'interface', name: iface?.id as string, interface: iface as NonNullable<typeof iface> }]]), exports: new Map() };
    expect(await referenceItems(printWorld(world), 'w')).toEqual(['import test:types/all@1.2.3-rc.1+build.5']);
  });
});
