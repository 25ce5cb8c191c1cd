/**
 * The last pass of a shrink also drops the members of flags, enums and
 * variants that the failure does not need, so that a finding's WIT names
 * only those: a failure that needs flag `b` set ends with `flags { b }`, one
 * that needs enum case `y` with `enum { y }`, one that needs variant case
 * `k(u8)` with `variant { k(u8) }`.
 */
import { describe, expect, it } from 'vitest';
import type { BindingsCase } from '../../src/campaign/bindings-case.js';
import { simplifyCase } from '../../src/campaign/simplify-case.js';
import type { Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';

function oneCall(type: WitType, value: Value): BindingsCase {
  return { encoding: 'utf8', functions: [{ name: 'f0', kind: 'echo', params: [type] }], calls: [{ function: 0, args: [value] }] };
}

const never = Number.POSITIVE_INFINITY;

describe('simplifyCase on flags, enums and variants', () => {
  it('keeps only the flag the failure needs', async () => {
    const start = oneCall({ kind: 'flags', flags: ['a', 'b', 'c', 'd'] }, ['a', 'b', 'd']);
    const needsB = async (candidate: BindingsCase) => (candidate.calls[0]?.args[0] as readonly string[] | undefined)?.includes('b') === true;
    const simplest = await simplifyCase(start, needsB, never);
    expect(simplest.functions[0]?.params).toEqual([{ kind: 'flags', flags: ['b'] }]);
    expect(simplest.calls[0]?.args).toEqual([['b']]);
  });

  it("keeps only the enum case the value is", async () => {
    const start = oneCall({ kind: 'enum', cases: ['x', 'y', 'z'] }, 'y');
    const isEnum = async (candidate: BindingsCase) => candidate.functions[0]?.params[0]?.kind === 'enum';
    const simplest = await simplifyCase(start, isEnum, never);
    expect(simplest.functions[0]?.params).toEqual([{ kind: 'enum', cases: ['y'] }]);
  });

  it("drops the other variant cases and their payloads, keeping the value's case", async () => {
    const u8: WitType = { kind: 'u8' };
    const start = oneCall({ kind: 'variant', cases: [{ name: 'j', type: { kind: 'string' } }, { name: 'k', type: u8 }, { name: 'l' }] }, { tag: 'k', value: 3 });
    const isVariant = async (candidate: BindingsCase) => candidate.functions[0]?.params[0]?.kind === 'variant';
    const simplest = await simplifyCase(start, isVariant, never);
    expect(simplest.functions[0]?.params).toEqual([{ kind: 'variant', cases: [{ name: 'k', type: u8 }] }]);
    expect(simplest.calls[0]?.args).toEqual([{ tag: 'k', value: 3 }]);
  });
});
