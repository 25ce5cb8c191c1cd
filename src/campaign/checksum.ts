/**
 * The checksum a generated `checksum` function computes over the value the
 * host lowered into it, computed here from the typed value: the truth that
 * checks lowering without an echo (an echo lowers and lifts, so a bug that
 * is undone on the way back would hide; a checksum reads the memory image
 * itself).
 *
 * The value is read as a stream of 64-bit atoms in the canonical ABI's
 * order, folded with FNV-1a over whole atoms:
 * - bool, integers (signed ones sign-extended), char (its code point), an
 *   enum's or a variant's discriminant (option: none 0, some 1; result: ok
 *   0, err 1) followed by its payload;
 * - f32 and f64 by their bits, any NaN as the canonical NaN (the one
 *   normalisation: CanonicalABI.md lets a lowering change a NaN's payload);
 * - flags as the words the ABI stores (one byte up to 8 flags, 16 bits up
 *   to 16, else one 32-bit word per 32 flags), flag i being bit i;
 * - a string as its length then its code units in the component's string
 *   encoding: UTF-8 bytes for `utf8`, UTF-16 code units for `utf16` and for
 *   `compact-utf16` (whose latin1 form has the same units, one per byte);
 * - a list as its length then its elements; a fixed list, tuple or record
 *   as its elements in order.
 * Handles have no checksum (their numbers are the engine's own).
 *
 * checksum-wat.ts computes the same in the core module, from memory.
 */
import type { CaseValue, RecordValue, Value } from '../values/value.js';
import type { WitType } from '../wit/types.js';
import type { StringEncoding } from './bindings-case.js';

export const FNV_OFFSET = 0xcbf29ce484222325n;
export const FNV_PRIME = 0x100000001b3n;
export const CANONICAL_NAN32 = 0x7fc00000n;
export const CANONICAL_NAN64 = 0x7ff8000000000000n;

const SIGNED = new Set(['s8', 's16', 's32', 's64']);
const scratch = new DataView(new ArrayBuffer(8));

/** The flags words the ABI stores, as numbers: 1 word up to 32 flags, else one per 32. */
export function flagsWords(flags: readonly string[], set: readonly string[]): bigint[] {
  const words = Array.from({ length: Math.max(1, Math.ceil(flags.length / 32)) }, () => 0n);
  for (const name of set) {
    const bit = flags.indexOf(name);
    if (bit < 0) continue;
    words[bit >> 5] = (words[bit >> 5] as bigint) | (1n << BigInt(bit & 31));
  }
  return words;
}

function caseIndex(type: WitType, tag: string): number {
  switch (type.kind) {
    case 'option':
      return tag === 'none' ? 0 : 1;
    case 'result':
      return tag === 'ok' ? 0 : 1;
    case 'variant':
      return type.cases.findIndex((c) => c.name === tag);
    default:
      return -1;
  }
}

function payloadType(type: WitType, tag: string): WitType | undefined {
  if (type.kind === 'option') return tag === 'some' ? type.some : undefined;
  if (type.kind === 'result') return tag === 'ok' ? type.ok : type.err;
  if (type.kind === 'variant') return type.cases.find((c) => c.name === tag)?.type;
  return undefined;
}

/** The atoms of `value` of `type`, in order. */
export function checksumAtoms(type: WitType, value: Value, encoding: StringEncoding, out: bigint[] = []): bigint[] {
  switch (type.kind) {
    case 'bool':
      out.push(value === true ? 1n : 0n);
      break;
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 's64': case 'u64': {
      const n = typeof value === 'bigint' ? value : BigInt(value as number);
      out.push(SIGNED.has(type.kind) ? BigInt.asUintN(64, n) : n);
      break;
    }
    case 'f32': {
      const x = value as number;
      scratch.setFloat32(0, x);
      out.push(Number.isNaN(x) ? CANONICAL_NAN32 : BigInt(scratch.getUint32(0)));
      break;
    }
    case 'f64': {
      const x = value as number;
      scratch.setFloat64(0, x);
      out.push(Number.isNaN(x) ? CANONICAL_NAN64 : scratch.getBigUint64(0));
      break;
    }
    case 'char':
      out.push(BigInt((value as string).codePointAt(0) ?? 0));
      break;
    case 'string': {
      const text = value as string;
      const units: number[] = encoding === 'utf8' ? [...new TextEncoder().encode(text)] : Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
      out.push(BigInt(units.length), ...units.map(BigInt));
      break;
    }
    case 'list': {
      const items = value as readonly Value[];
      if (type.length === undefined) out.push(BigInt(items.length));
      for (const item of items) checksumAtoms(type.element, item, encoding, out);
      break;
    }
    case 'tuple':
      type.elements.forEach((element, i) => checksumAtoms(element, (value as readonly Value[])[i] as Value, encoding, out));
      break;
    case 'record':
      for (const field of type.fields) checksumAtoms(field.type, (value as RecordValue)[field.name] as Value, encoding, out);
      break;
    case 'enum':
      out.push(BigInt(type.cases.indexOf(value as string)));
      break;
    case 'flags':
      out.push(...flagsWords(type.flags, value as readonly string[]));
      break;
    case 'variant':
    case 'option':
    case 'result': {
      const { tag, value: payload } = value as CaseValue;
      out.push(BigInt(caseIndex(type, tag)));
      const inner = payloadType(type, tag);
      if (inner !== undefined && payload !== undefined) checksumAtoms(inner, payload, encoding, out);
      break;
    }
    default:
      throw new Error(`a checksum function cannot take ${type.kind}`);
  }
  return out;
}

/** FNV-1a over 64-bit atoms. */
export function foldAtoms(atoms: readonly bigint[]): bigint {
  let hash = FNV_OFFSET;
  for (const atom of atoms) hash = BigInt.asUintN(64, (hash ^ atom) * FNV_PRIME);
  return hash;
}

/** The checksum of the arguments `args` of types `params`: one stream over all of them. */
export function checksum(params: readonly WitType[], args: readonly Value[], encoding: StringEncoding): bigint {
  const atoms: bigint[] = [];
  params.forEach((type, i) => checksumAtoms(type, args[i] as Value, encoding, atoms));
  return foldAtoms(atoms);
}
