/**
 * The resource handles a dialog session holds, named by where they came from,
 * so that the user picks `counter #1, made by [constructor]counter(5) in call
 * 2` from a list instead of remembering numbers.
 *
 * The dialog plays the host: it holds the `own` handles the component hands
 * it (export results, arguments of the component's import calls) and the new
 * handles it made and only lent. Passing an `own` handle to the component
 * gives it away: it is no longer offered. Fed with each call as it completes,
 * in the session worker, which sees every value with its type.
 */
import type { ExportCall, ImportCall } from '../trace/model.js';
import { ResourceHandle, type Value } from '../values/value.js';
import { forEachPart, typeHasHandles } from '../values/walk.js';
import { printCallPositional } from '../wave/index.js';
import { declaredResourceName, type HandleType, type WitType } from '../wit/types.js';
import type { HandleOffer } from './protocol.js';

export class HandleInventory {
  private readonly held = new Map<number, HandleOffer>();

  /** An export call completed (call number `number`, 1-based): handles it took as `own` are gone, those it returned are held, new ones it borrowed are kept. */
  exportCall(call: ExportCall, number: number): void {
    const params = call.function.function.params;
    this.passed(call.args, params.map((param) => param.type));
    params.forEach((param, i) => {
      if (!typeHasHandles(param.type)) return;
      forEachPart(call.args[i] as Value, param.type, (part, partType) => {
        if (partType.kind === 'borrow' && part instanceof ResourceHandle && !this.held.has(part.id)) {
          this.held.set(part.id, offer(part.id, partType, `made by the dialog, lent to ${shortCall(call)} in call ${number}`));
        }
      });
    });
    if (call.outcome.kind === 'return' && call.outcome.value !== undefined && call.function.function.result !== undefined) {
      this.receive(call.outcome.value, call.function.function.result, `made by ${shortCall(call)} in call ${number}`);
    }
  }

  /** An import call completed during call `number`: `own` handles the component passed are held, those it was answered with are gone. */
  importCall(call: ImportCall, number: number): void {
    const params = call.function.function.params;
    params.forEach((param, i) => this.receive(call.args[i] as Value, param.type, `given to ${call.function.function.name} in call ${number}`));
    if (call.outcome.kind === 'return' && call.outcome.value !== undefined && call.function.function.result !== undefined) {
      this.passed([call.outcome.value], [call.function.function.result]);
    }
  }

  offers(): HandleOffer[] {
    return [...this.held.values()];
  }

  private receive(value: Value, type: WitType, how: string): void {
    if (!typeHasHandles(type)) return;
    forEachPart(value, type, (part, partType) => {
      if (partType.kind === 'own' && part instanceof ResourceHandle) this.held.set(part.id, offer(part.id, partType, how));
    });
  }

  private passed(values: readonly Value[], types: readonly WitType[]): void {
    values.forEach((value, i) => {
      const type = types[i] as WitType;
      if (!typeHasHandles(type)) return;
      forEachPart(value, type, (part, partType) => {
        if (partType.kind === 'own' && part instanceof ResourceHandle) this.held.delete(part.id);
      });
    });
  }
}

function offer(id: number, type: HandleType, how: string): HandleOffer {
  return { id, resource: type.resource.id, label: `${declaredResourceName(type.resource)} #${id}, ${how}` };
}

/** `[constructor]counter(5)` (without its interface), cut short when long. */
function shortCall(call: ExportCall): string {
  const text = printCallPositional(call.function.function.name, call.function.function.params, call.args);
  return text.length <= 48 ? text : `${text.slice(0, 45)}...`;
}
