/**
 * An export given resources the host made (as an HTTP server hands a handler
 * its request): recorded with only the calls the component made, replayed
 * with no host, and a trace whose handle numbers were edited is a divergence
 * that names the call and the handle, never a crash.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDivergence } from '../../src/divergence/render.js';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { startRecording } from '../../src/host/record.js';
import { replayTrace, type ReplayReport } from '../../src/host/replay.js';
import { describeHandleArgs } from '../../src/trace/handles.js';
import { readTrace } from '../../src/trace/read.js';
import { formatTrace } from '../../src/trace/write.js';
import { worldFunctions } from '../../src/wit/world.js';
import { Request, requestHandlerComponent, requestHandlerHost } from '../support/shapes/request-handler.js';

let component: JcoComponent;
let recorded: string;

beforeAll(async () => {
  component = await loadJcoComponent(await requestHandlerComponent());
  const recording = await startRecording(component, requestHandlerHost());
  const handle = worldFunctions(component.world, 'export').find((fn) => fn.function.name === 'handle');
  if (handle === undefined) throw new Error('no export handle');
  Request.answers = [];
  for (const id of [7, 8]) expect(recording.callWithHostArgs(handle, [new Request(id)])).toEqual({ kind: 'return' });
  expect(Request.answers).toEqual([
    { id: 7, value: 77 },
    { id: 8, value: 88 },
  ]);
  recorded = formatTrace(recording.trace());
});

const H = 'test:shapes/http';

describe('recording an export given host-made resources', () => {
  it('numbers the host objects as handles and records only the calls the component made', () => {
    // `answer` reads the request and the counter it is handed through their methods: the host's calls, not the component's.
    expect(recorded.split('\n').slice(1, 9)).toEqual([
      'export handle(#1)',
      `  import ${H}.[method]request.id(#1) -> 7`,
      `  import ${H}.[method]request.counter(#1) -> #2`,
      `  import ${H}.[method]counter.value(#2) -> 70`,
      `  import ${H}.[constructor]counter(77) -> #3`,
      `  import ${H}.[static]request.answer(#1, #3)`,
      'return',
      'export handle(#4)',
    ]);
  });

  it("describes the export's handle by its getters' answers", () => {
    const trace = readTrace(recorded, component.world);
    expect(trace.calls.map(describeHandleArgs)).toEqual([['#1 {id: 7}'], ['#4 {id: 8}']]);
  });

  it('replays with no host', async () => {
    expect(await replay(recorded)).toEqual({ matched: 2, total: 2 });
  });
});

/** The recorded trace with line `line` (1-based) rewritten, replayed. */
async function replayEdited(line: number, from: string, to: string): Promise<ReplayReport> {
  const lines = recorded.split('\n');
  expect(lines[line - 1]).toContain(from);
  lines[line - 1] = (lines[line - 1] as string).replace(from, to);
  return replay(lines.join('\n'));
}

function replay(text: string): Promise<ReplayReport> {
  return replayTrace(component, readTrace(text, component.world, { file: 'handler.trace' }));
}

describe('a trace whose handle numbers were edited', () => {
  it('a method on a handle the trace never made: names the call, the line and both handles', async () => {
    const report = await replayEdited(5, 'counter.value(#2)', 'counter.value(#9)');
    expect(report.matched).toBe(0);
    expect(report.divergence).toMatchObject({
      kind: 'resource-handle',
      line: 5,
      callIndex: 0,
      summary: `\`${H}.[method]counter.value\` was called on handle #2 (a counter made by \`${H}.[method]request.counter\` at line 4), the trace records #9 (which no earlier call of the trace made)`,
      expected: `${H}.[method]counter.value(#9)`,
      actual: `${H}.[method]counter.value(#2)`,
      handles: ['#1 {id: 7}'],
    });
  });

  it('a method on a handle of an earlier call that the component gave away: says where it went', async () => {
    // Line 10 is request #2's `id`: make it ask request #1, moved to the host by `answer` at line 7.
    const report = await replayEdited(10, 'request.id(#4)', 'request.id(#1)');
    expect(report.matched).toBe(1);
    expect(report.divergence?.kind).toBe('resource-handle');
    expect(report.divergence?.summary).toBe(
      `\`${H}.[method]request.id\` was called on handle #4 (a request made by export call #2 \`handle\` at line 9), ` +
        `the trace records #1 (a request made by export call #1 \`handle\` at line 2, given away to \`${H}.[static]request.answer\` at line 7)`,
    );
    expect(renderDivergence(report.divergence!, { color: false })).toContain('handler.trace:10 export call #2: resource handle mismatch');
  });

  it('an answer naming a handle made as another resource: names the import call and both resources', async () => {
    // request.counter answers #1, the request itself, where a counter is due.
    const report = await replayEdited(4, 'request.counter(#1) -> #2', 'request.counter(#1) -> #1');
    expect(report.divergence).toMatchObject({
      kind: 'resource-handle',
      line: 4,
      summary: `the trace's answer to \`${H}.[method]request.counter\` cannot be handed to the component: resource handle #1 was made as \`request\`, not \`counter\` (a request made by export call #1 \`handle\` at line 2)`,
      path: ['export handle(#1)', `import ${H}.[method]request.counter(#1)`],
    });
  });

  it('a misfit answer in a call whose recorded run trapped is handed over: jco refuses it, and the replay traps as recorded', async () => {
    const lines = recorded.split('\n');
    lines[3] = (lines[3] as string).replace('request.counter(#1) -> #2', 'request.counter(#1) -> #1');
    // What the real run would have recorded: the trap, and no call after the refused answer.
    lines.splice(4, 4, 'trap "Resource error: Not a valid \\"Counter\\" resource."');
    // A host error, not a Wasm trap: jco leaves the instance usable, and the second request replays too.
    expect(await replay(lines.join('\n'))).toEqual({ matched: 2, total: 2 });
  });

  it('an export call given a handle made as another resource: names the export call and the argument', async () => {
    const report = await replayEdited(9, 'export handle(#4)', 'export handle(#2)');
    expect(report.matched).toBe(1);
    expect(report.divergence).toMatchObject({
      kind: 'resource-handle',
      line: 9,
      callIndex: 1,
      summary: "the trace's export call `handle` cannot be made: `req`: resource handle #2 was made as `counter`, not `request` (a counter made by `test:shapes/http.[method]request.counter` at line 4 in export call #1)",
    });
  });
});
