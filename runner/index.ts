/**
 * `proxy-component/runner`: a Vitest test runner (`test.runner`) that also
 * collects `.trace` files, one test per export call, for projects that set a
 * runner instead of adding the plugin:
 *
 * ```ts
 * // vitest.config.ts (Vitest 4.1)
 * export default defineConfig({
 *   test: {
 *     include: [...defaultInclude, '**\/*.trace'],
 *     runner: 'proxy-component/runner',
 *     provide: { proxyComponent: { timeoutMs: 5000 } }, // optional settings
 *   },
 * });
 * ```
 *
 * With the plugin also present, `.trace` files are already test modules (with
 * source maps) and this runner leaves them to Vitest. Vitest 5's `vitest list`
 * reads test files statically, without any runner, so there it needs the
 * plugin; Vitest has no `--runner` flag, so `test.runner` is the way to name
 * this class.
 */
import { resolve } from 'node:path';
import { TestRunner, test } from 'vitest';
import { testTimeout, UNREADABLE_TEST_NAME } from '../src/vitest/generate.js';
import { traceReplay, unreadableTraceError } from '../src/vitest/runtime.js';
import { planTrace } from '../src/vitest/trace-plan.js';
import type { ProvidedProxySettings } from '../src/vitest/vitest-types.js';

export default class ProxyTraceRunner extends TestRunner {
  override importFile(filepath: string, source: 'collect' | 'setup'): unknown {
    const file = filepath.split('?', 1)[0] as string;
    if (source !== 'collect' || !file.endsWith('.trace')) return super.importFile(filepath, source);
    const settings = (this.injectValue('proxyComponent') ?? {}) as ProvidedProxySettings;
    if (settings.plugin === true) return super.importFile(filepath, source);
    return collectTrace(file, this.config.root, settings);
  }
}

/** Registers the tests of one trace in the file being collected. */
export async function collectTrace(file: string, root: string, settings: ProvidedProxySettings): Promise<void> {
  const plan = await planTrace(file, { root, ...(settings.component === undefined ? {} : { component: settings.component }) });
  if (plan.kind === 'unreadable') {
    const error = plan.error;
    test(UNREADABLE_TEST_NAME, () => {
      throw unreadableTraceError(plan.file, error);
    });
    return;
  }
  const replay = traceReplay({
    file: plan.file,
    displayFile: plan.displayFile,
    component: plan.component,
    calls: plan.calls,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.passthrough === undefined ? {} : { passthrough: settings.passthrough }),
    ...(settings.hostModule === undefined ? {} : { hostModule: resolve(root, settings.hostModule) }),
  });
  const timeout = testTimeout(settings.timeoutMs, plan.calls.length);
  plan.calls.forEach((call, index) => {
    test(call.name, async (context) => replay.check(index, await replay.outcome(), context), timeout);
  });
}
