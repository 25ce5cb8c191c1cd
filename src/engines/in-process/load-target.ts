/**
 * Loads what the in-process engines run: a component through jco, or a native
 * JS module that implements the component's exports.
 *
 * A native module gives its exports in jco's shape (world functions by
 * camelCase name, interfaces by id, resources as classes), either as its own
 * exports (named, or a default export object) or, when it needs to call the
 * component's imports, from an `instantiate(imports)` function it exports,
 * called with jco-shaped imports.
 */
import { jcoImportSpecifiers } from '../../engines/jco/layout.js';
import { loadJcoComponent, type JcoExports, type JcoImports } from '../../engines/jco/load.js';
import { importUserModule } from '../../util/user-module.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import type { InProcessTarget } from './run-calls.js';
import type { WorkerTarget } from './protocol.js';

export async function loadTarget(target: WorkerTarget): Promise<InProcessTarget> {
  if (target.kind === 'jco') return loadJcoComponent(target.bytes);
  const world = decodeComponentWorld(target.bytes);
  const module = await importUserModule(target.module, 'native module');
  const instantiate = module['instantiate'];
  return {
    world,
    // A native module sees the keys jco's instantiate would read.
    importSpecifiers: jcoImportSpecifiers(world),
    async instantiate(imports: JcoImports): Promise<JcoExports> {
      if (typeof instantiate === 'function') return (await (instantiate as (i: JcoImports) => unknown)(imports)) as JcoExports;
      const fallback = module['default'];
      return (typeof fallback === 'object' && fallback !== null ? fallback : module) as JcoExports;
    },
  };
}
