/**
 * A fuzz failure as a trace: the shrunk run's calls with the import answers
 * they got, each closed by the properties it must satisfy rather than by the
 * (buggy) outcome it had, so that replaying it fails while the bug is there
 * and passes once it is fixed. The header says which seed, path and property.
 */
import type { JcoComponent } from '../engines/jco/load.js';
import type { CallOutcome, ExportCall, Trace, TraceHeader } from '../trace/model.js';
import { TRACE_FORMAT_VERSION } from '../trace/model.js';
import { TOOL_VERSION } from '../version.js';
import type { FuzzFailure } from './fuzz.js';
import type { CallRecord, CallResult } from './property.js';

export interface FailureTraceOptions {
  readonly seed: number;
  /** The component's path as the trace's folder sees it (header `componentPath`). */
  readonly componentPath?: string;
}

export function failureHeader(component: Pick<JcoComponent, 'hash'>, origin: { seed: number; path: string; property: string }, componentPath?: string): TraceHeader {
  return {
    version: TRACE_FORMAT_VERSION,
    world: 'root:component/root',
    component: `sha256:${component.hash}`,
    ...(componentPath === undefined ? {} : { componentPath }),
    tool: TOOL_VERSION,
    fuzz: origin,
  };
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
  return { header: failureHeader(component, { seed: options.seed, path: failure.path, property: failure.property }, options.componentPath), calls };
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
