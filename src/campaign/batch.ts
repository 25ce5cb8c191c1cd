/**
 * Several generated cases of one string encoding as one component, so that
 * an engine pays its per-component cost (jco's transpile, wasmtime's
 * composition with the replay component and its ahead-of-time compile, 4 to
 * 20 s) once per batch instead of once per case. Function `f1` of the
 * batch's third case becomes `c2-f1`; the calls keep their order, case by
 * case, so a step of the batch maps back to a call of its case. A case
 * that fails in a batch is checked again alone (campaign.ts): what is
 * reported and shrunk is always a case by itself.
 */
import type { BindingsCase, CaseCall, CaseFunction } from './bindings-case.js';

export interface Batch {
  readonly merged: BindingsCase;
  /** For each call of `merged`: the position of its case in the batch, and the call's index in that case. */
  readonly origins: readonly { readonly member: number; readonly call: number }[];
}

export function mergeCases(cases: readonly BindingsCase[]): Batch {
  const first = cases[0];
  if (first === undefined) throw new Error('a batch needs a case');
  const functions: CaseFunction[] = [];
  const calls: CaseCall[] = [];
  const origins: { member: number; call: number }[] = [];
  cases.forEach((testCase, member) => {
    if (testCase.encoding !== first.encoding) throw new Error('a batch holds cases of one string encoding');
    const offset = functions.length;
    functions.push(...testCase.functions.map((fn) => ({ ...fn, name: `c${member}-${fn.name}` })));
    testCase.calls.forEach((call, index) => {
      calls.push({ function: call.function + offset, args: call.args });
      origins.push({ member, call: index });
    });
  });
  return { merged: { encoding: first.encoding, functions, calls }, origins };
}

/** Consecutive groups of at most `size` cases with the same encoding, in campaign order; each case keeps its index. */
export function batchesOf(cases: readonly BindingsCase[], size: number): { readonly indices: readonly number[]; readonly cases: readonly BindingsCase[] }[] {
  const open = new Map<string, { indices: number[]; cases: BindingsCase[] }>();
  const out: { indices: number[]; cases: BindingsCase[] }[] = [];
  cases.forEach((testCase, index) => {
    let group = open.get(testCase.encoding);
    if (group === undefined) {
      group = { indices: [], cases: [] };
      open.set(testCase.encoding, group);
      out.push(group);
    }
    group.indices.push(index);
    group.cases.push(testCase);
    if (group.cases.length >= size) open.delete(testCase.encoding);
  });
  return out;
}
