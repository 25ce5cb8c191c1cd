/**
 * The calls an engine makes for a generated case, each with the value it
 * must return: the truth of the campaign, known from the generator.
 *
 * A call of the case (`BindingsCase.calls[i]`, a step) is one export call
 * for an `echo`, `import-echo` or `checksum` function, and five for a
 * `resource` function: the constructor (a new handle: handles are numbered
 * by first appearance, so the n-th constructed is `#n`), `get` and
 * `peek-f` on it, `take-f` (which moves it into the component, where it
 * is dropped) and `dropped-f` (how many of `f` have been dropped so far).
 * Every planned call is typed by the component's own world.
 *
 * An `import-resource` step is four or five export calls whose imports the
 * plan answers as the host: `keep-f(args)` (the constructor's answer is a
 * new host handle, `get` on it answers the arguments), `peek-f` with that
 * handle as a borrow, `get-f` on the oldest slot still kept (answered with
 * that slot's arguments), `pass-f` with a new host handle as an own (`get`
 * and `consume-f` answer the arguments) and, on every second step of the
 * function, `drop-f` of the previous step's slot. Every planned import call
 * is checked: the component must make exactly these, with these arguments
 * (handles included: a method call that reaches another instance is caught).
 *
 * A `composed-resource` step is `keep-f(args)`, `get-f` on the oldest slot
 * still kept and, every second step, `drop-f` of the previous step's slot,
 * which answers how many of the provider's `f` have been dropped; the
 * provider is inside the component, so none of them makes an import call.
 *
 * An `invalid-handle` step must trap, and a trap may leave the instance
 * unusable (wasmtime refuses every later call), so only the case's first
 * such step is planned, after all its other calls; the others are left out.
 */
import type { ExportCall } from '../trace/model.js';
import { ResourceHandle, type Value } from '../values/value.js';
import { callNameOf } from '../wit/lookup.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import type { WitType } from '../wit/types.js';
import { worldFunctions, type WorldFunction } from '../wit/world.js';
import { echoValue, hostImportName, misuseOf, type BindingsCase, type CaseFunction } from './bindings-case.js';
import type { BuiltCase } from './build-case.js';
import { checksum } from './checksum.js';
import { CASE_PACKAGE, IMPORT_INTERFACE, importedResourceNames, providedResourceNames, RESOURCE_INTERFACE, resourceFunctionNames } from './wit-text.js';

/** The message of a planned trap: engines word traps their own way, and traps compare by kind. */
export const INVALID_HANDLE_TRAP = 'invalid resource handle';

/** One export call of the plan and what it must give. */
export interface PlannedCheck {
  /** Index into the case's calls: the generated call this export call belongs to. */
  readonly step: number;
  /**
   * The call as a trace's call: its outcome is the truth and an import-echo's
   * import call is written with the arguments it must get, so the plan is a
   * trace (`formatTrace`) that replay reproduces, and the wasmtime engine
   * checks a whole plan that holds in one run. Its import calls are the
   * ones the component must make, in order, with exactly these arguments.
   */
  readonly call: ExportCall;
  /** The export's result type, in the component's world. */
  readonly resultType: WitType;
  /** The value it must return; for a call that must trap, none. */
  readonly expected?: Value;
  /** The call must trap (an `invalid-handle` misuse). */
  readonly trap?: boolean;
}

function lookUp(functions: ReadonlyMap<string, WorldFunction>, name: string): WorldFunction {
  const found = functions.get(name);
  if (found === undefined) throw new Error(`the generated component does not export ${name}`);
  return found;
}

function resultOf(fn: WorldFunction): WitType {
  if (fn.function.result === undefined) throw new Error(`generated function ${fn.function.name} returns nothing`);
  return fn.function.result;
}

export function casePlan(testCase: BindingsCase, built: BuiltCase): PlannedCheck[] {
  const world = decodeComponentWorld(built.bytes);
  const exported = new Map(worldFunctions(world, 'export').map((fn) => [callNameOf(fn), fn]));
  // World-level imports by name, those of interface `imp` as `imp:name`.
  const imports = new Map(worldFunctions(world, 'import').map((fn) => [fn.interface === undefined ? fn.function.name : `${IMPORT_INTERFACE}:${fn.function.name}`, fn]));
  const dropped = new Map<string, number>();
  /** Per `import-resource` function: each slot's arguments and host handle, undefined once dropped. */
  const slots = new Map<string, ({ readonly args: readonly Value[]; readonly handle: ResourceHandle } | undefined)[]>();
  let handles = 0;
  const plan: PlannedCheck[] = [];
  let invalid: { readonly step: number; readonly fn: CaseFunction; readonly args: readonly Value[] } | undefined;
  const importCall = (name: string, args: readonly Value[], value: Value): ExportCall['imports'][number] => {
    const fn = imports.get(`${IMPORT_INTERFACE}:${name}`);
    if (fn === undefined) throw new Error(`the generated component does not import ${name}`);
    return { name: callNameOf(fn), function: fn, args, outcome: { kind: 'return', value } };
  };
  testCase.calls.forEach((generated, step) => {
    const fn = testCase.functions[generated.function] as CaseFunction | undefined;
    if (fn === undefined) throw new Error(`generated call of function ${generated.function}, which the case does not have`);
    const { args } = generated;
    const simple = (name: string, callArgs: readonly Value[], expected: Value, imported: ExportCall['imports'] = []): PlannedCheck => {
      const worldFunction = lookUp(exported, name);
      const call: ExportCall = { name, function: worldFunction, args: callArgs, imports: imported, outcome: { kind: 'return', value: expected } };
      return { step, call, resultType: resultOf(worldFunction), expected };
    };
    /** Every second handle kept drops the one before it, so the next one made reuses its slot. */
    const dropEverySecond = (kept: (unknown | undefined)[], slot: number, dropName: string): void => {
      if (slot % 2 === 0) return;
      kept[slot - 1] = undefined;
      const count = (dropped.get(fn.name) ?? 0) + 1;
      dropped.set(fn.name, count);
      plan.push(simple(dropName, [slot - 1], count));
    };
    switch (fn.kind) {
      case 'echo':
        plan.push(simple(fn.name, args, echoValue(fn, args)));
        return;
      case 'checksum':
        plan.push(simple(fn.name, args, checksum(fn.params, args, testCase.encoding)));
        return;
      case 'import-echo': {
        const host = imports.get(hostImportName(fn));
        if (host === undefined) throw new Error(`generated function ${fn.name} has no import ${hostImportName(fn)}`);
        const answer = { name: hostImportName(fn), function: host, args, outcome: { kind: 'return' as const, value: echoValue(fn, args) } };
        plan.push(simple(fn.name, args, echoValue(fn, args), [answer]));
        return;
      }
      case 'import-resource': {
        const names = importedResourceNames(fn);
        const echo = echoValue(fn, args);
        const kept = slots.get(fn.name) ?? [];
        slots.set(fn.name, kept);
        const made = new ResourceHandle(++handles);
        const slot = kept.length;
        kept.push({ args, handle: made });
        plan.push(simple(names.keep, args, echo, [importCall(names.constructor, args, made), importCall(names.get, [made], echo)]));
        plan.push(simple(names.peek, [made], echo, [importCall(names.get, [made], echo)]));
        const oldest = kept.findIndex((entry) => entry !== undefined);
        const first = kept[oldest] as { args: readonly Value[]; handle: ResourceHandle };
        const firstEcho = echoValue(fn, first.args);
        plan.push(simple(names.read, [oldest], firstEcho, [importCall(names.get, [first.handle], firstEcho)]));
        const given = new ResourceHandle(++handles);
        plan.push(simple(names.pass, [given], echo, [importCall(names.get, [given], echo), importCall(names.consume, [given], echo)]));
        dropEverySecond(kept, slot, names.drop);
        return;
      }
      case 'composed-resource': {
        // The provider is inside the component: no import call crosses the outer boundary.
        const names = providedResourceNames(fn);
        const kept = slots.get(fn.name) ?? [];
        slots.set(fn.name, kept);
        const slot = kept.length;
        kept.push({ args, handle: new ResourceHandle(0) });
        plan.push(simple(names.keep, args, echoValue(fn, args)));
        const oldest = kept.findIndex((entry) => entry !== undefined);
        plan.push(simple(names.read, [oldest], echoValue(fn, (kept[oldest] as { args: readonly Value[] }).args)));
        dropEverySecond(kept, slot, names.drop);
        return;
      }
      case 'invalid-handle':
        // Planned after every other call, so that its handles are numbered then (by first appearance).
        invalid ??= { step, fn, args };
        return;
      case 'resource': {
        const names = resourceFunctionNames(fn);
        const qualified = (name: string): string => `${CASE_PACKAGE}/${RESOURCE_INTERFACE}.${name}`;
        const handle = new ResourceHandle(++handles);
        const count = (dropped.get(fn.name) ?? 0) + 1;
        dropped.set(fn.name, count);
        plan.push(
          simple(qualified(names.constructor), args, handle),
          simple(qualified(names.get), [handle], echoValue(fn, args)),
          simple(qualified(names.peek), [handle], echoValue(fn, args)),
          simple(qualified(names.take), [handle], echoValue(fn, args)),
          simple(qualified(names.dropped), [], count),
        );
        return;
      }
    }
  });
  if (invalid !== undefined) {
    const { step, fn, args } = invalid;
    const names = importedResourceNames(fn);
    const echo = echoValue(fn, args);
    const misuse = misuseOf(fn);
    const worldFunction = lookUp(exported, names.bad);
    let callArgs: readonly Value[] = args;
    const made: ExportCall['imports'][number][] = [];
    if (misuse === 'dropped' || misuse === 'moved') {
      const handle = new ResourceHandle(++handles);
      made.push(importCall(names.constructor, args, handle));
      if (misuse === 'moved') made.push(importCall(names.consume, [handle], echo));
    } else if (misuse === 'borrow-kept') {
      const handle = new ResourceHandle(++handles);
      callArgs = [handle];
      made.push(importCall(names.get, [handle], echo));
    }
    const call: ExportCall = { name: names.bad, function: worldFunction, args: callArgs, imports: made, outcome: { kind: 'trap', message: INVALID_HANDLE_TRAP } };
    plan.push({ step, call, resultType: resultOf(worldFunction), trap: true });
  }
  return plan;
}
