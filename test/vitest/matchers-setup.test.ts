/**
 * The matchers' setup file registers every matcher by name without loading
 * any (setup files run before every test file): its list of names must be
 * exactly the matchers the entry point has, and each loads on its first call.
 */
import { describe, expect, it } from 'vitest';
import { proxyMatchers } from '../../matchers/index.js';
import { MATCHER_NAMES } from '../../matchers/setup.js';

describe('proxy-component/matchers/setup', () => {
  it('registers every matcher of the entry point, and only those', () => {
    expect([...MATCHER_NAMES].sort()).toEqual(Object.keys(proxyMatchers).sort());
  });

  it('loads a matcher on its first call, with the test as its context', async () => {
    await expect(expect('missing.wasm').toReplayTrace('export run(1)\nreturn 2\n')).rejects.toThrow('missing.wasm');
  });
});
