/** Renaming a component's imports (for the stand-in of unanswered WASI imports): the same component, asking for other names. */
import { describe, expect, it } from 'vitest';
import { renameImports } from '../../../src/engines/wasmtime/rename-imports.js';
import { unansweredName } from '../../../src/engines/wasmtime/unanswered-imports.js';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { printWorld } from '../../../src/wit/print.js';
import { stdinReader } from '../../support/shapes/wasi-readers.js';

describe('renameImports', () => {
  it('renames the named imports and leaves the rest of the component as it was', async () => {
    const bytes = await stdinReader();
    const before = decodeComponentWorld(bytes);
    const renames = new Map(['wasi:io/error@0.2.0', 'wasi:io/streams@0.2.0', 'wasi:cli/stdin@0.2.0'].map((name) => [name, unansweredName(name)]));

    const after = decodeComponentWorld(renameImports(bytes, renames));

    expect([...after.imports.keys()]).toEqual([...before.imports.keys()].map((name) => renames.get(name) ?? name));
    expect([...after.imports.keys()]).toContain('pc-unanswered:wasi-cli/stdin@0.2.0');
    const unrenamed = printWorld(after).replaceAll('pc-unanswered:wasi-', 'wasi:');
    expect(unrenamed).toBe(printWorld(before));
  });

  it('says which name the component does not import', async () => {
    expect(() => renameImports(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]), new Map([['wasi:cli/stdin@0.2.0', 'x:y/z']]))).toThrow(
      "cannot rename the component's imports: it does not import wasi:cli/stdin@0.2.0",
    );
  });
});
