/**
 * The last pass of a shrink, on a case of one call: fast-check shrinks the
 * functions of a case before (and apart from) its values, so a failure
 * nested in a variant inside a tuple stays nested. This pass tries smaller
 * cases, greedily, keeping each on which the failure remains: a parameter
 * dropped, a parameter replaced by a part of itself with the part of the
 * argument it holds (a field, an element, a payload), a list with one
 * element less, a string with one character less, a flag, an enum or
 * variant case (or a payload) the value does not use dropped from its type,
 * utf8 when no string is left.
 */
import type { CaseValue, RecordValue, Value } from '../values/value.js';
import type { WitType } from '../wit/types.js';
import type { BindingsCase } from './bindings-case.js';

interface Typed {
  readonly type: WitType;
  readonly value: Value;
}

/** Smaller typed values inside (or beside) `part`, simplest first. */
function smaller(part: Typed): Typed[] {
  const { type, value } = part;
  switch (type.kind) {
    case 'list': {
      const items = value as readonly Value[];
      const inner = items.slice(0, 4).map((item) => ({ type: type.element, value: item }));
      if (type.length !== undefined) return inner;
      return [...inner, ...items.map((_, i) => ({ type, value: items.filter((__, j) => j !== i) }))];
    }
    case 'tuple':
      return type.elements.map((element, i) => ({ type: element, value: (value as readonly Value[])[i] as Value }));
    case 'record':
      return type.fields.map((field) => ({ type: field.type, value: (value as RecordValue)[field.name] as Value }));
    case 'variant':
    case 'option':
    case 'result': {
      const { tag, value: payload } = value as CaseValue;
      const payloadType = type.kind === 'option' ? type.some : type.kind === 'result' ? (tag === 'ok' ? type.ok : type.err) : type.cases.find((c) => c.name === tag)?.type;
      const inner = payload === undefined || payloadType === undefined ? [] : [{ type: payloadType, value: payload }];
      return [...inner, ...fewerMembers(part)];
    }
    case 'string': {
      const chars = [...(value as string)];
      return chars.map((_, i) => ({ type, value: chars.filter((__, j) => j !== i).join('') }));
    }
    default:
      return fewerMembers(part);
  }
}

/**
 * The same value in a type with one member fewer: a flag (unset with it), an
 * enum case or a variant case other than the value's, or a payload of a
 * case other than the value's. The WIT of a finding keeps only the members
 * the failure needs.
 */
function fewerMembers(part: Typed): Typed[] {
  const { type, value } = part;
  switch (type.kind) {
    case 'flags':
      if (type.flags.length < 2) return [];
      return type.flags.map((flag) => ({ type: { kind: 'flags', flags: type.flags.filter((f) => f !== flag) }, value: (value as readonly string[]).filter((f) => f !== flag) }));
    case 'enum':
      return type.cases.filter((name) => name !== value).map((name) => ({ type: { kind: 'enum', cases: type.cases.filter((c) => c !== name) }, value }));
    case 'variant': {
      const { tag } = value as CaseValue;
      const others = type.cases.filter((c) => c.name !== tag);
      const dropped = others.map((gone): Typed => ({ type: { kind: 'variant', cases: type.cases.filter((c) => c !== gone) }, value }));
      const bare = others.filter((c) => c.type !== undefined).map((stripped): Typed => ({ type: { kind: 'variant', cases: type.cases.map((c) => (c === stripped ? { name: c.name } : c)) }, value }));
      return [...dropped, ...bare];
    }
    default:
      return [];
  }
}

function hasString(type: WitType): boolean {
  switch (type.kind) {
    case 'string':
      return true;
    case 'list':
      return hasString(type.element);
    case 'tuple':
      return type.elements.some(hasString);
    case 'record':
      return type.fields.some((field) => hasString(field.type));
    case 'variant':
      return type.cases.some((c) => c.type !== undefined && hasString(c.type));
    case 'option':
      return hasString(type.some);
    case 'result':
      return (type.ok !== undefined && hasString(type.ok)) || (type.err !== undefined && hasString(type.err));
    default:
      return false;
  }
}

/** Smaller cases than `testCase` (one function, one call), simplest first. */
export function simplerCases(testCase: BindingsCase): BindingsCase[] {
  const fn = testCase.functions[0];
  const call = testCase.calls[0];
  if (fn === undefined || call === undefined || testCase.functions.length !== 1 || testCase.calls.length !== 1) return [];
  const withParams = (params: readonly Typed[]): BindingsCase => ({
    encoding: testCase.encoding,
    functions: [{ ...fn, params: params.map((p) => p.type) }],
    calls: [{ function: 0, args: params.map((p) => p.value) }],
  });
  const params: Typed[] = fn.params.map((type, i) => ({ type, value: call.args[i] as Value }));
  const out: BindingsCase[] = [];
  if (testCase.encoding !== 'utf8' && !fn.params.some(hasString)) out.push({ ...testCase, encoding: 'utf8' });
  if (params.length > 1) params.forEach((_, i) => out.push(withParams(params.filter((__, j) => j !== i))));
  params.forEach((param, i) => {
    for (const part of smaller(param)) out.push(withParams(params.map((p, j) => (j === i ? part : p))));
  });
  return out;
}

/** Greedily takes the first simpler case that still fails, until none does or time is up. */
export async function simplifyCase(testCase: BindingsCase, stillFails: (candidate: BindingsCase) => Promise<boolean>, deadline: number): Promise<BindingsCase> {
  let current = testCase;
  for (;;) {
    let next: BindingsCase | undefined;
    for (const candidate of simplerCases(current)) {
      if (performance.now() > deadline) return current;
      if (await stillFails(candidate)) {
        next = candidate;
        break;
      }
    }
    if (next === undefined) return current;
    current = next;
  }
}
