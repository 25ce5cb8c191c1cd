/**
 * A fuzz failure as a trace: the shrunk run's calls with the import answers
 * they got, each closed by the properties it must satisfy rather than by the
 * (buggy) outcome it had, so that replaying it fails while the bug is there
 * and passes once it is fixed. The header says which seed, path and property.
 */
import { sep } from 'node:path';
import type { JcoComponent } from '../engines/jco/load.js';
import type { CallOutcome, ExportCall, PropertySource, Trace, TraceHeader } from '../trace/model.js';
import { TRACE_FORMAT_VERSION } from '../trace/model.js';
import { TOOL_VERSION } from '../version.js';
import type { FuzzFailure } from './fuzz.js';
import { BUILT_IN_PROPERTIES, type CallRecord, type CallResult } from './property.js';

/** Where a saved failure's trace points, as its folder (the corpus) sees it, and what else its replays must know. */
export interface FailurePlaces {
  /** The component's path (header `componentPath`). */
  readonly componentPath?: string;
  /** Where each user property is defined (header `properties`), by name. */
  readonly properties?: Readonly<Record<string, PropertySource>>;
  /** The interfaces the run left to the real (sandboxed WASI) host (header `passthrough`): its replays do the same. */
  readonly passthrough?: readonly string[];
}

export interface FailureTraceOptions extends FailurePlaces {
  readonly seed: number;
}

export function failureHeader(component: Pick<JcoComponent, 'hash'>, origin: { seed: number; path: string; property: string }, places: FailurePlaces = {}): TraceHeader {
  const { componentPath, properties, passthrough } = places;
  return {
    version: TRACE_FORMAT_VERSION,
    world: 'root:component/root',
    component: `sha256:${component.hash}`,
    ...(componentPath === undefined ? {} : { componentPath }),
    tool: TOOL_VERSION,
    fuzz: origin,
    ...(passthrough === undefined || passthrough.length === 0 ? {} : { passthrough }),
    ...(properties === undefined || Object.keys(properties).length === 0 ? {} : { properties }),
  };
}

/** Every user property of `names` (built-ins left out) defined by `source`. */
export function propertySources(names: readonly string[], source: PropertySource): Record<string, PropertySource> {
  const builtIn = new Set(BUILT_IN_PROPERTIES.map((property) => property.name));
  return Object.fromEntries(names.filter((name) => !builtIn.has(name)).map((name) => [name, source]));
}

/** A path as a trace header writes it: relative to the trace's folder, with `/` separators on every system. */
export function tracePath(relativePath: string): string {
  return relativePath.split(sep).join('/');
}

export function failureTrace(component: Pick<JcoComponent, 'hash'>, failure: FuzzFailure, options: FailureTraceOptions): Trace {
  const calls: ExportCall[] = failure.calls.map((record) => ({
    name: record.name,
    function: record.function,
    args: record.args,
    imports: record.imports,
    outcome: observedOutcome(record.result),
    expect: failure.properties,
  }));
  return { header: failureHeader(component, { seed: options.seed, path: failure.path, property: failure.property }, options), calls };
}

/**
 * The calls a property sees (its history and the call itself) as a trace
 * with their observed outcomes: replayed on another engine, any divergence
 * is a disagreement, which is how an agreement-across-engines property can
 * be written on top of `FuzzProperty`.
 */
export function observedTrace(component: Pick<JcoComponent, 'hash'>, calls: readonly CallRecord[]): Trace {
  return {
    header: { version: TRACE_FORMAT_VERSION, world: 'root:component/root', component: `sha256:${component.hash}`, tool: TOOL_VERSION },
    calls: calls.map((record) => ({ name: record.name, function: record.function, args: record.args, imports: record.imports, outcome: observedOutcome(record.result) })),
  };
}

/** What a call did, for the trace's `# observed:` comment. */
export function observedOutcome(result: CallResult): CallOutcome {
  if (result.kind === 'return') return result;
  return { kind: 'trap', message: result.kind === 'trap' ? result.message : `ill-typed result: ${result.message}` };
}
