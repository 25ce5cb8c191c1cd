/**
 * Finding a function by the name a user writes in a WAVE call.
 *
 * Three spellings are accepted, as in the WAVE reference:
 * - bare: `get` (a world-level function, or a function of the one interface in scope),
 * - interface-qualified: `store.get`,
 * - fully qualified: `held:kv/store.get@0.1.0` (the version, when given, must match;
 *   it may be omitted).
 * Resource functions keep their component-model names: `[method]handle.get`.
 */
import { worldFunctions, type WitFunction, type WitInterface, type World, type WorldFunction } from './world.js';

/** What a call name may resolve against: some interfaces and some bare functions. */
export interface FunctionScope {
  readonly interfaces: readonly WitInterface[];
  /** World-level functions, by name. */
  readonly functions: ReadonlyMap<string, WitFunction>;
  /** When set, bare names also look in this interface (the `--interface` of the CLI). */
  readonly defaultInterface?: WitInterface;
}

/**
 * The functions a world imports and exports (or only one direction); exports
 * win when both have a name.
 */
export function worldScope(world: World, direction?: 'import' | 'export'): FunctionScope {
  const interfaces: WitInterface[] = [];
  const functions = new Map<string, WitFunction>();
  const directions = direction === undefined ? [world.exports, world.imports] : [direction === 'export' ? world.exports : world.imports];
  for (const items of directions) {
    for (const item of items.values()) {
      if (item.kind === 'interface') interfaces.push(item.interface);
      else if (item.kind === 'function' && !functions.has(item.name)) functions.set(item.name, item.function);
    }
  }
  return { interfaces, functions };
}

/** The functions of one interface, callable bare or qualified. */
export function interfaceScope(iface: WitInterface): FunctionScope {
  return { interfaces: [iface], functions: new Map(), defaultInterface: iface };
}

interface CallName {
  readonly namespace?: string;
  readonly packageName?: string;
  readonly interfaceName?: string;
  readonly functionName: string;
  readonly version?: string;
}

/** Splits `ns:pkg/iface.func@ver`, `iface.func` or `func`; undefined when malformed. */
export function splitCallName(name: string): CallName | undefined {
  if (name.startsWith('[')) return { functionName: name };
  let rest = name;
  let version: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    version = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (version === '') return undefined;
  }
  let namespace: string | undefined;
  let packageName: string | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const slash = rest.indexOf('/', colon);
    if (slash < 0) return undefined;
    namespace = rest.slice(0, colon);
    packageName = rest.slice(colon + 1, slash);
    rest = rest.slice(slash + 1);
  }
  const dot = rest.indexOf('.');
  if (dot < 0) {
    if (namespace !== undefined || version !== undefined) return undefined;
    return { functionName: rest };
  }
  return { namespace, packageName, interfaceName: rest.slice(0, dot), functionName: rest.slice(dot + 1), version };
}

/** The function `name` denotes in `scope`, or undefined. */
export function lookupFunction(scope: FunctionScope, name: string): WitFunction | undefined {
  const parts = splitCallName(name);
  if (parts === undefined) return undefined;
  if (parts.interfaceName === undefined) {
    return scope.functions.get(parts.functionName) ?? scope.defaultInterface?.functions.get(parts.functionName);
  }
  for (const iface of scope.interfaces) {
    if (matchesInterface(iface, parts)) {
      const found = iface.functions.get(parts.functionName);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function matchesInterface(iface: WitInterface, parts: CallName): boolean {
  const ifaceName = iface.name ?? iface.id;
  if (ifaceName !== parts.interfaceName) return false;
  if (parts.namespace === undefined) return parts.version === undefined;
  const pkg = iface.package;
  if (pkg === undefined || pkg.namespace !== parts.namespace || pkg.name !== parts.packageName) return false;
  return parts.version === undefined || parts.version === pkg.version;
}

/**
 * Whether two package versions are compatible as the component model links
 * them (semver): the same major version, or for 0.x the same minor, or for
 * 0.0.x the same patch. `wasi:cli/environment@0.2.9` and `@0.2.4` are
 * compatible (two builds of one program often pin different patch releases
 * of WASI); `@0.2.4` and `@0.3.0` are not.
 */
export function compatibleVersions(a: string, b: string): boolean {
  const parse = (version: string) => /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  const x = parse(a);
  const y = parse(b);
  if (x === null || y === null) return a === b;
  if (x[1] !== y[1]) return false;
  if (x[1] !== '0') return true;
  if (x[2] !== y[2]) return false;
  return x[2] !== '0' || x[3] === y[3];
}

/**
 * The canonical WAVE call name of a world function: the bare name for a
 * world-level function, `iface.func` for an inline interface, and
 * `ns:pkg/iface.func@version` for a package interface.
 */
export function callNameOf(worldFunction: WorldFunction): string {
  const { function: func } = worldFunction;
  const iface = worldFunction.interface;
  if (iface === undefined) return func.name;
  const pkg = iface.package;
  if (pkg === undefined || iface.name === undefined) return `${iface.id}.${func.name}`;
  const base = `${pkg.namespace}:${pkg.name}/${iface.name}.${func.name}`;
  return pkg.version === undefined ? base : `${base}@${pkg.version}`;
}

/**
 * A call name without its interface's version (`ns:pkg/iface.func`): the
 * same function of two versions of one interface shares it. jco gives both
 * versions one import object, so it cannot tell which of them a call went to;
 * comparisons and answers that must agree with jco use this name.
 */
export function unversionedCallName(name: string): string {
  return name.replace(/@[^@]*$/, '');
}

/** The canonical call names of a world's functions in one direction (for `similarCallNames`). */
export function callNames(world: World, direction: 'import' | 'export'): string[] {
  return worldFunctions(world, direction).map(callNameOf);
}

/**
 * The names among `candidates` (canonical call names) that `name`, which
 * named none of them, most likely meant, in the shortest spelling WAVE
 * accepts: `calc.checksum` for `checksum` when the function is
 * `ns:pkg/calc.checksum@0.1.0`; a close misspelling (`chekcsum`) too.
 */
export function similarCallNames(name: string, candidates: readonly string[]): string[] {
  const wanted = unversionedCallName(name);
  const short = (candidate: string) => {
    const parts = splitCallName(candidate);
    return parts?.interfaceName === undefined ? (parts?.functionName ?? candidate) : `${parts.interfaceName}.${parts.functionName}`;
  };
  const exact = candidates.filter((candidate) => {
    const bare = unversionedCallName(candidate);
    return bare !== wanted && (bare.endsWith(`.${wanted}`) || bare.endsWith(`/${wanted}`));
  });
  if (exact.length > 0) return [...new Set(exact.map(short))].slice(0, 3);
  const target = splitCallName(wanted)?.functionName ?? wanted;
  const limit = Math.max(1, Math.floor(target.length / 4));
  const close = candidates
    .map((candidate) => ({ candidate, distance: editDistance(target, splitCallName(unversionedCallName(candidate))?.functionName ?? candidate) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance);
  return [...new Set(close.map(({ candidate }) => short(candidate)))].slice(0, 3);
}

/** ` (did you mean `a` or `b`?)`, or '' when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const similar = similarCallNames(name, candidates);
  if (similar.length === 0) return '';
  return ` (did you mean ${similar.map((candidate) => `\`${candidate}\``).join(' or ')}?)`;
}

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1] as number[];
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}
