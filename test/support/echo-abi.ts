/**
 * The parts of the canonical ABI that a hand-written core module needs:
 * flattening of WIT types into core value types, and size/alignment in memory
 * (component-model CanonicalABI.md, `flatten_type`, `elem_size`, `alignment`).
 */
import type { WitType } from '../../src/wit/types.js';

export type CoreType = 'i32' | 'i64' | 'f32' | 'f64';

export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_RESULTS = 1;

export function flatten(type: WitType): CoreType[] {
  switch (type.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 'char': case 'enum':
    case 'own': case 'borrow':
      return ['i32'];
    case 's64': case 'u64':
      return ['i64'];
    case 'f32':
      return ['f32'];
    case 'f64':
      return ['f64'];
    case 'string':
      return ['i32', 'i32'];
    case 'list':
      return type.length === undefined ? ['i32', 'i32'] : Array.from({ length: type.length }, () => flatten(type.element)).flat();
    case 'tuple':
      return type.elements.flatMap(flatten);
    case 'record':
      return type.fields.flatMap((field) => flatten(field.type));
    case 'flags':
      return Array.from({ length: Math.ceil(type.flags.length / 32) }, () => 'i32' as const);
    case 'variant':
      return flattenVariant(type.cases.map((c) => c.type));
    case 'option':
      return flattenVariant([undefined, type.some]);
    case 'result':
      return flattenVariant([type.ok, type.err]);
    default:
      throw new Error(`no canonical ABI for ${type.kind}`);
  }
}

function flattenVariant(payloads: readonly (WitType | undefined)[]): CoreType[] {
  const joined: CoreType[] = [];
  for (const payload of payloads) {
    if (payload === undefined) continue;
    flatten(payload).forEach((core, i) => {
      const seen = joined[i];
      joined[i] = seen === undefined ? core : join(seen, core);
    });
  }
  return ['i32', ...joined];
}

function join(a: CoreType, b: CoreType): CoreType {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

function discriminantSize(cases: number): number {
  return cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;
}

function flagsSize(count: number): number {
  return count <= 8 ? 1 : count <= 16 ? 2 : 4 * Math.ceil(count / 32);
}

export function alignment(type: WitType): number {
  switch (type.kind) {
    case 'bool': case 's8': case 'u8':
      return 1;
    case 's16': case 'u16':
      return 2;
    case 's32': case 'u32': case 'f32': case 'char': case 'string': case 'own': case 'borrow':
      return 4;
    case 's64': case 'u64': case 'f64':
      return 8;
    case 'list':
      return type.length === undefined ? 4 : alignment(type.element);
    case 'tuple':
      return Math.max(1, ...type.elements.map(alignment));
    case 'record':
      return Math.max(1, ...type.fields.map((field) => alignment(field.type)));
    case 'enum':
      return discriminantSize(type.cases.length);
    case 'flags':
      return Math.min(4, flagsSize(type.flags.length));
    case 'variant':
      return variantLayout(type.cases.map((c) => c.type)).align;
    case 'option':
      return variantLayout([undefined, type.some]).align;
    case 'result':
      return variantLayout([type.ok, type.err]).align;
    default:
      throw new Error(`no canonical ABI for ${type.kind}`);
  }
}

export function size(type: WitType): number {
  switch (type.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 'f32': case 'char':
    case 's64': case 'u64': case 'f64': case 'own': case 'borrow':
      return alignment(type);
    case 'string':
      return 8;
    case 'list':
      return type.length === undefined ? 8 : size(type.element) * type.length;
    case 'tuple':
      return structSize(type.elements);
    case 'record':
      return structSize(type.fields.map((field) => field.type));
    case 'enum':
      return discriminantSize(type.cases.length);
    case 'flags':
      return flagsSize(type.flags.length);
    case 'variant':
      return variantLayout(type.cases.map((c) => c.type)).size;
    case 'option':
      return variantLayout([undefined, type.some]).size;
    case 'result':
      return variantLayout([type.ok, type.err]).size;
    default:
      throw new Error(`no canonical ABI for ${type.kind}`);
  }
}

function alignTo(offset: number, align: number): number {
  return Math.ceil(offset / align) * align;
}

function structSize(types: readonly WitType[]): number {
  let offset = 0;
  for (const t of types) offset = alignTo(offset, alignment(t)) + size(t);
  return alignTo(offset, Math.max(1, ...types.map(alignment)));
}

function variantLayout(payloads: readonly (WitType | undefined)[]): { size: number; align: number } {
  const present = payloads.filter((p): p is WitType => p !== undefined);
  const discriminant = discriminantSize(payloads.length);
  const caseAlign = Math.max(1, ...present.map(alignment));
  const align = Math.max(discriminant, caseAlign);
  const payloadSize = Math.max(0, ...present.map(size));
  return { size: alignTo(alignTo(discriminant, caseAlign) + payloadSize, align), align };
}
