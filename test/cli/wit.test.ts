import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { parseWit, selectWorld } from '../../src/wit/load.js';
import { printWorld } from '../../src/wit/print.js';
import { runCli } from '../support/cli.js';

const SHOP = fileURLToPath(new URL('../fixtures/cli/shop.wit', import.meta.url));

const run = runCli;

describe('proxy-component wit', () => {
  it('prints the world of a .wit file with the definitions it uses', async () => {
    const { exitCode, out } = await run('wit', SHOP);
    expect(exitCode).toBe(0);
    expect(out).toContain('world shop {');
    expect(out).toContain('import cart;');
    expect(out).toContain('export checkout: func(items: list<item>, coupon: option<string>) -> result<f64, string>;');
    expect(out).toContain('record item {');
    // What it prints is WIT that reads back to the same world.
    const reread = selectWorld(parseWit(out, 'printed.wit'));
    expect(printWorld(reread).trimEnd()).toBe(out.trimEnd());
  });

  it('prints the complete world of a component, interface definitions included', async () => {
    const witSource = await (await import('node:fs/promises')).readFile(SHOP, 'utf8');
    const component = await componentNew(await componentEmbed({ dummy: true, witSource, world: 'shop' }));
    const dir = await mkdtemp(join(tmpdir(), 'pc-wit-'));
    const path = join(dir, 'shop.wasm');
    await writeFile(path, component);

    const { exitCode, out } = await run('wit', path);

    expect(exitCode).toBe(0);
    expect(out).toContain('import acme:shop/cart@1.2.0;');
    expect(out).toContain('record item {');
    expect(out).toContain('flags perks {');
    expect(out).toContain('add: func(it: item) -> result<u32, string>;');
    expect(out).toContain('export checkout: func(items: list<item>, coupon: option<string>) -> result<f64, string>;');
  });

  it('reads a .wasm file as a component even when it holds WIT text: exit 2, never a world parsed from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pc-wit-'));
    const path = join(dir, 'text.wasm');
    await writeFile(path, 'package a:b;\nworld w {}\n');
    const { exitCode, out, err } = await run('wit', path);
    expect(exitCode).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`error: ${path}: is not WebAssembly (it does not start with the \`\\0asm\` preamble)\n`);
  });

  it('exits 2 with one line for a corrupt component', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pc-wit-'));
    const path = join(dir, 'broken.wasm');
    await writeFile(path, Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07, 0x30, 0x01]));
    const { exitCode, err } = await run('wit', path);
    expect(exitCode).toBe(2);
    expect(err).toMatch(/^error: .*byte.*\n$/);
    expect(err.split('\n')).toHaveLength(2);
  });
});
