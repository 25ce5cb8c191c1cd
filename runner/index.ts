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
import { TestRunner, test } from 'vitest';
import { traceTestSettings } from '../src/trace-tests/options.js';
import { planTrace } from '../src/trace-tests/plan.js';
import { suiteTests, testTimeout, traceRunSpec, UNREADABLE_TEST_NAME } from '../src/trace-tests/suite.js';
import { traceTests, unreadableTraceError } from '../src/vitest/runtime.js';
import type { ProvidedProxySettings } from '../src/vitest/vitest-types.js';

export default class ProxyTraceRunner extends TestRunner {
  override importFile(filepath: string, source: 'collect' | 'setup'): unknown {
    const file = filepath.split('?', 1)[0] as string;
    if (source !== 'collect' || !file.endsWith('.trace')) return super.importFile(filepath, source);
    const provided = (this.injectValue('proxyComponent') ?? {}) as ProvidedProxySettings;
    if (provided.plugin === true) return super.importFile(filepath, source);
    return collectTrace(file, this.config.root, provided);
  }
}

/** Registers the tests of one trace in the file being collected (the same tests as the plugin's generated module). */
export async function collectTrace(file: string, root: string, provided: ProvidedProxySettings): Promise<void> {
  const { plugin: _plugin, ...options } = provided;
  const settings = traceTestSettings(options, { root, where: 'test.provide.proxyComponent.' });
  const plan = await planTrace(file, { root, ...(settings.component === undefined ? {} : { component: settings.component }) });
  if (plan.kind === 'unreadable') {
    const error = plan.error;
    test(UNREADABLE_TEST_NAME, () => {
      throw unreadableTraceError(plan.file, error);
    });
    return;
  }
  const spec = traceRunSpec(plan, settings);
  const trace = traceTests(spec);
  const timeout = testTimeout(spec);
  suiteTests(spec).forEach((entry, index) => test(entry.name, (context) => trace.check(context, index), timeout));
}
