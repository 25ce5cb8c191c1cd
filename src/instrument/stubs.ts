/**
 * `generate stubs`: a TypeScript host module for a component's imports, in
 * the shape `proxy-component record --host` (and jco's `instantiate`) takes.
 *
 * The shape is not described here: it is engines/jco/layout.ts's, over the
 * import specifiers jco would read (`jcoImportSpecifiers`), so the stubs
 * have exactly the keys and members the recorder and jco look up. One
 * `imports` object holds, under each key, the functions (lowerCamelCase),
 * the resource classes (UpperCamelCase, or `default` for a resource
 * declared in the world) and a bare world function as `default`. Classes
 * are declared once at the top of the module under names of their own, so
 * that two resources named alike (in two interfaces) do not clash; two
 * versions of one interface share one object and one class per resource
 * name, as jco coalesces them.
 *
 * Types follow jco's representation (values/jco.ts): 64-bit integers are
 * bigints, records have camelCase fields, `option<T>` is `T | undefined`
 * unless T is itself nullable, a top-level `result<T, E>` returns T and
 * throws E. Every body throws "not implemented: <name>" until filled in, like
 * `wit-bindgen --stubs`. WASI imports are left out: the recorder's sandboxed
 * WASI provides them.
 */
import { coalescedWith, importLayouts, jcoImportSpecifiers, type ResourceLayout } from '../engines/jco/layout.js';
import { isJcoNullable } from '../values/jco-nullable.js';
import { jcoClassName, jcoPropertyName } from '../values/jco-names.js';
import type { ResourceType, WitType } from '../wit/types.js';
import { callNameOf } from '../wit/lookup.js';
import type { WitFunction, World, WorldFunction } from '../wit/world.js';

const TYPED_ARRAYS: Partial<Record<string, string>> = {
  u8: 'Uint8Array', s8: 'Int8Array', u16: 'Uint16Array', s16: 'Int16Array', u32: 'Uint32Array', s32: 'Int32Array',
  u64: 'BigUint64Array', s64: 'BigInt64Array', f32: 'Float32Array', f64: 'Float64Array',
};

/** Global names the module uses, which a WIT type or resource must not shadow (a resource `error` would shadow `Error`). */
const GLOBALS_USED = ['Error', 'Array', ...Object.values(TYPED_ARRAYS).filter((name): name is string => name !== undefined)];

/** The module's top-level names: each WIT type and resource class gets one of its own. */
class ModuleNames {
  private readonly taken = new Set<string>([...GLOBALS_USED, 'imports']);

  /** `base`, or `base2`, `base3`... when taken. */
  take(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }
}

class TsTypes {
  /** Declarations of named types, by TS name, in first-use order. */
  readonly declarations = new Map<string, string>();
  private readonly typeNames = new Map<string, string>();

  /** `classes`: the TS class of each imported resource, by resource id. */
  constructor(
    private readonly names: ModuleNames,
    private readonly classes: ReadonlyMap<string, string>,
  ) {}

  ref(type: WitType): string {
    const declared = this.named(type);
    if (declared !== undefined) return declared;
    return this.structure(type);
  }

  private named(type: WitType): string | undefined {
    if (type.name === undefined || type.kind === 'own' || type.kind === 'borrow') return undefined;
    const key = `${type.name.owner ?? ''}#${type.name.name}`;
    let name = this.typeNames.get(key);
    if (name === undefined) {
      name = this.names.take(jcoClassName(type.name.name));
      this.typeNames.set(key, name);
      // Reserved first, so that a type used inside its own declaration's types keeps first-use order.
      this.declarations.set(name, '');
      this.declarations.set(name, `export type ${name} = ${this.structure(type)};`);
    }
    return name;
  }

  private structure(type: WitType): string {
    switch (type.kind) {
      case 'bool':
        return 'boolean';
      case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 'f32': case 'f64':
        return 'number';
      case 's64': case 'u64':
        return 'bigint';
      case 'char': case 'string':
        return 'string';
      case 'list': {
        if (type.length === undefined && TYPED_ARRAYS[type.element.kind] !== undefined) return TYPED_ARRAYS[type.element.kind] as string;
        return `Array<${this.ref(type.element)}>`;
      }
      case 'tuple':
        return `[${type.elements.map((e) => this.ref(e)).join(', ')}]`;
      case 'record':
        return `{ ${type.fields.map((f) => `${jcoPropertyName(f.name)}: ${this.ref(f.type)}`).join('; ')} }`;
      case 'variant':
        return type.cases.map((c) => (c.type === undefined ? `{ tag: '${c.name}' }` : `{ tag: '${c.name}'; val: ${this.ref(c.type)} }`)).join(' | ');
      case 'enum':
        return type.cases.map((c) => `'${c}'`).join(' | ');
      case 'flags':
        return `{ ${type.flags.map((f) => `${jcoPropertyName(f)}?: boolean`).join('; ')} }`;
      case 'option':
        return isJcoNullable(type.some) ? `{ tag: 'none' } | { tag: 'some'; val: ${this.ref(type.some)} }` : `${this.ref(type.some)} | undefined`;
      case 'result':
        return `{ tag: 'ok'; val: ${type.ok === undefined ? 'undefined' : this.ref(type.ok)} } | { tag: 'err'; val: ${type.err === undefined ? 'undefined' : this.ref(type.err)} }`;
      case 'own':
      case 'borrow':
        return this.classes.get(type.resource.id) ?? this.providedResource(type.resource);
      default:
        return 'never';
    }
  }

  /** A resource whose class this module does not declare (a WASI one): an object the sandboxed WASI makes. */
  private providedResource(resource: ResourceType): string {
    const key = `resource ${resource.id}`;
    let name = this.typeNames.get(key);
    if (name === undefined) {
      name = this.names.take(jcoClassName(resource.name.name));
      this.typeNames.set(key, name);
      this.declarations.set(name, `/** \`${resource.id}\`: its class comes from the recorder's sandboxed WASI. */\nexport type ${name} = object;`);
    }
    return name;
  }

  /** The return type a host function declares: a top-level result returns its ok payload (err is thrown). */
  returns(func: WitFunction): string {
    const result = func.result;
    if (result === undefined) return 'void';
    if (result.kind === 'result') return result.ok === undefined ? 'void' : this.ref(result.ok);
    return this.ref(result);
  }
}

const RESERVED_WORDS = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface ' +
    'package private protected public await arguments eval').split(' '),
);

/** A parameter name: jco's camelCase, with `_` after a word strict mode reserves. */
function parameterName(witName: string): string {
  const name = jcoPropertyName(witName);
  return RESERVED_WORDS.has(name) ? `${name}_` : name;
}

function params(types: TsTypes, func: WitFunction, skipSelf: boolean): string {
  return func.params
    .slice(skipSelf ? 1 : 0)
    .map((p) => `${parameterName(p.name)}: ${types.ref(p.type)}`)
    .join(', ');
}

function notImplemented(fn: WorldFunction): string {
  return `throw new Error(${JSON.stringify(`not implemented: ${callNameOf(fn)}`)});`;
}

/** A line saying which other versions' function jco answers with this one, when it does. */
function coalescedNote(fn: WorldFunction, indent: string): string[] {
  const others = coalescedWith(fn.function);
  if (others.length === 0) return [];
  return [`${indent}// jco calls this one function for ${others.map((other) => callNameOf(other)).join(' and ')} too.`];
}

/** A function (or method, or static) with its body: `  name(a: T): R {`, the throw, `  }`. */
function member(types: TsTypes, fn: WorldFunction, head: string, skipSelf: boolean, indent: string, returns = true): string[] {
  const signature = `${head}(${params(types, fn.function, skipSelf)})${returns ? `: ${types.returns(fn.function)}` : ''}`;
  return [...coalescedNote(fn, indent), `${indent}${signature} {`, `${indent}  ${notImplemented(fn)}`, `${indent}}`];
}

/** One class for the resources jco reads under one member of one key (two versions of an interface share it). */
interface StubClass {
  readonly name: string;
  readonly resources: readonly ResourceLayout[];
}

function classLines(types: TsTypes, stub: StubClass): string[] {
  const merged = mergeResources(stub.resources);
  const lines: string[] = [];
  if (stub.resources.length > 1) {
    lines.push(`// jco reads this one class for ${stub.resources.map((r) => `\`${r.resource.id}\``).join(' and ')}.`);
  }
  lines.push(`export class ${stub.name} {`);
  if (merged.construct !== undefined) lines.push(...member(types, merged.construct, 'constructor', false, '  ', false));
  for (const [name, fn] of merged.methods) lines.push(...member(types, fn, name, true, '  '));
  for (const [name, fn] of merged.statics) lines.push(...member(types, fn, `static ${name}`, false, '  '));
  lines.push('}');
  return lines;
}

/** The constructor, methods and statics of resources sharing one class, the later version's where both have one. */
function mergeResources(resources: readonly ResourceLayout[]): { construct?: WorldFunction; methods: Map<string, WorldFunction>; statics: Map<string, WorldFunction> } {
  const methods = new Map<string, WorldFunction>();
  const statics = new Map<string, WorldFunction>();
  let construct: WorldFunction | undefined;
  for (const resource of resources) {
    construct = resource.construct ?? construct;
    for (const [name, fn] of resource.methods) methods.set(name, fn);
    for (const [name, fn] of resource.statics) statics.set(name, fn);
  }
  return { ...(construct === undefined ? {} : { construct }), methods, statics };
}

/** The host stubs module for the imports of `world`, as TypeScript source. */
export function generateHostStubs(world: World, source = 'the component'): string {
  const layouts = importLayouts(world, jcoImportSpecifiers(world)).filter((layout) => !layout.key.startsWith('wasi:'));
  const names = new ModuleNames();
  // Classes named first, so that a resource keeps its jco class name and a same-named type gives way.
  const classIds = new Map<string, string>();
  const classesByLayout = layouts.map((layout) => {
    const byMember = new Map<string, ResourceLayout[]>();
    for (const resource of layout.resources) byMember.set(resource.member, [...(byMember.get(resource.member) ?? []), resource]);
    return [...byMember].map(([memberName, resources]) => {
      const stub: StubClass = { name: names.take((resources[0] as ResourceLayout).className), resources };
      for (const resource of resources) classIds.set(resource.resource.id, stub.name);
      return { member: memberName, stub };
    });
  });
  const types = new TsTypes(names, classIds);

  const classes: string[] = [];
  const entries: string[] = [];
  layouts.forEach((layout, index) => {
    const members: string[] = [];
    for (const { member: memberName, stub } of classesByLayout[index] ?? []) {
      classes.push(...classLines(types, stub), '');
      members.push(memberName === stub.name ? `    ${stub.name},` : `    ${memberName}: ${stub.name},`);
    }
    if (layout.bareFunction !== undefined) members.push(...withComma(member(types, layout.bareFunction, 'default', false, '    ')));
    for (const [name, fn] of layout.functions) members.push(...withComma(member(types, fn, name, false, '    ')));
    entries.push(`  ${propertyKey(layout.key)}: {`, ...members, '  },');
  });

  return [
    `// Host stubs for the imports of ${source.replace(/[\r\n]+/g, ' ')}, generated by proxy-component generate stubs.`,
    '// Fill in each function; the ones left throw "not implemented: <name>" when called.',
    '// A function whose WIT result is result<T, E> returns T and throws E; 64-bit integers are bigints.',
    '// WASI imports are not here: the recorder gives the component a sandboxed WASI.',
    '// `imports` is the object jco\'s instantiate takes, keyed as jco reads it.',
    '',
    ...[...types.declarations.values()],
    ...(types.declarations.size > 0 ? [''] : []),
    ...classes,
    'export const imports = {',
    ...entries,
    '};',
    '',
    'export default imports;',
    '',
  ].join('\n');
}

/** A key as an object literal writes it: bare when it is an identifier, quoted otherwise. */
function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** A member's lines with the closing brace followed by a comma, as an object literal wants. */
function withComma(lines: string[]): string[] {
  return lines.map((line, i) => (i === lines.length - 1 ? `${line},` : line));
}
