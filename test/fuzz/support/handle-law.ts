/**
 * The law of handles in a sequence of calls made by the fuzzer's host: a
 * handle of a resource the component implements is passed only after the
 * component handed it out (an `own` in an export result), and a handle passed
 * as `own` (given away) is never passed again until the component hands it
 * back. Handles of the host's own resources may be new at any time, but a
 * given-away one is never passed again either. Returns the breaches, as text.
 */
import type { CallOutcome } from '../../../src/trace/model.js';
import { ResourceHandle, type Value } from '../../../src/values/value.js';
import { forEachPart, mapHandles } from '../../../src/values/walk.js';
import type { ResourceType, WitType } from '../../../src/wit/types.js';
import type { WorldFunction } from '../../../src/wit/world.js';

export interface LawCall {
  readonly function: WorldFunction;
  readonly args: readonly Value[];
  /** The import calls it made: arguments when known, and the host's answer. */
  readonly imports: readonly { readonly function: WorldFunction; readonly args?: readonly Value[]; readonly outcome: CallOutcome }[];
  readonly outcome: CallOutcome;
}

export function handleLawBreaches(calls: readonly LawCall[], hostResources: ReadonlySet<ResourceType>): string[] {
  const breaches: string[] = [];
  // Handles the host holds (handed to it, or its own made ones) and those it gave away.
  const held = new Set<number>();
  const given = new Set<number>();
  const receive = (value: Value, type: WitType) =>
    forEachPart(value, type, (part, partType) => {
      if (partType.kind === 'own' && part instanceof ResourceHandle) {
        held.add(part.id);
        given.delete(part.id);
      }
    });
  const pass = (value: Value, type: WitType, where: string, inThisCall: Map<number, string>) =>
    mapHandles(value, type, (handle, handleType) => {
      const id = (handle as ResourceHandle).id;
      const hosts = hostResources.has(handleType.resource);
      if (given.has(id)) breaches.push(`${where}: #${id} was given away before`);
      else if (!hosts && !held.has(id)) breaches.push(`${where}: #${id} of ${handleType.resource.name.name} was never handed out by the component`);
      const earlier = inThisCall.get(id);
      if (earlier !== undefined && (earlier === 'own' || handleType.kind === 'own')) breaches.push(`${where}: #${id} is passed twice, once as own`);
      inThisCall.set(id, handleType.kind);
      if (handleType.kind === 'own') {
        held.delete(id);
        given.add(id);
      } else if (hosts) {
        held.add(id);
      }
      return handle;
    });

  calls.forEach((call, index) => {
    const where = `call #${index + 1} ${call.function.function.name}`;
    const inThisCall = new Map<number, string>();
    call.function.function.params.forEach((param, i) => pass(call.args[i] as Value, param.type, where, inThisCall));
    for (const made of call.imports) {
      made.function.function.params.forEach((param, i) => {
        if (made.args !== undefined) receive(made.args[i] as Value, param.type);
      });
      const result = made.function.function.result;
      if (made.outcome.kind === 'return' && made.outcome.value !== undefined && result !== undefined) pass(made.outcome.value, result, `${where}, answer of ${made.function.function.name}`, new Map());
    }
    const result = call.function.function.result;
    if (call.outcome.kind === 'return' && call.outcome.value !== undefined && result !== undefined) receive(call.outcome.value, result);
  });
  return breaches;
}
