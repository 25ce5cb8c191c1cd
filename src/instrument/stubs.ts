/**
 * `generate stubs`: a TypeScript host module for a component's imports, in
 * the shape `proxy-component record --host` (and jco's `instantiate`) takes:
 * one object per imported interface, keyed by its id without version,
 * holding functions (lowerCamelCase) and resource classes (UpperCamelCase);
 * a bare world function as `{ default: fn }`. Types follow jco's
 * representation (values/jco.ts): 64-bit integers are bigints, records have
 * camelCase fields, `option<T>` is `T | undefined` unless T is itself
 * nullable, a top-level `result<T, E>` returns T and throws E. Every body
 * throws "not implemented: <name>" until filled in, like `wit-bindgen --stubs`.
 * WASI imports are left out: the recorder's sandboxed WASI provides them.
 */
import { jcoFunctionName } from '../engines/jco/layout.js';
import { isJcoNullable } from '../values/jco-nullable.js';
import { jcoClassName, jcoPropertyName } from '../values/jco-names.js';
import type { TypeDefinition, WitType } from '../wit/types.js';
import { callNameOf } from '../wit/lookup.js';
import type { WitFunction, WitInterface, World, WorldFunction } from '../wit/world.js';

const TYPED_ARRAYS: Partial<Record<string, string>> = {
  u8: 'Uint8Array', s8: 'Int8Array', u16: 'Uint16Array', s16: 'Int16Array', u32: 'Uint32Array', s32: 'Int32Array',
  u64: 'BigUint64Array', s64: 'BigInt64Array', f32: 'Float32Array', f64: 'Float64Array',
};

class TsTypes {
  /** Declarations of named types, by TS name, in first-use order. */
  readonly declarations = new Map<string, string>();
  private readonly names = new Map<string, string>();

  ref(type: WitType): string {
    const declared = this.named(type);
    if (declared !== undefined) return declared;
    return this.structure(type);
  }

  private named(type: WitType): string | undefined {
    if (type.name === undefined || type.kind === 'own' || type.kind === 'borrow') return undefined;
    const key = `${type.name.owner ?? ''}#${type.name.name}`;
    let name = this.names.get(key);
    if (name === undefined) {
      const base = jcoClassName(type.name.name);
      name = base;
      for (let n = 2; [...this.names.values()].includes(name); n++) name = `${base}${n}`;
      this.names.set(key, name);
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
        return jcoClassName(type.resource.name.name);
      default:
        return 'never';
    }
  }

  /** The return type a host function declares: a top-level result returns its ok payload (err is thrown). */
  returns(func: WitFunction): string {
    const result = func.result;
    if (result === undefined) return 'void';
    if (result.kind === 'result') return result.ok === undefined ? 'void' : this.ref(result.ok);
    return this.ref(result);
  }
}

function params(types: TsTypes, func: WitFunction, skipSelf: boolean): string {
  return func.params
    .slice(skipSelf ? 1 : 0)
    .map((p) => `${safeIdentifier(jcoPropertyName(p.name))}: ${types.ref(p.type)}`)
    .join(', ');
}

function safeIdentifier(name: string): string {
  return /^(?:break|case|catch|class|const|continue|debugger|default|delete|do|else|enum|export|extends|false|finally|for|function|if|import|in|instanceof|new|null|return|super|switch|this|throw|true|try|typeof|var|void|while|with|yield|let|static|implements|interface|package|private|protected|public|await)$/.test(name) ? `${name}_` : name;
}

function notImplemented(fn: WorldFunction): string {
  return `throw new Error(${JSON.stringify(`not implemented: ${callNameOf(fn)}`)});`;
}

function resourceClass(types: TsTypes, iface: WitInterface, itemName: string, resource: TypeDefinition & { kind: 'resource' }): string[] {
  const className = jcoClassName(resource.name.name);
  const lines = [`export class ${className} {`];
  for (const func of iface.functions.values()) {
    if (func.resource?.id !== resource.id) continue;
    const fn: WorldFunction = { direction: 'import', itemName, interface: iface, function: func };
    if (func.kind === 'constructor') lines.push(`  constructor(${params(types, func, false)}) {`, `    ${notImplemented(fn)}`, '  }');
    else if (func.kind === 'method') lines.push(`  ${jcoFunctionName(func.name)}(${params(types, func, true)}): ${types.returns(func)} {`, `    ${notImplemented(fn)}`, '  }');
    else if (func.kind === 'static') lines.push(`  static ${jcoFunctionName(func.name)}(${params(types, func, false)}): ${types.returns(func)} {`, `    ${notImplemented(fn)}`, '  }');
  }
  lines.push('}');
  return lines;
}

/** The host stubs module for the imports of `world`, as TypeScript source. */
export function generateHostStubs(world: World, source = 'the component'): string {
  const types = new TsTypes();
  const body: string[] = [];
  const entries: string[] = [];
  for (const item of world.imports.values()) {
    if (item.name.startsWith('wasi:')) continue;
    if (item.kind === 'function') {
      const fn: WorldFunction = { direction: 'import', itemName: item.name, function: item.function };
      const name = safeIdentifier(jcoFunctionName(item.name));
      body.push(`export function ${name}(${params(types, item.function, false)}): ${types.returns(item.function)} {`, `  ${notImplemented(fn)}`, '}', '');
      entries.push(`  ${JSON.stringify(item.name)}: { default: ${name} },`);
    } else if (item.kind === 'interface') {
      const iface = item.interface;
      const objectName = safeIdentifier(jcoPropertyName(item.name.replace(/@[^@/]*$/, '').replace(/[:/]/g, '-')));
      const members: string[] = [];
      for (const type of iface.types.values()) {
        if (type.kind !== 'resource' || !type.id.startsWith(`${iface.id}#`)) continue;
        body.push(...resourceClass(types, iface, item.name, type), '');
        members.push(`  ${jcoClassName(type.name.name)},`);
      }
      for (const func of iface.functions.values()) {
        if (func.kind !== 'freestanding') continue;
        const fn: WorldFunction = { direction: 'import', itemName: item.name, interface: iface, function: func };
        members.push(`  ${jcoFunctionName(func.name)}(${params(types, func, false)}): ${types.returns(func)} {`, `    ${notImplemented(fn)}`, '  },');
      }
      body.push(`export const ${objectName} = {`, ...members, '};', '');
      entries.push(`  ${JSON.stringify(item.name.replace(/@[^@/]*$/, ''))}: ${objectName},`);
    }
  }
  return [
    `// Host stubs for the imports of ${source}, generated by proxy-component generate stubs.`,
    '// Fill in each function; the ones left throw "not implemented: <name>" when called.',
    '// A function whose WIT result is result<T, E> returns T and throws E; 64-bit integers are bigints.',
    '// WASI imports are not here: the recorder gives the component a sandboxed WASI.',
    '',
    ...[...types.declarations.values()],
    ...(types.declarations.size > 0 ? [''] : []),
    ...body,
    'export const imports = {',
    ...entries,
    '};',
    '',
    'export default imports;',
    '',
  ].join('\n');
}
