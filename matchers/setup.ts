/**
 * `proxy-component/matchers/setup`: add to `setupFiles` to register
 * `toReplayTrace` and `toReplayTraces` on Vitest's `expect`.
 */
import { expect } from 'vitest';
import { proxyMatchers } from './index.js';

expect.extend(proxyMatchers);
