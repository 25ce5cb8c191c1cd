/**
 * The component the Vitest tests replay (test/support/app-component.ts:
 * `run(x) = double(x) + 1` calling the imported `double`, `greet(name)` calling
 * `lookup`, `spin()` never returning), and traces recorded from it.
 */
import { join } from 'node:path';
import { recordComponent } from '../../../src/session/record-component.js';
import { appComponent, appHost } from '../../support/app-component.js';
import type { TraceProject } from './trace-project.js';

/** Writes the component at `path` (relative to the project). */
export async function writeApp(project: TraceProject, path = 'app.wasm'): Promise<void> {
  await project.write(path, await appComponent());
}

/** Records `invocations` of the component at `component` into `output` (both relative to the project); returns the trace text. */
export async function recordTrace(
  project: TraceProject,
  component: string,
  output: string,
  invocations: readonly string[],
  format: 'trace' | 'seed' = 'trace',
): Promise<string> {
  await recordComponent(join(project.dir, component), { host: appHost(), invocations, output: join(project.dir, output), format });
  return project.read(output);
}

/** The config a user writes: the plugin and nothing else. */
export const PLUGIN_CONFIG = `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({ plugins: [proxy()] });
`;

/** Replaces line `line` (1-based) of `text`. */
export function replaceLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}
