/**
 * The body of an interface (a package interface or one written inline in a
 * world): its `use`s, type definitions and functions, in declaration order.
 */
import type { ResourceType, TypeDefinition } from '../types.js';
import type { WitFunction, WitInterface } from '../world.js';
import type { InterfaceItemSyntax, UsePath, UseSyntax } from './ast.js';
import { buildFunction, buildResourceFunctions } from './resolve-functions.js';
import { TypeScope, resolveError, type ScopeOwner } from './type-scope.js';

export interface InterfaceBody {
  readonly types: Map<string, TypeDefinition>;
  readonly functions: Map<string, WitFunction>;
  /** The interfaces this one `use`s types from, in first-use order. */
  readonly dependencies: readonly WitInterface[];
}

/** Finds the interface a `use` path names (resolving it first if needed). */
export type InterfaceLookup = (path: UsePath) => WitInterface;

export function resolveInterfaceBody(owner: ScopeOwner, items: readonly InterfaceItemSyntax[], lookup: InterfaceLookup): InterfaceBody {
  const scope = new TypeScope(owner);
  const dependencies: WitInterface[] = [];
  // Declare every name first: types may be used before they are written.
  for (const item of items) {
    if (item.kind === 'use') {
      const target = lookup(item.path);
      if (!dependencies.includes(target)) dependencies.push(target);
      declareUse(scope, item, target);
    } else if (item.kind === 'type') {
      scope.declareType(item.def);
    } else {
      scope.declareFunction(item.name);
    }
  }
  const types = scope.definitions();
  const functions = new Map<string, WitFunction>();
  for (const item of items) {
    if (item.kind === 'func') {
      functions.set(item.name.name, buildFunction(scope, item.name, item.func));
    } else if (item.kind === 'type' && item.def.kind === 'resource') {
      const resource = types.get(item.def.name.name) as ResourceType;
      for (const func of buildResourceFunctions(scope, resource, item.def.functions)) functions.set(func.name, func);
    }
  }
  return { types, functions, dependencies };
}

/** Brings the names of `use target.{a, b as c}` into `scope`: the very same type objects. */
export function declareUse(scope: TypeScope, use: UseSyntax, target: WitInterface): TypeDefinition[] {
  return use.names.map((entry) => {
    const found = target.types.get(entry.name.name);
    if (found === undefined) {
      const label = `interface \`${target.id}\``;
      const detail = target.functions.has(entry.name.name)
        ? `\`${entry.name.name}\` is a function of ${label}; only types can be \`use\`d`
        : `${label} has no type \`${entry.name.name}\``;
      throw resolveError(detail, entry.name.location);
    }
    scope.declareUse(entry.as ?? entry.name, found);
    return found;
  });
}
