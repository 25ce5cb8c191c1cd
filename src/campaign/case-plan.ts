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
 */
import type { ExportCall } from '../trace/model.js';
import { ResourceHandle, type Value } from '../values/value.js';
import { callNameOf } from '../wit/lookup.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import type { WitType } from '../wit/types.js';
import { worldFunctions, type WorldFunction } from '../wit/world.js';
import { echoValue, hostImportName, type BindingsCase, type CaseFunction } from './bindings-case.js';
import type { BuiltCase } from './build-case.js';
import { checksum } from './checksum.js';
import { CASE_PACKAGE, RESOURCE_INTERFACE, resourceFunctionNames } from './wit-text.js';

/** One export call of the plan and what it must give. */
export interface PlannedCheck {
  /** Index into the case's calls: the generated call this export call belongs to. */
  readonly step: number;
  /**
   * The call as a trace's call: its outcome is the truth and an import-echo's
   * import call is written with the arguments it must get, so the plan is a
   * trace (`formatTrace`) that replay reproduces, and the wasmtime engine
   * checks a whole plan that holds in one run.
   */
  readonly call: ExportCall;
  /** The export's result type, in the component's world. */
  readonly resultType: WitType;
  readonly expected: Value;
  /** An `import-echo` call's import must be called once, with exactly the call's arguments. */
  readonly importArgs?: { readonly params: readonly WitType[]; readonly args: readonly Value[] };
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
  const imports = new Map(worldFunctions(world, 'import').map((fn) => [fn.function.name, fn]));
  const dropped = new Map<string, number>();
  let handles = 0;
  const plan: PlannedCheck[] = [];
  testCase.calls.forEach((generated, step) => {
    const fn = testCase.functions[generated.function] as CaseFunction | undefined;
    if (fn === undefined) throw new Error(`generated call of function ${generated.function}, which the case does not have`);
    const { args } = generated;
    const simple = (name: string, callArgs: readonly Value[], expected: Value, imported: ExportCall['imports'] = []): PlannedCheck => {
      const worldFunction = lookUp(exported, name);
      const call: ExportCall = { name, function: worldFunction, args: callArgs, imports: imported, outcome: { kind: 'return', value: expected } };
      return { step, call, resultType: resultOf(worldFunction), expected };
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
        plan.push({ ...simple(fn.name, args, echoValue(fn, args), [answer]), importArgs: { params: fn.params, args } });
        return;
      }
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
  return plan;
}
