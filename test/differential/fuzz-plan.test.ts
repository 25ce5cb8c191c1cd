import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzableExports, fuzzPlan } from '../../src/differential/fuzz-plan.js';
import { printCallPositional, printValue } from '../../src/wave/index.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { appComponent } from '../support/app-component.js';
import { qjsComponent } from '../engines/support/qjs-component.js';

let app: World;
let tally: World;

beforeAll(async () => {
  app = decodeComponentWorld(await appComponent());
  tally = decodeComponentWorld(await qjsComponent());
}, 120_000);

describe('fuzz plans', () => {
  test.prop([fc.integer(), fc.integer({ min: 1, max: 30 })], { numRuns: 20 })('are the same for the same seed', (seed, count) => {
    const text = (world: World) => fuzzPlan(world, { seed, count }).map((call) => printCallPositional(call.name, call.function.function.params, call.args));
    expect(text(app)).toEqual(text(app));
    expect(text(app)).toHaveLength(count);
  });

  test.prop([fc.integer()], { numRuns: 20 })('hold well-typed arguments and import answers', (seed) => {
    for (const call of fuzzPlan(app, { seed, count: 10 })) {
      // Printing checks every value against its type.
      printCallPositional(call.name, call.function.function.params, call.args);
      expect(call.imports.map((answer) => answer.function.function.name).sort()).toEqual(['double', 'double', 'double', 'lookup', 'lookup', 'lookup']);
      for (const answer of call.imports) {
        const type = answer.function.function.result;
        if (answer.outcome.kind === 'return' && type !== undefined) printValue(answer.outcome.value!, type);
      }
    }
  });

  it('leaves out functions with resources', () => {
    expect(fuzzableExports(tally).map((fn) => fn.function.name)).toEqual(['init', 'describe', 'mean', 'spread', 'shout'].filter((name) => name !== 'describe'));
  });

  it('differs between seeds', () => {
    const text = (seed: number) => JSON.stringify(fuzzPlan(app, { seed, count: 20 }).map((call) => printCallPositional(call.name, call.function.function.params, call.args)));
    expect(text(1)).not.toBe(text(2));
  });
});
