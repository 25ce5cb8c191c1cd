/**
 * `proxy-component/jest/matchers/setup`: add to `setupFilesAfterEnv` to
 * register `toReplayTrace`, `toReplayTraces` and `toAgreeAcrossEngines` on Jest's `expect`.
 */
import globals = require('@jest/globals');
import matchers = require('./matchers.cjs');

globals.expect.extend(matchers.jestMatchers);
