/**
 * Traces edited by hand must fail replay with the right divergence, at the
 * right line: a changed export result, a changed import result, a dropped
 * import line. Properties over random recordings of each example, then the
 * same edits on committed traces through the replay worker (as the CLI and
 * the Vitest plugin run them).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayTrace } from '../../src/host/replay.js';
import { replayTraceFile } from '../../src/session/replay-file.js';
import type { ExportCall, ImportCall } from '../../src/trace/model.js';
import { readTrace } from '../../src/trace/read.js';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { valuesEqual } from '../../src/values/equal.js';
import type { CaseValue, Value } from '../../src/values/value.js';
import { printCallPositional, printValue } from '../../src/wave/index.js';
import { primitive, type WitType } from '../../src/wit/types.js';
import type { WorldFunction } from '../../src/wit/world.js';
import { EXAMPLES, exampleDir, type Example } from '../../scripts/build-examples.js';
import { exportCallsArbitrary, loadExample, printAndRead, recordCalls, TRACE_FILE, type ExportCallSpec, type LoadedExample } from './example-harness.js';

const NUM_RUNS = 20;

function example(name: string): Example {
  const found = EXAMPLES.find((e) => e.name === name);
  if (found === undefined) throw new Error(`no example ${name}`);
  return found;
}

/** Replays `text` in-thread, as the test's component and world read it. */
async function replayText(loaded: LoadedExample, text: string) {
  return replayTrace(loaded.component, readTrace(text, loaded.component.world, { file: TRACE_FILE }));
}

/** `text` with its 1-based `line` replaced (or removed, for `undefined`). */
function editLine(text: string, line: number, replacement: string | undefined): string {
  const lines = text.split('\n');
  lines.splice(line - 1, 1, ...(replacement === undefined ? [] : [replacement]));
  return lines.join('\n');
}

function exportNamed(loaded: LoadedExample, name: string): WorldFunction {
  const found = loaded.exports.find((fn) => fn.function.name === name);
  if (found === undefined) throw new Error(`${loaded.example.name} has no export ${name}`);
  return found;
}

/** The value a recorded call returned (the tests pick calls that return one). */
function returned(call: ExportCall | ImportCall): Value {
  if (call.outcome.kind !== 'return' || call.outcome.value === undefined) throw new Error(`${call.name} returned no value`);
  return call.outcome.value;
}

/** Random calls, plus a pick among them and among whatever they contain. */
function callsWithPick(loaded: LoadedExample) {
  return fc.tuple(exportCallsArbitrary(loaded, 5), fc.nat(), fc.nat());
}

describe.each(EXAMPLES)('example $name, traces altered', (ex) => {
  let loaded: LoadedExample;

  beforeAll(async () => {
    loaded = await loadExample(ex);
  });

  it('a changed export result diverges as export-result at its return line', async () => {
    // Calls, one of them picked, and a value of the picked call's result type to write in its place.
    const withReplacement = exportCallsArbitrary(loaded, 5).chain((calls) =>
      fc.nat({ max: calls.length - 1 }).chain((index) => {
        const resultType = (calls[index] as ExportCallSpec).fn.function.result as WitType;
        return valueArbitrary(resultType, { maxListLength: 3 }).map((replacement) => ({ calls, index, replacement }));
      }),
    );
    await fc.assert(
      fc.asyncProperty(withReplacement, async ({ calls, index, replacement }) => {
        const { text, reread } = printAndRead(loaded, await recordCalls(loaded, calls));
        const call = reread.calls[index] as ExportCall;
        const resultType = call.function.function.result as WitType;
        fc.pre(call.outcome.kind === 'return' && !valuesEqual(resultType, returned(call), replacement));
        const replacementText = printValue(replacement, resultType);

        const report = await replayText(loaded, editLine(text, call.outcomeLine as number, `return ${replacementText}`));

        expect(report.divergence).toMatchObject({ kind: 'export-result', line: call.outcomeLine, callIndex: index, expected: replacementText });
        expect(report.matched).toBe(index);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a dropped import line diverges at the import call that takes its place', async () => {
    await fc.assert(
      fc.asyncProperty(callsWithPick(loaded), async ([calls, callPick, importPick]) => {
        const { text, reread } = printAndRead(loaded, await recordCalls(loaded, calls));
        const withImports = reread.calls.flatMap((call, index) => (call.imports.length > 0 ? [index] : []));
        fc.pre(withImports.length > 0);
        const index = withImports[callPick % withImports.length] as number;
        const call = reread.calls[index] as ExportCall;
        const k = importPick % call.imports.length;
        const dropped = call.imports[k] as ImportCall;
        const next = call.imports[k + 1];

        const report = await replayText(loaded, editLine(text, dropped.line as number, undefined));

        // The component makes the dropped call; the trace now expects the one after it (lines below moved up by one).
        expect(report.matched).toBe(index);
        expect(report.divergence?.callIndex).toBe(index);
        if (next === undefined) {
          expect(report.divergence).toMatchObject({ kind: 'unexpected-import', line: (call.outcomeLine as number) - 1 });
        } else if (next.function.function !== dropped.function.function) {
          expect(report.divergence).toMatchObject({ kind: 'unexpected-import', line: (next.line as number) - 1 });
        } else if (next.function.function.params.some((p, i) => !valuesEqual(p.type, next.args[i] as Value, dropped.args[i] as Value))) {
          expect(report.divergence).toMatchObject({ kind: 'import-arguments', line: (next.line as number) - 1 });
        }
        // Same call twice in a row: the component gets the later answer early; it diverges somewhere in this export call.
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('changed import results', () => {
  /** `text` with the import call's line rewritten to return `valueText`. */
  const withImportResult = (text: string, call: ImportCall, valueText: string) =>
    editLine(text, call.line as number, `  import ${printCallPositional(call.name, call.function.function.params, call.args)} -> ${valueText}`);

  it('kv-js: a longer document from store.get changes what count-words returns', async () => {
    const kv = await loadExample(example('kv-js'));
    const countWords = exportNamed(kv, 'count-words');
    const keys = fc.oneof(fc.constantFrom(...kv.knownStrings), valueArbitrary(primitive.string, { maxStringLength: 12 }));
    await fc.assert(
      fc.asyncProperty(keys, async (key) => {
        const { text, reread } = printAndRead(kv, await recordCalls(kv, [{ fn: countWords, args: [key] }]));
        const call = reread.calls[0] as ExportCall;
        const get = call.imports[0] as ImportCall;
        const document = returned(get) as CaseValue;
        const longer: Value = { tag: 'some', value: `${(document.value as string | undefined) ?? ''} two more` };

        const report = await replayText(kv, withImportResult(text, get, printValue(longer, get.function.function.result as WitType)));

        const recorded = returned(call) as number;
        expect(report.divergence).toMatchObject({ kind: 'export-result', line: call.outcomeLine, callIndex: 0, expected: `${recorded}`, actual: `${recorded + 2}` });
      }),
      { numRuns: 10 },
    );
  });

  it('calculator-wat: a rate of 0 from lookup-rate makes convert trap where the trace says it returned', async () => {
    const calculator = await loadExample(example('calculator-wat'));
    const convert = exportNamed(calculator, 'convert');
    const [amount, currency] = convert.function.params.map((param) => valueArbitrary(param.type)) as [fc.Arbitrary<Value>, fc.Arbitrary<Value>];
    const distinctPair = fc.tuple(currency, currency).filter(([a, b]) => a !== b);
    await fc.assert(
      fc.asyncProperty(amount, distinctPair, async (cents, [source, target]) => {
        const { text, reread } = printAndRead(calculator, await recordCalls(calculator, [{ fn: convert, args: [cents, source, target] }]));
        const call = reread.calls[0] as ExportCall;
        const lookup = call.imports[0] as ImportCall;

        const report = await replayText(calculator, withImportResult(text, lookup, 'some(0)'));

        expect(report.divergence).toMatchObject({ kind: 'export-trap', line: call.outcomeLine, callIndex: 0 });
      }),
      { numRuns: 30 },
    );
  });
});

describe('committed traces, altered, through the replay worker', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'proxy-component-altered-'));
    for (const ex of EXAMPLES) await loadExample(ex);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  /** The committed trace with `edit` applied, replayed from a file of the same name against the example's build. */
  async function replayEdited(ex: Example, traceFile: string, edit: (lines: string[]) => void) {
    const lines = (await readFile(join(exampleDir(ex), traceFile), 'utf8')).split('\n');
    edit(lines);
    const file = join(folder, traceFile.replace('/', '-'));
    await writeFile(file, lines.join('\n'));
    return replayTraceFile(file, { component: join(exampleDir(ex), ex.main.output) });
  }

  it('a changed return value: export-result, naming the file and line', async () => {
    const result = await replayEdited(example('kv-js'), 'traces/words.trace', (lines) => {
      expect(lines[6]).toBe('return 6');
      lines[6] = 'return 7';
    });
    expect(result.divergence).toMatchObject({ kind: 'export-result', file: result.file, line: 7, callIndex: 1, expected: '7', actual: '6' });
  });

  it('a changed import result: the component follows it and its result no longer matches', async () => {
    const result = await replayEdited(example('calculator-wat'), 'traces/convert.trace', (lines) => {
      expect(lines[2]).toBe('  import example:calculator/rates.lookup-rate@0.1.0(usd, eur) -> some(926000)');
      lines[2] = '  import example:calculator/rates.lookup-rate@0.1.0(usd, eur) -> some(900000)';
    });
    expect(result.divergence).toMatchObject({ kind: 'export-result', line: 4, callIndex: 0, expected: 'some(926)', actual: 'some(900)' });
  });

  it('a dropped import line: the component calls an import the trace does not have there', async () => {
    const result = await replayEdited(example('kv-js'), 'traces/edits.trace', (lines) => {
      expect(lines[3]).toMatch(/^ {2}import example:kv\/store\.put@0\.1\.0\("notes\/today", "buy milk"/);
      lines.splice(3, 1);
    });
    // The put was the last import of the first call: the trace has no more, and points at the call's return line.
    expect(result.divergence).toMatchObject({ kind: 'unexpected-import', line: 4, callIndex: 0, actual: expect.stringMatching(/put@0\.1\.0\("notes\/today", "buy milk"/) });
  });
});
