/**
 * Short WIT spellings of types for error messages: `u8`, `list<string>`,
 * `option<u32>`, and the declared name for named types (`record basic`).
 */
import type { WitType } from '../wit/types.js';

export function typeText(type: WitType): string {
  if (type.name !== undefined) return namedKind(type) + type.name.name;
  switch (type.kind) {
    case 'list':
      return type.length === undefined ? `list<${typeText(type.element)}>` : `list<${typeText(type.element)}, ${type.length}>`;
    case 'tuple':
      return `tuple<${type.elements.map(typeText).join(', ')}>`;
    case 'option':
      return `option<${typeText(type.some)}>`;
    case 'result':
      if (type.ok === undefined && type.err === undefined) return 'result';
      if (type.err === undefined) return `result<${typeText(type.ok as WitType)}>`;
      return `result<${type.ok === undefined ? '_' : typeText(type.ok)}, ${typeText(type.err)}>`;
    case 'record':
      return `record {${type.fields.map((f) => f.name).join(', ')}}`;
    case 'variant':
      return `variant {${type.cases.map((c) => c.name).join(', ')}}`;
    case 'enum':
      return `enum {${type.cases.join(', ')}}`;
    case 'flags':
      return `flags {${type.flags.join(', ')}}`;
    case 'own':
      return `own<${type.resource.name.name}>`;
    case 'borrow':
      return `borrow<${type.resource.name.name}>`;
    case 'future':
    case 'stream':
      return type.element === undefined ? type.kind : `${type.kind}<${typeText(type.element)}>`;
    default:
      return type.kind;
  }
}

/** `record `, `enum `... before a declared name; nothing for aliases of other kinds. */
function namedKind(type: WitType): string {
  switch (type.kind) {
    case 'record':
    case 'variant':
    case 'enum':
    case 'flags':
      return `${type.kind} `;
    default:
      return '';
  }
}
