/**
 * Every mode on one component of each world shape that real toolchains emit
 * (built here from WAT): the conformance run as `npm run conformance` does it,
 * with small sizes. No cell may be a tool error, and each cell is what this
 * table says (refused and n/a only where the README's table of shapes says so).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conformance } from '../../scripts/conformance.js';
import type { ComponentRow } from '../../scripts/conformance/matrix.js';
import { handlesComponent } from '../support/shapes/fuzz-shapes.js';
import { importedAndExportedComponent } from '../support/shapes/imported-and-exported.js';
import { inlineInterfacesComponent } from '../support/shapes/instrument-shapes.js';
import { wasiExitComponent } from '../support/shapes/wasi-exit.js';
import { clockReader } from '../support/shapes/wasi-readers.js';
import { sameNamedResourcesComponent, twoVersionsComponent, typesOnlyComponent, worldResourceComponent } from '../support/shapes/world-shapes.js';

const SHAPES: Record<string, () => Promise<Uint8Array>> = {
  'types-only': typesOnlyComponent,
  'world-resource': worldResourceComponent,
  'two-versions': twoVersionsComponent,
  'same-named-resources': sameNamedResourcesComponent,
  'inline-interfaces': inlineInterfacesComponent,
  'clock-reader': clockReader,
  'wasi-exit': wasiExitComponent,
  handles: handlesComponent,
  'imported-and-exported': importedAndExportedComponent,
};

let rows: ComponentRow[];

beforeAll(async () => {
  const folder = await mkdtemp(join(tmpdir(), 'pc-conformance-shapes-'));
  for (const [name, build] of Object.entries(SHAPES)) await writeFile(join(folder, `${name}.wasm`), await build());
  rows = await conformance([folder], { sizes: { goldenRuns: 3, fuzzRuns: 10, calls: 5 }, jobs: 2, timeoutMs: 300_000 });
}, 900_000);

describe('conformance on every world shape', () => {
  it('has no tool error in any mode', () => {
    const errors = rows.flatMap((row) => [...row.cells].filter(([, cell]) => cell.status === 'error').map(([mode, cell]) => `${row.name} × ${mode}: ${cell.detail}`));
    expect(errors).toEqual([]);
  });

  it('gives each cell its expected status', () => {
    const matrix = Object.fromEntries(rows.map((row) => [row.name.replace(/\.wasm$/, ''), Object.fromEntries([...row.cells].map(([mode, cell]) => [mode, cell.status]))]));
    expect(matrix).toMatchInlineSnapshot(`
      {
        "clock-reader": {
          "diff": "ok",
          "fuzz": "ok",
          "fuzz@wasmtime": "ok",
          "golden": "ok",
          "record@wasmtime": "ok",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
        "handles": {
          "diff": "ok",
          "fuzz": "ok",
          "fuzz@wasmtime": "ok",
          "golden": "ok",
          "record@wasmtime": "refused",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
        "imported-and-exported": {
          "diff": "ok",
          "fuzz": "ok",
          "fuzz@wasmtime": "ok",
          "golden": "ok",
          "record@wasmtime": "n/a",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
        "inline-interfaces": {
          "diff": "ok",
          "fuzz": "ok",
          "fuzz@wasmtime": "ok",
          "golden": "ok",
          "record@wasmtime": "n/a",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
        "same-named-resources": {
          "diff": "ok",
          "fuzz": "ok",
          "fuzz@wasmtime": "ok",
          "golden": "ok",
          "record@wasmtime": "n/a",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
        "two-versions": {
          "diff": "ok",
          "fuzz": "ok",
          "fuzz@wasmtime": "ok",
          "golden": "ok",
          "record@wasmtime": "n/a",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
        "types-only": {
          "diff": "ok",
          "fuzz": "ok",
          "fuzz@wasmtime": "ok",
          "golden": "ok",
          "record@wasmtime": "n/a",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
        "wasi-exit": {
          "diff": "ok",
          "fuzz": "failure",
          "fuzz@wasmtime": "failure",
          "golden": "ok",
          "record@wasmtime": "ok",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
        "world-resource": {
          "diff": "ok",
          "fuzz": "ok",
          "fuzz@wasmtime": "ok",
          "golden": "ok",
          "record@wasmtime": "n/a",
          "replay": "ok",
          "replay@wasmtime": "ok",
          "stubs": "ok",
          "wit": "ok",
        },
      }
    `);
  });
});
