/**
 * Paths into typed values, as matching rules and redaction rules name them:
 * `request.headers[*].1` is, in the parameter `request`, the field
 * `headers`, every element, its second tuple element. Segments: `.name` (a
 * record field, a variant, option or result case: `some`, `ok`, `err`), `.0`
 * (a tuple element), `[*]` (every list element), `[3]` (one element).
 *
 * A path is checked against the type it walks, so a misspelt field is an
 * error naming the fields there, not a rule that silently never applies.
 */
import { ProxyComponentError } from '../errors.js';
import type { WitType } from '../wit/types.js';
import type { CaseValue, RecordValue, Value } from './value.js';

export type PathSegment = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'each' } | { readonly kind: 'index'; readonly index: number };

/** `a.b[*][2]` -> its segments; the first names the parameter (or `result`). */
export function parseValuePath(text: string, where: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /^(?:\.?([A-Za-z0-9_-]+)|\[(\*|\d+)\])/;
  let rest = text.trim();
  if (rest === '') throw new ProxyComponentError('USAGE', `${where}: an empty path`);
  while (rest !== '') {
    const match = pattern.exec(rest);
    if (match === null || (segments.length === 0 && rest.startsWith('.'))) {
      throw new ProxyComponentError('USAGE', `${where}: cannot read the path \`${text}\` at \`${rest}\` (write \`param.field[*].0\`)`);
    }
    if (match[1] !== undefined) segments.push({ kind: 'name', name: match[1] });
    else if (match[2] === '*') segments.push({ kind: 'each' });
    else segments.push({ kind: 'index', index: Number(match[2]) });
    rest = rest.slice(match[0].length);
  }
  return segments;
}

export function formatValuePath(segments: readonly PathSegment[]): string {
  return segments.map((segment, i) => (segment.kind === 'each' ? '[*]' : segment.kind === 'index' ? `[${segment.index}]` : i === 0 ? segment.name : `.${segment.name}`)).join('');
}

/** The type the path leads to from `type`, or a usage error saying where it leaves the type. */
export function typeAtPath(type: WitType, segments: readonly PathSegment[], where: string): WitType {
  let current = type;
  for (const segment of segments) current = step(current, segment, where);
  return current;
}

function step(type: WitType, segment: PathSegment, where: string): WitType {
  const fail = (detail: string): never => {
    throw new ProxyComponentError('USAGE', `${where}: ${detail}`);
  };
  if (segment.kind === 'each' || segment.kind === 'index') {
    if (type.kind !== 'list') return fail(`\`${segment.kind === 'each' ? '[*]' : `[${segment.index}]`}\` needs a list, the value there is a ${type.kind}`);
    return type.element;
  }
  const { name } = segment;
  switch (type.kind) {
    case 'record': {
      const field = type.fields.find((candidate) => candidate.name === name);
      return field?.type ?? fail(`the record has no field \`${name}\` (its fields: ${type.fields.map((f) => f.name).join(', ')})`);
    }
    case 'tuple': {
      const element = /^\d+$/.test(name) ? type.elements[Number(name)] : undefined;
      return element ?? fail(`the tuple has no element \`${name}\` (elements 0 to ${type.elements.length - 1})`);
    }
    case 'option':
      return name === 'some' ? type.some : fail(`an option's value is \`.some\`, not \`.${name}\``);
    case 'result': {
      const payload = name === 'ok' ? type.ok : name === 'err' ? type.err : undefined;
      return payload ?? fail(`the result has no \`.${name}\` with a value (\`.ok\` or \`.err\`, when they carry one)`);
    }
    case 'variant': {
      const found = type.cases.find((candidate) => candidate.name === name);
      return found?.type ?? fail(`the variant has no case \`${name}\` with a value (its cases: ${type.cases.map((c) => c.name).join(', ')})`);
    }
    default:
      return fail(`\`.${name}\` needs a record, tuple, option, result or variant; the value there is ${type.kind === 'list' ? 'a list (use [*] or [n])' : `a ${type.kind}`}`);
  }
}

/**
 * The value with whatever the path reaches replaced by `replace(type, value)`; the path was
 * checked with typeAtPath. Cases the path does not name (a `none`, an `err` when it says `ok`)
 * are left as they are.
 */
export function mapAtPath(type: WitType, value: Value, segments: readonly PathSegment[], replace: (type: WitType, value: Value) => Value): Value {
  if (segments.length === 0) return replace(type, value);
  const [segment, ...rest] = segments as [PathSegment, ...PathSegment[]];
  if (segment.kind !== 'name') {
    const list = value as readonly Value[];
    const element = (type as Extract<WitType, { kind: 'list' }>).element;
    return list.map((item, i) => (segment.kind === 'each' || segment.index === i ? mapAtPath(element, item, rest, replace) : item));
  }
  switch (type.kind) {
    case 'record': {
      const field = type.fields.find((candidate) => candidate.name === segment.name);
      const record = value as RecordValue;
      return field === undefined ? value : { ...record, [segment.name]: mapAtPath(field.type, record[segment.name] as Value, rest, replace) };
    }
    case 'tuple': {
      const index = Number(segment.name);
      return (value as readonly Value[]).map((item, i) => (i === index ? mapAtPath(type.elements[i] as WitType, item, rest, replace) : item));
    }
    default: {
      const chosen = value as CaseValue;
      const payload = caseType(type, segment.name);
      if (chosen.tag !== segment.name || payload === undefined || chosen.value === undefined) return value;
      return { tag: chosen.tag, value: mapAtPath(payload, chosen.value, rest, replace) };
    }
  }
}

/** The payload type of case `name` of an option, result or variant. */
export function caseType(type: WitType, name: string): WitType | undefined {
  if (type.kind === 'option') return name === 'some' ? type.some : undefined;
  if (type.kind === 'result') return name === 'ok' ? type.ok : name === 'err' ? type.err : undefined;
  if (type.kind === 'variant') return type.cases.find((candidate) => candidate.name === name)?.type;
  return undefined;
}
