/**
 * `proxy-component/matchers/setup`: registers the proxy-component matchers on
 * Vitest's `expect` (the plugin adds it to `setupFiles` itself):
 * `toReplayTrace`, `toReplayTraces`, `toAgreeAcrossEngines`, `toNeverTrap`,
 * `toSatisfyProperties` and `toMatchRecording`.
 *
 * Setup files run before every test file, so this one loads nothing but
 * their names: each matcher (all are async) loads its implementation on its
 * first call.
 */
import { expect } from 'vitest';

/** The names of `proxyMatchers` (index.ts); a test holds the two lists equal. */
export const MATCHER_NAMES = ['toReplayTrace', 'toReplayTraces', 'toAgreeAcrossEngines', 'toSatisfyProperties', 'toNeverTrap', 'toMatchRecording'] as const;

type Matcher = (this: unknown, ...args: unknown[]) => Promise<unknown>;

const lazy = Object.fromEntries(
  MATCHER_NAMES.map((name) => [
    name,
    async function (this: unknown, ...args: unknown[]) {
      const { proxyMatchers } = await import('./index.js');
      return (proxyMatchers[name] as unknown as Matcher).apply(this, args);
    },
  ]),
);

expect.extend(lazy as Parameters<typeof expect.extend>[0]);
