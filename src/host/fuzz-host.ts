/**
 * The fuzzing host: answers every import call the component makes with a
 * value generated from the import's WIT result type, and writes each call
 * down (arguments and answer) for properties and for the saved trace.
 *
 * Answers come from an `AnswerSource`, which the fuzzer backs with
 * fast-check's `fc.gen()`: values are generated only when the component asks,
 * replayed for a seed, and shrunk with the rest of the run.
 */
import type { ImportDispatcher } from '../engines/jco/virtual-imports.js';
import type { ImportCall } from '../trace/model.js';
import type { Value } from '../values/value.js';
import type { WitFunction, WorldFunction } from '../wit/world.js';
import { callNameOf } from '../wit/lookup.js';
import { mapHandles } from '../values/walk.js';
import type { HandlePool } from './fuzz-handles.js';

/** A generated answer for an import function (its result type's value; handles may be `HandlePick`s). */
export type AnswerSource = (fn: WorldFunction) => Value;

/** Thrown through the component when an answer needs a handle the host cannot give: the run is discarded. */
export class UnanswerableImport extends Error {}

const callNames = new WeakMap<WitFunction, string>();

/** The WAVE call name of a function, computed once. */
export function cachedCallName(fn: WorldFunction): string {
  let name = callNames.get(fn.function);
  if (name === undefined) {
    name = callNameOf(fn);
    callNames.set(fn.function, name);
  }
  return name;
}

export class FuzzHost implements ImportDispatcher {
  private calls: ImportCall[] = [];

  constructor(
    /** Answers for imports called outside export calls (while instantiating), and until `answerFrom` says otherwise. */
    private answer: AnswerSource,
    private readonly pool: HandlePool,
    /** Told of each generated answer (coverage). */
    private readonly onAnswer?: (fn: WorldFunction, value: Value) => void,
    /** Told of each import call as it completes (capturing a run that may never end). */
    private readonly onImport?: (call: ImportCall) => void,
  ) {}

  /** Where the answers of the next import calls come from (each export call has its own). */
  answerFrom(source: AnswerSource): void {
    this.answer = source;
  }

  /** Starts the import list of a new export call; returns the previous one. */
  takeCalls(): ImportCall[] {
    const calls = this.calls;
    this.calls = [];
    return calls;
  }

  call(fn: WorldFunction, args: readonly Value[]): Value | undefined {
    const params = fn.function.params;
    for (let i = 0; i < params.length; i++) this.pool.receive(args[i] as Value, (params[i] as (typeof params)[number]).type);
    const resultType = fn.function.result;
    let value: Value | undefined;
    if (resultType !== undefined) {
      if (fn.function.kind === 'constructor' && fn.function.resource !== undefined) {
        value = this.pool.make(fn.function.resource);
      } else {
        const generated = this.answer(fn);
        this.onAnswer?.(fn, generated);
        value = mapHandles(generated, resultType, (pick, type) => {
          const handle = this.pool.resolve(pick, type);
          if (handle === undefined) throw new UnanswerableImport(`no ${type.resource.name.name} handle to answer ${cachedCallName(fn)} with`);
          return handle;
        });
      }
    }
    const call: ImportCall = { name: cachedCallName(fn), function: fn, args, outcome: value === undefined ? { kind: 'return' } : { kind: 'return', value } };
    this.calls.push(call);
    this.onImport?.(call);
    return value;
  }
}
