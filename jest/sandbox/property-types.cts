/**
 * The types of the Jest property matchers (jest/sandbox/property.cts) on
 * `expect`: matchers.cts augments `expect` from `@jest/globals` and the
 * `@types/jest` globals with them, so that one `import type {} from
 * 'proxy-component/jest/matchers'` types every matcher.
 */
import type { PropertyCampaign } from '../../matchers/property-campaign.js';

/**
 * A campaign as Jest takes it: the same type as under Vitest (a project
 * holding both frameworks' types sees one signature), but user properties
 * must come as a module path: functions cannot leave Jest's sandbox, and
 * are refused when the matcher runs.
 */
export type JestPropertyCampaign = PropertyCampaign;

/** The property matchers as `expect(…)` has them under Jest: both async. */
export interface ProxyJestPropertyMatchers<R> {
  /**
   * Fuzzes the component (`expect('app.wasm')`) against the built-in
   * properties and those of the `properties` module; fails with the seed,
   * the path and the shrunk counterexample as WAVE calls; saves it to
   * `corpus` when given. Without a `seed`, Jest's (`--seed`, `--show-seed`).
   * Async: `await` it, and give the test time.
   */
  toSatisfyProperties(campaign?: JestPropertyCampaign): Promise<R>;
  /** Fuzzes the component: no call may trap, hang past `timeoutMs` or return an ill-typed value. Async: `await` it. */
  toNeverTrap(campaign?: Omit<JestPropertyCampaign, 'properties' | 'builtInProperties'>): Promise<R>;
}
