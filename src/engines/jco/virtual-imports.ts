/**
 * jco import objects whose every function answers at the level of `Value`s:
 * arguments are read from jco's JS values, handed to a dispatcher (replay,
 * fuzzing), and its answer is turned back into what jco expects. Imported
 * resources get synthesized classes, so jco's `instanceof` checks hold for the
 * stand-in objects a trace's handles are bound to.
 */
import { jcoConverter } from '../../values/jco.js';
import { toJcoReturn } from '../../values/jco-return.js';
import type { ResourceTable } from '../../values/resource-table.js';
import { ResourceHandle, type Value } from '../../values/value.js';
import type { WorldFunction } from '../../wit/world.js';
import type { JcoImports } from './load.js';
import type { InterfaceLayout } from './layout.js';
import { withStackTraces } from './stack-traces.js';

/** Answers the component's import calls. Throwing fails the call: the export that made it traps. */
export interface ImportDispatcher {
  call(fn: WorldFunction, args: readonly Value[]): Value | undefined;
}

export type ResourceClass = new (...args: unknown[]) => object;

export interface VirtualImports {
  readonly imports: JcoImports;
  /** The synthesized class of each imported resource, by resource id. */
  readonly classes: ReadonlyMap<string, ResourceClass>;
}

export function virtualImports(layouts: readonly InterfaceLayout[], dispatcher: ImportDispatcher, resources: ResourceTable): VirtualImports {
  const imports: JcoImports = {};
  const classes = new Map<string, ResourceClass>();
  for (const layout of layouts) {
    const target: Record<string, unknown> = {};
    if (layout.bareFunction !== undefined) target['default'] = importFunction(layout.bareFunction, dispatcher, resources);
    for (const [name, fn] of layout.functions) target[name] = importFunction(fn, dispatcher, resources);
    for (const resource of layout.resources) {
      const invokeConstructor = resource.construct === undefined ? undefined : valueCall(resource.construct, dispatcher, resources);
      const constructorName = resource.construct?.function.name ?? resource.className;
      // A named class so that jco's messages and stack traces say which resource.
      const cls = {
        [resource.className]: class {
          constructor(...args: unknown[]) {
            if (invokeConstructor === undefined) {
              throw new TypeError(`${constructorName} has no constructor in the component's imports`);
            }
            const handle = invokeConstructor(args).value;
            if (!(handle instanceof ResourceHandle)) return;
            // A handle the table already knows stands for its object; a new one now means `this`.
            if (resources.has(handle)) return resources.objectOf(handle);
            resources.bind(handle, this, resource.resource);
          }
        },
      }[resource.className] as ResourceClass;
      for (const [name, fn] of resource.methods) {
        const invoke = valueCall(fn, dispatcher, resources);
        Object.defineProperty(cls.prototype, name, {
          value: function (this: object, ...args: unknown[]) {
            return invoke([this, ...args]).js;
          },
          writable: true,
          configurable: true,
        });
      }
      for (const [name, fn] of resource.statics) {
        const invoke = valueCall(fn, dispatcher, resources);
        Object.defineProperty(cls, name, { value: (...args: unknown[]) => invoke(args).js, writable: true, configurable: true });
      }
      target[resource.member] = cls;
      classes.set(resource.resource.id, cls);
    }
    imports[layout.key] = target;
  }
  return { imports, classes };
}

function importFunction(fn: WorldFunction, dispatcher: ImportDispatcher, resources: ResourceTable): (...args: unknown[]) => unknown {
  const invoke = valueCall(fn, dispatcher, resources);
  return (...args: unknown[]) => invoke(args).js;
}

/**
 * Converts JS arguments, dispatches, and converts the answer the way jco wants
 * it returned or thrown. Returns both forms: constructors need the handle Value.
 */
function valueCall(
  fn: WorldFunction,
  dispatcher: ImportDispatcher,
  resources: ResourceTable,
): (jsArgs: readonly unknown[]) => { readonly js: unknown; readonly value: Value | undefined } {
  const params = fn.function.params.map((param) => jcoConverter(param.type));
  const resultType = fn.function.result;
  return (jsArgs) => {
    const args: Value[] = new Array(params.length);
    params.forEach((param, i) => (args[i] = param.fromJs(jsArgs[i], resources)));
    const value = withStackTraces(() => dispatcher.call(fn, args));
    const outcome = toJcoReturn(value, resultType, resources);
    if (outcome.kind === 'throw') throw outcome.error;
    return { js: outcome.value, value };
  };
}
