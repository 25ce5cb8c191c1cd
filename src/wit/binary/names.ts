/**
 * What component-model names say: `ns:pkg/iface@1.0.0` names an interface of a
 * package, and `[constructor]r`, `[method]r.m`, `[static]r.s` name the
 * functions of a resource.
 */
import type { FunctionKind, PackageName } from '../world.js';

export interface InterfaceName {
  readonly package: PackageName;
  readonly name: string;
}

/** The package and interface of `ns:pkg/iface@version`, or undefined for a plain name. */
export function parseInterfaceName(name: string): InterfaceName | undefined {
  const at = name.indexOf('@');
  const path = at === -1 ? name : name.slice(0, at);
  const version = at === -1 ? undefined : name.slice(at + 1);
  const colon = path.indexOf(':');
  const slash = path.indexOf('/', colon + 1);
  if (colon <= 0 || slash === -1 || slash === colon + 1 || slash === path.length - 1) return undefined;
  const pkg: PackageName = { namespace: path.slice(0, colon), name: path.slice(colon + 1, slash), ...(version === undefined ? {} : { version }) };
  return { package: pkg, name: path.slice(slash + 1) };
}

export interface FunctionName {
  readonly kind: FunctionKind;
  /** The resource a constructor, method or static function belongs to. */
  readonly resource?: string;
  /** Named async by the older `[async]` annotations. */
  readonly async: boolean;
}

const ANNOTATIONS: ReadonlyMap<string, { kind: FunctionKind; async: boolean; dotted: boolean }> = new Map([
  ['constructor', { kind: 'constructor', async: false, dotted: false }],
  ['method', { kind: 'method', async: false, dotted: true }],
  ['static', { kind: 'static', async: false, dotted: true }],
  ['async', { kind: 'freestanding', async: true, dotted: false }],
  ['async method', { kind: 'method', async: true, dotted: true }],
  ['async static', { kind: 'static', async: true, dotted: true }],
]);

/** The kind of function a name denotes; undefined when the name has an unknown `[...]` annotation. */
export function parseFunctionName(name: string): FunctionName | undefined {
  if (!name.startsWith('[')) return { kind: 'freestanding', async: false };
  const close = name.indexOf(']');
  const annotation = ANNOTATIONS.get(name.slice(1, close));
  if (close === -1 || annotation === undefined) return undefined;
  const rest = name.slice(close + 1);
  if (!annotation.dotted) {
    return annotation.kind === 'constructor' ? { kind: 'constructor', resource: rest, async: false } : { kind: annotation.kind, async: annotation.async };
  }
  const dot = rest.indexOf('.');
  if (dot <= 0) return undefined;
  return { kind: annotation.kind, resource: rest.slice(0, dot), async: annotation.async };
}
