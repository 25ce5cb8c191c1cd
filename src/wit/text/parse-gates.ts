/**
 * Parsing of what may precede an item: `@since(version = 1.0.0)`,
 * `@unstable(feature = x)`, `@deprecated(version = 1.0.0)` and
 * `@external-id("...")`, and of versions.
 */
import type { Gate } from './ast.js';
import { NONE, type TokenStream } from './token-stream.js';

/** `@since(...)`, `@unstable(...)`, `@deprecated(...)` and `@external-id(...)` before an item. */
export function parseGates(tokens: TokenStream): readonly Gate[] {
  if (!tokens.at('@')) return NONE;
  const gates: Gate[] = [];
  while (tokens.at('@')) {
    const at = tokens.next();
    const location = tokens.locationOf(at);
    const name = tokens.identifier('an attribute name after `@`');
    switch (name.name) {
      case 'since':
      case 'deprecated': {
        tokens.expect('(', `after \`@${name.name}\``);
        expectField(tokens, 'version', name.name);
        const version = expectVersion(tokens, `in \`@${name.name}(version = ...)\``);
        tokens.expect(')', `to close \`@${name.name}(...)\``);
        gates.push({ kind: name.name, version, location });
        break;
      }
      case 'unstable': {
        tokens.expect('(', 'after `@unstable`');
        expectField(tokens, 'feature', 'unstable');
        const feature = tokens.identifier('a feature name in `@unstable(feature = ...)`').name;
        tokens.expect(')', 'to close `@unstable(...)`');
        gates.push({ kind: 'unstable', feature, location });
        break;
      }
      case 'external-id': {
        tokens.expect('(', 'after `@external-id`');
        const value = tokens.peek();
        if (value.kind !== 'string') tokens.fail('expected a string in `@external-id("...")`');
        tokens.next();
        tokens.expect(')', 'to close `@external-id(...)`');
        gates.push({ kind: 'external-id', value: value.text, location });
        break;
      }
      default:
        tokens.fail(`unknown attribute \`@${name.name}\`: expected \`@since\`, \`@unstable\`, \`@deprecated\` or \`@external-id\``, at, false);
    }
  }
  return gates;
}

function expectField(tokens: TokenStream, field: string, attribute: string): void {
  const token = tokens.peek();
  if (token.kind !== 'id' || token.text !== field) tokens.fail(`expected \`${field}\` in \`@${attribute}(${field} = ...)\``);
  tokens.next();
  tokens.expect('=', `after \`${field}\``);
}

/** A semantic version (after `@` in a path, or in a gate). */
export function expectVersion(tokens: TokenStream, context: string): string {
  const token = tokens.peek();
  if (token.kind === 'version') {
    tokens.next();
    return token.text;
  }
  if (token.kind === 'integer') {
    return tokens.fail(`invalid version \`${token.text}\`: expected a semantic version such as \`1.0.0\``, token, false);
  }
  return tokens.fail(`expected a version ${context}`);
}

