/**
 * Mutants of real traces, as fast-check arbitraries: a trace of the corpus
 * (in our format, or in the original tool's JSONL when it can hold the
 * calls), perhaps with a recorded value changed to another value of its type
 * (an export's result, an import's argument or answer, an export's argument),
 * then one to three edits of its bytes: bit flips, byte changes, bytes that
 * are not UTF-8 or NUL inserted, lines deleted, duplicated or swapped,
 * truncation, CRLF line ends, a byte order mark, a huge string or number, a
 * deeply nested value, a function renamed, an argument added or dropped, and
 * header edits (versions, fields that are not an object, no header).
 */
import fc from 'fast-check';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import type { CallOutcome, ExportCall, ImportCall, Trace } from '../../src/trace/model.js';
import { writeSeedTrace } from '../../src/trace/seed-format.js';
import { formatTrace } from '../../src/trace/write.js';
import { valuesEqual } from '../../src/values/equal.js';
import type { Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';
import type { Corpus, CorpusTrace } from './corpus.js';

export type ByteEdit =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'set'; readonly at: number; readonly byte: number }
  | { readonly op: 'insert'; readonly at: number; readonly what: 'invalid-utf8' | 'lone-surrogate' | 'nul' | 'random'; readonly byte: number }
  | { readonly op: 'delete-line' | 'duplicate-line'; readonly line: number }
  | { readonly op: 'swap-lines'; readonly a: number; readonly b: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'crlf' | 'bom' }
  | { readonly op: 'huge'; readonly line: number; readonly size: number; readonly what: 'string' | 'number' | 'token' }
  | { readonly op: 'deep'; readonly line: number; readonly at: number; readonly depth: number }
  | { readonly op: 'rename'; readonly line: number; readonly how: 'suffix' | 'drop-char' | 'unknown' }
  | { readonly op: 'arity'; readonly line: number; readonly more: boolean }
  | { readonly op: 'header'; readonly variant: number };

/** A recorded value replaced by another of its type. */
export interface ValueChange {
  readonly call: number;
  /** Which value: the export's result, one of its arguments, or an import's argument or answer. */
  readonly slot: { readonly kind: 'result' } | { readonly kind: 'argument'; readonly index: number } | { readonly kind: 'import-argument'; readonly import: number; readonly index: number } | { readonly kind: 'import-answer'; readonly import: number };
  readonly value: Value;
}

export interface TraceMutant {
  readonly source: number;
  readonly format: 'trace' | 'seed';
  readonly change?: ValueChange;
  readonly edits: readonly ByteEdit[];
}

/** How a mutant was made, for reports. */
export function describeTraceMutant(corpus: Corpus, mutant: TraceMutant): string {
  const source = corpus.traces[mutant.source] as CorpusTrace;
  const change = mutant.change === undefined ? [] : [`change ${mutant.change.slot.kind} of call #${mutant.change.call + 1}`];
  const edits = mutant.edits.map((edit) => Object.entries(edit).map(([key, value]) => (key === 'op' ? value : `${key}=${String(value)}`)).join(' '));
  return `${source.name} (${mutant.format}): ${[...change, ...edits].join('; ') || 'unchanged'}`;
}

const HEADER_VARIANTS = [
  '# proxy-component trace v1 null',
  '# proxy-component trace v1 "a string"',
  '# proxy-component trace v1 [1, 2]',
  '# proxy-component trace v1 42',
  '# proxy-component trace v1 {"world":',
  '# proxy-component trace v0x1 {}',
  '# proxy-component trace v1e0 {}',
  '# proxy-component trace v0 {}',
  '# proxy-component trace v2 {}',
  '# proxy-component trace v {}',
  '# proxy-component trace v1 {"passthrough":"x"}',
  '# proxy-component trace v1 {"passthrough":["wasi:cli/exit"]}',
  '# proxy-component trace v1 {"componentPath":"/dev/zero"}',
  '# proxy-component trace v1 {}',
  '# proxy-component trace v99999999999999999999 {}',
  '',
  'hello from the program',
];

const position = fc.nat({ max: 1_000_000 });

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, what: fc.constantFrom('invalid-utf8' as const, 'lone-surrogate' as const, 'nul' as const, 'random' as const), byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), line: position }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swap-lines' as const), a: position, b: position }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('crlf' as const, 'bom' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('huge' as const), line: position, size: fc.constantFrom(100_000, 1_000_000), what: fc.constantFrom('string' as const, 'number' as const, 'token' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deep' as const), line: position, at: position, depth: fc.constantFrom(100, 10_000, 200_000) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rename' as const), line: position, how: fc.constantFrom('suffix' as const, 'drop-char' as const, 'unknown' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('arity' as const), line: position, more: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('header' as const), variant: fc.nat({ max: HEADER_VARIANTS.length - 1 }) }) },
);

export function traceMutantArbitrary(corpus: Corpus): fc.Arbitrary<TraceMutant> {
  return fc.nat({ max: corpus.traces.length - 1 }).chain((source) => {
    const trace = corpus.traces[source] as CorpusTrace;
    const formats = trace.seedText === undefined ? fc.constant('trace' as const) : fc.constantFrom('trace' as const, 'seed' as const);
    const slots = valueSlots(trace.trace);
    const change = slots.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...slots).chain(changedValue), { freq: 3 });
    return fc.record({
      source: fc.constant(source),
      format: formats,
      change,
      // A value change alone half the time: the cleanest check that replay compares what it should.
      edits: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(byteEdit, { minLength: 1, maxLength: 3 }) }),
    })
      .filter((mutant) => mutant.change !== null || mutant.edits.length > 0)
      .map(({ change: changed, ...rest }): TraceMutant => (changed === null ? rest : { ...rest, change: changed }));
  });
}

/** The mutant's bytes. */
export function traceMutantBytes(corpus: Corpus, mutant: TraceMutant): Buffer {
  const source = corpus.traces[mutant.source] as CorpusTrace;
  const trace = mutant.change === undefined ? source.trace : applyChange(source.trace, mutant.change);
  const text = mutant.format === 'seed' ? writeSeedTrace(trace) : formatTrace(trace);
  let bytes: Buffer = Buffer.from(text, 'utf8');
  for (const edit of mutant.edits) bytes = applyEdit(bytes, edit);
  return bytes;
}

type Slot = { readonly call: number; readonly slot: ValueChange['slot']; readonly type: WitType; readonly current: Value };

function valueSlots(trace: Trace): Slot[] {
  const slots: Slot[] = [];
  trace.calls.forEach((call, index) => {
    const result = call.function.function.result;
    if (call.outcome.kind === 'return' && call.outcome.value !== undefined && result !== undefined) slots.push({ call: index, slot: { kind: 'result' }, type: result, current: call.outcome.value });
    call.function.function.params.forEach((param, i) => slots.push({ call: index, slot: { kind: 'argument', index: i }, type: param.type, current: call.args[i] as Value }));
    call.imports.forEach((imported, j) => {
      imported.function.function.params.forEach((param, i) => slots.push({ call: index, slot: { kind: 'import-argument', import: j, index: i }, type: param.type, current: imported.args[i] as Value }));
      const answerType = imported.function.function.result;
      if (imported.outcome.kind === 'return' && imported.outcome.value !== undefined && answerType !== undefined) slots.push({ call: index, slot: { kind: 'import-answer', import: j }, type: answerType, current: imported.outcome.value });
    });
  });
  return slots;
}

function changedValue(slot: Slot): fc.Arbitrary<ValueChange> {
  return valueArbitrary(slot.type, { maxListLength: 4, maxStringLength: 16 })
    .filter((value) => !valuesEqual(slot.type, value, slot.current))
    .map((value) => ({ call: slot.call, slot: slot.slot, value }));
}

function applyChange(trace: Trace, change: ValueChange): Trace {
  const calls = trace.calls.map((call, index): ExportCall => {
    if (index !== change.call) return call;
    const { slot } = change;
    switch (slot.kind) {
      case 'result':
        return { ...call, outcome: { kind: 'return', value: change.value } };
      case 'argument':
        return { ...call, args: call.args.map((arg, i) => (i === slot.index ? change.value : arg)) };
      case 'import-argument':
      case 'import-answer':
        return {
          ...call,
          imports: call.imports.map((imported, j): ImportCall => {
            if (j !== slot.import) return imported;
            if (slot.kind === 'import-answer') return { ...imported, outcome: { kind: 'return', value: change.value } as CallOutcome };
            return { ...imported, args: imported.args.map((arg, i) => (i === slot.index ? change.value : arg)) };
          }),
        };
    }
  });
  return { ...trace, calls };
}


function lines(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, start)) {
    parts.push(bytes.subarray(start, at));
    start = at + 1;
  }
  parts.push(bytes.subarray(start));
  return parts;
}

const join = (parts: readonly Buffer[]): Buffer => Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from('\n'), part])));

/** A line to edit: any but the last, which is empty when the text ends with a newline. */
function pickLine(parts: readonly Buffer[], n: number): number {
  const usable = parts.length > 1 && (parts[parts.length - 1] as Buffer).length === 0 ? parts.length - 1 : parts.length;
  return n % Math.max(1, usable);
}

function editLine(bytes: Buffer, n: number, edit: (line: string) => string): Buffer {
  const parts = lines(bytes);
  const at = pickLine(parts, n);
  parts[at] = Buffer.from(edit((parts[at] as Buffer).toString('utf8')), 'utf8');
  return join(parts);
}

function applyEdit(bytes: Buffer, edit: ByteEdit): Buffer {
  const length = bytes.length;
  switch (edit.op) {
    case 'flip': {
      if (length === 0) return bytes;
      const copy = Buffer.from(bytes);
      copy[edit.at % length] = (copy[edit.at % length] as number) ^ (1 << edit.bit);
      return copy;
    }
    case 'set': {
      if (length === 0) return bytes;
      const copy = Buffer.from(bytes);
      copy[edit.at % length] = edit.byte;
      return copy;
    }
    case 'insert': {
      const at = edit.at % (length + 1);
      const inserted = { 'invalid-utf8': [0xc3], 'lone-surrogate': [0xed, 0xa0, 0x80], nul: [0], random: [edit.byte] }[edit.what];
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(inserted), bytes.subarray(at)]);
    }
    case 'delete-line':
    case 'duplicate-line': {
      const parts = lines(bytes);
      const at = pickLine(parts, edit.line);
      if (edit.op === 'delete-line') parts.splice(at, 1);
      else parts.splice(at, 0, parts[at] as Buffer);
      return join(parts);
    }
    case 'swap-lines': {
      const parts = lines(bytes);
      const a = pickLine(parts, edit.a);
      const b = pickLine(parts, edit.b);
      [parts[a], parts[b]] = [parts[b] as Buffer, parts[a] as Buffer];
      return join(parts);
    }
    case 'truncate':
      return bytes.subarray(0, edit.at % (length + 1));
    case 'crlf':
      return Buffer.from(bytes.toString('latin1').replaceAll('\n', '\r\n'), 'latin1');
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 'huge':
      return editLine(bytes, edit.line, (line) => {
        if (edit.what === 'string' && /"(?:[^"\\]|\\.)*"/.test(line)) return line.replace(/"(?:[^"\\]|\\.)*"/, `"${'x'.repeat(edit.size)}"`);
        if (edit.what === 'number' && /\d+/.test(line)) return line.replace(/\d+/, '9'.repeat(edit.size));
        return `${line}${'z'.repeat(edit.size)}`;
      });
    case 'deep':
      return editLine(bytes, edit.line, (line) => {
        const at = edit.at % (line.length + 1);
        return `${line.slice(0, at)}${'['.repeat(edit.depth)}${line.slice(at)}`;
      });
    case 'rename':
      return editLine(bytes, edit.line, (line) =>
        line.replace(/((?:export|import) |"method":")([^("\s]+)/, (_all, lead: string, name: string) => {
          if (edit.how === 'suffix') return `${lead}${name}x`;
          if (edit.how === 'drop-char') return `${lead}${name.slice(0, -1)}`;
          return `${lead}no-such-function`;
        }),
      );
    case 'arity':
      return editLine(bytes, edit.line, (line) => {
        if (line.includes('"args":[')) {
          return edit.more ? line.replace('"args":[', '"args":["0",') : line.replace(/"args":\["(?:[^"\\]|\\.)*",?/, '"args":[');
        }
        const open = line.indexOf('(');
        const close = line.indexOf(')', open);
        if (open < 0 || close < 0) return line;
        const inside = line.slice(open + 1, close);
        const changed = edit.more ? (inside.trim() === '' ? '0' : `${inside}, 0`) : inside.includes(',') ? inside.slice(0, inside.lastIndexOf(',')) : '';
        return `${line.slice(0, open + 1)}${changed}${line.slice(close)}`;
      });
    case 'header': {
      const parts = lines(bytes);
      const variant = HEADER_VARIANTS[edit.variant % HEADER_VARIANTS.length] as string;
      if ((parts[0] as Buffer).toString('utf8').startsWith('# proxy-component trace')) parts[0] = Buffer.from(variant, 'utf8');
      else parts.unshift(Buffer.from(variant, 'utf8'));
      return join(parts);
    }
  }
}
