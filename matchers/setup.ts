/**
 * `proxy-component/matchers/setup`: add to `setupFiles` to register
 * the proxy-component matchers on Vitest's `expect`: `toReplayTrace`,
 * `toReplayTraces`, `toAgreeAcrossEngines`, `toNeverTrap` and
 * `toSatisfyProperties`.
 */
import { expect } from 'vitest';
import { proxyMatchers } from './index.js';

expect.extend(proxyMatchers);
