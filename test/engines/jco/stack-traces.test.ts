import { describe, expect, it } from 'vitest';
import { withoutStackTraces, withStackTraces } from '../../../src/engines/jco/stack-traces.js';

const frames = (error: Error) => (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at ')).length;

describe('stack traces around export calls', () => {
  it('are off inside an export call and back on for host code it calls', () => {
    const inside = withoutStackTraces(() => new Error('err result'));
    const host = withoutStackTraces(() => withStackTraces(() => new Error('host failure')));

    expect(frames(inside)).toBe(0);
    expect(frames(host)).toBeGreaterThan(0);
  });

  it("restore the caller's limit afterwards, also when the call throws", () => {
    const before = Error.stackTraceLimit;

    expect(() =>
      withoutStackTraces(() => {
        throw new Error('trap');
      }),
    ).toThrow('trap');

    expect(Error.stackTraceLimit).toBe(before);
    expect(frames(withStackTraces(() => new Error('outside any call')))).toBeGreaterThan(0);
  });

  it('keep the outer setting in nested calls', () => {
    const nested = withoutStackTraces(() => withoutStackTraces(() => withStackTraces(() => new Error('host'))));

    expect(frames(nested)).toBeGreaterThan(0);
    expect(withoutStackTraces(() => withoutStackTraces(() => Error.stackTraceLimit))).toBe(0);
  });
});
