import { describe, expect, it } from 'vitest';
import { isProxyComponentError } from '../../src/errors.js';
import { engineByName, engineNames, knownEngines, parseEngineList } from '../../src/engines/registry.js';
import { SHELLS } from '../../src/engines/subprocess/shells.js';
import { WASMTIME_INSTALL } from '../../src/engines/wasmtime/wasmtime-cli.js';
import { subprocessEngine } from '../../src/engines/subprocess/subprocess-engine.js';

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isProxyComponentError(error) && error.code).toBe('USAGE');
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('the engine registry', () => {
  it('knows every engine by name, jco first', () => {
    expect(knownEngines().map((engine) => engine.name)).toEqual(['jco', 'node', 'bun', 'deno', 'gjs', 'jsc', 'wasmtime']);
    expect(engineNames().at(-1)).toBe('native:<module>');
    expect(engineByName('native:./impl.mjs').name).toBe('native:./impl.mjs');
  });

  it("gives install hints a user of the npm package can follow (no script of this repository's)", () => {
    for (const hint of [...SHELLS.map((shell) => shell.install), WASMTIME_INSTALL]) {
      expect(hint).not.toContain('scripts/');
      expect(hint).toMatch(/^(npm install --prefix \.tools\/npm|apt-get install -y|pip install --target \.tools\/)/);
    }
  });

  it('parses comma-separated and repeated lists', () => {
    expect(parseEngineList(['jco,node', 'gjs']).map((engine) => engine.name)).toEqual(['jco', 'node', 'gjs']);
  });

  it('refuses unknown, repeated and empty names', () => {
    expect(usageError(() => engineByName('v8'))).toContain('unknown engine `v8` (known: jco, node, bun, deno, gjs, jsc, wasmtime, native:<module>)');
    expect(usageError(() => parseEngineList(['jco,jco']))).toContain('named twice');
    expect(usageError(() => parseEngineList([' , ']))).toContain('no engine named');
    expect(usageError(() => engineByName('native:'))).toContain('unknown engine `native:`');
  });

  it('says how to install an engine it cannot find, and refuses to load on it', async () => {
    const shell = { ...(SHELLS[0] as (typeof SHELLS)[number]), name: 'ghost', search: { inTools: ['nowhere/ghost'] }, install: 'bash scripts/setup-engines.sh ghost' };
    const engine = subprocessEngine(shell);
    expect(await engine.status()).toEqual({ available: false, reason: 'not installed', install: 'bash scripts/setup-engines.sh ghost' });
    await expect(engine.load({ bytes: new Uint8Array() })).rejects.toThrow('engine ghost is not installed: bash scripts/setup-engines.sh ghost');
  });
});
