/**
 * proxy-component's Jest preset: `{ "jest": { "preset": "proxy-component" } }`
 * makes every `*.trace` file (recorded traces, traces in the original tool's
 * JSONL format, saved fuzz failures) a test file, one test per export call,
 * next to the project's usual tests.
 *
 * - `testMatch`: Jest's default globs plus `**\/*.trace` (but `__traces__/`, where toMatchRecording keeps its recordings).
 * - `moduleFileExtensions`: Jest's default plus `trace`, and `wasm` so that
 *   watch mode sees rebuilt components (the dependency extractor makes each
 *   trace depend on its component).
 * - `setupFilesAfterEnv`: the matchers (proxy-component/jest/matchers/setup).
 * - `transform`: `.trace` files through proxy-component/jest/transform, and
 *   JavaScript and TypeScript through babel-jest as Jest does by default (a
 *   preset's `transform` replaces Jest's default one). TypeScript tests need
 *   babel's TypeScript preset or ts-jest, as without this preset.
 *
 * Options for the transformer (a default component, timeoutMs, passthrough,
 * hostModule) go in the project's own `transform`, under the same key:
 * `"transform": { "\\.trace$": ["proxy-component/jest/transform", { "component": "build/app.wasm" }] }`.
 */
'use strict';
const { join } = require('node:path');

module.exports = {
  moduleFileExtensions: ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'json', 'node', 'trace', 'wasm'],
  // Recordings of toMatchRecording (`__traces__/`) replay inside the tests that made them: no test files of their own.
  testMatch: ['**/__tests__/**/*.?([mc])[jt]s?(x)', '**/?(*.)+(spec|test).?([mc])[jt]s?(x)', '**/*.trace', '!**/__traces__/**'],
  transform: {
    '\\.[jt]sx?$': 'babel-jest',
    '\\.trace$': join(__dirname, 'dist/jest/transform.js'),
  },
  dependencyExtractor: join(__dirname, 'dist/jest/dependency-extractor.js'),
  // The matchers, toMatchRecording among them (Jest adds a project's own setup files after these).
  setupFilesAfterEnv: [join(__dirname, 'dist/jest/sandbox/setup.cjs')],
};
