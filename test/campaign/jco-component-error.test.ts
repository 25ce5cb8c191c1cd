/**
 * The first real bug the bindings campaign found (seed 400), pinned: jco's
 * ComponentError, which wraps the err payload of an export's result, builds
 * its message with `String(payload)`. A payload that is an object with a
 * `toString` member that is not a function (a WIT flags or record with a
 * member `to-string`) makes that throw a TypeError, so the caller gets
 * "Cannot convert object to primitive value" and loses the payload. When jco
 * fixes it, this test fails: turn it into a check that the err comes back.
 */
import { describe, expect, it } from 'vitest';
import type { BindingsCase } from '../../src/campaign/bindings-case.js';
import { checkCase } from '../../src/campaign/check-case.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';

const flags = { kind: 'flags', flags: ['to-string'] } as const;
const errOfFlags: BindingsCase = {
  encoding: 'utf8',
  functions: [{ name: 'f0', kind: 'echo', params: [{ kind: 'result', err: flags }] }],
  calls: [
    { function: 0, args: [{ tag: 'ok' }] },
    { function: 0, args: [{ tag: 'err', value: [] }] },
    { function: 0, args: [{ tag: 'err', value: ['to-string'] }] },
  ],
};

describe('jco-transpile: an err payload with a `to-string` member', () => {
  it('comes back as a TypeError from ComponentError, not as the err', async () => {
    const check = await checkCase(errOfFlags, [jcoEngine], { timeoutMs: 10_000 });
    expect(check.failures).toEqual([]);
    expect(check.mismatches.map((m) => [m.call, m.outcome])).toEqual([
      [1, { kind: 'trap', message: expect.stringContaining('Cannot convert object to primitive value') }],
      [2, { kind: 'trap', message: expect.stringContaining('Cannot convert object to primitive value') }],
    ]);
  });
});
