import { beforeAll, describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { readTrace, readTraceHeader } from '../../src/trace/read.js';
import { formatTrace } from '../../src/trace/write.js';
import { appComponent } from '../support/app-component.js';

let world: World;
beforeAll(async () => {
  world = decodeComponentWorld(await appComponent());
});

const HEADER = '# proxy-component trace v1 {"componentPath":"app.wasm","tool":"0.1.0"}';

function errorOf(text: string): { code: string; message: string } {
  try {
    readTrace(text, world, { file: 't.trace' });
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error('expected the trace to be refused');
}

describe('readTrace', () => {
  it('reads calls, nested import calls, outcomes, comments and blank lines, keeping line numbers', () => {
    const text = [
      HEADER,
      '# a comment a reviewer added',
      'export run(20)',
      '  import test:app/math.double@0.1.0(20) -> 40',
      'return 41',
      '',
      'export greet("ada")',
      '  import test:app/math.lookup(  "ada" ) -> some("Hello")  ',
      'return some("Hello")',
      'export crash()',
      'trap "boom"',
    ].join('\n');

    const trace = readTrace(text, world, { file: 't.trace' });

    expect(trace.header).toEqual({ version: 1, componentPath: 'app.wasm', tool: '0.1.0' });
    expect(trace.calls.map((c) => [c.name, c.args, c.line, c.outcome, c.outcomeLine])).toEqual([
      ['run', [20], 3, { kind: 'return', value: 41 }, 5],
      ['greet', ['ada'], 7, { kind: 'return', value: { tag: 'some', value: 'Hello' } }, 9],
      ['crash', [], 10, { kind: 'trap', message: 'boom' }, 11],
    ]);
    expect(trace.calls[1]?.imports[0]).toMatchObject({ name: 'test:app/math.lookup', args: ['ada'], line: 8 });
  });

  it('prints what it reads back to the same text (canonical form)', () => {
    const text = `${HEADER}\nexport run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\nexport crash()\ntrap "a \\"quoted\\" message"\n`;
    expect(formatTrace(readTrace(text, world))).toBe(text);
  });

  it.each([
    ['an unknown keyword', 'exprt run(1)\nreturn 2\n', 'TRACE_SYNTAX', 't.trace:1:1: expected `export`, `import`, `return` or `trap`, found `exprt`'],
    ['an import outside an export', '  import test:app/math.double@0.1.0(1) -> 2\n', 'TRACE_SYNTAX', 't.trace:1:3: import call outside an export call'],
    ['an export without return', 'export run(1)\n', 'TRACE_SYNTAX', 't.trace:1:1: export call `run` has no `return` or `trap` line'],
    ['two exports without return between', 'export run(1)\nexport run(2)\nreturn 3\n', 'TRACE_SYNTAX', 't.trace:2:1: export call `run` (line 1) has no `return` or `trap` before the next export'],
    ['a missing import result', 'export run(1)\n  import test:app/math.double@0.1.0(1)\nreturn 3\n', 'TRACE_SYNTAX', 't.trace:2:39: missing ` -> <value>`: the import returns a value'],
    ['a result for a void export', 'export crash()\nreturn 1\n', 'TRACE_SYNTAX', 't.trace:2:8: `crash` returns nothing, but `return` has a value'],
    ['an ill-typed argument', 'export run(-1)\nreturn 3\n', 'WAVE_TYPE', 't.trace:1:12: integer -1 out of range for u32'],
    ['an unknown export', 'export nope()\nreturn\n', 'WAVE_UNKNOWN_FUNCTION', 't.trace:1:8: the component does not export `nope`'],
    ['an export named as an import', 'export test:app/math.double@0.1.0(1)\nreturn 2\n', 'WAVE_UNKNOWN_FUNCTION', 't.trace:1:8: the component does not export `test:app/math.double@0.1.0`'],
    ['too many arguments', 'export run(1, 2)\nreturn 3\n', 'WAVE_ARITY', 't.trace:1:15: too many arguments: run takes 1 argument (x: u32)'],
    ['a newer format version', '# proxy-component trace v9 {}\n', 'TRACE_SYNTAX', 't.trace:1:26: trace format v9 is newer than this proxy-component reads (v1): upgrade proxy-component'],
    ['a bad header', '# proxy-component trace v1 {not json\n', 'TRACE_SYNTAX', 't.trace:1:28: the trace header fields are not a JSON object'],
  ])('refuses %s with its line and column', (_what, text, code, message) => {
    expect(errorOf(text)).toEqual({ code, message });
  });

  it("skips program output after the first trace line: wasmtime's result lines and what the program printed", () => {
    const saved = [HEADER, 'export run(20)', 'the program printed this', '  import test:app/math.double@0.1.0(20) -> 40', 'return 41', '41', 'export crash()', 'trap "boom"', '()', ''].join('\n');
    const trace = readTrace(saved, world, { file: 't.trace' });
    expect(trace.calls.map((c) => [c.name, c.imports.length, c.line, c.outcomeLine])).toEqual([
      ['run', 1, 2, 5],
      ['crash', 0, 7, 8],
    ]);
    // Without a header, the first trace line is the first export.
    expect(readTrace('export run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\n41\n', world).calls).toHaveLength(1);
  });

  it('refuses program output before the first trace line: the text is not a trace', () => {
    expect(errorOf('41\nexport run(20)\nreturn 41\n')).toEqual({ code: 'TRACE_SYNTAX', message: 't.trace:1:1: expected `export`, `import`, `return` or `trap`, found `41`' });
    expect(errorOf('()\n')).toEqual({ code: 'TRACE_SYNTAX', message: 't.trace:1:1: expected `export`, `import`, `return` or `trap`, found `()`' });
    expect(errorOf('\n  hello world\n')).toEqual({ code: 'TRACE_SYNTAX', message: 't.trace:2:3: expected `export`, `import`, `return` or `trap`, found `hello`' });
  });

  it('reads a trace line after program output as strictly as any', () => {
    expect(errorOf('export run(20)\nreturn 41\noutput\nexport run(-1)\nreturn 1\n')).toEqual({ code: 'WAVE_TYPE', message: 't.trace:4:12: integer -1 out of range for u32' });
  });

  it('reads and writes the imports a recording left to the host (`passthrough`), and refuses a malformed list', () => {
    const text = '# proxy-component trace v1 {"tool":"0.1.0","passthrough":["wasi:cli/stdout@0.2.6"]}\nexport run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\n';
    const trace = readTrace(text, world);
    expect(trace.header.passthrough).toEqual(['wasi:cli/stdout@0.2.6']);
    expect(formatTrace(trace)).toBe(text);
    expect(errorOf('# proxy-component trace v1 {"passthrough":"wasi:cli/stdout"}\n')).toEqual({ code: 'TRACE_SYNTAX', message: 't.trace:1:28: the trace header field `passthrough` must be a list of import names' });
  });

  it('reads and writes where user properties are defined (`properties`), and refuses a malformed field', () => {
    const text =
      '# proxy-component trace v1 {"tool":"0.1.0","properties":{"adds-up":{"module":"../properties.mjs"},"small":{"test":"../test/app.test.ts","testName":"stays small"}}}\nexport run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\n';
    const trace = readTrace(text, world);
    expect(trace.header.properties).toEqual({ 'adds-up': { module: '../properties.mjs' }, small: { test: '../test/app.test.ts', testName: 'stays small' } });
    expect(formatTrace(trace)).toBe(text);
    const refused = (field: string) => errorOf(`# proxy-component trace v1 {"properties":${field}}\n`);
    expect(refused('["a"]')).toEqual({ code: 'TRACE_SYNTAX', message: 't.trace:1:28: the trace header field `properties` must be an object of property sources by property name (like {"adds-up": {"module": "../properties.mjs"}})' });
    expect(refused('{"Adds":{"module":"p.mjs"}}')?.message).toContain('names `Adds`, which is not a property name (kebab-case)');
    expect(refused('{"adds-up":{"module":""}}')?.message).toContain('gives `adds-up` neither a `module` path nor a `test` file');
    expect(refused('{"adds-up":{"module":"p.mjs","test":"t.ts"}}')?.message).toContain('gives `adds-up` neither a `module` path nor a `test` file');
  });

  it('reads the header alone without a world', () => {
    expect(readTraceHeader(`${HEADER}\nexport whatever()\n`)).toEqual({ version: 1, componentPath: 'app.wasm', tool: '0.1.0' });
    expect(readTraceHeader('export run(1)\n')).toBeUndefined();
  });
});
