/**
 * The examples as the property tests use them: each built component loaded
 * once, a fresh host per recording, random export calls with arguments from
 * `valueArbitrary`, and recordings printed as trace text.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { startRecording } from '../../src/host/record.js';
import { sandboxedWasi } from '../../src/host/wasi.js';
import { readTrace } from '../../src/trace/read.js';
import type { Trace } from '../../src/trace/model.js';
import { formatTrace } from '../../src/trace/write.js';
import type { CaseValue, RecordValue, Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';
import { worldFunctions, type WorldFunction } from '../../src/wit/world.js';
import { buildExample, exampleDir, loadExampleHost, type Example } from '../../scripts/build-examples.js';

export interface LoadedExample {
  readonly example: Example;
  readonly component: JcoComponent;
  /** The exports tests call: the world's, without the toolchain's own. */
  readonly exports: readonly WorldFunction[];
  /** Strings the host knows (its store's keys), mixed into generated arguments. */
  readonly knownStrings: readonly string[];
}

export interface ExportCallSpec {
  readonly fn: WorldFunction;
  readonly args: readonly Value[];
}

/** Builds the example if its sources changed, then loads its main component. */
export async function loadExample(example: Example): Promise<LoadedExample> {
  await buildExample(example);
  const bytes = await readFile(join(exampleDir(example), example.main.output));
  const component = await loadJcoComponent(new Uint8Array(bytes));
  const exports = worldFunctions(component.world, 'export').filter((fn) => !example.toolchainExports.includes(fn.function.name));
  const host = (await import(pathToFileURL(join(exampleDir(example), 'host.mjs')).href)) as { DOCUMENTS?: Record<string, string> };
  // A key no document has at start, so that one call can create it and a later one find it.
  const knownStrings = host.DOCUMENTS === undefined ? [] : [...Object.keys(host.DOCUMENTS), 'notes/new'];
  return { example, component, exports, knownStrings };
}

// Small values keep a run quick: a QuickJS call costs about 100 µs, and each run records and replays.
const VALUE_SIZES = { maxListLength: 4, maxStringLength: 12 };

/**
 * Values of `type` from `valueArbitrary`, where each string may be swapped for
 * one of `known`: random keys alone would almost never find a stored document.
 */
function argumentArbitrary(type: WitType, known: readonly string[]): fc.Arbitrary<Value> {
  const values = valueArbitrary(type, VALUE_SIZES);
  if (known.length === 0) return values;
  const swaps = fc.array(fc.option(fc.constantFrom(...known), { freq: 2 }), { maxLength: 8 });
  return fc.tuple(values, swaps).map(([value, choices]) => {
    let index = 0;
    return mapStrings(value, type, (text) => choices[index++] ?? text);
  });
}

/** `value` with every string (not char) in it replaced by `replace(string)`, in order. */
function mapStrings(value: Value, type: WitType, replace: (text: string) => string): Value {
  const caseValue = value as CaseValue;
  const withPayload = (payloadType: WitType | undefined): Value =>
    payloadType === undefined || caseValue.value === undefined ? value : { tag: caseValue.tag, value: mapStrings(caseValue.value, payloadType, replace) };
  switch (type.kind) {
    case 'string':
      return replace(value as string);
    case 'list':
      return (value as readonly Value[]).map((element) => mapStrings(element, type.element, replace));
    case 'tuple':
      return (value as readonly Value[]).map((element, i) => mapStrings(element, type.elements[i] as WitType, replace));
    case 'record':
      return Object.fromEntries(type.fields.map((field) => [field.name, mapStrings((value as RecordValue)[field.name] as Value, field.type, replace)]));
    case 'option':
      return withPayload(type.some);
    case 'result':
      return withPayload(caseValue.tag === 'ok' ? type.ok : type.err);
    case 'variant':
      return withPayload(type.cases.find((c) => c.name === caseValue.tag)?.type);
    default:
      return value;
  }
}

/** One call of any of `exports`, with arguments of its parameter types. */
export function exportCallArbitrary(loaded: LoadedExample): fc.Arbitrary<ExportCallSpec> {
  return fc.oneof(
    ...loaded.exports.map((fn) =>
      fc.tuple(...fn.function.params.map((param) => argumentArbitrary(param.type, loaded.knownStrings))).map((args): ExportCallSpec => ({ fn, args })),
    ),
  );
}

export function exportCallsArbitrary(loaded: LoadedExample, maxLength: number): fc.Arbitrary<ExportCallSpec[]> {
  return fc.array(exportCallArbitrary(loaded), { minLength: 1, maxLength });
}

/** Records `calls` against a fresh host (the example's `createHost()` plus sandboxed WASI). */
export async function recordCalls(loaded: LoadedExample, calls: readonly ExportCallSpec[]): Promise<Trace> {
  const recording = await startRecording(loaded.component, { ...sandboxedWasi(), ...(await loadExampleHost(loaded.example)) });
  for (const call of calls) recording.call(call.fn, call.args);
  return recording.trace();
}

export const TRACE_FILE = 'property.trace';

/** The trace as text and as read back from that text (so calls carry their line numbers). */
export function printAndRead(loaded: LoadedExample, trace: Trace): { text: string; reread: Trace } {
  const text = formatTrace(trace);
  return { text, reread: readTrace(text, loaded.component.world, { file: TRACE_FILE }) };
}
