import { beforeAll, describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { readTrace } from '../../src/trace/read.js';
import { writeSeedTrace } from '../../src/trace/seed-format.js';
import { formatTrace } from '../../src/trace/write.js';
import { appComponent } from '../support/app-component.js';

let world: World;
beforeAll(async () => {
  world = decodeComponentWorld(await appComponent());
});

// As the original proxy-component tool writes it: versionless method names, WAVE strings, program output mixed in.
const SEED = [
  '{"ExportArgs":{"method":"run","args":["20"]}}',
  '{"ImportArgs":{"method":"test:app/math.double","args":["20"]}}',
  '{"ImportRet":{"method":"test:app/math.double","ret":"40"}}',
  '{"ExportRet":{"method":"run","ret":"41"}}',
  'some line the component printed',
  '{"ExportArgs":{"method":"greet","args":["\\"ada\\""]}}',
  '{"ImportArgs":{"method":"test:app/math.lookup","args":["\\"ada\\""]}}',
  '{"ImportRet":{"method":"test:app/math.lookup","ret":"some(\\"Hi\\")"}}',
  '{"ExportRet":{"method":"greet","ret":"some(\\"Hi\\")"}}',
  '{"ExportArgs":{"method":"crash","args":[]}}',
  '{"ExportRet":{"method":"crash","ret":null}}',
  '',
].join('\n');

describe('the original tool\'s JSONL format', () => {
  it('is detected and read into the same calls our format holds, written with canonical names', () => {
    const trace = readTrace(SEED, world, { file: 'seed.jsonl' });
    expect(formatTrace(trace).split('\n').slice(1).join('\n')).toBe(
      [
        'export run(20)',
        '  import test:app/math.double@0.1.0(20) -> 40',
        'return 41',
        'export greet("ada")',
        '  import test:app/math.lookup@0.1.0("ada") -> some("Hi")',
        'return some("Hi")',
        'export crash()',
        'return',
        '',
      ].join('\n'),
    );
    expect(trace.calls.map((call) => call.line)).toEqual([1, 6, 10]);
  });

  it('skips program output before the first event too, as the original does', () => {
    const text = `program output\n${SEED}`;
    const trace = readTrace(text, world, { file: 'seed.jsonl' });
    expect(trace.calls.map((call) => call.line)).toEqual([2, 7, 11]);
  });

  it('skips JSON the program printed, as other program output', () => {
    const text = SEED.replace('some line the component printed', '{"level":"info","msg":"printed by the program"}');
    expect(readTrace(text, world).calls).toHaveLength(3);
  });

  it('is written back identically (minus program output)', () => {
    const trace = readTrace(SEED, world);
    expect(writeSeedTrace(trace)).toBe(SEED.replace('some line the component printed\n', ''));
  });

  it.each([
    ['a broken JSON line', SEED.replace('{"ExportRet":{"method":"run","ret":"41"}}', '{"ExportRet":{"method":"run",'), /seed\.jsonl:4:1: not a JSON object/],
    ['an unknown method', SEED.replace('"method":"run","args"', '"method":"walk","args"'), /seed\.jsonl:1:1: the component does not export `walk`/],
    ['a missing ImportRet', SEED.replace('{"ImportRet":{"method":"test:app/math.double","ret":"40"}}\n', ''), /seed\.jsonl:3:1: ExportRet before the ImportRet of `test:app\/math.double`/],
    ['an ill-typed value', SEED.replace('"ret":"41"', '"ret":"\\"x\\""'), /seed\.jsonl:4:37: expected u32, found string/],
  ])('refuses %s with its line', (_what, text, message) => {
    expect(() => readTrace(text, world, { file: 'seed.jsonl' })).toThrow(message);
  });
});
