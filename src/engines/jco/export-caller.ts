/**
 * Calling a component's exports with `Value` arguments and reading the outcome
 * as a `Value`, over jco's JS exports (functions, interface objects, resource
 * classes). An `err` of a top-level result is a return; anything else thrown
 * is a trap, with the thrown error kept for the caller to inspect.
 */
import { ProxyComponentError } from '../../errors.js';
import { jcoConverter } from '../../values/jco.js';
import { fromJcoReturn, fromJcoThrown } from '../../values/jco-return.js';
import type { ResourceTable } from '../../values/resource-table.js';
import type { Value } from '../../values/value.js';
import type { WitFunction, WorldFunction } from '../../wit/world.js';
import type { JcoExports } from './load.js';
import type { InterfaceLayout } from './layout.js';
import { withoutStackTraces } from './stack-traces.js';

export type ExportOutcome =
  | { readonly kind: 'return'; readonly value?: Value }
  | { readonly kind: 'trap'; readonly message: string; readonly error: unknown };

export type ExportInvoker = (args: readonly Value[]) => ExportOutcome;

type JsCall = (jsArgs: unknown[]) => unknown;

/** An invoker for every exported function, keyed by the world's function objects. */
export function exportInvokers(exports: JcoExports, layouts: readonly InterfaceLayout[], resources: ResourceTable): Map<WitFunction, ExportInvoker> {
  const invokers = new Map<WitFunction, ExportInvoker>();
  const add = (fn: WorldFunction, call: JsCall) => invokers.set(fn.function, invoker(fn, call, resources));
  for (const layout of layouts) {
    if (layout.bareFunction !== undefined) {
      add(layout.bareFunction, (args) => callMember(exports, layout.key, args));
      continue;
    }
    const target = interfaceObject(exports, layout);
    for (const [name, fn] of layout.functions) add(fn, (args) => callMember(target, name, args));
    for (const resource of layout.resources) {
      const cls = target[resource.member] as (new (...args: unknown[]) => object) & Record<string, unknown>;
      if (typeof cls !== 'function') throw missing(`resource class ${resource.className} of ${layout.key}`);
      if (resource.construct !== undefined) add(resource.construct, (args) => new cls(...args));
      for (const [name, fn] of resource.methods) {
        add(fn, ([self, ...rest]) => callMember(self as Record<string, unknown>, name, rest));
      }
      for (const [name, fn] of resource.statics) add(fn, (args) => callMember(cls, name, args));
    }
  }
  return invokers;
}

function interfaceObject(exports: JcoExports, layout: InterfaceLayout): Record<string, unknown> {
  const target = exports[layout.key];
  if (typeof target !== 'object' || target === null) throw missing(`interface ${layout.key}`);
  return target as Record<string, unknown>;
}

function callMember(target: Record<string, unknown>, name: string, args: unknown[]): unknown {
  const fn = target[name];
  if (typeof fn !== 'function') throw missing(`function ${name}`);
  return (fn as (...a: unknown[]) => unknown).apply(target, args);
}

function missing(what: string): ProxyComponentError {
  return new ProxyComponentError('COMPONENT_DECODE', `jco's output has no ${what}`);
}

function invoker(fn: WorldFunction, call: JsCall, resources: ResourceTable): ExportInvoker {
  const params = fn.function.params.map((param) => jcoConverter(param.type));
  const resultType = fn.function.result;
  return (args) => {
    const jsArgs = params.map((param, i) => param.toJs(args[i] as Value, resources));
    let returned: unknown;
    try {
      returned = withoutStackTraces(() => call(jsArgs));
    } catch (thrown) {
      try {
        return { kind: 'return', value: fromJcoThrown(thrown, resultType, 'export', resources, { componentErrorWrapping: true }) };
      } catch {
        return { kind: 'trap', message: trapMessage(thrown), error: thrown };
      }
    }
    const value = fromJcoReturn(returned, resultType, 'export', resources);
    return value === undefined ? { kind: 'return' } : { kind: 'return', value };
  };
}

/** The message of a trap as engines report it, without the JS error class prefix. */
export function trapMessage(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  return String(thrown);
}
