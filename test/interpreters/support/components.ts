/**
 * The interpreter components for tests: built by scripts/setup-interpreters.sh
 * (cached by a hash of their sources, so a second call costs well under a
 * second) when missing or stale, then loaded.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { loadBuiltComponent, type BuiltComponent } from '../../../src/interpreters/components.js';
import type { InterpreterLanguage } from '../../../src/interpreters/languages.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Long enough for a cold build: componentize-py from PyPI, then both components. */
export const BUILD_TIMEOUT_MS = 600_000;

let setup: Promise<void> | undefined;

export async function interpreterComponent(language: InterpreterLanguage): Promise<BuiltComponent> {
  try {
    return await loadBuiltComponent(language.componentFile, language.sources);
  } catch {
    setup ??= execa('bash', ['scripts/setup-interpreters.sh'], { cwd: ROOT, stdio: 'inherit', timeout: BUILD_TIMEOUT_MS }).then(() => undefined);
    await setup;
    return loadBuiltComponent(language.componentFile, language.sources);
  }
}
