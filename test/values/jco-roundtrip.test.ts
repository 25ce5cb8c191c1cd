/**
 * Property: for random WIT types T and values v, calling a jco-transpiled echo
 * component's `echo(toJco(v))` hands the host import a JS value whose fromJco
 * is v, and the export's return (or throw, for a top-level result) read back
 * with fromJcoReturn/fromJcoThrown is v again. One component holds a whole
 * batch of types, since building and transpiling is the slow part.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { valuesEqual } from '../../src/values/equal.js';
import { fromJco, toJco } from '../../src/values/jco.js';
import { fromJcoReturn, fromJcoThrown, toJcoReturn } from '../../src/values/jco-return.js';
import type { Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';
import { buildEchoComponent, cleanUpComponents, echoExport, echoImports, type JcoExports } from '../support/echo-component.js';
import { firstDifference } from '../support/echo-equal.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';

/** Types an echo component can carry: no resources, no async types, at most 32 flags (wasm-tools' limit). */
function isEchoable(type: WitType): boolean {
  switch (type.kind) {
    case 'own': case 'borrow': case 'future': case 'stream': case 'error-context':
      return false;
    case 'flags':
      return type.flags.length <= 32;
    case 'list':
      return isEchoable(type.element);
    case 'option':
      return isEchoable(type.some);
    case 'tuple':
      return type.elements.every(isEchoable);
    case 'record':
      return type.fields.every((field) => isEchoable(field.type));
    case 'variant':
      return type.cases.every((c) => c.type === undefined || isEchoable(c.type));
    case 'result':
      return (type.ok === undefined || isEchoable(type.ok)) && (type.err === undefined || isEchoable(type.err));
    default:
      return true;
  }
}

const BATCH_SIZE = 30;
const SEEDS = [1, 2, 3, 4];
const RUNS_PER_TYPE = 25;

const u8: WitType = { kind: 'u8' };
const u32: WitType = { kind: 'u32' };
const string: WitType = { kind: 'string' };
const option = (some: WitType): WitType => ({ kind: 'option', some });
const list = (element: WitType, length?: number): WitType => (length === undefined ? { kind: 'list', element } : { kind: 'list', element, length });
const names = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** Types chosen for the corners random types rarely reach. */
const CURATED: readonly WitType[] = [
  option(option(u32)),
  option(option(option(string))),
  list(option(option(u8))),
  { kind: 'result', ok: { kind: 'result', ok: u32, err: string }, err: option(option(u8)) },
  { kind: 'result', ok: { kind: 'variant', cases: [{ name: 'ok', type: u8 }, { name: 'err' }] }, err: string },
  { kind: 'result', ok: { kind: 'record', fields: [{ name: 'tag', type: string }] }, err: u8 },
  { kind: 'result' },
  { kind: 'result', err: string },
  { kind: 'result', ok: u32 },
  { kind: 'tuple', elements: Array.from({ length: 17 }, () => u8) },
  { kind: 'record', fields: names('f', 20).map((name, i) => ({ name, type: [u8, string, { kind: 'f64' }, { kind: 's64' }][i % 4] as WitType })) },
  { kind: 'variant', cases: [{ name: 'a', type: { kind: 'f32' } }, { name: 'b', type: { kind: 's64' } }, { name: 'c', type: { kind: 'f64' } }, { name: 'd', type: string }, { name: 'e' }] },
  { kind: 'variant', cases: names('c', 300).map((name, i) => (i % 2 === 0 ? { name } : { name, type: u8 })) },
  { kind: 'enum', cases: names('e', 300) },
  { kind: 'record', fields: ['to-string', 'value-of', 'constructor', 'http-URL', 'class', 'tag'].map((name) => ({ name, type: u8 })) },
  ...(['u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64', 'bool', 'char'] as const).map((kind) => list({ kind })),
  list(u8, 4),
  list(string, 2),
  list({ kind: 'tuple', elements: [u8, string] }),
  ...[1, 9, 17, 32].map((count): WitType => ({ kind: 'flags', flags: names('g', count) })),
  { kind: 'flags', flags: ['to-string', 'value-of', 'http-URL'] },
];

interface Batch {
  readonly types: readonly WitType[];
  readonly exports: JcoExports;
  /** What the host import `host-echo-i` does with its argument, set per run. */
  readonly handlers: ((arg: unknown) => unknown)[];
}

const batches = new Map<string, Batch>();
const BATCH_NAMES = ['curated', ...SEEDS.map((seed) => `random seed ${seed}`)];

beforeAll(async () => {
  for (const name of BATCH_NAMES) {
    const seed = SEEDS[BATCH_NAMES.indexOf(name) - 1];
    const types = seed === undefined ? CURATED : fc.sample(witTypeArbitrary(3).filter(isEchoable), { seed, numRuns: BATCH_SIZE });
    const component = await buildEchoComponent(types);
    const handlers = types.map(() => (): unknown => {
      throw new Error('no handler set');
    });
    const exports = await component.instantiate(echoImports(types.length, (i, arg) => (handlers[i] as (arg: unknown) => unknown)(arg)));
    batches.set(name, { types, exports, handlers });
  }
});

afterAll(cleanUpComponents);

/** Calls echo-i with `value` the way an engine would, returning what the export produced as a Value. */
function echo(batch: Batch, index: number, value: Value): { hostSaw: Value | undefined; returned: Value } {
  const type = batch.types[index] as WitType;
  let hostSaw: Value | undefined;
  batch.handlers[index] = (arg) => {
    hostSaw = fromJco(arg, type);
    const outcome = toJcoReturn(hostSaw, type);
    if (outcome.kind === 'throw') throw outcome.error;
    return outcome.value;
  };
  let returned: Value;
  try {
    returned = fromJcoReturn(echoExport(batch.exports, index)(toJco(value, type)), type, 'export') as Value;
  } catch (thrown) {
    returned = fromJcoThrown(thrown, type, 'export');
  }
  return { hostSaw, returned };
}

describe.each(BATCH_NAMES)('echo component of %s types', (name) => {
  it('carries every random value to the host and back unchanged', () => {
    const batch = batches.get(name) as Batch;
    expect(batch.types.length).toBeGreaterThan(0);
    batch.types.forEach((type, index) => {
      fc.assert(
        fc.property(valueArbitrary(type, { maxListLength: 6, maxStringLength: 12 }), (value) => {
          const { hostSaw, returned } = echo(batch, index, value);
          expect(hostSaw, 'host import argument').toBeDefined();
          expect(valuesEqual(type, value, hostSaw as Value), `host saw, type #${index}`).toBe(true);
          expect(valuesEqual(type, value, returned), `export returned, type #${index}`).toBe(true);
          // Stricter than equality: fromJco also gives the canonical form (flags in declaration order, ...).
          expect(firstDifference(value, hostSaw as Value), `host saw, type #${index}`).toBeUndefined();
          expect(firstDifference(value, returned), `export returned, type #${index}`).toBeUndefined();
        }),
        { numRuns: RUNS_PER_TYPE },
      );
    });
  });
});
