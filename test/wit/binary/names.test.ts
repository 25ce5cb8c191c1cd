import { describe, expect, it } from 'vitest';
import { parseFunctionName, parseInterfaceName } from '../../../src/wit/binary/names.js';

describe('parseInterfaceName', () => {
  it.each([
    ['held:kv/store@0.1.0', { package: { namespace: 'held', name: 'kv', version: '0.1.0' }, name: 'store' }],
    ['wasi:http/types@0.2.0-rc-2023-11-10', { package: { namespace: 'wasi', name: 'http', version: '0.2.0-rc-2023-11-10' }, name: 'types' }],
    ['t:b/i', { package: { namespace: 't', name: 'b' }, name: 'i' }],
  ])('reads the package and interface of %s', (name, expected) => {
    expect(parseInterfaceName(name)).toEqual(expected);
  });

  it.each(['run', 'my-store', ':b/c', 'a:/c', 'a:b/', 'a:b'])('leaves the plain name %s alone', (name) => {
    expect(parseInterfaceName(name)).toBeUndefined();
  });
});

describe('parseFunctionName', () => {
  it.each([
    ['get', { kind: 'freestanding', async: false }],
    ['[constructor]handle', { kind: 'constructor', resource: 'handle', async: false }],
    ['[method]handle.get-all', { kind: 'method', resource: 'handle', async: false }],
    ['[static]handle.make', { kind: 'static', resource: 'handle', async: false }],
    ['[async]fetch', { kind: 'freestanding', async: true }],
    ['[async method]body.read', { kind: 'method', resource: 'body', async: true }],
    ['[async static]body.new', { kind: 'static', resource: 'body', async: true }],
  ])('reads %s', (name, expected) => {
    expect(parseFunctionName(name)).toEqual(expected);
  });

  it.each(['[unknown]x', '[method]nodot', '[static].x', '[method'])('refuses %s', (name) => {
    expect(parseFunctionName(name)).toBeUndefined();
  });
});
