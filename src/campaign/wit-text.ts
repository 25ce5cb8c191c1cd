/**
 * The WIT text of a generated case's world. Records, variants, enums and
 * flags are declared in the world as `t0`, `t1`, ... where they are used;
 * every name is written with `%`, so that generated names that are WIT
 * keywords (`type`, `list`, `result`) stay names.
 */
import type { WitType } from '../wit/types.js';
import type { BindingsCase } from './bindings-case.js';
import { echoResultType, hostImportName } from './bindings-case.js';

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

/** `package test:campaign;` and `world bindings { ... }` with one export per echo function (and its import for an `import-echo`). */
export function caseWit(source: Pick<BindingsCase, 'functions'>): string {
  const printer = new DeclaringPrinter();
  const exports = source.functions.flatMap((fn) => {
    const params = fn.params.map((type, i) => `p${i}: ${printer.type(type)}`).join(', ');
    const signature = `func(${params}) -> ${printer.type(echoResultType(fn))};`;
    const exported = `  export %${fn.name}: ${signature}`;
    return fn.kind === 'import-echo' ? [`  import %${hostImportName(fn)}: ${signature}`, exported] : [exported];
  });
  return [`package ${CASE_PACKAGE};`, '', `world ${CASE_WORLD} {`, ...printer.declarations.map((d) => `  ${d}`), ...exports, '}', ''].join('\n');
}
