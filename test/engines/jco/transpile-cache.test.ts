import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentHash, transpileCached } from '../../../src/engines/jco/transpile-cache.js';
import { appComponent } from '../../support/app-component.js';

describe('transpileCached', () => {
  it('transpiles a component once, then reads it from the cache by hash', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'pc-cache-'));
    const bytes = await appComponent();

    const first = await transpileCached(bytes, cache);
    const second = await transpileCached(bytes, cache);

    expect(first.transpiled).toBe(true);
    expect(second.transpiled).toBe(false);
    expect(second.directory).toBe(first.directory);
    expect(first.hash).toBe(componentHash(bytes));
    expect(second.imports).toEqual(['test:app/math']);
    expect((await readdir(first.directory)).sort()).toContain('component.js');
  });

  it('refuses bytes jco cannot transpile with a COMPONENT_DECODE error', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'pc-cache-'));
    await expect(transpileCached(Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0]), cache)).rejects.toMatchObject({ code: 'COMPONENT_DECODE' });
  });
});
