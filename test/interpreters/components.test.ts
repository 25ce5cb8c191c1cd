import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interpretersExampleDir, loadBuiltComponent, SETUP_COMMAND } from '../../src/interpreters/components.js';
import { LANGUAGES } from '../../src/interpreters/languages.js';
import { BUILD_TIMEOUT_MS, interpreterComponent } from './support/components.js';

const { javascript } = LANGUAGES;
let copy = '';

beforeAll(async () => {
  await interpreterComponent(javascript);
  copy = await mkdtemp(join(tmpdir(), 'interpreter-components-'));
  await cp(interpretersExampleDir(), copy, { recursive: true });
}, BUILD_TIMEOUT_MS);
afterAll(() => rm(copy, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

describe('built interpreter components', () => {
  it('load when the setup script built them from today\'s sources (it hashes them as this module does)', async () => {
    const component = await loadBuiltComponent(javascript.componentFile, javascript.sources, copy);

    expect(component.tool).toMatch(/^componentize-qjs \d+\.\d+\.\d+$/);
    expect(component.bytes.length).toBeGreaterThan(100_000);
  });

  it('are refused, with the command that rebuilds them, once a source changed', async () => {
    await writeFile(join(copy, 'javascript', 'app.js'), '// changed\n', { flag: 'a' });

    expect(await failure(loadBuiltComponent(javascript.componentFile, javascript.sources, copy))).toContain(`is older than its sources: run \`${SETUP_COMMAND}\``);
  });

  it('are refused, with the command that builds them, when missing', async () => {
    await rm(join(copy, 'build'), { recursive: true });

    expect(await failure(loadBuiltComponent(javascript.componentFile, javascript.sources, copy))).toContain(`is not built: run \`${SETUP_COMMAND}\``);
  });
});
