/**
 * Invalid handles must trap (CanonicalABI.md: a handle index the table does
 * not hold, or holds no longer, traps where it is lifted; a task that
 * returns still holding a borrow it was lent traps). The campaign's
 * `invalid-handle` functions misuse a handle of an imported resource four
 * ways, after a valid call of the same resource, and the truth is a trap
 * without reaching the host. wasmtime traps on all four.
 *
 * jco-transpile 0.15.0 traps on a dropped handle of a resource another
 * component of the composition provides (jco 1.28.1 did not: jco#1867 and
 * jco#1871, the G005 and G012 reports), but not on a resource the host
 * provides, pinned here: the glue of an imported resource's method reads the
 * rep of the handle it is given without asking whether the table holds it (a
 * dropped, moved or never-made handle reaches the host's method on an empty
 * object), and an export returns normally while still holding the borrow it
 * was given. When jco fixes it, this test fails: turn it into a check that
 * jco traps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLE_MISUSES, type BindingsCase, type HandleMisuse } from '../../src/campaign/bindings-case.js';
import { INVALID_HANDLE_TRAP } from '../../src/campaign/case-plan.js';
import { checkCase, failureKind, type Mismatch } from '../../src/campaign/check-case.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';
import { engineByName } from '../../src/engines/registry.js';
import { ResourceHandle } from '../../src/values/value.js';
import { requireEngine } from '../engines/support/engine-fixtures.js';

const wasmtime = engineByName('wasmtime');

beforeAll(async () => {
  await requireEngine(wasmtime);
});

function misusing(misuse: HandleMisuse): BindingsCase {
  return {
    encoding: 'utf8',
    functions: [
      { name: 'f0', kind: misuse === 'composed-dropped' ? 'composed-resource' : 'import-resource', params: [{ kind: 'string' }] },
      { name: 'f1', kind: 'invalid-handle', misuse, params: [{ kind: 'u16' }] },
    ],
    // The invalid-handle call is planned last, whatever its place: a trap may leave the instance unusable.
    calls: [
      { function: 0, args: ['a'] },
      { function: 1, args: [7] },
      { function: 0, args: ['b'] },
    ],
  };
}

describe('calls with an invalid handle', () => {
  it.each(HANDLE_MISUSES)('are planned last, as a trap that never reaches the host (%s)', async (misuse) => {
    const check = await checkCase(misusing(misuse), [], { timeoutMs: 10_000 });
    const last = check.plan.at(-1);
    expect(last?.step).toBe(1);
    expect(last?.trap).toBe(true);
    expect(last?.call.outcome).toEqual({ kind: 'trap', message: INVALID_HANDLE_TRAP });
    const imports = last?.call.imports.map((made) => made.name.replace('test:campaign/imp.', ''));
    const expected: Record<HandleMisuse, string[]> = {
      dropped: ['[constructor]f1'],
      moved: ['[constructor]f1', 'consume-f1'],
      'never-made': [],
      'borrow-kept': ['[method]f1.get'],
      // The provider is inside the component: nothing crosses the outer boundary.
      'composed-dropped': [],
    };
    expect(imports).toEqual(expected[misuse]);
  });

  it("number their handles after every other call's, since they run last: an exported resource's handles made after them are still #1, #2, ...", async () => {
    const testCase: BindingsCase = {
      encoding: 'utf8',
      functions: [
        { name: 'f0', kind: 'invalid-handle', misuse: 'dropped', params: [{ kind: 'bool' }] },
        { name: 'f1', kind: 'resource', params: [{ kind: 'bool' }] },
      ],
      calls: [
        { function: 0, args: [false] },
        { function: 1, args: [true] },
      ],
    };
    const check = await checkCase(testCase, [jcoEngine], { timeoutMs: 10_000 });
    expect(check.plan[0]?.expected).toEqual(new ResourceHandle(1));
    expect(check.plan.at(-1)?.call.imports[0]?.outcome).toEqual({ kind: 'return', value: new ResourceHandle(2) });
    expect(check.mismatches.map((m) => m.planned)).toEqual([check.plan.length - 1]);
  });

  it.each(HANDLE_MISUSES)('trap on wasmtime, every other call right (%s)', async (misuse) => {
    const check = await checkCase(misusing(misuse), [wasmtime], { timeoutMs: 10_000 });
    expect(check.failures).toEqual([]);
    expect(check.mismatches).toEqual([]);
    expect(check.checkedCalls).toBe(check.plan.length);
  }, 120_000);

  it('trap on jco-transpile 0.15.0 when the handle is of a resource of a component composed with it (fixed since jco 1.28.1: jco#1867, jco#1871)', async () => {
    const check = await checkCase(misusing('composed-dropped'), [jcoEngine], { timeoutMs: 10_000 });
    expect(check.failures).toEqual([]);
    expect(check.mismatches).toEqual([]);
    expect(check.plan.at(-1)?.trap).toBe(true);
  });

  it.each(HANDLE_MISUSES.filter((misuse) => misuse !== 'composed-dropped'))('do not trap on jco-transpile 0.15.0 when the host provides the resource (%s)', async (misuse) => {
    const check = await checkCase(misusing(misuse), [jcoEngine], { timeoutMs: 10_000 });
    expect(check.failures).toEqual([]);
    // Every valid call is right; only the misuse is not.
    expect(check.mismatches.map((m) => m.planned)).toEqual([check.plan.length - 1]);
    const mismatch = check.mismatches[0] as Mismatch;
    if (misuse === 'borrow-kept') {
      expect(failureKind(mismatch)).toBe('no-trap');
      expect(mismatch?.outcome).toEqual({ kind: 'return', value: 7 });
    } else {
      // The host's `get` is reached through the invalid handle (the plan has no answer for it, so the call then fails).
      expect(failureKind(mismatch)).toBe('import');
      expect(mismatch?.importCalls?.at(-1)?.name).toBe('test:campaign/imp.[method]f1.get');
    }
  });
});
