/**
 * Pins every public name of every package entry point, so that an export is
 * never added or removed by accident: change this list deliberately.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as root from '../src/index.js';
import * as values from '../src/values/index.js';
import * as campaign from '../src/vitest/campaign.js';
import * as wave from '../src/wave/index.js';
import * as wit from '../src/wit/index.js';

const names = (module: object) => Object.keys(module).sort();

describe('public API', () => {
  it('pins the names each entry point exports', () => {
    expect({ wit: names(wit), wave: names(wave), values: names(values) }).toMatchInlineSnapshot(`
      {
        "values": [
          "JcoResultError",
          "NONE",
          "ResourceHandle",
          "ResourceTable",
          "err",
          "exportTypesDeclaration",
          "fromJco",
          "fromJcoReturn",
          "fromJcoThrown",
          "jcoConverter",
          "ok",
          "some",
          "toJco",
          "toJcoReturn",
          "valuesEqual",
          "variantCase",
        ],
        "wave": [
          "KEYWORDS",
          "formatF32",
          "formatF64",
          "isKeyword",
          "isLabel",
          "parseCall",
          "parseCallPrefix",
          "parseValue",
          "printCall",
          "printCallPositional",
          "printValue",
        ],
        "wit": [
          "PRIMITIVE_KINDS",
          "callNameOf",
          "decodeComponentWorld",
          "findUnsupported",
          "formatPackageName",
          "interfaceId",
          "interfaceScope",
          "isPrimitiveKind",
          "loadWit",
          "lookupFunction",
          "parseWit",
          "primitive",
          "printFunctionSignature",
          "printInterface",
          "printWitType",
          "printWorld",
          "readWitSource",
          "selectWorld",
          "worldFunctions",
          "worldScope",
        ],
      }
    `);
  });

  it('pins the names of proxy-component/vitest/campaign', () => {
    expect(names(campaign)).toEqual(['assertBindings', 'bindingsCampaign']);
  });

  it('exports the sessions a program runs from the root', () => {
    expect(names(root)).toEqual(expect.arrayContaining(['serveComponent', 'valueArbitrary', 'TOOL_VERSION']));
  });

  it('re-exports every subpath name from the root', () => {
    const rootNames = new Set(names(root));
    for (const name of [...names(wit), ...names(wave), ...names(values)]) expect(rootNames).toContain(name);
  });

  it('lists @fast-check/vitest, which proxy-component/vitest/property needs, where users look: an optional peer dependency and the README install line', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    expect(manifest.peerDependencies?.['@fast-check/vitest']).toMatch(/^\^/);
    expect(manifest.peerDependenciesMeta?.['@fast-check/vitest']).toEqual({ optional: true });
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('\n## ', readme.indexOf('## Install') + 1));
    expect(install).toContain('npm install -D @fast-check/vitest');
  });
});
