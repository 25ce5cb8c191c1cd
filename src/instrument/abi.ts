/**
 * The canonical ABI's view of WIT value types, as far as the generated
 * virtualizers need it: memory size and alignment, and the flattening of a
 * value into core values (component model spec, CanonicalABI.md).
 *
 * Records, tuples and fixed-size lists are sequences of fields; enums,
 * options and results are variants ("despecialization"). A resource handle
 * (`own<r>`, `borrow<r>`) is one i32: a handle index or, for a resource the
 * module itself defines and borrows, its representation.
 */
import { ProxyComponentError } from '../errors.js';
import type { WitType } from '../wit/types.js';

export type CoreType = 'i32' | 'i64' | 'f32' | 'f64';

/** A variant-like type after despecialization: its cases, payloads optional. */
export interface CaseLayout {
  readonly name: string;
  readonly type?: WitType;
}

export function variantCases(type: WitType): readonly CaseLayout[] | undefined {
  switch (type.kind) {
    case 'variant':
      return type.cases;
    case 'enum':
      return type.cases.map((name) => ({ name }));
    case 'option':
      return [{ name: 'none' }, { name: 'some', type: type.some }];
    case 'result':
      return [
        type.ok === undefined ? { name: 'ok' } : { name: 'ok', type: type.ok },
        type.err === undefined ? { name: 'err' } : { name: 'err', type: type.err },
      ];
    default:
      return undefined;
  }
}

/** The fields of a record-like type (record, tuple, fixed-size list), in memory order. */
export function sequenceFields(type: WitType): readonly WitType[] | undefined {
  switch (type.kind) {
    case 'record':
      return type.fields.map((field) => field.type);
    case 'tuple':
      return type.elements;
    case 'list':
      return type.length === undefined ? undefined : Array.from({ length: type.length }, () => type.element);
    default:
      return undefined;
  }
}

export function discriminantSize(caseCount: number): 1 | 2 | 4 {
  if (caseCount <= 0x100) return 1;
  if (caseCount <= 0x10000) return 2;
  return 4;
}

export function flagsSize(count: number): 1 | 2 | 4 {
  if (count > 32) throw unsupported(`flags with more than 32 flags`);
  if (count <= 8) return 1;
  if (count <= 16) return 2;
  return 4;
}

/** Size and alignment in linear memory of the types whose layout does not depend on their parameters. */
const FIXED_LAYOUT: Readonly<Record<string, { readonly size: number; readonly align: number }>> = {
  bool: { size: 1, align: 1 },
  s8: { size: 1, align: 1 },
  u8: { size: 1, align: 1 },
  s16: { size: 2, align: 2 },
  u16: { size: 2, align: 2 },
  s32: { size: 4, align: 4 },
  u32: { size: 4, align: 4 },
  f32: { size: 4, align: 4 },
  char: { size: 4, align: 4 },
  s64: { size: 8, align: 8 },
  u64: { size: 8, align: 8 },
  f64: { size: 8, align: 8 },
  // A pointer and a length.
  string: { size: 8, align: 4 },
  own: { size: 4, align: 4 },
  borrow: { size: 4, align: 4 },
};

export function alignment(type: WitType): number {
  const fixed = FIXED_LAYOUT[type.kind];
  if (fixed !== undefined) return fixed.align;
  switch (type.kind) {
    case 'flags':
      return flagsSize(type.flags.length);
    case 'list':
      return type.length === undefined ? 4 : alignment(type.element);
    default: {
      const fields = sequenceFields(type);
      if (fields !== undefined) return Math.max(1, ...fields.map(alignment));
      const cases = variantCases(type);
      if (cases !== undefined) return Math.max(discriminantSize(cases.length), ...cases.map((c) => (c.type === undefined ? 1 : alignment(c.type))));
      throw unsupported(`values of type ${type.kind}`);
    }
  }
}

export function alignTo(offset: number, align: number): number {
  return Math.ceil(offset / align) * align;
}

export function size(type: WitType): number {
  const fixed = FIXED_LAYOUT[type.kind];
  if (fixed !== undefined) return fixed.size;
  switch (type.kind) {
    case 'flags':
      return flagsSize(type.flags.length);
    case 'list':
      if (type.length === undefined) return 8;
      return size(type.element) * type.length;
    default: {
      const fields = sequenceFields(type);
      if (fields !== undefined) return alignTo(fieldOffsets(fields).end, alignment(type));
      const cases = variantCases(type);
      if (cases !== undefined) return alignTo(payloadOffset(type) + Math.max(0, ...cases.map((c) => (c.type === undefined ? 0 : size(c.type)))), alignment(type));
      throw unsupported(`values of type ${type.kind}`);
    }
  }
}

/** Offsets of consecutive fields, and where the last one ends. */
export function fieldOffsets(fields: readonly WitType[]): { offsets: number[]; end: number } {
  const offsets: number[] = [];
  let offset = 0;
  for (const field of fields) {
    offset = alignTo(offset, alignment(field));
    offsets.push(offset);
    offset += size(field);
  }
  return { offsets, end: offset };
}

/** Where a variant's payload starts: after the discriminant, aligned to the widest case. */
export function payloadOffset(type: WitType): number {
  const cases = variantCases(type) ?? [];
  const maxCaseAlign = Math.max(1, ...cases.map((c) => (c.type === undefined ? 1 : alignment(c.type))));
  return alignTo(discriminantSize(cases.length), maxCaseAlign);
}

export function flatten(type: WitType): CoreType[] {
  switch (type.kind) {
    case 'bool':
    case 's8':
    case 'u8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
    case 'char':
    case 'enum':
    case 'flags':
    case 'own':
    case 'borrow':
      return ['i32'];
    case 's64':
    case 'u64':
      return ['i64'];
    case 'f32':
      return ['f32'];
    case 'f64':
      return ['f64'];
    case 'string':
      return ['i32', 'i32'];
    case 'list':
      if (type.length === undefined) return ['i32', 'i32'];
      return Array.from({ length: type.length }, () => flatten(type.element)).flat();
    default: {
      const fields = sequenceFields(type);
      if (fields !== undefined) return fields.flatMap(flatten);
      const cases = variantCases(type);
      if (cases !== undefined) {
        const joined: CoreType[] = [];
        for (const c of cases) {
          if (c.type === undefined) continue;
          flatten(c.type).forEach((core, i) => {
            const current = joined[i];
            joined[i] = current === undefined ? core : join(current, core);
          });
        }
        return ['i32', ...joined];
      }
      throw unsupported(`values of type ${type.kind}`);
    }
  }
}

export function join(a: CoreType, b: CoreType): CoreType {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_RESULTS = 1;

/** True when `type` holds no async type (nor flags past 32): the virtualizers can carry it. */
export function isCarriable(type: WitType): boolean {
  switch (type.kind) {
    case 'future':
    case 'stream':
    case 'error-context':
      return false;
    case 'flags':
      return type.flags.length <= 32;
    case 'list':
      return isCarriable(type.element);
    default: {
      const fields = sequenceFields(type);
      if (fields !== undefined) return fields.every(isCarriable);
      const cases = variantCases(type);
      if (cases !== undefined) return cases.every((c) => c.type === undefined || isCarriable(c.type));
      return true;
    }
  }
}

/** What in `type` the virtualizers cannot carry, worded to follow "it uses"; undefined when carriable. */
export function uncarriablePart(type: WitType): string | undefined {
  switch (type.kind) {
    case 'future':
    case 'stream':
    case 'error-context':
      return `an async type (\`${type.kind}\`)`;
    case 'flags':
      return type.flags.length <= 32 ? undefined : 'flags with more than 32 members';
    case 'list':
      return uncarriablePart(type.element);
    default: {
      const parts = sequenceFields(type) ?? variantCases(type)?.flatMap((c) => (c.type === undefined ? [] : [c.type])) ?? [];
      for (const part of parts) {
        const found = uncarriablePart(part);
        if (found !== undefined) return found;
      }
      return undefined;
    }
  }
}

function unsupported(what: string): ProxyComponentError {
  return new ProxyComponentError('WIT_UNSUPPORTED', `the instrumenting virtualizer cannot carry ${what}`);
}
