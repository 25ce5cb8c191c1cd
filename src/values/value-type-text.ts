/**
 * A WIT type written as the TypeScript type of its `Value`s (values/value.ts):
 * `u32` is `number`, `u64` `bigint`, `option<string>` is
 * `{ readonly tag: 'none' } | { readonly tag: 'some'; readonly value: string }`,
 * a record an object with its kebab-case fields. For the declarations
 * `generate types` writes (values/component-types.ts).
 */
import type { WitType } from '../wit/types.js';

const NUMBER_KINDS = new Set(['s8', 's16', 's32', 'u8', 'u16', 'u32', 'f32', 'f64']);

export function valueTypeText(type: WitType): string {
  switch (type.kind) {
    case 'bool':
      return 'boolean';
    case 's64':
    case 'u64':
      return 'bigint';
    case 'char':
    case 'string':
      return 'string';
    case 'list':
      return `readonly ${grouped(valueTypeText(type.element))}[]`;
    case 'tuple':
      return `readonly [${type.elements.map(valueTypeText).join(', ')}]`;
    case 'record':
      return `{ ${type.fields.map((field) => `readonly ${key(field.name)}: ${valueTypeText(field.type)}`).join('; ')} }`;
    case 'variant':
      return type.cases.map((c) => caseText(c.name, c.type)).join(' | ');
    case 'option':
      return `${caseText('none', undefined)} | ${caseText('some', type.some)}`;
    case 'result':
      return `${caseText('ok', type.ok)} | ${caseText('err', type.err)}`;
    case 'enum':
      return type.cases.map((name) => JSON.stringify(name)).join(' | ') || 'never';
    case 'flags':
      return `readonly (${type.flags.map((name) => JSON.stringify(name)).join(' | ') || 'never'})[]`;
    case 'own':
    case 'borrow':
      return "import('proxy-component').ResourceHandle";
    default:
      return NUMBER_KINDS.has(type.kind) ? 'number' : 'unknown';
  }
}

function caseText(tag: string, payload: WitType | undefined): string {
  return payload === undefined ? `{ readonly tag: ${JSON.stringify(tag)} }` : `{ readonly tag: ${JSON.stringify(tag)}; readonly value: ${valueTypeText(payload)} }`;
}

/** A union inside `T[]` needs parentheses. */
function grouped(text: string): string {
  return text.includes(' | ') ? `(${text})` : text;
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
