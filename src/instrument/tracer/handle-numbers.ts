/**
 * The numbers of the resource handles crossing an instrumented component, as
 * the in-process recorder numbers them (values/resource-table.ts, the one
 * definition): the first handle seen is #1, numbers are never reused, and a
 * number read from a trace is bound as it is, later handles numbered after
 * the highest so far. The virtualizers ask for a number whenever a new handle
 * reaches them (`new-handle`); the numbers the tracer hands out (replayed
 * arguments and answers, fuzzed ones) are bound as they go.
 */
import { ProxyComponentError } from '../../errors.js';
import { ResourceTable } from '../../values/resource-table.js';
import { ResourceHandle, type Value } from '../../values/value.js';
import { forEachPart, typeHasHandles } from '../../values/walk.js';
import type { WitType } from '../../wit/types.js';
import { HANDLE_LIMIT } from '../core/handles-wat.js';

export class HandleNumbers {
  /** Numbered objects stand for handles (the fuzzing host's stand-ins, or plain tokens). */
  readonly table = new ResourceTable();

  /** The number of a handle that reached a virtualizer for the first time. */
  fresh(): number {
    return checked(this.table.handleOf({}).id);
  }

  /** Binds every handle number in `value` not bound yet (numbers a trace or the fuzzer hands out). */
  see(value: Value, type: WitType): void {
    if (!typeHasHandles(type)) return;
    forEachPart(value, type, (part, partType) => {
      if ((partType.kind === 'own' || partType.kind === 'borrow') && part instanceof ResourceHandle && !this.table.has(part.id)) this.table.bind(checked(part.id), {});
    });
  }
}

function checked(id: number): number {
  if (id >= HANDLE_LIMIT) throw new ProxyComponentError('VALUE_TYPE', `resource handle #${id} is past the most an instrumented component can hold (#${HANDLE_LIMIT - 1})`);
  return id;
}
