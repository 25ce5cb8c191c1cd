/**
 * `PROXY_COMPONENT_JCO_TRANSPILE` names the jco-transpile package folder
 * the jco engines transpile with (a campaign against an older jco); unset,
 * the installed one. A folder that is not a jco-transpile package is a
 * usage error naming the variable, never a silent fallback.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TRANSPILER_VARIABLE, transpiler } from '../../../src/engines/jco/transpiler.js';
import { packageVersion } from '../../../src/util/package-version.js';

const require = createRequire(import.meta.url);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('transpiler', () => {
  it('is the installed jco-transpile when the variable is unset', () => {
    vi.stubEnv(TRANSPILER_VARIABLE, '');
    expect(transpiler().version).toBe(packageVersion('@bytecodealliance/jco-transpile'));
    expect(transpiler().entry).toBe(require.resolve('@bytecodealliance/jco-transpile'));
  });

  it('is the package in the named folder', () => {
    const installed = join(dirname(require.resolve('@bytecodealliance/jco-transpile')), '..');
    vi.stubEnv(TRANSPILER_VARIABLE, installed);
    expect(transpiler()).toEqual({ entry: join(installed, 'dist', 'index.js'), version: packageVersion('@bytecodealliance/jco-transpile') });
  });

  it('refuses a folder without a package.json, or of another package, naming the variable', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'pc-transpiler-'));
    vi.stubEnv(TRANSPILER_VARIABLE, empty);
    expect(() => transpiler()).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining(`${TRANSPILER_VARIABLE}=${empty}: no readable package.json`) }));
    const other = join(dirname(require.resolve('fast-check/package.json')));
    vi.stubEnv(TRANSPILER_VARIABLE, other);
    expect(() => transpiler()).toThrow(/holds fast-check, not @bytecodealliance\/jco-transpile/);
  });
});
