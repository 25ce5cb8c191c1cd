import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const SHOP = fileURLToPath(new URL('../fixtures/cli/shop.wit', import.meta.url));

const run = runCli;

describe('proxy-component wave', () => {
  it('prints each valid call in canonical form with parameter names', async () => {
    const { exitCode, out } = await run(
      'wave', '--wit', SHOP, '--interface', 'cart',
      'add({ quantity: 2, sku: "a-1", })', 'acme:shop/cart.total@1.2.0(gold, {gift-wrap})', 'clear()',
    );
    expect(out).toBe(
      'add(it: {sku: "a-1", quantity: 2})\nacme:shop/cart.total@1.2.0(tier: gold, perks: {gift-wrap})\nclear()\n',
    );
    expect(exitCode).toBe(0);
  });

  it('resolves world functions when no interface is given, filling omitted trailing options', async () => {
    const { exitCode, out } = await run('wave', '--wit', SHOP, 'checkout([{sku: "x", quantity: 1, note: some("hi")}])');
    expect(out).toBe('checkout(items: [{sku: "x", quantity: 1, note: some("hi")}], coupon: none)\n');
    expect(exitCode).toBe(0);
  });

  it('prints an error line with line:col for each invalid call, keeps going, and exits 1', async () => {
    const { exitCode, out } = await run(
      'wave', '--wit', SHOP, '--interface', 'cart',
      'add({sku: "a", quantity: -1})', 'nope()', 'total(gold)', 'clear(1)', 'total(gold,\n  {teleport})', 'clear()',
    );
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^error: .*-1.* at 1:26$/),
      'error: unknown function `nope` at 1:1',
      expect.stringMatching(/^error: too few arguments: .* at 1:\d+$/),
      expect.stringMatching(/^error: too many arguments: .* at 1:7$/),
      expect.stringMatching(/^error: .*teleport.* at 2:4$/),
      'clear()',
      '',
    ]);
    expect(exitCode).toBe(1);
  });

  it('exits 2 with one line for unreadable WIT, a missing --wit and an unknown interface', async () => {
    const missing = await run('wave', '--wit', '/no/such/file.wit', 'f()');
    expect(missing).toMatchObject({ exitCode: 2, out: '' });
    expect(missing.err).toBe('error: cannot read /no/such/file.wit: no such file or directory\n');

    const noWit = await run('wave', 'f()');
    expect(noWit.exitCode).toBe(2);
    expect(noWit.err).toBe('error: missing required option --wit <path>\n');

    const noInterface = await run('wave', '--wit', SHOP, '--interface', 'till', 'f()');
    expect(noInterface.exitCode).toBe(2);
    expect(noInterface.err).toBe('error: no interface named till (interfaces: acme:shop/cart@1.2.0)\n');
  });

  it('exits 2 for malformed WIT with file:line:col', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'pc-wave-'));
    const bad = join(dir, 'bad.wit');
    await writeFile(bad, 'package a:b;\ninterface i {\n  f: func(x: u32) -> ;\n}\n');
    const { exitCode, err } = await run('wave', '--wit', bad, '--interface', 'i', 'f(1)');
    expect(exitCode).toBe(2);
    expect(err).toMatch(new RegExp(`^error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: .+\n$`));
  });
});
