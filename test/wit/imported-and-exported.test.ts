/**
 * `wit` on a component that imports and exports one package interface: the
 * decoded world holds two copies (the import with the functions the code
 * calls, the export with all it implements), and the printed WIT has the one
 * interface with the functions of both, its types declared once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { parseWit, selectWorld } from '../../src/wit/load.js';
import { printWorld } from '../../src/wit/print.js';
import type { World } from '../../src/wit/world.js';
import { importedAndExportedComponent } from '../support/shapes/imported-and-exported.js';

let world: World;

beforeAll(async () => {
  world = decodeComponentWorld(await importedAndExportedComponent());
});

const functionsOf = (w: World, side: 'imports' | 'exports') => {
  const item = w[side].get('test:both/calc');
  return item?.kind === 'interface' ? [...item.interface.functions.keys()] : [];
};

describe('an interface a world imports and exports', () => {
  it('is decoded twice, each side with its own functions', () => {
    expect(functionsOf(world, 'imports')).toEqual(['add']);
    expect(functionsOf(world, 'exports')).toEqual(['add', 'neg', 'swap']);
  });

  it('is printed once, with the functions of both sides and its record declared once', () => {
    const text = printWorld(world);
    expect(text.match(/interface calc \{/g)).toHaveLength(1);
    expect(text.match(/record pair \{/g)).toHaveLength(1);
    expect(text).toContain('    add: func(p: pair) -> u32;\n    neg: func(x: s32) -> s32;\n    swap: func(p: pair) -> pair;\n');
    expect(text).not.toMatch(/pair-v2|anonymous/);
  });

  it('prints WIT that reads back to a world importing and exporting the whole interface', () => {
    const text = printWorld(world);
    const reread = selectWorld(parseWit(text, 'printed.wit'));
    expect(functionsOf(reread, 'imports')).toEqual(['add', 'neg', 'swap']);
    expect(functionsOf(reread, 'exports')).toEqual(['add', 'neg', 'swap']);
    expect(printWorld(reread)).toBe(text);
  });
});
