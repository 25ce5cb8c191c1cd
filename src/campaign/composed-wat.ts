/**
 * The provider of a composed case: a second generated component that
 * exports interface `prov`, one resource per `composed-resource` function
 * (and `invalid-handle` function misusing one), each keeping its
 * constructor's arguments in the layout of the tuple of the parameters for
 * good, its rep their address, as a `resource` function's does; `get` gives
 * them back, and the destructor counts drops (`dropped-f`). The consuming
 * component (case-wat.ts) imports `prov`; build-case.ts composes the two.
 */
import { flatten, MAX_FLAT_RESULTS } from '../instrument/abi.js';
import { echoResultType, usesProvider, type CaseFunction } from './bindings-case.js';
import { resourceLifecycleWat, resultFrom } from './case-wat.js';
import { allocatorWat, signature } from './echo-wat.js';
import { CASE_PACKAGE, PROVIDER_INTERFACE, providedResourceNames } from './wit-text.js';

const INTERFACE = `${CASE_PACKAGE}/${PROVIDER_INTERFACE}`;

function providedWat(fn: CaseFunction): { imports: string; functions: string } {
  const names = providedResourceNames(fn);
  const exported = (name: string): string => `cm32p2|${INTERFACE}|${name}`;
  const { results, expr } = resultFrom(fn, '(local.get 0)');
  const lifecycle = resourceLifecycleWat(fn, exported, names);
  const post = flatten(echoResultType(fn)).length > MAX_FLAT_RESULTS ? `\n  (func (export "${exported(names.get)}_post")${signature('param', results)} (call $reset_heap))` : '';
  return {
    imports: `\n  (import "cm32p2|_ex_${INTERFACE}" "${fn.name}_new" (func $${fn.name}_new (param i32) (result i32)))`,
    functions: `${lifecycle.made}
  (func (export "${exported(names.get)}") (param i32)${signature('result', results)} ${expr})${post}${lifecycle.dropped}`,
  };
}

/** The provider's core module, or undefined when no function of the case uses one. */
export function providerModuleWat(functions: readonly CaseFunction[]): string | undefined {
  const provided = functions.filter(usesProvider).map(providedWat);
  if (provided.length === 0) return undefined;
  return `(module${provided.map((p) => p.imports).join('')}${allocatorWat()}\n${provided.map((p) => p.functions).join('\n')}\n)\n`;
}
