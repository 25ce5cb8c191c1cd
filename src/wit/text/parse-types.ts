/**
 * Parsing of WIT type expressions, functions and type definitions: the parts
 * shared by interfaces and worlds.
 */
import { isPrimitiveKind } from '../types.js';
import type {
  CaseSyntax,
  FieldSyntax,
  FuncSyntax,
  Gate,
  NameSyntax,
  ParamSyntax,
  ResourceFuncSyntax,
  TypeDefSyntax,
  TypeSyntax,
} from './ast.js';
import { parseGates } from './parse-gates.js';
import type { TokenStream } from './token-stream.js';

const MAX_FIXED_LENGTH = 0xffff_ffff;

/** Keywords that start a type definition, in interfaces and worlds alike. */
export const TYPE_DEFINITION_KEYWORDS: ReadonlySet<string> = new Set(['type', 'record', 'variant', 'enum', 'flags', 'resource']);

/** Deeper type nesting is refused: the resolver and printer recurse on types, and must not overflow the stack. */
export const MAX_TYPE_DEPTH = 500;

/** A type expression: `u32`, `list<T>`, `result<_, E>`, `borrow<r>`, a name... */
export function parseType(tokens: TokenStream, context: string): TypeSyntax {
  if (++tokens.typeDepth > MAX_TYPE_DEPTH) tokens.fail(`types are nested more than ${MAX_TYPE_DEPTH} levels deep`, tokens.peek(), false);
  const type = parseTypeExpression(tokens, context);
  tokens.typeDepth--;
  return type;
}

function parseTypeExpression(tokens: TokenStream, context: string): TypeSyntax {
  const token = tokens.peek();
  const location = tokens.locationOf(token);
  if (token.kind === 'id') {
    return { kind: 'name', name: tokens.identifier('a type'), location };
  }
  if (token.kind !== 'keyword') return tokens.fail(`expected a type ${context}`);
  const word = token.text;
  if (isPrimitiveKind(word)) {
    tokens.next();
    return { kind: word, location };
  }
  switch (word) {
    case 'list':
      return parseList(tokens, location);
    case 'map': {
      tokens.next();
      tokens.expect('<', 'after `map`');
      const key = parseType(tokens, 'for the map key');
      tokens.expect(',', 'between the key and value types of `map`');
      const value = parseType(tokens, 'for the map value');
      tokens.expect('>', 'to close `map<...>`');
      return { kind: 'map', key, value, location };
    }
    case 'tuple': {
      tokens.next();
      tokens.expect('<', 'after `tuple`');
      const elements = parseSeparated(tokens, '>', 'to close `tuple<...>`', () => parseType(tokens, 'in `tuple<...>`'));
      return { kind: 'tuple', elements, location };
    }
    case 'option': {
      tokens.next();
      tokens.expect('<', 'after `option`');
      const some = parseType(tokens, 'in `option<...>`');
      tokens.expect('>', 'to close `option<...>`');
      return { kind: 'option', some, location };
    }
    case 'result':
      return parseResult(tokens, location);
    case 'future':
    case 'stream': {
      tokens.next();
      if (!tokens.eat('<')) return { kind: word, location };
      const element = parseType(tokens, `in \`${word}<...>\``);
      tokens.expect('>', `to close \`${word}<...>\``);
      return { kind: word, element, location };
    }
    case 'error-context':
      tokens.next();
      return { kind: 'error-context', location };
    case 'own':
    case 'borrow': {
      tokens.next();
      tokens.expect('<', `after \`${word}\``);
      const resource = tokens.identifier(`a resource name in \`${word}<...>\``);
      tokens.expect('>', `to close \`${word}<...>\``);
      return { kind: word, resource, location };
    }
    default:
      return tokens.fail(`expected a type ${context}`);
  }
}

function parseList(tokens: TokenStream, location: TypeSyntax['location']): TypeSyntax {
  tokens.next();
  tokens.expect('<', 'after `list`');
  const element = parseType(tokens, 'in `list<...>`');
  if (!tokens.eat(',')) {
    tokens.expect('>', 'to close `list<...>`');
    return { kind: 'list', element, location };
  }
  const size = tokens.peek();
  if (size.kind !== 'integer') return tokens.fail('expected the length of a fixed-size list after `,` in `list<T, N>`');
  const length = Number(size.text);
  if (length < 1 || length > MAX_FIXED_LENGTH || /^0\d/.test(size.text)) {
    return tokens.fail(`invalid fixed-size list length \`${size.text}\`: it must be between 1 and ${MAX_FIXED_LENGTH}`, size, false);
  }
  tokens.next();
  tokens.expect('>', 'to close `list<T, N>`');
  return { kind: 'list', element, length, location };
}

function parseResult(tokens: TokenStream, location: TypeSyntax['location']): TypeSyntax {
  tokens.next();
  if (!tokens.eat('<')) return { kind: 'result', location };
  if (tokens.eat('_')) {
    tokens.expect(',', 'after `_` in `result<_, E>`');
    const err = parseType(tokens, 'for the error of `result<_, E>`');
    tokens.expect('>', 'to close `result<...>`');
    return { kind: 'result', err, location };
  }
  const ok = parseType(tokens, 'in `result<...>`');
  if (tokens.eat(',')) {
    const err = parseType(tokens, 'for the error of `result<T, E>`');
    tokens.expect('>', 'to close `result<...>`');
    return { kind: 'result', ok, err, location };
  }
  tokens.expect('>', 'to close `result<...>`');
  return { kind: 'result', ok, location };
}

/**
 * Items separated by commas up to `close` (consumed), a trailing comma allowed:
 * the shape of parameter lists, tuple types, record fields and cases.
 */
export function parseSeparated<T>(tokens: TokenStream, close: '>' | ')' | '}', closeContext: string, item: () => T): T[] {
  const items: T[] = [];
  while (!tokens.eat(close)) {
    items.push(item());
    if (!tokens.eat(',')) {
      tokens.expect(close, closeContext);
      break;
    }
  }
  return items;
}

/** `async? func(params) -> result`, after the `name:`. */
export function parseFuncType(tokens: TokenStream, name: string): FuncSyntax {
  const start = tokens.location();
  const isAsync = tokens.eatKeyword('async') !== undefined;
  if (!tokens.atKeyword('func')) {
    return tokens.fail(isAsync ? `expected \`func\` after \`async\` in \`${name}\`` : `expected \`func\` after \`${name}:\``);
  }
  tokens.next();
  const { params, result } = parseSignature(tokens, `function \`${name}\``);
  return result === undefined ? { async: isAsync, params, location: start } : { async: isAsync, params, result, location: start };
}

/** `(params) -> result`: the part shared by functions and constructors. */
function parseSignature(tokens: TokenStream, what: string): { params: ParamSyntax[]; result?: TypeSyntax } {
  tokens.expect('(', `to open the parameters of ${what}`);
  const params = parseSeparated(tokens, ')', `to close the parameters of ${what}`, () => {
    const name = tokens.identifier(`a parameter name in ${what}`);
    tokens.expect(':', `after parameter \`${name.name}\``);
    return { name, type: parseType(tokens, `for parameter \`${name.name}\``) };
  });
  if (!tokens.eat('->')) return { params };
  return { params, result: parseType(tokens, `after \`->\` in ${what}`) };
}

/** A type definition starting at its keyword (`type`, `record`, ...); `docs` and `gates` were read before it. */
export function parseTypeDefinition(tokens: TokenStream, docs: readonly string[], gates: readonly Gate[]): TypeDefSyntax {
  const keyword = tokens.next();
  const word = keyword.text;
  const name = tokens.identifier(`a name after \`${word}\``);
  const meta = { docs, gates, name };
  switch (word) {
    case 'type': {
      tokens.expect('=', `after \`type ${name.name}\``);
      const type = parseType(tokens, `after \`type ${name.name} =\``);
      tokens.expect(';', `after type \`${name.name}\``);
      return { ...meta, kind: 'alias', type };
    }
    case 'record':
      return { ...meta, kind: 'record', fields: parseBraced(tokens, `record \`${name.name}\``, () => parseField(tokens)) };
    case 'variant':
      return { ...meta, kind: 'variant', cases: parseBraced(tokens, `variant \`${name.name}\``, () => parseCase(tokens)) };
    case 'enum':
      return { ...meta, kind: 'enum', cases: parseBraced(tokens, `enum \`${name.name}\``, () => parseName(tokens, 'a case name')) };
    case 'flags':
      return { ...meta, kind: 'flags', flags: parseBraced(tokens, `flags \`${name.name}\``, () => parseName(tokens, 'a flag name')) };
    case 'resource':
      return { ...meta, kind: 'resource', functions: parseResourceBody(tokens, name.name) };
    default:
      return tokens.fail(`expected a type definition, found keyword \`${word}\``, keyword, false);
  }
}

function parseBraced<T>(tokens: TokenStream, what: string, item: () => T): T[] {
  tokens.expect('{', `to open ${what}`);
  return parseSeparated(tokens, '}', `after an item of ${what} (items are separated by \`,\`)`, item);
}

function parseField(tokens: TokenStream): FieldSyntax {
  const docs = tokens.docs();
  const name = tokens.identifier('a field name');
  tokens.expect(':', `after field \`${name.name}\``);
  return { docs, name, type: parseType(tokens, `for field \`${name.name}\``) };
}

function parseCase(tokens: TokenStream): CaseSyntax {
  const docs = tokens.docs();
  const name = tokens.identifier('a case name');
  if (!tokens.eat('(')) return { docs, name };
  const type = parseType(tokens, `for the payload of case \`${name.name}\``);
  tokens.expect(')', `to close the payload of case \`${name.name}\``);
  return { docs, name, type };
}

function parseName(tokens: TokenStream, expected: string): NameSyntax {
  const docs = tokens.docs();
  return { docs, name: tokens.identifier(expected) };
}

/** `;` or `{ constructor(...); m: func(...); s: static func(...); }` after `resource r`. */
function parseResourceBody(tokens: TokenStream, resource: string): ResourceFuncSyntax[] {
  if (tokens.eat(';')) return [];
  tokens.expect('{', `or \`;\` after \`resource ${resource}\``);
  const functions: ResourceFuncSyntax[] = [];
  for (;;) {
    const docs = tokens.docs();
    const gates = parseGates(tokens);
    if (gates.length === 0 && tokens.eat('}')) return functions;
    const start = tokens.peek();
    if (start.kind === 'keyword' && start.text === 'constructor') {
      tokens.next();
      const location = tokens.locationOf(start);
      const { params, result } = parseSignature(tokens, `the constructor of \`${resource}\``);
      tokens.expect(';', `after the constructor of \`${resource}\``);
      const func: FuncSyntax = result === undefined ? { async: false, params, location } : { async: false, params, result, location };
      functions.push({ kind: 'constructor', name: { name: 'constructor', location }, func, docs, gates });
      continue;
    }
    if (start.kind !== 'id') tokens.fail(`expected \`constructor\`, a method or \`}\` in resource \`${resource}\``);
    const name = tokens.identifier('a method name');
    tokens.expect(':', `after \`${name.name}\` in resource \`${resource}\``);
    const isStatic = tokens.eatKeyword('static') !== undefined;
    const func = parseFuncType(tokens, name.name);
    tokens.expect(';', `after function \`${name.name}\``);
    functions.push({ kind: isStatic ? 'static' : 'method', name, func, docs, gates });
  }
}
