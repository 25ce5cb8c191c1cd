/**
 * The parent's side of the driver protocol: turns a plan into the driver's
 * data file (jco JS values, tagged JSON) and the driver's events back into
 * call reports of `Value`s, with the value bridge (src/values/jco.ts) in
 * both directions, so that every engine is read the same way.
 *
 * Resources: the parent numbers handles with a ResourceTable whose objects
 * are placeholders carrying (handle, resource class index); the driver keeps
 * the real objects under the same numbers and numbers new objects the way a
 * ResourceTable does (after the highest number seen), so both sides agree.
 */
import { isProxyComponentError } from '../../errors.js';
import { exportLayouts, importLayouts, type InterfaceLayout } from '../../engines/jco/layout.js';
import { jcoConverter } from '../../values/jco.js';
import { fromJcoReturn, fromJcoThrown, JcoResultError, toJcoReturn } from '../../values/jco-return.js';
import { ResourceTable } from '../../values/resource-table.js';
import type { Value } from '../../values/value.js';
import { callNameOf } from '../../wit/lookup.js';
import type { World, WorldFunction } from '../../wit/world.js';
import type { CallReport, EngineOutcome, ObservedImport, PlannedCall } from '../engine.js';
import { functionKey } from '../plan-wire.js';
import { fromWire, toWire, type Wire } from '../wire.js';

class Placeholder {
  constructor(
    readonly id: number,
    readonly resource: number | undefined,
  ) {}
}

type Entry = [name: string, id: number];

interface ImportItem {
  readonly key: string;
  readonly bare: number | null;
  readonly functions: Entry[];
  readonly resources: { cls: string; index: number; construct: number | null; methods: Entry[]; statics: Entry[] }[];
}

interface ExportEntry {
  readonly key: string | null;
  readonly how: 'call' | 'new' | 'method' | 'static';
  readonly member?: string;
  readonly cls?: string;
}

type WireAnswer = { fn: number; kind: 'return'; value: Wire } | { fn: number; kind: 'err'; payload: Wire } | { fn: number; kind: 'trap'; message: string };

export interface DriverData {
  readonly entry: string;
  readonly directory: string;
  readonly names: string[];
  readonly imports: ImportItem[];
  readonly exports: ExportEntry[];
  readonly exportResources: { key: string | null; cls: string; index: number }[];
  readonly calls: { fn: number; args: Wire[]; answers: WireAnswer[] }[];
}

/** One event the driver printed. */
export type DriverEvent =
  | { readonly e: 'start' | 'ready' | 'done' }
  | { readonly e: 'call'; readonly index: number }
  | { readonly e: 'report'; readonly index: number; readonly outcome: DriverOutcome; readonly imports: { fn: number; args: Wire[] }[] }
  | { readonly e: 'error'; readonly message: string };

type DriverOutcome = { kind: 'return'; value: Wire } | { kind: 'throw'; payload: Wire } | { kind: 'trap'; message: string; name?: string };

/** A run's conversions: the data to send, and the reader of what comes back. */
export class DriverSession {
  private readonly importIds = new Map<string, number>();
  private readonly importFunctions: WorldFunction[] = [];
  private readonly exportIds = new Map<string, number>();
  private readonly exportEntries: ExportEntry[] = [];
  private readonly resourceIndex = new Map<string, number>();
  private readonly resourceClasses: { key: string | null; cls: string; index: number; exported: boolean }[] = [];
  private readonly table = new ResourceTable((handle, resource) => new Placeholder(handle.id, this.resourceIndex.get(resource.id)));
  private readonly importItems: ImportItem[];

  constructor(world: World, importSpecifiers: readonly string[]) {
    this.importItems = importLayouts(world, importSpecifiers).map((layout) => this.importItem(layout));
    for (const layout of exportLayouts(world)) this.exportItem(layout);
  }

  data(entry: string, directory: string, calls: readonly PlannedCall[]): DriverData {
    const hooks = { handleOf: (object: object) => (object instanceof Placeholder ? { id: object.id, ...(object.resource === undefined ? {} : { resource: object.resource }) } : undefined) };
    return {
      entry,
      directory,
      names: this.importFunctions.map(callNameOf),
      imports: this.importItems,
      exports: this.exportEntries,
      exportResources: this.resourceClasses.filter((c) => c.exported).map(({ key, cls, index }) => ({ key, cls, index })),
      calls: calls.map((call) => {
        const fn = this.exportIds.get(functionKey(call.function));
        // An export the component lacks: calling index -1 fails in the driver, and that is the report.
        const args = call.function.function.params.map((param, i) => toWire(jcoConverter(param.type).toJs(call.args[i] as Value, this.table), hooks));
        const answers = call.imports.flatMap((answer): WireAnswer[] => {
          const id = this.importIds.get(functionKey(answer.function));
          if (id === undefined) return [];
          if (answer.outcome.kind === 'trap') return [{ fn: id, kind: 'trap', message: answer.outcome.message }];
          const js = toJcoReturn(answer.outcome.value, answer.function.function.result, this.table);
          if (js.kind === 'throw') return [{ fn: id, kind: 'err', payload: toWire((js.error as JcoResultError).payload, hooks) }];
          return [{ fn: id, kind: 'return', value: toWire(js.value, hooks) }];
        });
        return { fn: fn ?? -1, args, answers };
      }),
    };
  }

  /** The report of one call from the driver's event. */
  report(call: PlannedCall, event: Extract<DriverEvent, { e: 'report' }>): CallReport {
    const imports: ObservedImport[] = [];
    try {
      for (const made of event.imports) {
        const fn = this.importFunctions[made.fn] as WorldFunction;
        const args = fn.function.params.map((param, i) => jcoConverter(param.type).fromJs(this.decode(made.args[i] ?? { $: 'undefined' }), this.table, param.name));
        imports.push({ name: callNameOf(fn), function: fn, args });
      }
      return { outcome: this.outcome(call, event.outcome), imports };
    } catch (error) {
      if (isProxyComponentError(error) && error.code === 'VALUE_TYPE') return { outcome: { kind: 'invalid', message: error.detail }, imports };
      throw error;
    }
  }

  private outcome(call: PlannedCall, outcome: DriverOutcome): EngineOutcome {
    const resultType = call.function.function.result;
    if (outcome.kind === 'trap') return { kind: 'trap', message: outcome.message };
    if (outcome.kind === 'return') {
      const value = fromJcoReturn(this.decode(outcome.value), resultType, 'export', this.table);
      return value === undefined ? { kind: 'return' } : { kind: 'return', value };
    }
    const thrown = Object.assign(new Error('component error'), { payload: this.decode(outcome.payload) });
    try {
      return { kind: 'return', value: fromJcoThrown(thrown, resultType, 'export', this.table, { componentErrorWrapping: true }) };
    } catch (error) {
      if (isProxyComponentError(error)) throw error;
      return { kind: 'trap', message: 'the export threw a value with a payload, but its result is no `result`' };
    }
  }

  private decode(wire: Wire): unknown {
    return fromWire(wire, {
      objectOf: (id, resource) => {
        if (this.table.has(id)) return this.table.objectOf(id);
        const placeholder = new Placeholder(id, resource);
        this.table.bind(id, placeholder);
        return placeholder;
      },
    });
  }

  private importId(fn: WorldFunction): number {
    const id = this.importFunctions.length;
    this.importFunctions.push(fn);
    this.importIds.set(functionKey(fn), id);
    return id;
  }

  private classIndex(resourceId: string, key: string | null, cls: string, exported: boolean): number {
    const index = this.resourceClasses.length;
    this.resourceClasses.push({ key, cls, index, exported });
    // Placeholders stand in for handles the host introduces, of imported resources only: an imported and
    // an exported resource may share an id (one interface both ways), and the exported one's objects come
    // from the component, never from a placeholder.
    if (!exported) this.resourceIndex.set(resourceId, index);
    return index;
  }

  private importItem(layout: InterfaceLayout): ImportItem {
    return {
      key: layout.key,
      bare: layout.bareFunction === undefined ? null : this.importId(layout.bareFunction),
      functions: [...layout.functions].map(([name, fn]) => [name, this.importId(fn)]),
      resources: layout.resources.map((resource) => ({
        cls: resource.member,
        index: this.classIndex(resource.resource.id, layout.key, resource.member, false),
        construct: resource.construct === undefined ? null : this.importId(resource.construct),
        methods: [...resource.methods].map(([name, fn]): Entry => [name, this.importId(fn)]),
        statics: [...resource.statics].map(([name, fn]): Entry => [name, this.importId(fn)]),
      })),
    };
  }

  private exportItem(layout: InterfaceLayout): void {
    const add = (fn: WorldFunction, entry: ExportEntry) => {
      this.exportIds.set(functionKey(fn), this.exportEntries.length);
      this.exportEntries.push(entry);
    };
    if (layout.bareFunction !== undefined) return add(layout.bareFunction, { key: null, how: 'call', member: layout.key });
    for (const [name, fn] of layout.functions) add(fn, { key: layout.key, how: 'call', member: name });
    for (const resource of layout.resources) {
      this.classIndex(resource.resource.id, layout.key, resource.member, true);
      if (resource.construct !== undefined) add(resource.construct, { key: layout.key, how: 'new', cls: resource.member });
      for (const [name, fn] of resource.methods) add(fn, { key: layout.key, how: 'method', member: name });
      for (const [name, fn] of resource.statics) add(fn, { key: layout.key, how: 'static', member: name, cls: resource.member });
    }
  }
}
