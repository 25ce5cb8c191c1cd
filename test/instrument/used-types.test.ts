/**
 * An imported interface whose types are another's, `use`d, and reach more
 * named types of that other interface (wasi:sockets/udp's
 * `ip-socket-address`, a variant of records holding wasi:sockets/network's
 * `ipv4-address`): the record component imports it as the host supplies it.
 * A self-contained copy declared those inner types in the using interface,
 * which the host's instance does not export, and every componentize-py
 * handler (which imports wasi:sockets) failed to instrument in record mode.
 */
import { describe, expect, it } from 'vitest';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { componentFromWit } from '../support/component-from-wit.js';

const WIT = `package test:used@0.1.0;

interface network {
  type octets = tuple<u8, u8, u8, u8>;
  record v4 { port: u16, address: octets }
  variant address { v4(v4), none }
}

interface sender {
  use network.{address};
  send: func(to: address, payload: list<u8>) -> u32;
}

interface app {
  run: func() -> u32;
}

world used {
  import sender;
  export app;
}
`;

describe("an import whose types are another interface's, used", () => {
  it.each(['record', 'replay', 'fuzz'] as const)('instruments in %s mode', async (mode) => {
    const app = await componentFromWit(WIT, 'used');
    const { world } = await instrumentComponent(app, { mode, noCache: true });
    expect([...world.exports.keys()]).toEqual(mode === 'record' ? ['test:used/app@0.1.0'] : ['start', 'proxy:recorder/start-replay@0.1.0']);
  }, 120_000);

  it('recording, the composed component imports the interface as the app does, its types from the interface that declares them', async () => {
    const app = await componentFromWit(WIT, 'used');
    const { world } = await instrumentComponent(app, { mode: 'record', noCache: true });
    const sender = world.imports.get('test:used/sender@0.1.0');
    const appSender = decodeComponentWorld(app).imports.get('test:used/sender@0.1.0');
    expect(sender?.kind === 'interface' && [...sender.interface.types.keys()]).toEqual(appSender?.kind === 'interface' && [...appSender.interface.types.keys()]);
    expect(world.imports.has('test:used/network@0.1.0')).toBe(true);
  }, 120_000);
});
