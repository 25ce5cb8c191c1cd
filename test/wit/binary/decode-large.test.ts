import { expect, it } from 'vitest';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { worldFunctions } from '../../../src/wit/world.js';
import { componentFromWit } from '../../support/component-from-wit.js';
import { largeWit } from '../../../bench/large-wit.js';

// Speed is measured in bench/decode.ts; this pins completeness on a big world.
it('decodes every interface and function of a world of 100 interfaces and 2,300 functions', async () => {
  const bytes = await componentFromWit(largeWit(100, 20), 'large');

  const world = decodeComponentWorld(bytes);

  expect(world.imports.size).toBe(50);
  expect(world.exports.size).toBe(50);
  expect(worldFunctions(world, 'import').length + worldFunctions(world, 'export').length).toBe(100 * 23);
});
