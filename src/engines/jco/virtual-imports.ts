/**
 * jco import objects whose every function answers at the level of `Value`s:
 * arguments are read from jco's JS values, handed to a dispatcher (replay,
 * fuzzing), and its answer is turned back into what jco expects. Imported
 * resources get synthesized classes, so jco's `instanceof` checks hold for the
 * stand-in objects a trace's handles are bound to.
 */
import { jcoConverter, type JcoConverter } from '../../values/jco.js';
import { jcoImportAnswer, JcoResultError, type JcoImportAnswer } from '../../values/jco-return.js';
import { ResourceTable } from '../../values/resource-table.js';
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

/** A resource table for virtual imports, and how it learns the classes of their stand-ins. */
export interface StandInResources {
  readonly resources: ResourceTable;
  /** The classes `virtualImports` synthesized: from now on a handle first seen gets a stand-in of its resource's class. */
  use(classes: ReadonlyMap<string, ResourceClass>): void;
}

/**
 * The table a component with virtual imports runs with: a handle a trace or
 * a plan hands it first gets a stand-in object, an instance of the imported
 * resource's synthesized class (so jco's `instanceof` checks hold), or a
 * plain object for an exported resource (the component makes those itself).
 */
export function standInResources(): StandInResources {
  let classes: ReadonlyMap<string, ResourceClass> = new Map();
  const resources = new ResourceTable((handle, resource) => {
    const cls = classes.get(resource.id);
    return cls === undefined ? { handle: handle.id } : (Object.create(cls.prototype) as object);
  });
  return {
    resources,
    use: (synthesized) => {
      classes = synthesized;
    },
  };
}

export function virtualImports(layouts: readonly InterfaceLayout[], dispatcher: ImportDispatcher, resources: ResourceTable): VirtualImports {
  const imports: JcoImports = {};
  const classes = new Map<string, ResourceClass>();
  const dispatch = (fn: WorldFunction, args: readonly Value[]) => dispatcher.call(fn, args);
  const valueCall = (fn: WorldFunction) => new ValueCall(fn, dispatch, resources);
  for (const layout of layouts) {
    const target: Record<string, unknown> = {};
    if (layout.bareFunction !== undefined) target['default'] = importFunction(valueCall(layout.bareFunction));
    for (const [name, fn] of layout.functions) target[name] = importFunction(valueCall(fn));
    for (const resource of layout.resources) {
      const invokeConstructor = resource.construct === undefined ? undefined : valueCall(resource.construct);
      const constructorName = resource.construct?.function.name ?? resource.className;
      // A named class so that jco's messages and stack traces say which resource.
      const cls = {
        [resource.className]: class {
          constructor(...args: unknown[]) {
            if (invokeConstructor === undefined) {
              throw new TypeError(`${constructorName} has no constructor in the component's imports`);
            }
            const handle = invokeConstructor.answer(args);
            invokeConstructor.toJs(handle);
            if (!(handle instanceof ResourceHandle)) return;
            // A handle the table already knows stands for its object; a new one now means `this`.
            if (resources.has(handle)) return resources.objectOf(handle);
            resources.bind(handle, this, resource.resource);
          }
        },
      }[resource.className] as ResourceClass;
      for (const [name, fn] of resource.methods) {
        const invoke = valueCall(fn);
        Object.defineProperty(cls.prototype, name, {
          value: function (this: object, ...args: unknown[]) {
            args.unshift(this);
            return invoke.toJs(invoke.answer(args));
          },
          writable: true,
          configurable: true,
        });
      }
      for (const [name, fn] of resource.statics) {
        Object.defineProperty(cls, name, { value: importFunction(valueCall(fn)), writable: true, configurable: true });
      }
      target[resource.member] = cls;
      classes.set(resource.resource.id, cls);
    }
    imports[layout.key] = target;
  }
  return { imports, classes };
}

function importFunction(invoke: ValueCall): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => invoke.toJs(invoke.answer(args));
}

/**
 * One import function at the level of Values, its conversions made once:
 * `answer` converts jco's JS arguments and dispatches, `toJs` turns the
 * answer into what jco wants returned, or throws it. Two steps, because a
 * constructor needs the handle Value; nothing is allocated per call but the
 * arguments.
 */
class ValueCall {
  private readonly params: readonly JcoConverter[];
  /** Made at the first answer: a result type the bridge cannot convert fails that call, not the instantiation. */
  private answerJs: JcoImportAnswer | undefined;

  constructor(
    private readonly fn: WorldFunction,
    private readonly dispatch: (fn: WorldFunction, args: readonly Value[]) => Value | undefined,
    private readonly resources: ResourceTable,
  ) {
    this.params = fn.function.params.map((param) => jcoConverter(param.type));
  }

  answer(jsArgs: readonly unknown[]): Value | undefined {
    const params = this.params;
    const args: Value[] = new Array(params.length);
    for (let i = 0; i < params.length; i++) args[i] = (params[i] as JcoConverter).fromJs(jsArgs[i], this.resources);
    return withStackTraces(this.dispatch, this.fn, args);
  }

  toJs(value: Value | undefined): unknown {
    this.answerJs ??= jcoImportAnswer(this.fn.function.result);
    const js = this.answerJs(value, this.resources);
    if (js instanceof JcoResultError) throw js;
    return js;
  }
}
