/**
 * Imported resources in generated cases: the host (the plan) provides the
 * resource, the component makes instances through its constructor, keeps
 * several alive, passes them back in as borrows, takes host-made ones as
 * own and moves them out again, and drops every second one so that the next
 * constructor reuses the handle's index. Every method call must reach its
 * own instance: the plan checks each import call's handle. jco, Node and
 * wasmtime get all of it right, with results flat and through memory; and
 * the same with a resource a second generated component provides, composed
 * with the first into one component.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BindingsCase } from '../../src/campaign/bindings-case.js';
import { knownRefusal } from '../../src/campaign/cannot-run.js';
import { checkCase } from '../../src/campaign/check-case.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { engineByName } from '../../src/engines/registry.js';
import type { Value } from '../../src/values/value.js';
import { requireEngine } from '../engines/support/engine-fixtures.js';

const ENGINES = ['jco', 'node', 'wasmtime'].map(engineByName);

beforeAll(async () => {
  for (const engine of ENGINES) await requireEngine(engine);
});

const record = { kind: 'record', fields: [{ name: 'to-string', type: { kind: 'string' } }, { name: 'n', type: { kind: 'u64' } }] } as const;

const twoResources: BindingsCase = {
  encoding: 'utf16',
  functions: [
    { name: 'f0', kind: 'import-resource', params: [{ kind: 'u8' }] },
    { name: 'f1', kind: 'import-resource', params: [{ kind: 'string' }, record] },
  ],
  calls: [0, 1, 2, 3, 4].flatMap((i): { function: number; args: Value[] }[] => [
    { function: 0, args: [i] },
    { function: 1, args: [`é${i}`, { 'to-string': 'x'.repeat(i), n: BigInt(i) << 40n }] },
  ]),
};

/** Resources of a second generated component composed with the first, beside the host's, an import-echo and an exported resource. */
const composed: BindingsCase = {
  encoding: 'utf8',
  functions: [
    { name: 'f0', kind: 'composed-resource', params: [{ kind: 'u8' }] },
    { name: 'f1', kind: 'composed-resource', params: [{ kind: 'string' }, record] },
    { name: 'f2', kind: 'import-resource', params: [{ kind: 'string' }] },
    { name: 'f3', kind: 'import-echo', params: [{ kind: 'enum', cases: ['a', 'b'] }] },
    { name: 'f4', kind: 'resource', params: [{ kind: 'u8' }] },
  ],
  calls: [0, 1, 2, 3, 4].flatMap((i): { function: number; args: Value[] }[] => [
    { function: 0, args: [i] },
    { function: 1, args: [`é${i}`, { 'to-string': 'x'.repeat(i), n: BigInt(i) }] },
    { function: 2, args: [`s${i}`] },
    { function: 3, args: ['b'] },
    { function: 4, args: [i] },
  ]),
};

describe('generated cases composed with a provider component', () => {
  it('are one component whose world is the consumer\'s, without the provider\'s interface', async () => {
    const check = await checkCase(composed, [], { timeoutMs: 10_000 });
    expect(check.built.providerWat).toContain('(export "cm32p2|test:campaign/prov|[constructor]f1")');
    const world = decodeComponentWorld(check.built.bytes);
    // The host's resource and its type, the import-echo's import, the world's types; the provider's interface is inside.
    expect([...world.imports.keys()].sort()).toEqual(['f2', 'host-f3', 't0', 't1', 'test:campaign/imp']);
    // drop-f0 answers the provider's count: its destructor ran when the consumer dropped the handle.
    expect(check.plan.filter((planned) => planned.call.name === 'drop-f0').map((planned) => planned.expected)).toEqual([1, 2]);
  });

  it('run right on jco, node and wasmtime: handles cross from one component to the other and are dropped there', async () => {
    const check = await checkCase(composed, ENGINES, { timeoutMs: 10_000 });
    expect(check.failures).toEqual([]);
    expect(check.mismatches).toEqual([]);
    expect(check.checkedCalls).toBe(check.plan.length * ENGINES.length);
  }, 180_000);

  it('in utf16, jco cannot transpile them (its fused adapter has no utf16 copier): a documented refusal, never a finding', async () => {
    const check = await checkCase({ ...composed, encoding: 'utf16' }, [ENGINES[0] as (typeof ENGINES)[number]], { timeoutMs: 10_000 });
    expect(check.failures).toHaveLength(1);
    expect(knownRefusal(check.failures[0]?.reason ?? '')).toMatch(/utf16 strings between two components/);
  });
});

describe('generated cases with imported resources', () => {
  it('plan keep, peek, get of the oldest kept, pass and every second call a drop, each import call with its handle', async () => {
    const check = await checkCase(twoResources, [], { timeoutMs: 10_000 });
    const f0 = check.plan.filter((planned) => planned.call.name.endsWith('-f0'));
    expect(f0.map((planned) => planned.call.name.replace(/-f0$/, ''))).toEqual([
      ...['keep', 'peek', 'get', 'pass'],
      ...['keep', 'peek', 'get', 'pass', 'drop'],
      ...['keep', 'peek', 'get', 'pass'],
      ...['keep', 'peek', 'get', 'pass', 'drop'],
      ...['keep', 'peek', 'get', 'pass'],
    ]);
    // After slot 0 is dropped, the oldest kept is slot 1, and after slot 2 too, still slot 1.
    expect(f0.filter((planned) => planned.call.name === 'get-f0').map((planned) => planned.call.args[0])).toEqual([0, 0, 1, 1, 1]);
    // f0's second keep made #5 (each step of f0 and f1 makes two host handles, keep's and pass's).
    const third = f0.find((planned, i) => planned.call.name === 'get-f0' && i > 8);
    expect(third?.call.imports.map((made) => [made.name, made.args])).toEqual([['test:campaign/imp.[method]f0.get', [expect.objectContaining({ id: 5 })]]]);
  });

  it('run right on jco, node and wasmtime: every result and every import call', async () => {
    const check = await checkCase(twoResources, ENGINES, { timeoutMs: 10_000 });
    expect(check.failures).toEqual([]);
    expect(check.mismatches).toEqual([]);
    expect(check.checkedCalls).toBe(check.plan.length * ENGINES.length);
  }, 120_000);
});
