/**
 * The recording sandbox keeps a component off the network unless the user
 * grants it: a component that opens a TCP connection to a server this test
 * runs gets `access-denied`, and the server sees no connection; granted
 * (`--allow-network`), the same call reaches the server. The second half is
 * what makes the first one mean something: the component can reach the
 * server when allowed to.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { netDialerComponent } from '../support/shapes/net-dialer.js';

let dir: string;
let dialer: string;
let server: Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-network-'));
  dialer = join(dir, 'dialer.wasm');
  await writeFile(dialer, await netDialerComponent());
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

async function connectionsAfter(ms: number, until: () => boolean = () => false): Promise<number> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !until()) await new Promise((wait) => setTimeout(wait, 25));
  return connections;
}

describe('the network in the recording sandbox', () => {
  it('is denied by default: the connection fails with access-denied and never reaches the server', async () => {
    const before = connections;
    const trace = join(dir, 'denied.trace');
    const run = await runCli('record', dialer, '--invoke', `dial(${port})`, '-o', trace);
    expect(run.exitCode).toBe(0);
    const text = await readFile(trace, 'utf8');
    expect(text).toContain(`start-connect@0.2.0(#2, #1, ipv4({port: ${port}, address: (127, 0, 0, 1)})) -> err(access-denied)\nreturn 2\n`);
    expect((await connectionsAfter(1000)) - before).toBe(0);
  });

  it('is reached when granted with --allow-network', async () => {
    const before = connections;
    const trace = join(dir, 'allowed.trace');
    const run = await runCli('record', dialer, '--invoke', `dial(${port})`, '--allow-network', '-o', trace);
    expect(run.exitCode).toBe(0);
    expect(await readFile(trace, 'utf8')).toContain(') -> ok\nreturn 0\n');
    expect((await connectionsAfter(10_000, () => connections > before)) - before).toBe(1);
  });
});
