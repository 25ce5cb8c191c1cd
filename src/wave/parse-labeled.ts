/**
 * Parsers for the types whose values are written with labels: records,
 * variants, enums and flags. Labels are matched against the type's names in
 * place, without slicing the text, trying the next name in declaration order
 * first since that is how values are usually written.
 */
import type { WitType } from '../wit/types.js';
import { NONE, type CaseValue, type RecordValue, type Value } from '../values/value.js';
import { isKeyword } from './keywords.js';
import type { WaveReader } from './lexer.js';
import { endOfElement, mismatch, type ValueParser } from './parse-common.js';
import { typeText } from './type-text.js';
import { abbreviate } from '../util/abbreviate.js';

/** The cached parser of a type, passed in to avoid a module cycle with parse.ts. */
export type ParserLookup = (type: WitType) => ValueParser;

/**
 * Finds which of `names` the label src[start, end) is, trying `hint` first
 * (fields usually come in declaration order), without slicing the text.
 */
function findName(src: string, start: number, end: number, names: readonly string[], hint: number): number {
  const length = end - start;
  const hinted = names[hint];
  if (hinted !== undefined && hinted.length === length && src.startsWith(hinted, start)) return hint;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name.length === length && src.startsWith(name, start)) return i;
  }
  return -1;
}

/**
 * A function building the record object from field values in declaration
 * order, written out as an object literal so that every record of a type
 * gets the same shape in one allocation. Keys are JSON string literals, so
 * any field name is safe.
 */
function recordMaker(names: readonly string[]): (values: readonly Value[]) => RecordValue {
  const body = `return {${names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ')}};`;
  return new Function('v', body) as (values: readonly Value[]) => RecordValue;
}

export function recordParser(type: Extract<WitType, { kind: 'record' }>, parserFor: ParserLookup): ValueParser {
  const names = type.fields.map((field) => field.name);
  const parsers = type.fields.map((field) => parserFor(field.type));
  const optional = type.fields.map((field) => field.type.kind === 'option');
  const make = recordMaker(names);
  const count = names.length;
  // A record type cannot contain itself, so one scratch array per type is never in use twice.
  const values: (Value | undefined)[] = new Array<Value | undefined>(count).fill(undefined);
  return (r) => {
    if (r.peek() !== 0x7b) return mismatch(r, type);
    const src = r.src;
    const open = r.pos++;
    values.fill(undefined);
    let c = r.peek();
    if (c === 0x3a) {
      r.pos++;
      r.expect(0x7d, 'to close the empty record `{:}`');
    } else if (c === 0x7d) {
      throw r.typeErrorAt(open, `expected ${typeText(type)}, found empty flags \`{}\` (a record with no field written is \`{:}\`)`);
    } else {
      let hint = 0;
      do {
        r.skipTrivia();
        const labelStart = r.pos;
        const end = r.labelEndHere();
        if (end === labelStart) throw r.syntaxError(`expected a field name, found ${r.describeToken(labelStart)}`);
        r.checkLabelEnd(labelStart, end);
        const nameStart = src.charCodeAt(labelStart) === 0x25 ? labelStart + 1 : labelStart;
        r.pos = end;
        if (r.peek() !== 0x3a) {
          if (hint === 0 && values.every((v) => v === undefined)) throw r.typeErrorAt(open, `expected ${typeText(type)}, found flags \`{\``);
          throw r.syntaxError(`expected \`:\` after field name \`${src.slice(nameStart, end)}\`, found ${r.describeToken(r.pos)}`);
        }
        const index = findName(src, nameStart, end, names, hint);
        if (index < 0) {
          throw r.typeErrorAt(labelStart, `unknown field \`${src.slice(nameStart, end)}\` of ${typeText(type)} (fields: ${names.join(', ')})`);
        }
        if (values[index] !== undefined) throw r.syntaxErrorAt(labelStart, `duplicate field \`${names[index] as string}\``);
        r.pos++;
        values[index] = (parsers[index] as ValueParser)(r);
        hint = index + 1;
      } while (!endOfElement(r, 0x7d, 'record'));
    }
    for (let i = 0; i < count; i++) {
      if (values[i] !== undefined) continue;
      if (!optional[i]) throw r.typeErrorAt(open, `missing field \`${names[i] as string}\` of ${typeText(type)}`);
      values[i] = NONE;
    }
    return make(values as Value[]);
  };
}

/**
 * Reads a case label for a variant or enum: `%` allowed, keywords only with
 * `%`. Returns the case index, with the reader after the label.
 */
function readCase(r: WaveReader, type: WitType, names: readonly string[], keyword: readonly boolean[]): number {
  r.skipTrivia();
  const src = r.src;
  const start = r.pos;
  const end = r.labelEndHere();
  if (end === start) return mismatch(r, type);
  r.checkLabelEnd(start, end);
  const percent = src.charCodeAt(start) === 0x25;
  const nameStart = percent ? start + 1 : start;
  const index = findName(src, nameStart, end, names, 0);
  if (!percent && (index < 0 ? isKeyword(src.slice(start, end)) : keyword[index] === true)) {
    const name = src.slice(start, end);
    const hint = index >= 0 ? ` (the case \`${name}\` is written \`%${name}\`)` : '';
    throw r.typeErrorAt(start, `expected ${typeText(type)}, found \`${abbreviate(name)}\`${hint}`);
  }
  if (index < 0) {
    throw r.typeErrorAt(start, `unknown case \`${abbreviate(src.slice(nameStart, end))}\` of ${typeText(type)} (cases: ${names.join(', ')})`);
  }
  r.pos = end;
  return index;
}

export function variantParser(type: Extract<WitType, { kind: 'variant' }>, parserFor: ParserLookup): ValueParser {
  const names = type.cases.map((c) => c.name);
  const keyword = names.map(isKeyword);
  const payloads = type.cases.map((c) => (c.type === undefined ? undefined : parserFor(c.type)));
  // Values are immutable, so a case without payload can be one shared object.
  const bare = names.map((tag): CaseValue => Object.freeze({ tag }));
  return (r) => {
    r.skipTrivia();
    const start = r.pos;
    const index = readCase(r, type, names, keyword);
    const name = names[index] as string;
    const payload = payloads[index];
    if (r.peek() === 0x28) {
      if (payload === undefined) throw r.typeErrorAt(r.pos, `case \`${name}\` of ${typeText(type)} has no payload`);
      r.pos++;
      const value = payload(r);
      r.expect(0x29, `to close the payload of \`${name}\``);
      return { tag: name, value };
    }
    if (payload !== undefined) throw r.typeErrorAt(start, `missing payload for case \`${name}\` of ${typeText(type)}`);
    return bare[index] as CaseValue;
  };
}

export function enumParser(type: Extract<WitType, { kind: 'enum' }>): ValueParser {
  const names = type.cases;
  const keyword = names.map(isKeyword);
  return (r) => {
    const index = readCase(r, type, names, keyword);
    if (r.peek() === 0x28) throw r.typeErrorAt(r.pos, `enum cases have no payload (${typeText(type)})`);
    return names[index] as string;
  };
}

export function flagsParser(type: Extract<WitType, { kind: 'flags' }>): ValueParser {
  const names = type.flags;
  const count = names.length;
  // A flags type cannot contain itself, so one scratch set per type is never in use twice.
  const set = new Uint8Array(count);
  return (r) => {
    if (r.peek() !== 0x7b) return mismatch(r, type);
    const src = r.src;
    const open = r.pos++;
    const c = r.peek();
    if (c === 0x7d) {
      r.pos++;
      return [];
    }
    if (c === 0x3a) throw r.typeErrorAt(open, `expected ${typeText(type)}, found empty record \`{:}\``);
    set.fill(0);
    let hint = 0;
    do {
      r.skipTrivia();
      const labelStart = r.pos;
      const end = r.labelEndHere();
      if (end === labelStart) throw r.syntaxError(`expected a flag name, found ${r.describeToken(labelStart)}`);
      r.checkLabelEnd(labelStart, end);
      const nameStart = src.charCodeAt(labelStart) === 0x25 ? labelStart + 1 : labelStart;
      r.pos = end;
      if (r.peek() === 0x3a) throw r.typeErrorAt(open, `expected ${typeText(type)}, found record \`{\``);
      const index = findName(src, nameStart, end, names, hint);
      if (index < 0) {
        throw r.typeErrorAt(labelStart, `unknown flag \`${src.slice(nameStart, end)}\` of ${typeText(type)} (flags: ${names.join(', ')})`);
      }
      if (set[index] === 1) throw r.syntaxErrorAt(labelStart, `duplicate flag \`${names[index] as string}\``);
      set[index] = 1;
      hint = index + 1;
    } while (!endOfElement(r, 0x7d, 'flags'));
    const out: string[] = [];
    for (let i = 0; i < count; i++) if (set[i] === 1) out.push(names[i] as string);
    return out;
  };
}

