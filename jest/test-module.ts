/**
 * How a `.trace` file's test module reads under Jest (the dialect of
 * src/trace-tests/generate.ts): CommonJS, Jest's default, taking `test` from `@jest/globals` (which works with and without
 * `injectGlobals`) and our sandbox runtime (sandbox/trace-tests.cjs) through
 * `jest.requireActual`, out of reach of automock and `jest.mock`. Jest's
 * sandbox cannot `import()` our ESM without --experimental-vm-modules: the
 * runtime talks to the bridge thread instead (sandbox/bridge.cts).
 */
import type { TestModuleDialect } from '../src/trace-tests/generate.js';

/** Jest reads a timeout of 0 as "the default" (5 s): no limit is the longest timer Node has. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function jestDialect(sandbox: string): TestModuleDialect {
  const json = JSON.stringify;
  return {
    prelude: (runtime) => [
      "'use strict';",
      // (`jest` itself is a parameter of Jest's module wrapper: not redeclared.)
      'const { test } = require("@jest/globals");',
      `const { ${runtime.join(', ')} } = require("@jest/globals").jest.requireActual(${json(sandbox)});`,
    ],
    // No parameter: jest-circus would take one as a `done` callback.
    testBody: (index) => `() => trace.check(${index})`,
    timeout: (ms) => (ms <= 0 ? MAX_TIMER_MS : ms),
  };
}
