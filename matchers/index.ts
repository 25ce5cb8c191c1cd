/**
 * `proxy-component/matchers`: replaying traces inside ordinary Vitest tests.
 *
 * ```ts
 * await expect('build/app.wasm').toReplayTrace('traces/run.trace');
 * await expect({ component: 'build/app.wasm', timeoutMs: 2000 }).toReplayTraces('traces');
 * await expect({ component: 'build/app.wasm', trace: 'traces/run.trace' }).toAgreeAcrossEngines(['jco', 'node', 'bun']);
 * await expect('build/app.wasm').toNeverTrap({ runs: 500, corpus: 'fuzz-corpus' });
 * await expect('build/app.wasm').toSatisfyProperties({ properties: './properties.mjs', corpus: 'fuzz-corpus' });
 * ```
 *
 * The matchers are async: always `await` them. Register them with
 * `setupFiles: ['proxy-component/matchers/setup']`, and let TypeScript see them
 * with `"types": ["proxy-component/matchers"]` (or one `import type {} from
 * 'proxy-component/matchers'`). Jest has its own entry points:
 * `proxy-component/jest/matchers` and `proxy-component/jest/matchers/setup`.
 */
import type {} from 'vitest';
import type { ProxyMatchers } from './core.js';
import type { ProxyPropertyMatchers } from './property.js';
// Vitest's side of the property matchers: the shard of a sharded run reaches their campaigns.
import './property-vitest.js';

import { sharedMatchers } from './core.js';
import { toMatchRecording } from './recording-vitest.js';

/** For `expect.extend` (the setup file registers them): every matcher, with Vitest's toMatchRecording. */
export const proxyMatchers = { ...sharedMatchers, toMatchRecording };

export { toReplayTrace, toReplayTraces } from './core.js';
export { toMatchRecording } from './recording-vitest.js';
export type { RecordedComponent, RecordingBody } from './recording.js';
export type { MatcherContext, MatcherOutcome, ProxyMatchers, ReplaySettings, ReplayTarget } from './core.js';
export { toAgreeAcrossEngines } from './engines.js';
export type { AgreementOutcome, AgreementSubject, EngineNames } from './engines.js';
export { shardSeed, toNeverTrap, toSatisfyProperties } from './property.js';
export type { FuzzCounterexample, PropertyCampaign, ProxyPropertyMatchers, ShardInfo } from './property.js';

// No type parameters: Vitest 4.1 declares Matchers<T> and Vitest 5 Matchers<R, T>; a bare merge fits both.
declare module 'vitest' {
  interface Matchers extends ProxyMatchers {}
}
declare module 'vitest' {
  interface Matchers extends ProxyPropertyMatchers {}
}
