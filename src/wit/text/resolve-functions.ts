/**
 * Functions: freestanding ones, and the resource functions that `resource r { ... }`
 * desugars into (`[constructor]r`, `[method]r.m` with `self: borrow<r>` first,
 * `[static]r.s`), with the checks the reference implementation makes on them.
 */
import type { ResourceType, WitType } from '../types.js';
import type { Param, WitFunction } from '../world.js';
import type { FuncSyntax, Identifier, ResourceFuncSyntax } from './ast.js';
import { TypeScope, UniqueNames, resolveError } from './type-scope.js';

/** A function declared as `name: func(...)`. */
export function buildFunction(scope: TypeScope, name: Identifier, func: FuncSyntax): WitFunction {
  return build(scope, name.name, 'freestanding', func, name, undefined, []);
}

/** The functions of `resource r { ... }`, in declaration order. */
export function buildResourceFunctions(scope: TypeScope, resource: ResourceType, functions: readonly ResourceFuncSyntax[]): WitFunction[] {
  const names = new UniqueNames(`resource \`${resource.name.name}\``);
  const built: WitFunction[] = [];
  for (const syntax of functions) {
    names.add(syntax.name, syntax.kind === 'constructor' ? 'the constructor' : 'function');
    const r = resource.name.name;
    switch (syntax.kind) {
      case 'constructor':
        built.push(build(scope, `[constructor]${r}`, 'constructor', syntax.func, syntax.name, resource, []));
        break;
      case 'method': {
        const self: Param = { name: 'self', type: { kind: 'borrow', resource } };
        built.push(build(scope, `[method]${r}.${syntax.name.name}`, 'method', syntax.func, syntax.name, resource, [self]));
        break;
      }
      case 'static':
        built.push(build(scope, `[static]${r}.${syntax.name.name}`, 'static', syntax.func, syntax.name, resource, []));
        break;
    }
  }
  return built;
}

function build(
  scope: TypeScope,
  name: string,
  kind: WitFunction['kind'],
  func: FuncSyntax,
  at: Identifier,
  resource: ResourceType | undefined,
  implicit: readonly Param[],
): WitFunction {
  const what = kind === 'constructor' ? `the constructor of \`${resource?.name.name}\`` : `function \`${at.name}\``;
  const names = new UniqueNames(what);
  for (const param of implicit) names.add({ name: param.name, location: at.location }, 'parameter');
  const params = [...implicit];
  for (const param of func.params) {
    names.add(param.name, 'parameter');
    params.push({ name: param.name.name, type: scope.valueType(param.type) });
  }
  let result = func.result === undefined ? undefined : scope.valueType(func.result);
  if (result !== undefined && containsBorrow(result, new Set())) {
    throw resolveError(`${what} returns a borrowed handle: \`borrow<...>\` may only appear in parameters`, func.result?.location);
  }
  if (kind === 'constructor' && resource !== undefined) {
    if (result === undefined) result = { kind: 'own', resource };
    else if (!isConstructorResult(result, resource)) {
      const r = resource.name.name;
      throw resolveError(`${what} must return \`${r}\` (the default) or \`result<${r}, E>\``, func.result?.location);
    }
  }
  const built: { -readonly [K in keyof WitFunction]: WitFunction[K] } = { name, kind, params };
  if (resource !== undefined) built.resource = resource;
  if (result !== undefined) built.result = result;
  if (func.async) built.async = true;
  return built;
}

function isConstructorResult(result: WitType, resource: ResourceType): boolean {
  return result.kind === 'result' && result.ok?.kind === 'own' && result.ok.resource.id === resource.id;
}

/** True when a borrowed handle is somewhere inside `type`; `seen` skips named types already checked. */
function containsBorrow(type: WitType, seen: Set<WitType>): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  switch (type.kind) {
    case 'borrow':
      return true;
    case 'list':
      return containsBorrow(type.element, seen);
    case 'option':
      return containsBorrow(type.some, seen);
    case 'tuple':
      return type.elements.some((element) => containsBorrow(element, seen));
    case 'record':
      return type.fields.some((field) => containsBorrow(field.type, seen));
    case 'variant':
      return type.cases.some((c) => c.type !== undefined && containsBorrow(c.type, seen));
    case 'result':
      return (type.ok !== undefined && containsBorrow(type.ok, seen)) || (type.err !== undefined && containsBorrow(type.err, seen));
    case 'future':
    case 'stream':
      return type.element !== undefined && containsBorrow(type.element, seen);
    default:
      return false;
  }
}
