/**
 * The WIT text of a generated case's world. Records, variants, enums and
 * flags are declared in the world (or in interface `res`, for resources)
 * as `t0`, `t1`, ... where they are used;
 * every name is written with `%`, so that generated names that are WIT
 * keywords (`type`, `list`, `result`) stay names.
 */
import type { WitType } from '../wit/types.js';
import type { BindingsCase, CaseFunction } from './bindings-case.js';
import { echoResultType, hostImportName, importsResource, misuseOf, usesProvider } from './bindings-case.js';

export const CASE_PACKAGE = 'test:campaign';
export const CASE_WORLD = 'bindings';

class DeclaringPrinter {
  readonly declarations: string[] = [];
  /** A type used twice (a parameter and the same type in the result tuple) is declared once. */
  private readonly declared = new Map<WitType, string>();

  type(type: WitType): string {
    switch (type.kind) {
      case 'list':
        return type.length === undefined ? `list<${this.type(type.element)}>` : `list<${this.type(type.element)}, ${type.length}>`;
      case 'tuple':
        return `tuple<${type.elements.map((t) => this.type(t)).join(', ')}>`;
      case 'option':
        return `option<${this.type(type.some)}>`;
      case 'result':
        if (type.ok === undefined && type.err === undefined) return 'result';
        if (type.err === undefined) return `result<${this.type(type.ok as WitType)}>`;
        return `result<${type.ok === undefined ? '_' : this.type(type.ok)}, ${this.type(type.err)}>`;
      case 'record':
        return this.declare(type, (name) => `record ${name} { ${type.fields.map((f) => `%${f.name}: ${this.type(f.type)}`).join(', ')} }`);
      case 'variant':
        return this.declare(type, (name) => `variant ${name} { ${type.cases.map((c) => (c.type === undefined ? `%${c.name}` : `%${c.name}(${this.type(c.type)})`)).join(', ')} }`);
      case 'enum':
        return this.declare(type, (name) => `enum ${name} { ${type.cases.map((c) => `%${c}`).join(', ')} }`);
      case 'flags':
        return this.declare(type, (name) => `flags ${name} { ${type.flags.map((f) => `%${f}`).join(', ')} }`);
      case 'own':
      case 'borrow':
        return `${type.kind}<%${type.resource.name.name}>`;
      default:
        return type.kind;
    }
  }

  /** Declares a named type once; WIT does not care in which order a world declares its types. */
  private declare(type: WitType, body: (name: string) => string): string {
    const known = this.declared.get(type);
    if (known !== undefined) return known;
    const index = this.declarations.length;
    this.declarations.push('');
    const name = `%t${index}`;
    this.declared.set(type, name);
    this.declarations[index] = body(name);
    return name;
  }
}

/** The interface that exports the resources of `resource` functions. */
export const RESOURCE_INTERFACE = 'res';

/** The functions of interface `res` for a `resource` function, in the order the plan calls them. */
export function resourceFunctionNames(fn: CaseFunction): { constructor: string; get: string; peek: string; take: string; dropped: string } {
  return { constructor: `[constructor]${fn.name}`, get: `[method]${fn.name}.get`, peek: `peek-${fn.name}`, take: `take-${fn.name}`, dropped: `dropped-${fn.name}` };
}

/** The interface that declares the imported resources of `import-resource` and `invalid-handle` functions. */
export const IMPORT_INTERFACE = 'imp';

/** The names of an imported resource's functions (in interface `imp`) and of the world's exports that use it. */
export function importedResourceNames(fn: CaseFunction): {
  constructor: string; get: string; consume: string; keep: string; peek: string; read: string; pass: string; drop: string; bad: string;
} {
  return {
    constructor: `[constructor]${fn.name}`,
    get: `[method]${fn.name}.get`,
    consume: `consume-${fn.name}`,
    keep: `keep-${fn.name}`,
    peek: `peek-${fn.name}`,
    read: `get-${fn.name}`,
    pass: `pass-${fn.name}`,
    drop: `drop-${fn.name}`,
    bad: `bad-${fn.name}`,
  };
}

function importedResourceWit(printer: DeclaringPrinter, fn: CaseFunction): string[] {
  const params = fn.params.map((type, i) => `p${i}: ${printer.type(type)}`).join(', ');
  const result = printer.type(echoResultType(fn));
  return [`  resource %${fn.name} { constructor(${params}); get: func() -> ${result}; }`, `  %${importedResourceNames(fn).consume}: func(r: own<%${fn.name}>) -> ${result};`];
}

function importedResourceExportsWit(printer: DeclaringPrinter, fn: CaseFunction): string[] {
  const params = fn.params.map((type, i) => `p${i}: ${printer.type(type)}`).join(', ');
  const result = printer.type(echoResultType(fn));
  const names = importedResourceNames(fn);
  if (fn.kind === 'invalid-handle') {
    return [`  export %${names.bad}: func(${misuseOf(fn) === 'borrow-kept' ? `r: borrow<%${fn.name}>` : params}) -> ${result};`];
  }
  return [
    `  export %${names.keep}: func(${params}) -> ${result};`,
    `  export %${names.peek}: func(r: borrow<%${fn.name}>) -> ${result};`,
    `  export %${names.read}: func(slot: u32) -> ${result};`,
    `  export %${names.pass}: func(r: own<%${fn.name}>) -> ${result};`,
    `  export %${names.drop}: func(slot: u32) -> u32;`,
  ];
}

/** The interface of the resources a composed provider component exports (`composed-resource` functions), its world, and the world of what the composition imports. */
export const PROVIDER_INTERFACE = 'prov';
export const PROVIDER_WORLD = 'provider';
export const OUTER_WORLD = 'outer';

/** The names of a provided resource's functions (in interface `prov`) and of the world's exports that use it. */
export function providedResourceNames(fn: CaseFunction): { constructor: string; get: string; dropped: string; keep: string; read: string; drop: string; bad: string } {
  return { constructor: `[constructor]${fn.name}`, get: `[method]${fn.name}.get`, dropped: `dropped-${fn.name}`, keep: `keep-${fn.name}`, read: `get-${fn.name}`, drop: `drop-${fn.name}`, bad: `bad-${fn.name}` };
}

function providedResourceWit(printer: DeclaringPrinter, fn: CaseFunction): string[] {
  const params = fn.params.map((type, i) => `p${i}: ${printer.type(type)}`).join(', ');
  const result = printer.type(echoResultType(fn));
  return [`  resource %${fn.name} { constructor(${params}); get: func() -> ${result}; }`, `  %${providedResourceNames(fn).dropped}: func() -> u32;`];
}

function providedResourceExportsWit(printer: DeclaringPrinter, fn: CaseFunction): string[] {
  const params = fn.params.map((type, i) => `p${i}: ${printer.type(type)}`).join(', ');
  const result = printer.type(echoResultType(fn));
  const names = providedResourceNames(fn);
  if (fn.kind === 'invalid-handle') return [`  export %${names.bad}: func(${params}) -> ${result};`];
  return [`  export %${names.keep}: func(${params}) -> ${result};`, `  export %${names.read}: func(slot: u32) -> ${result};`, `  export %${names.drop}: func(slot: u32) -> u32;`];
}

function worldFunctionWit(printer: DeclaringPrinter, fn: CaseFunction): string[] {
  const params = fn.params.map((type, i) => `p${i}: ${printer.type(type)}`).join(', ');
  if (fn.kind === 'checksum') return [`  export %${fn.name}: func(${params}) -> u64;`];
  const signature = `func(${params}) -> ${printer.type(echoResultType(fn))};`;
  const exported = `  export %${fn.name}: ${signature}`;
  return fn.kind === 'import-echo' ? [`  import %${hostImportName(fn)}: ${signature}`, exported] : [exported];
}

function resourceWit(printer: DeclaringPrinter, fn: CaseFunction): string[] {
  const params = fn.params.map((type, i) => `p${i}: ${printer.type(type)}`).join(', ');
  const result = printer.type(echoResultType(fn));
  const names = resourceFunctionNames(fn);
  return [
    `  resource %${fn.name} { constructor(${params}); get: func() -> ${result}; }`,
    `  %${names.peek}: func(r: borrow<%${fn.name}>) -> ${result};`,
    `  %${names.take}: func(r: own<%${fn.name}>) -> ${result};`,
    `  %${names.dropped}: func() -> u32;`,
  ];
}

/**
 * `package test:campaign;`, interface `prov` with the resources of the
 * composed provider (and its worlds `provider` and `outer`, what the
 * composition imports) when a function uses one, interface `imp` with the
 * imported resources of `import-resource` and `invalid-handle` functions, interface `res` with
 * the resources of the `resource` functions (when there are any), and
 * `world bindings { ... }` with one export per other function (and its
 * import for an `import-echo`), and the exports that use imported resources.
 */
export function caseWit(source: Pick<BindingsCase, 'functions'>): string {
  const printer = new DeclaringPrinter();
  const imported = source.functions.filter(importsResource);
  const provided = source.functions.filter(usesProvider);
  const plain = source.functions.filter((fn) => fn.kind !== 'resource' && !importsResource(fn) && !usesProvider(fn));
  const world = plain.flatMap((fn) => worldFunctionWit(printer, fn));
  const resources = source.functions.filter((fn) => fn.kind === 'resource');
  const lines = [`package ${CASE_PACKAGE};`, ''];
  if (provided.length > 0) {
    const inner = new DeclaringPrinter();
    const functions = provided.flatMap((fn) => providedResourceWit(inner, fn));
    lines.push(`interface ${PROVIDER_INTERFACE} {`, ...inner.declarations.map((d) => `  ${d}`), ...functions, '}', '');
    world.push(`  import ${PROVIDER_INTERFACE};`, ...provided.flatMap((fn) => providedResourceExportsWit(printer, fn)));
    lines.push(`world ${PROVIDER_WORLD} {`, `  export ${PROVIDER_INTERFACE};`, '}', '');
  }
  const uses = `  use ${IMPORT_INTERFACE}.{${imported.map((fn) => `%${fn.name}`).join(', ')}};`;
  if (imported.length > 0) {
    const inner = new DeclaringPrinter();
    const functions = imported.flatMap((fn) => importedResourceWit(inner, fn));
    lines.push(`interface ${IMPORT_INTERFACE} {`, ...inner.declarations.map((d) => `  ${d}`), ...functions, '}', '');
    world.push(`  import ${IMPORT_INTERFACE};`, uses, ...imported.flatMap((fn) => importedResourceExportsWit(printer, fn)));
  }
  if (resources.length > 0) {
    // Types an interface uses are declared in it; the world's printer stays apart.
    const inner = new DeclaringPrinter();
    const functions = resources.flatMap((fn) => resourceWit(inner, fn));
    lines.push(`interface ${RESOURCE_INTERFACE} {`, ...inner.declarations.map((d) => `  ${d}`), ...functions, '}', '');
    world.push(`  export ${RESOURCE_INTERFACE};`);
  }
  if (provided.length > 0) {
    // What the composition imports: the consumer's imports but the provider's, and its world's types (the same names: the same printer).
    const outerImports = plain.filter((fn) => fn.kind === 'import-echo').map((fn) => worldFunctionWit(printer, fn)[0] as string);
    if (imported.length > 0) outerImports.push(`  import ${IMPORT_INTERFACE};`, uses);
    lines.push(`world ${OUTER_WORLD} {`, ...printer.declarations.map((d) => `  ${d}`), ...outerImports, '}', '');
  }
  lines.push(`world ${CASE_WORLD} {`, ...printer.declarations.map((d) => `  ${d}`), ...world, '}', '');
  return lines.join('\n');
}
