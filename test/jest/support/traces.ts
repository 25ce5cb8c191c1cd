/**
 * The component the Jest tests replay (test/support/app-component.ts:
 * `run(x) = double(x) + 1`, `greet(name)` calling `lookup`, `spin()` never
 * returning), and traces recorded from it into a Jest project.
 */
import { join } from 'node:path';
import { recordComponent } from '../../../src/session/record-component.js';
import { appComponent, appHost } from '../../support/app-component.js';
import type { JestProject } from './jest-project.js';

export { replaceLine } from '../../vitest/support/app-traces.js';

/** Writes the component at `path` (relative to the project). */
export async function writeApp(project: JestProject, path = 'app.wasm'): Promise<void> {
  await project.write(path, await appComponent());
}

/** Records `invocations` of the component at `component` into `output` (both relative to the project); returns the trace text. */
export async function recordTrace(
  project: JestProject,
  component: string,
  output: string,
  invocations: readonly string[],
  format: 'trace' | 'seed' = 'trace',
): Promise<string> {
  await recordComponent(join(project.dir, component), { host: appHost(), invocations, output: join(project.dir, output), format });
  return project.read(output);
}

/** Tests of a Jest run as the default reporter lists them with --verbose: `✓ name` / `✕ name`. */
export function listedTests(output: string, mark: '✓' | '✕' | '○'): string[] {
  const pattern = new RegExp(`^\\s+${mark} (.*?)(?: \\(\\d+ ms\\))?$`, 'gm');
  return [...output.matchAll(pattern)].map((match) => match[1] as string);
}
