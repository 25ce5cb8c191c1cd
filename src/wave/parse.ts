/**
 * Typed WAVE parsing: text plus a WIT type in, a Value out, in one pass.
 *
 * Each type gets a parser function built once and cached in a WeakMap keyed
 * by the type object, so that field tables, case tables and flag tables are
 * computed once and the per-value work is scanning characters.
 *
 * Accepted forms beyond the obvious, as in the reference:
 * - `option<T>` accepts a bare T for `some(T)` and `result<T, E>` a bare T for
 *   `ok(T)`, unless T is itself an option or result;
 * - record fields come in any order and `option` fields may be omitted (none);
 *   a record with no field written is `{:}` (`{}` is empty flags);
 * - trailing commas everywhere, `%` before any label.
 * Deliberate difference: a record field the type does not have is an error
 * (the reference silently drops it, which hides typos).
 */
import { ProxyComponentError } from '../errors.js';
import { SMALL_INTEGER_RANGES, type WitType } from '../wit/types.js';
import { NONE, ResourceHandle, type CaseValue, type Value } from '../values/value.js';
import { continuesToken, WaveReader, type TextOrigin } from './lexer.js';
import { readChar, readString } from './literals.js';
import { endOfElement, mismatch, type ValueParser } from './parse-common.js';
import { enumParser, flagsParser, recordParser, variantParser } from './parse-labeled.js';
import { bigIntegerParser, floatParser, smallIntegerParser } from './parse-numbers.js';
import { typeText } from './type-text.js';
import { abbreviate } from '../util/abbreviate.js';

export type { ValueParser } from './parse-common.js';

/** Parses the WAVE text of one value of `type`. */
export function parseValue(text: string, type: WitType, origin?: TextOrigin): Value {
  const reader = newReader(text, origin);
  try {
    const value = parserFor(type)(reader);
    reader.expectEnd('the value');
    return value;
  } finally {
    reader.releaseStack();
  }
}

/**
 * List elements are gathered on one shared stack and copied out with one
 * `slice` when the list ends: growing a fresh array by `push` costs several
 * times more for long lists. Nested lists use the part above their parent's.
 * Parsing is synchronous and never reentrant, so one stack serves all.
 */
const sharedStack: unknown[] = [];

/** A reader over `text` using the shared element stack. */
export function newReader(text: string, origin?: TextOrigin): WaveReader {
  return new WaveReader(text, origin, sharedStack);
}

const cache = new WeakMap<WitType, ValueParser>();

/** The cached parser for `type`. */
export function parserFor(type: WitType): ValueParser {
  let parser = cache.get(type);
  if (parser === undefined) {
    parser = build(type);
    cache.set(type, parser);
  }
  return parser;
}

function build(type: WitType): ValueParser {
  switch (type.kind) {
    case 'bool':
      return boolParser(type);
    case 's8':
    case 's16':
    case 's32':
    case 'u8':
    case 'u16':
    case 'u32':
      return smallIntegerParser(type, SMALL_INTEGER_RANGES[type.kind][0], SMALL_INTEGER_RANGES[type.kind][1]);
    case 's64':
      return bigIntegerParser(type, -(2n ** 63n), 2n ** 63n - 1n);
    case 'u64':
      return bigIntegerParser(type, 0n, 2n ** 64n - 1n);
    case 'f32':
      return floatParser(type, true);
    case 'f64':
      return floatParser(type, false);
    case 'char':
      return (r) => (r.peek() === 0x27 ? readChar(r) : mismatch(r, type));
    case 'string':
      return (r) => (r.peek() === 0x22 ? readString(r) : mismatch(r, type));
    case 'list':
      return listParser(type, parserFor(type.element), type.length);
    case 'tuple':
      return tupleParser(type, type.elements.map(parserFor));
    case 'record':
      return recordParser(type, parserFor);
    case 'variant':
      return variantParser(type, parserFor);
    case 'enum':
      return enumParser(type);
    case 'option':
      return optionParser(type, parserFor(type.some), flattenable(type.some));
    case 'result':
      return resultParser(type);
    case 'flags':
      return flagsParser(type);
    case 'own':
    case 'borrow':
      return handleParser(type);
    case 'future':
    case 'stream':
    case 'error-context':
      return (r) => {
        r.skipTrivia();
        throw new ProxyComponentError('WIT_UNSUPPORTED', `values of type ${typeText(type)} are not supported yet`, { location: r.location(r.pos) });
      };
  }
}

/** A bare T may stand for `some(T)` / `ok(T)` unless T is an option or result itself. */
function flattenable(type: WitType): boolean {
  return type.kind !== 'option' && type.kind !== 'result';
}

function boolParser(type: WitType): ValueParser {
  return (r) => {
    r.skipTrivia();
    if (r.atWord('true')) {
      r.pos += 4;
      return true;
    }
    if (r.atWord('false')) {
      r.pos += 5;
      return false;
    }
    return mismatch(r, type);
  };
}

function listParser(type: WitType, element: ValueParser, length: number | undefined): ValueParser {
  return (r) => {
    if (r.peek() !== 0x5b) return mismatch(r, type);
    const open = r.pos++;
    let out: Value[];
    if (r.peek() === 0x5d) {
      r.pos++;
      out = [];
    } else {
      const stack = r.stack;
      const base = r.top;
      do {
        const value = element(r);
        stack[r.top++] = value;
      } while (!endOfElement(r, 0x5d, 'list'));
      if (r.top > r.used) r.used = r.top;
      out = stack.slice(base, r.top) as Value[];
      r.top = base;
    }
    if (length !== undefined && out.length !== length) {
      throw r.typeErrorAt(open, `expected ${length} elements for ${typeText(type)}, found ${out.length}`);
    }
    return out;
  };
}

function tupleParser(type: WitType, elements: readonly ValueParser[]): ValueParser {
  const count = elements.length;
  return (r) => {
    if (r.peek() !== 0x28) return mismatch(r, type);
    const open = r.pos++;
    if (r.peek() === 0x29) throw r.syntaxErrorAt(open, 'empty tuple: a tuple has at least one element');
    const out: Value[] = [];
    for (;;) {
      const element = elements[out.length];
      if (element === undefined) throw r.typeErrorAt(r.pos, `too many elements for ${typeText(type)}: expected ${count}`);
      out.push(element(r));
      if (endOfElement(r, 0x29, 'tuple')) break;
    }
    if (out.length !== count) throw r.typeErrorAt(open, `expected ${count} elements for ${typeText(type)}, found ${out.length}`);
    return out;
  };
}

function optionParser(type: WitType, inner: ValueParser, flat: boolean): ValueParser {
  return (r) => {
    r.skipTrivia();
    const c = r.src.charCodeAt(r.pos);
    if (c === 0x73 && r.atWord('some')) {
      r.pos += 4;
      r.expect(0x28, 'after `some`');
      const value = inner(r);
      r.expect(0x29, 'to close `some(`');
      return { tag: 'some', value };
    }
    if (c === 0x6e && r.atWord('none')) {
      r.pos += 4;
      return NONE;
    }
    if (!flat) return mismatch(r, type);
    return { tag: 'some', value: inner(r) };
  };
}

const OK: CaseValue = Object.freeze({ tag: 'ok' });
const ERR: CaseValue = Object.freeze({ tag: 'err' });

function resultParser(type: Extract<WitType, { kind: 'result' }>): ValueParser {
  const okParser = type.ok === undefined ? undefined : parserFor(type.ok);
  const errParser = type.err === undefined ? undefined : parserFor(type.err);
  const flat = type.ok !== undefined && flattenable(type.ok);
  return (r) => {
    r.skipTrivia();
    const start = r.pos;
    let tag: 'ok' | 'err';
    if (r.atWord('ok')) tag = 'ok';
    else if (r.atWord('err')) tag = 'err';
    else if (flat) return { tag: 'ok', value: (okParser as ValueParser)(r) };
    else return mismatch(r, type);
    r.pos += tag.length;
    const payload = tag === 'ok' ? okParser : errParser;
    if (r.peek() === 0x28) {
      if (payload === undefined) throw r.typeErrorAt(start, `unexpected payload for \`${tag}\`: ${typeText(type)} has no ${tag} type`);
      r.pos++;
      const value = payload(r);
      r.expect(0x29, `to close \`${tag}(\``);
      return { tag, value };
    }
    if (payload !== undefined) throw r.typeErrorAt(start, `missing payload for \`${tag}\` of ${typeText(type)}`);
    return tag === 'ok' ? OK : ERR;
  };
}

function handleParser(type: WitType): ValueParser {
  return (r) => {
    if (r.peek() !== 0x23) return mismatch(r, type);
    const src = r.src;
    const start = r.pos;
    let p = start + 1;
    let c = src.charCodeAt(p);
    if (!(c >= 0x31 && c <= 0x39)) throw r.syntaxErrorAt(start, 'invalid resource handle: write `#` and a positive number, like `#1`');
    do c = src.charCodeAt(++p);
    while (c >= 0x30 && c <= 0x39);
    if (continuesToken(c)) throw r.syntaxErrorAt(start, `invalid resource handle \`${abbreviate(r.tokenText(start))}\``);
    const id = Number(src.slice(start + 1, p));
    if (!Number.isSafeInteger(id)) throw r.typeErrorAt(start, `resource handle ${abbreviate(src.slice(start, p))} is too large`);
    r.pos = p;
    return new ResourceHandle(id);
  };
}

