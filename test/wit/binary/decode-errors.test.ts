import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { isProxyComponentError } from '../../../src/errors.js';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { wrapComponent } from '../../support/component-compose.js';
import { componentFromWit } from '../../support/component-from-wit.js';

const WIT = `
package held:kv@0.1.0;
interface types {
  record entry { key: string, ttl: option<u64> }
  variant outcome { hit(entry), miss, failed(string) }
  flags modes { read, write }
  resource handle { constructor(x: u32); get: func() -> result<entry, outcome>; }
}
interface store { use types.{handle, entry, modes}; get: func(k: string, h: borrow<handle>) -> tuple<entry, modes>; }
interface api { use types.{entry}; resource thing { run: func(e: entry) -> list<entry>; } }
world app { import store; export api; export run: func(x: future<u32>) -> u32; }
`;

/** `ok`, the error code of a ProxyComponentError, or what else was thrown. */
function outcome(bytes: Uint8Array): string {
  try {
    decodeComponentWorld(bytes);
    return 'ok';
  } catch (error) {
    return isProxyComponentError(error) ? error.code : `crash: ${String(error)}`;
  }
}

function decodeMessage(bytes: unknown): string {
  try {
    decodeComponentWorld(bytes as Uint8Array);
  } catch (error) {
    if (isProxyComponentError(error) && error.code === 'COMPONENT_DECODE') return error.message;
    throw error;
  }
  throw new Error('expected a decode error');
}

/** The top-level sections of a component: id and where the payload starts. */
function sections(bytes: Uint8Array): { id: number; payload: number }[] {
  const found: { id: number; payload: number }[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos++] as number;
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[pos++] as number;
      size += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
    }
    found.push({ id, payload: pos });
    pos += size;
  }
  return found;
}

const preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

describe('bytes that are not a component', () => {
  it.each([
    ['no bytes', [], 'unexpected end of component at byte 0x0 while reading the preamble'],
    ['too few bytes', [0x00, 0x61, 0x73], 'unexpected end of component at byte 0x3 while reading the preamble'],
    ['garbage', [1, 2, 3, 4, 5, 6, 7, 8], 'not a WebAssembly binary (it does not start with the bytes 00 61 73 6d) at byte 0x0'],
    ['a core module', [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], 'expected a component, found a core WebAssembly module (layer 0) at byte 0x6'],
    ['another component version', [0x00, 0x61, 0x73, 0x6d, 0x0c, 0x00, 0x01, 0x00], 'unsupported component binary version 0xc (this reader knows version 0xd) at byte 0x4'],
    ['another layer', [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x02, 0x00], 'unknown WebAssembly layer 2 (a component has layer 1) at byte 0x6'],
    ['an unknown section', [...preamble, 0x20, 0x00], 'unknown section id 32 at byte 0x8'],
    ['a section with bytes left over', [...preamble, 0x07, 0x02, 0x00, 0x00], '1 unexpected byte at the end of the section at byte 0xb while reading the type section'],
    ['a section longer than the component', [...preamble, 0x07, 0x09, 0x00], 'unexpected end of component at byte 0xb while reading the type section (which claims 9 bytes from byte 0xa)'],
    ['an unknown type', [...preamble, 0x07, 0x02, 0x01, 0x50], 'unknown type 0x50 at byte 0xb while reading the type section'],
    ['a type index out of range', [...preamble, 0x07, 0x03, 0x01, 0x70, 0x05], 'type index 5 is out of range (no types are defined) at byte 0xc while reading the type section'],
    ['an overlong integer', [...preamble, 0x07, 0x06, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 'integer representation is too long at byte 0xa while reading the type section'],
  ])('refuses %s, saying where', (_, bytes, message) => {
    expect(decodeMessage(new Uint8Array(bytes))).toBe(message);
  });

  it('refuses what is not a Uint8Array', () => {
    expect(decodeMessage('not bytes')).toBe('expected the bytes of a component (a Uint8Array)');
  });

  it('refuses types nested too deeply to decode, without overflowing the stack', () => {
    const depth = 100_000;
    const body = [0x01, ...Array.from({ length: depth }, () => [0x42, 0x01, 0x01]).flat(), 0x42, 0x00]; // instance types in instance types
    const size = body.length;
    const bytes = new Uint8Array([...preamble, 0x07, (size & 0x7f) | 0x80, ((size >> 7) & 0x7f) | 0x80, size >> 14, ...body]);

    expect(decodeMessage(bytes)).toBe('the component is nested too deeply to decode');
  });

  it('decodes an empty component to an empty world', () => {
    const world = decodeComponentWorld(new Uint8Array(preamble));

    expect(world).toEqual({ package: { namespace: 'root', name: 'component' }, name: 'root', imports: new Map(), exports: new Map() });
  });

  it('says where a truncated component ends', async () => {
    const bytes = await componentFromWit(WIT, 'app');

    expect(decodeMessage(bytes.subarray(0, 40))).toMatch(/^unexpected end of component at byte 0x28 while reading the type section \(which claims \d+ bytes from byte 0x[0-9a-f]+\)$/);
  });

  it('says which nested component a problem is in', async () => {
    const bytes = (await wrapComponent(await componentFromWit(WIT, 'app'))).slice();
    const nested = sections(bytes).find((section) => section.id === 4);
    if (nested === undefined) throw new Error('the wrapper has no nested component');
    bytes[nested.payload + 8] = 0x42; // the id of the first section after the nested preamble

    expect(decodeMessage(bytes)).toBe(`unknown section id 66 at byte 0x${(nested.payload + 8).toString(16)} while reading the component nested at byte 0x${nested.payload.toString(16)}`);
  });
});

describe('damaged components', () => {
  const components: Uint8Array[] = [];

  beforeAll(async () => {
    const plain = await componentFromWit(WIT, 'app');
    components.push(plain, await wrapComponent(plain));
  });

  it('refuses every truncation with COMPONENT_DECODE, or decodes when the cut falls between sections', () => {
    const outcomes = new Set<string>();
    for (const bytes of components) for (let length = 0; length < bytes.length; length++) outcomes.add(outcome(bytes.subarray(0, length)));

    expect([...outcomes].filter((found) => found !== 'ok' && found !== 'COMPONENT_DECODE')).toEqual([]);
    expect(outcomes).toContain('COMPONENT_DECODE');
  });

  test.prop([fc.nat(), fc.nat(), fc.nat()], { numRuns: 2000 })('decodes a component with bytes replaced, or refuses it cleanly', (which, at, byte) => {
    const original = components[which % components.length] as Uint8Array;
    const bytes = original.slice();
    bytes[at % bytes.length] = byte % 256;

    // A replaced byte can make another valid component, possibly one WIT cannot express (a `map` type).
    expect(['ok', 'COMPONENT_DECODE', 'WIT_UNSUPPORTED']).toContain(outcome(bytes));
  });

  test.prop([fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat()], { numRuns: 500 })('refuses random bytes after the preamble cleanly', (which, noise, at) => {
    const original = components[which % components.length] as Uint8Array;
    const cut = 8 + (at % (original.length - 8));
    const bytes = new Uint8Array([...original.subarray(0, cut), ...noise]);

    expect(['ok', 'COMPONENT_DECODE', 'WIT_UNSUPPORTED']).toContain(outcome(bytes));
  });
});
