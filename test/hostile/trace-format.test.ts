/**
 * Trace text a user or a broken writer could hand over: every one is read as
 * it is or refused at its line and column, never a crash, never a wrong read.
 * The header's fields must be a JSON object and its version digits; a byte
 * order mark does not hide the header; a line that starts with NUL (a call a
 * stopped recording did not finish writing) is an error, not program output;
 * in the original tool's JSONL, a value's error is at its column in the file
 * and a return must name the call it returns from.
 */
import { mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { appComponent } from '../support/app-component.js';
import { runCli } from '../support/cli.js';

let world: World;
let dir: string;
let app: string;

const CALL = 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n';

beforeAll(async () => {
  const bytes = await appComponent();
  world = decodeComponentWorld(bytes);
  dir = await mkdtemp(join(tmpdir(), 'pc-trace-format-'));
  app = join(dir, 'app.wasm');
  await writeFile(app, bytes);
});

function readError(text: string): unknown {
  try {
    readTrace(text, world, { file: 't.trace' });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the header', () => {
  it.each(['null', '"a string"', '[1, 2]', '42', 'true'])('refuses fields that are JSON but no object (%s) at their column', (fields) => {
    expect(readError(`# proxy-component trace v1 ${fields}\n${CALL}`)).toMatchObject({ code: 'TRACE_SYNTAX', message: 't.trace:1:28: the trace header fields are not a JSON object' });
  });

  it('`null` fields fail replay with one line and exit 2, not a TypeError', async () => {
    const trace = join(dir, 'null.trace');
    await writeFile(trace, `# proxy-component trace v1 null\n${CALL}`);
    const run = await runCli('replay', app, trace);
    expect(run).toEqual({ exitCode: 2, out: '', err: `error: ${trace}:1:28: the trace header fields are not a JSON object\n` });
  });

  it.each(['0x1', '1e0', '01', '1.0', '+1', '0', '', '99999999999999999999'])('refuses the version `%s` at its column', (version) => {
    expect(readError(`# proxy-component trace v${version} {}\n${CALL}`)).toMatchObject({ code: 'TRACE_SYNTAX', location: { line: 1, column: 26 } });
  });

  it('reads the header after a byte order mark', () => {
    const trace = readTrace(`\uFEFF# proxy-component trace v1 {"tool":"x"}\n${CALL}`, world);
    expect(trace.header).toEqual({ version: 1, tool: 'x' });
    expect(trace.calls).toHaveLength(1);
  });
});

describe('a line that starts with NUL', () => {
  it('is the call a stopped recording did not finish: an error at its line, in our format and in JSONL', () => {
    const torn = `# proxy-component trace v1 {}\n${CALL}\0xport run(2)\n  import test:app/math.double@0.1.0(2) -> 4\nret`;
    expect(readError(torn)).toMatchObject({
      code: 'TRACE_SYNTAX',
      message: 't.trace:5:1: this line starts with a NUL byte: it is the call a recording was writing when it was stopped; delete it and the lines after it',
    });
    const seed = '{"ExportArgs":{"method":"run","args":["1"]}}\n{"ImportArgs":{"method":"test:app/math.double","args":["1"]}}\n{"ImportRet":{"method":"test:app/math.double","ret":"2"}}\n{"ExportRet":{"method":"run","ret":"3"}}\n\0"ExportArgs":{"method":"run","args":["2"]}}\n{"ExportRe';
    expect(readError(seed)).toMatchObject({ location: { line: 5, column: 1 } });
  });

  it('is what a recording leaves when stopped in the middle of writing a call (the first byte is written last)', async () => {
    const trace = join(dir, 'stopped.trace');
    await writeFile(trace, `# proxy-component trace v1 {}\n${CALL}`);
    // The writer's first step for the next call: everything but its first byte, past the end.
    const handle = await open(trace, 'r+');
    const size = (await handle.stat()).size;
    await handle.write(Buffer.from('xport run(2)\n  import test:app/math.dou'), 0, undefined, size + 1);
    await handle.close();
    const run = await runCli('replay', app, trace);
    expect(run.exitCode).toBe(2);
    expect(run.err).toBe(`error: ${trace}:5:1: this line starts with a NUL byte: it is the call a recording was writing when it was stopped; delete it and the lines after it\n`);
  });
});

describe("the original tool's JSONL", () => {
  const EXPORT = '{"ExportArgs":{"method":"greet","args":["\\"ada\\""]}}';
  const IMPORT = '{"ImportArgs":{"method":"test:app/math.lookup","args":["\\"ada\\""]}}';
  const IMPORT_RET = '{"ImportRet":{"method":"test:app/math.lookup","ret":"none"}}';
  const EXPORT_RET = '{"ExportRet":{"method":"greet","ret":"none"}}';

  it('puts an error inside a value at its column in the file, counting the escapes before it', () => {
    // The WAVE text is `"é" x`: its `x` is after `\"`, `\u00e9`, `\"` and a space in the file.
    const line = '{"ExportArgs":{"method":"greet","args":["\\"\\u00e9\\" x"]}}';
    const error = readError(`${line}\n${IMPORT}\n${IMPORT_RET}\n${EXPORT_RET}\n`) as { location: { line: number; column: number } };
    expect(error.location).toEqual({ file: 't.trace', line: 1, column: line.indexOf(' x') + 2 });
  });

  it('refuses an ExportRet or ImportRet that names another function than the call it returns from', () => {
    expect(readError(`${EXPORT}\n${IMPORT}\n${IMPORT_RET}\n${EXPORT_RET.replace('"greet"', '"run"')}\n`)).toMatchObject({
      message: 't.trace:4:1: ExportRet names `run`, but the export call it returns from is `greet` (line 1)',
    });
    expect(readError(`${EXPORT}\n${IMPORT}\n${IMPORT_RET.replace('math.lookup', 'math.double')}\n${EXPORT_RET}\n`)).toMatchObject({
      message: 't.trace:3:1: ImportRet names `test:app/math.double`, but the import call it returns from is `test:app/math.lookup` (line 2)',
    });
  });

  it('takes a return without a method, as the original writes them', () => {
    const trace = readTrace(`${EXPORT}\n${IMPORT}\n{"ImportRet":{"method":null,"ret":"none"}}\n{"ExportRet":{"ret":"none"}}\n`, world);
    expect(trace.calls).toHaveLength(1);
  });

  it('skips program output before the first event, as after it', () => {
    const trace = readTrace(`starting up...\n${EXPORT}\n${IMPORT}\n${IMPORT_RET}\nsome output\n${EXPORT_RET}\n`, world);
    expect(trace.calls.map((call) => [call.line, call.outcomeLine])).toEqual([[2, 6]]);
  });
});
