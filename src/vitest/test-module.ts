/**
 * How a `.trace` file's test module reads under Vitest (the dialect of
 * src/trace-tests/generate.ts): ESM importing Vitest's `test`, and our runtime (runtime.ts) by absolute file URL; each test
 * gets Vitest's context, where a failure leaves its report for the reporter.
 */
import type { TestModuleDialect } from '../trace-tests/generate.js';

export function vitestDialect(runtime: string, vitest = 'vitest'): TestModuleDialect {
  const json = JSON.stringify;
  return {
    prelude: (names) => [`import { test } from ${json(vitest)};`, `import { ${names.join(', ')} } from ${json(runtime)};`],
    testBody: (index) => `(context) => trace.check(context, ${index})`,
    timeout: (ms) => ms,
  };
}
