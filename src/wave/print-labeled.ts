/**
 * Printers for records, variants, results and flags: record fields in
 * declaration order with `none` options left out (`{:}` when nothing is left),
 * `%` before keyword cases, flags in declaration order.
 */
import { ProxyComponentError } from '../errors.js';
import type { WitType } from '../wit/types.js';
import type { CaseValue, RecordValue, Value } from '../values/value.js';
import { caseLabel } from './keywords.js';
import { bad, caseTag, type ValueWriter } from './print-common.js';
import { typeText } from './type-text.js';

/** The cached printer of a type, passed in to avoid a module cycle with print.ts. */
export type WriterLookup = (type: WitType) => ValueWriter;

export function recordWriter(type: Extract<WitType, { kind: 'record' }>, writerFor: WriterLookup): ValueWriter {
  const names = type.fields.map((field) => field.name);
  // `{name: ` when the field comes first, `, name: ` after another.
  const firstPrefixes = names.map((name) => `{${name}: `);
  const nextPrefixes = names.map((name) => `, ${name}: `);
  const writers = type.fields.map((field) => writerFor(field.type));
  const optional = type.fields.map((field) => field.type.kind === 'option');
  const read = fieldReader(names);
  // A record type cannot contain itself, so one scratch array per type is never in use twice.
  const fields: (Value | undefined)[] = new Array<Value | undefined>(names.length).fill(undefined);
  return (v, w) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(type, v);
    read(v as RecordValue, fields);
    let first = true;
    for (let i = 0; i < names.length; i++) {
      const field = fields[i];
      if (optional[i] && (field === undefined || (field as CaseValue).tag === 'none')) continue;
      if (field === undefined) {
        throw new ProxyComponentError('VALUE_TYPE', `record value of ${typeText(type)} lacks field \`${names[i] as string}\``);
      }
      w.write((first ? firstPrefixes[i] : nextPrefixes[i]) as string);
      first = false;
      (writers[i] as ValueWriter)(field, w);
    }
    fields.fill(undefined);
    w.write(first ? '{:}' : '}');
  };
}

/**
 * A function copying a record's fields into an array, written out with
 * constant property names so that reading them is a plain property load.
 * Names are JSON string literals, so any field name is safe.
 */
function fieldReader(names: readonly string[]): (record: RecordValue, into: (Value | undefined)[]) => void {
  const body = names.map((name, i) => `a[${i}] = r[${JSON.stringify(name)}];`).join('\n');
  return new Function('r', 'a', body) as (record: RecordValue, into: (Value | undefined)[]) => void;
}

/** The index of `name` in `names`, by a scan (tags are short, interned strings) or a map for many names. */
export function indexer(names: readonly string[]): (name: string) => number {
  if (names.length > 8) {
    const map = new Map(names.map((name, i) => [name, i]));
    return (name) => map.get(name) ?? -1;
  }
  return (name) => {
    for (let i = 0; i < names.length; i++) if (names[i] === name) return i;
    return -1;
  };
}

export function variantWriter(type: Extract<WitType, { kind: 'variant' }>, writerFor: WriterLookup): ValueWriter {
  const indexOf = indexer(type.cases.map((c) => c.name));
  const cases = type.cases.map((c) => ({ label: caseLabel(c.name), payload: c.type === undefined ? undefined : writerFor(c.type) }));
  return (v, w) => {
    const tag = caseTag(v);
    const found = tag === undefined ? undefined : cases[indexOf(tag)];
    if (found === undefined) return bad(type, v);
    const payload = (v as CaseValue).value;
    if ((found.payload === undefined) !== (payload === undefined)) return bad(type, v);
    w.write(found.label);
    if (found.payload !== undefined) {
      w.byte(0x28);
      found.payload(payload as Value, w);
      w.byte(0x29);
    }
  };
}

export function resultWriter(type: Extract<WitType, { kind: 'result' }>, writerFor: WriterLookup): ValueWriter {
  const ok = type.ok === undefined ? undefined : writerFor(type.ok);
  const err = type.err === undefined ? undefined : writerFor(type.err);
  return (v, w) => {
    const tag = caseTag(v);
    if (tag !== 'ok' && tag !== 'err') return bad(type, v);
    const writer = tag === 'ok' ? ok : err;
    const payload = (v as CaseValue).value;
    if ((writer === undefined) !== (payload === undefined)) return bad(type, v);
    w.write(tag);
    if (writer !== undefined) {
      w.byte(0x28);
      writer(payload as Value, w);
      w.byte(0x29);
    }
  };
}

export function flagsWriter(type: Extract<WitType, { kind: 'flags' }>): ValueWriter {
  const names = type.flags;
  const indexes = new Map(names.map((name, i) => [name, i]));
  const set = new Uint8Array(names.length);
  return (v, w) => {
    if (!Array.isArray(v)) return bad(type, v);
    set.fill(0);
    for (const flag of v as readonly Value[]) {
      const index = typeof flag === 'string' ? indexes.get(flag) : undefined;
      if (index === undefined) return bad(type, v);
      set[index] = 1;
    }
    let first = true;
    for (let i = 0; i < names.length; i++) {
      if (set[i] !== 1) continue;
      w.write(first ? '{' : ', ');
      first = false;
      w.write(names[i] as string);
    }
    w.write(first ? '{}' : '}');
  };
}

