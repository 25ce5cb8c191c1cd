/**
 * The WIT parser: a recursive descent over the tokens of one file, producing
 * its syntax tree (see ast.ts). It checks only the grammar; names are
 * resolved later, across files and packages, by resolve.ts.
 *
 * Every syntax error is a ProxyComponentError('WIT_SYNTAX') at the offending
 * token, worded "expected X <where>, found Y".
 */
import type {
  ExternSyntax,
  Gate,
  ImportExportSyntax,
  IncludeNameSyntax,
  IncludeSyntax,
  InterfaceItemSyntax,
  InterfaceSyntax,
  PackageNameSyntax,
  PackageUnitSyntax,
  TopLevelItemSyntax,
  TopLevelUseSyntax,
  UseNameSyntax,
  UsePath,
  UseSyntax,
  WitFileSyntax,
  WorldItemSyntax,
  WorldSyntax,
} from './ast.js';
import { Lexer } from './lexer.js';
import { expectVersion, parseGates } from './parse-gates.js';
import { TYPE_DEFINITION_KEYWORDS, parseFuncType, parseSeparated, parseTypeDefinition } from './parse-types.js';
import { TokenStream } from './token-stream.js';

/** Parses one WIT file (or string) into its syntax tree; throws WIT_SYNTAX. */
export function parseWitFile(source: string, file?: string): WitFileSyntax {
  const tokens = new TokenStream(new Lexer(source, file), file);
  return new Parser(tokens).file();
}

class Parser {
  constructor(private readonly tokens: TokenStream) {}

  file(): WitFileSyntax {
    const tokens = this.tokens;
    const file = tokens.file;
    const fileDocs = tokens.docs();
    let header: PackageNameSyntax | undefined;
    const items: TopLevelItemSyntax[] = [];
    const nested: PackageUnitSyntax[] = [];
    while (!tokens.at('eof')) {
      const docs = tokens.docs();
      const gates = parseGates(tokens);
      if (tokens.atKeyword('package')) {
        const keyword = tokens.next();
        if (gates.length > 0) tokens.fail('attributes such as `@since` cannot be placed on a package', keyword, false);
        const name = this.packageName();
        if (tokens.eat(';')) {
          if (header !== undefined || items.length > 0 || nested.length > 0) {
            tokens.fail('`package ...;` must be the first item of a file, and a file has only one', keyword, false);
          }
          header = name;
        } else if (tokens.eat('{')) {
          nested.push({ file, package: name, docs, items: this.nestedItems() });
        } else {
          tokens.fail('expected `;` or `{` after the package name');
        }
        continue;
      }
      items.push(this.topLevelItem(docs, gates));
    }
    return { file, root: { file, package: header, docs: fileDocs, items }, nested };
  }

  /** Items of a nested `package x { ... }` up to its `}`. */
  private nestedItems(): TopLevelItemSyntax[] {
    const tokens = this.tokens;
    const items: TopLevelItemSyntax[] = [];
    for (;;) {
      const docs = tokens.docs();
      const gates = parseGates(tokens);
      if (gates.length === 0 && tokens.eat('}')) return items;
      if (tokens.atKeyword('package')) tokens.fail('packages cannot be nested inside other packages', tokens.peek(), false);
      if (tokens.at('eof')) tokens.fail('expected `}` to close the package');
      items.push(this.topLevelItem(docs, gates));
    }
  }

  private topLevelItem(docs: readonly string[], gates: readonly Gate[]): TopLevelItemSyntax {
    const tokens = this.tokens;
    if (tokens.atKeyword('interface')) return this.interface(docs, gates);
    if (tokens.atKeyword('world')) return this.world(docs, gates);
    if (tokens.atKeyword('use')) return this.topLevelUse(docs, gates);
    return tokens.fail('expected `package`, `interface`, `world` or `use`');
  }

  /** `ns:name` or `ns:name@1.0.0`. */
  private packageName(): PackageNameSyntax {
    const tokens = this.tokens;
    const location = tokens.location();
    const namespace = tokens.identifier('a package namespace (as in `my-ns:my-pkg`)');
    tokens.expect(':', `after the namespace \`${namespace.name}\` (package names look like \`ns:pkg\`)`);
    const name = tokens.identifier(`a package name after \`${namespace.name}:\``);
    if (tokens.at(':')) tokens.fail('nested namespaces (`a:b:c`) are not supported', tokens.peek(), false);
    const version = tokens.eat('@') === undefined ? undefined : expectVersion(tokens, `after \`${namespace.name}:${name.name}@\``);
    return { namespace, name, version, location };
  }

  /** `iface` or `ns:pkg/iface@1.0.0`. */
  private usePath(expected: string): UsePath {
    const tokens = this.tokens;
    const location = tokens.location();
    const first = tokens.identifier(expected);
    if (!tokens.eat(':')) return { kind: 'local', name: first, location };
    const packageName = tokens.identifier(`a package name after \`${first.name}:\``);
    if (tokens.at(':')) tokens.fail('nested namespaces (`a:b:c`) are not supported', tokens.peek(), false);
    tokens.expect('/', `after \`${first.name}:${packageName.name}\` (an interface path looks like \`ns:pkg/iface\`)`);
    const name = tokens.identifier(`a name after \`${first.name}:${packageName.name}/\``);
    if (tokens.at('/')) tokens.fail('nested packages (`ns:pkg/a/b`) are not supported', tokens.peek(), false);
    const version = tokens.eat('@') === undefined ? undefined : expectVersion(tokens, `after \`${first.name}:${packageName.name}/${name.name}@\``);
    return { kind: 'package', package: { namespace: first, name: packageName, version, location }, name, location };
  }

  private topLevelUse(docs: readonly string[], gates: readonly Gate[]): TopLevelUseSyntax {
    const tokens = this.tokens;
    const location = tokens.locationOf(tokens.next());
    const path = this.usePath('an interface path after `use`');
    if (tokens.at('.')) {
      tokens.fail('a top-level `use` names an interface (`use ns:pkg/iface;`); to import types, write `use iface.{...};` inside an interface or world', tokens.peek(), false);
    }
    const as = tokens.eatKeyword('as') === undefined ? undefined : tokens.identifier('a name after `as`');
    tokens.expect(';', 'after `use`');
    return { kind: 'use', path, as, docs, gates, location };
  }

  private interface(docs: readonly string[], gates: readonly Gate[]): InterfaceSyntax {
    const tokens = this.tokens;
    tokens.next();
    const name = tokens.identifier('an interface name after `interface`');
    tokens.expect('{', `to open interface \`${name.name}\``);
    return { kind: 'interface', name, items: this.interfaceItems(`interface \`${name.name}\``), docs, gates };
  }

  /** Items of an interface body up to its `}` (consumed). */
  private interfaceItems(what: string): InterfaceItemSyntax[] {
    const tokens = this.tokens;
    const items: InterfaceItemSyntax[] = [];
    for (;;) {
      const docs = tokens.docs();
      const gates = parseGates(tokens);
      const token = tokens.peek();
      if (gates.length === 0 && tokens.eat('}')) return items;
      if (token.kind === 'keyword' && token.text === 'use') {
        items.push(this.use(docs, gates));
      } else if (token.kind === 'keyword' && TYPE_DEFINITION_KEYWORDS.has(token.text)) {
        items.push({ kind: 'type', def: parseTypeDefinition(tokens, docs, gates) });
      } else if (token.kind === 'id') {
        const name = tokens.identifier('a function name');
        tokens.expect(':', `after \`${name.name}\` (a function is written \`${name.name}: func(...)\`)`);
        const func = parseFuncType(tokens, name.name);
        tokens.expect(';', `after function \`${name.name}\``);
        items.push({ kind: 'func', name, func, docs, gates });
      } else if (token.kind === 'keyword' && tokens.peek(1).kind === ':') {
        tokens.fail(`\`${token.text}\` is a keyword: write \`%${token.text}\` to use it as a function name`, token, false);
      } else {
        tokens.fail(`expected \`use\`, a type definition, a function or \`}\` in ${what}`);
      }
    }
  }

  /** `use path.{a, b as c};` */
  private use(docs: readonly string[], gates: readonly Gate[]): UseSyntax {
    const tokens = this.tokens;
    const location = tokens.locationOf(tokens.next());
    const path = this.usePath('an interface path after `use`');
    tokens.expect('.', 'after the interface path in `use` (as in `use iface.{name}`)');
    tokens.expect('{', 'after `.` in `use`');
    if (tokens.at('}')) tokens.fail('expected at least one name in `use ...{}`', tokens.peek(), false);
    const names = parseSeparated(tokens, '}', 'to close the names of `use`', (): UseNameSyntax => {
      const name = tokens.identifier('a type name in `use`');
      if (tokens.eatKeyword('as') === undefined) return { name };
      return { name, as: tokens.identifier('a name after `as`') };
    });
    tokens.expect(';', 'after `use`');
    return { kind: 'use', path, names, docs, gates, location };
  }

  private world(docs: readonly string[], gates: readonly Gate[]): WorldSyntax {
    const tokens = this.tokens;
    tokens.next();
    const name = tokens.identifier('a world name after `world`');
    tokens.expect('{', `to open world \`${name.name}\``);
    const items: WorldItemSyntax[] = [];
    for (;;) {
      const itemDocs = tokens.docs();
      const itemGates = parseGates(tokens);
      const token = tokens.peek();
      if (itemGates.length === 0 && tokens.eat('}')) return { kind: 'world', name, items, docs, gates };
      if (token.kind === 'keyword' && (token.text === 'import' || token.text === 'export')) {
        items.push(this.importExport(token.text, itemDocs, itemGates));
      } else if (token.kind === 'keyword' && token.text === 'use') {
        items.push(this.use(itemDocs, itemGates));
      } else if (token.kind === 'keyword' && token.text === 'include') {
        items.push(this.include(itemDocs, itemGates));
      } else if (token.kind === 'keyword' && TYPE_DEFINITION_KEYWORDS.has(token.text)) {
        items.push({ kind: 'type', def: parseTypeDefinition(tokens, itemDocs, itemGates) });
      } else {
        tokens.fail(`expected \`import\`, \`export\`, \`include\`, \`use\`, a type definition or \`}\` in world \`${name.name}\``);
      }
    }
  }

  private importExport(kind: 'import' | 'export', docs: readonly string[], gates: readonly Gate[]): ImportExportSyntax {
    const tokens = this.tokens;
    const location = tokens.locationOf(tokens.next());
    return { kind, extern: this.extern(kind), docs, gates, location };
  }

  /**
   * What follows `import`/`export`. `name: func`, `name: interface` and
   * `name: path` start with `id :`, like `ns:pkg/iface`; the token after the
   * colon (and a `/` after that) tells them apart.
   */
  private extern(kind: 'import' | 'export'): ExternSyntax {
    const tokens = this.tokens;
    const first = tokens.peek();
    const colon = tokens.peek(1);
    const third = tokens.peek(2);
    if (first.kind === 'id' && colon.kind === ':') {
      const isPackagePath = third.kind === 'id' && tokens.peek(3).kind === '/';
      if (!isPackagePath) {
        const name = tokens.identifier(`a name after \`${kind}\``);
        tokens.next();
        if (tokens.atKeyword('func') || tokens.atKeyword('async')) {
          const func = parseFuncType(tokens, name.name);
          tokens.expect(';', `after function \`${name.name}\``);
          return { kind: 'func', name, func };
        }
        if (tokens.eatKeyword('interface')) {
          tokens.expect('{', `to open interface \`${name.name}\``);
          const items = this.interfaceItems(`interface \`${name.name}\``);
          tokens.eat(';'); // not in the grammar, but harmless and a common slip
          return { kind: 'interface', name, items };
        }
        if (!tokens.at('id')) tokens.fail(`expected \`func\`, \`interface\` or an interface path after \`${name.name}:\``);
        const path = this.usePath('an interface path');
        tokens.expect(';', `after \`${kind} ${name.name}: ...\``);
        return { kind: 'named-path', name, path };
      }
    }
    const path = this.usePath(`an interface, a function (\`name: func(...)\`) or an inline interface after \`${kind}\``);
    tokens.expect(';', `after \`${kind}\` of an interface`);
    return { kind: 'path', path };
  }

  private include(docs: readonly string[], gates: readonly Gate[]): IncludeSyntax {
    const tokens = this.tokens;
    const location = tokens.locationOf(tokens.next());
    const path = this.usePath('a world after `include`');
    if (tokens.eat(';')) return { kind: 'include', path, with: [], docs, gates, location };
    if (tokens.eatKeyword('with') === undefined) tokens.fail('expected `;` or `with { ... }` after `include`');
    tokens.expect('{', 'after `with`');
    const renames = parseSeparated(tokens, '}', 'to close `with { ... }`', (): IncludeNameSyntax => {
      const name = tokens.identifier('a name to rename in `with { a as b }`');
      tokens.expectKeyword('as', `after \`${name.name}\` in \`with { ... }\``);
      return { name, as: tokens.identifier('a new name after `as`') };
    });
    // The spec's examples end `include ... with { ... }` with `;`, the reference parser without: accept both.
    tokens.eat(';');
    return { kind: 'include', path, with: renames, docs, gates, location };
  }
}
