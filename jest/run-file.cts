/**
 * The file create-jest-runner loads in Jest's workers (with `require`): it
 * hands each test file to jest/run.js, which is ESM (`import()` from CommonJS
 * works in any Node >= 20, unlike `require` of ESM).
 */
import type { TestResult } from '@jest/test-result';
import type { TraceRunOptions } from './run.js';

async function runTraceFile(options: TraceRunOptions): Promise<TestResult> {
  const run = (await import('./run.js')) as { default: (options: TraceRunOptions) => Promise<TestResult> };
  return run.default(options);
}

export = runTraceFile;
