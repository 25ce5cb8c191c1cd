/**
 * A trace replayed against another build of its component, whose toolchain
 * imports another patch release of an interface: names resolve to the one
 * function of a compatible version, never to an incompatible or ambiguous one.
 */
import { describe, expect, it } from 'vitest';
import { traceFunctionResolver } from '../../src/trace/resolve-names.js';
import { callNameOf } from '../../src/wit/lookup.js';
import { parseWit, selectWorld } from '../../src/wit/load.js';

const world = (cliVersion: string, extra = '') =>
  selectWorld(
    parseWit(`
package test:app;
world app {
  import wasi:cli/environment@${cliVersion};
  ${extra}
  export run: func() -> u32;
}
package wasi:cli@${cliVersion} {
  interface environment { get-arguments: func() -> list<string>; }
}
`),
    'app',
  );

describe('traceFunctionResolver', () => {
  it('resolves a name of another patch release to the function the build imports', () => {
    const resolve = traceFunctionResolver(world('0.2.4'), 'import');
    const found = resolve('wasi:cli/environment.get-arguments@0.2.9');
    expect(found === undefined ? undefined : callNameOf(found)).toBe('wasi:cli/environment.get-arguments@0.2.4');
  });

  it('does not resolve an incompatible version', () => {
    expect(traceFunctionResolver(world('0.3.0'), 'import')('wasi:cli/environment.get-arguments@0.2.9')).toBeUndefined();
  });

  it('prefers the exact version when the world has it', () => {
    const found = traceFunctionResolver(world('0.2.9'), 'import')('wasi:cli/environment.get-arguments@0.2.9');
    expect(found === undefined ? undefined : callNameOf(found)).toBe('wasi:cli/environment.get-arguments@0.2.9');
  });
});
