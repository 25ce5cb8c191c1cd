/**
 * The fuzzing host: answers every import call the component makes with a
 * value generated from the import's WIT result type, and writes each call
 * down (arguments and answer) for properties and for the saved trace.
 *
 * Answers come from an `AnswerSource`, which the fuzzer backs with answer
 * tapes (fuzz/answer-tape.ts): values are generated only when the component
 * asks, replayed for a seed, and shrunk with the rest of the run. Handles inside
 * answers are resolved through the run's HandlePool: held ones, or new ones
 * of the resources the host implements.
 *
 * `wasi:cli/exit` ends the component as a real host would: the import does
 * not return (ComponentExit is thrown through the component), so the export
 * that called it ends in a trap that says so, and a component that exits
 * while starting cannot be fuzzed (see startInstance in fuzz/instance.ts).
 */
import type { ImportDispatcher } from '../engines/jco/virtual-imports.js';
import type { ImportCall } from '../trace/model.js';
import type { Value } from '../values/value.js';
import { printCallPositional } from '../wave/call.js';
import type { WitFunction, WorldFunction } from '../wit/world.js';
import { callNameOf } from '../wit/lookup.js';
import type { HandlePool } from './fuzz-handles.js';

/** A generated answer for an import function (its result type's value; handles may be `HandlePick`s). */
export type AnswerSource = (fn: WorldFunction) => Value;

/** Thrown through the component when an answer cannot be given (a handle the host cannot give, a type it cannot generate): the run proves nothing. */
export class UnanswerableImport extends Error {
  override readonly name = 'UnanswerableImport';
}

/** Thrown through the component when it calls `wasi:cli/exit`: the call never returns. */
export class ComponentExit extends Error {
  override readonly name = 'ComponentExit';
  constructor(
    /** The exit call as WAVE: `wasi:cli/exit.exit@0.2.0(err)`. */
    readonly call: string,
  ) {
    super(`the component exited: it called ${call}`);
  }
}

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

/** `wasi:cli/exit`'s functions (any version): the component asks the host to end it. */
export function isExitFunction(fn: WorldFunction): boolean {
  return fn.direction === 'import' && /^wasi:cli\/exit(@|$)/.test(fn.itemName);
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
    if (isExitFunction(fn)) this.fail(fn, args, new ComponentExit(printCallPositional(cachedCallName(fn), params, args)));
    const resultType = fn.function.result;
    let value: Value | undefined;
    if (resultType !== undefined) {
      if (fn.function.kind === 'constructor' && fn.function.resource !== undefined) {
        value = this.pool.make(fn.function.resource);
      } else {
        let generated: Value;
        try {
          generated = this.answer(fn);
        } catch (error) {
          if (error instanceof UnanswerableImport) this.fail(fn, args, error);
          throw error;
        }
        this.onAnswer?.(fn, generated);
        const resolved = this.pool.resolveAll([generated], [resultType]);
        if (resolved.missing !== undefined) {
          this.fail(fn, args, new UnanswerableImport(`no ${resolved.missing.resource.name.name} handle to answer ${cachedCallName(fn)} with: the host holds none and cannot make one`));
        }
        value = resolved.values[0];
      }
    }
    this.record({ name: cachedCallName(fn), function: fn, args, outcome: value === undefined ? { kind: 'return' } : { kind: 'return', value } });
    return value;
  }

  /** Writes the call down as failed by the host, and throws through the component. */
  private fail(fn: WorldFunction, args: readonly Value[], error: Error): never {
    this.record({ name: cachedCallName(fn), function: fn, args, outcome: { kind: 'trap', message: error.message } });
    throw error;
  }

  private record(call: ImportCall): void {
    this.calls.push(call);
    this.onImport?.(call);
  }
}
