/**
 * Runs a plan against jco-shaped exports in this thread, at the level of
 * `Value`s: imports are synthesized (src/engines/jco/virtual-imports.ts) and
 * answered from the plan, exports called through the value bridge. Both the
 * `jco` engine (a transpiled component) and the `native` engine (a JS module
 * with the same exports) run here.
 */
import { isProxyComponentError } from '../../errors.js';
import { exportInvokers } from '../../engines/jco/export-caller.js';
import { exportLayouts, importLayouts, sameImportFunction } from '../../engines/jco/layout.js';
import type { JcoExports, JcoImports } from '../../engines/jco/load.js';
import { standInResources, virtualImports, type ImportDispatcher } from '../../engines/jco/virtual-imports.js';
import type { Value } from '../../values/value.js';
import { callNameOf } from '../../wit/lookup.js';
import type { World, WorldFunction } from '../../wit/world.js';
import type { CallReport, EngineOutcome, ObservedImport, PlannedCall, PlannedImport } from '../engine.js';

export interface InProcessTarget {
  readonly world: World;
  /** The import keys jco's instantiate reads. */
  readonly importSpecifiers: readonly string[];
  instantiate(imports: JcoImports): Promise<JcoExports>;
}

export interface RunHooks {
  /** Before instantiating (the component's start functions run then): lets a watchdog stop a start that never ends. */
  readonly onStart?: () => void;
  /** Before export call `index`: lets a watchdog name the call that hangs. */
  readonly onCall?: (index: number) => void;
  readonly onReport?: (index: number, report: CallReport) => void;
}

/** The host failing an import call, as planned. */
class PlannedHostFailure extends Error {}

export async function runCallsInProcess(target: InProcessTarget, calls: readonly PlannedCall[], hooks: RunHooks = {}): Promise<CallReport[]> {
  const { resources, use } = standInResources();
  const answers = new PlannedAnswers();
  const virtual = virtualImports(importLayouts(target.world, target.importSpecifiers), answers, resources);
  use(virtual.classes);
  hooks.onStart?.();
  const invokers = exportInvokers(await target.instantiate(virtual.imports), exportLayouts(target.world), resources);
  const reports: CallReport[] = [];
  for (const [index, call] of calls.entries()) {
    hooks.onCall?.(index);
    answers.begin(call.imports);
    const invoke = invokers.get(call.function.function);
    let outcome: EngineOutcome;
    if (invoke === undefined) {
      outcome = { kind: 'trap', message: `the component has no export \`${call.name}\`` };
    } else {
      const result = invoke(call.args);
      if (result.kind === 'return') outcome = result.value === undefined ? { kind: 'return' } : { kind: 'return', value: result.value };
      else if (isProxyComponentError(result.error) && result.error.code === 'VALUE_TYPE') outcome = { kind: 'invalid', message: result.error.detail };
      else outcome = { kind: 'trap', message: result.message };
    }
    const report: CallReport = { outcome, imports: answers.observed() };
    reports.push(report);
    hooks.onReport?.(index, report);
  }
  return reports;
}

/** Answers each import call with the next unused planned answer for its function. */
class PlannedAnswers implements ImportDispatcher {
  private planned: readonly PlannedImport[] = [];
  private used: boolean[] = [];
  /** Every planned answer before it is used: where the search for the next starts (answers mostly go in order). */
  private firstUnused = 0;
  private calls: ObservedImport[] = [];

  begin(planned: readonly PlannedImport[]): void {
    this.planned = planned;
    this.used = planned.map(() => false);
    this.firstUnused = 0;
    this.calls = [];
  }

  observed(): readonly ObservedImport[] {
    return this.calls;
  }

  call(fn: WorldFunction, args: readonly Value[]): Value | undefined {
    const name = callNameOf(fn);
    this.calls.push({ name, function: fn, args });
    let index = this.firstUnused;
    while (index < this.planned.length && (this.used[index] === true || !sameImportFunction((this.planned[index] as PlannedImport).function.function, fn.function))) index++;
    if (index === this.planned.length) throw new PlannedHostFailure(`no answer left for import \`${name}\``);
    this.used[index] = true;
    while (this.used[this.firstUnused] === true) this.firstUnused++;
    const outcome = (this.planned[index] as PlannedImport).outcome;
    if (outcome.kind === 'trap') throw new PlannedHostFailure(outcome.message);
    return outcome.value;
  }
}
