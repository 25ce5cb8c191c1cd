/**
 * Core WAT that folds a value in linear memory into the checksum of
 * checksum.ts: the body of a generated `checksum` function, which reads the
 * memory image the host lowered (strings and lists through their pointers,
 * variants by their discriminant, every load at its ABI offset and width),
 * so that a lowering bug shows as a wrong checksum even when lifting it
 * back would undo it.
 *
 * The walker writes straight-line code with one block/loop per list or
 * string; every list, string and list element gets locals of its own, so
 * nesting needs no stack.
 */
import { discriminantSize, fieldOffsets, flagsSize, payloadOffset, sequenceFields, size, variantCases } from '../instrument/abi.js';
import type { WitType } from '../wit/types.js';
import type { StringEncoding } from './bindings-case.js';
import { CANONICAL_NAN32, CANONICAL_NAN64, FNV_OFFSET, FNV_PRIME } from './checksum.js';

const LOAD: Readonly<Record<string, string>> = {
  bool: 'i64.load8_u', u8: 'i64.load8_u', s8: 'i64.load8_s',
  u16: 'i64.load16_u', s16: 'i64.load16_s',
  u32: 'i64.load32_u', s32: 'i64.load32_s', char: 'i64.load32_u',
  u64: 'i64.load', s64: 'i64.load',
};

function hex(n: bigint): string {
  return `0x${n.toString(16)}`;
}

function unsignedLoad(bytes: 1 | 2 | 4): string {
  return bytes === 1 ? 'i64.load8_u' : bytes === 2 ? 'i64.load16_u' : 'i64.load32_u';
}

/** Generates the folding code for one function; `locals` are the i32 locals it needs, `$h` the i64 accumulator. */
export class ChecksumWalker {
  readonly locals: string[] = [];
  private next = 0;

  constructor(private readonly encoding: StringEncoding) {}

  /** Declarations of the accumulator and every local the walk used. */
  declarations(): string {
    return ['(local $h i64)', ...this.locals.map((name) => `(local ${name} i32)`)].join(' ');
  }

  start(): string {
    return `(local.set $h (i64.const ${hex(FNV_OFFSET)}))`;
  }

  result(): string {
    return '(local.get $h)';
  }

  private local(): string {
    const name = `$w${this.next++}`;
    this.locals.push(name);
    return name;
  }

  private atom(expr: string): string {
    return `(local.set $h (i64.mul (i64.xor (local.get $h) ${expr}) (i64.const ${hex(FNV_PRIME)})))`;
  }

  /** `body` for $i from 0 below `count`, in a fresh block and loop. */
  private loop(index: string, count: string, body: readonly string[]): string[] {
    const label = this.next++;
    return [
      `(local.set ${index} (i32.const 0))`,
      `(block $done${label} (loop $next${label}`,
      `  (br_if $done${label} (i32.ge_u (local.get ${index}) ${count}))`,
      ...body.map((line) => `  ${line}`),
      `  (local.set ${index} (i32.add (local.get ${index}) (i32.const 1)))`,
      `  (br $next${label})))`,
    ];
  }

  /** Code that folds the value of `type` at `base` (a local's name) + `offset`. */
  walk(type: WitType, base: string, offset: number): string[] {
    const at = (instruction: string, extra = 0): string => `(${instruction} offset=${offset + extra} (local.get ${base}))`;
    const load = LOAD[type.kind];
    if (load !== undefined) return [this.atom(at(load))];
    switch (type.kind) {
      case 'f32':
        return [this.atom(`(select (i64.const ${hex(CANONICAL_NAN32)}) ${at('i64.load32_u')} (f32.ne ${at('f32.load')} ${at('f32.load')}))`)];
      case 'f64':
        return [this.atom(`(select (i64.const ${hex(CANONICAL_NAN64)}) ${at('i64.load')} (f64.ne ${at('f64.load')} ${at('f64.load')}))`)];
      case 'enum':
        return [this.atom(at(unsignedLoad(discriminantSize(type.cases.length))))];
      case 'flags':
        return [this.atom(at(unsignedLoad(flagsSize(type.flags.length))))];
      case 'string':
        return this.string(at('i32.load'), at('i32.load', 4));
      case 'list':
        if (type.length === undefined) return this.list(type.element, at('i32.load'), at('i32.load', 4));
        break;
      default:
        break;
    }
    const fields = sequenceFields(type);
    if (fields !== undefined) {
      const { offsets } = fieldOffsets(fields);
      return fields.flatMap((field, i) => this.walk(field, base, offset + (offsets[i] as number)));
    }
    const cases = variantCases(type);
    if (cases !== undefined) {
      const discriminant = this.local();
      const bytes = discriminantSize(cases.length);
      const out = [`(local.set ${discriminant} ${at(bytes === 1 ? 'i32.load8_u' : bytes === 2 ? 'i32.load16_u' : 'i32.load')})`, this.atom(`(i64.extend_i32_u (local.get ${discriminant}))`)];
      const payloadAt = offset + payloadOffset(type);
      cases.forEach((c, index) => {
        if (c.type === undefined) return;
        const body = this.walk(c.type, base, payloadAt);
        out.push(`(if (i32.eq (local.get ${discriminant}) (i32.const ${index})) (then`, ...body.map((line) => `  ${line}`), '))');
      });
      return out;
    }
    throw new Error(`a checksum function cannot take ${type.kind}`);
  }

  private string(pointer: string, length: string): string[] {
    const ptr = this.local();
    const count = this.local();
    const index = this.local();
    const units = (width: 1 | 2): string[] =>
      this.loop(index, `(local.get ${count})`, [this.atom(`(${width === 1 ? 'i64.load8_u' : 'i64.load16_u'} (i32.add (local.get ${ptr}) (i32.mul (local.get ${index}) (i32.const ${width}))))`)]);
    const out = [`(local.set ${ptr} ${pointer})`, `(local.set ${count} ${length})`];
    if (this.encoding === 'utf8') return [...out, this.atom(`(i64.extend_i32_u (local.get ${count}))`), ...units(1)];
    if (this.encoding === 'utf16') return [...out, this.atom(`(i64.extend_i32_u (local.get ${count}))`), ...units(2)];
    // latin1+utf16: the top bit of the length tags UTF-16; the rest is the number of code units either way.
    const tagged = this.local();
    return [
      ...out,
      `(local.set ${tagged} (i32.shr_u (local.get ${count}) (i32.const 31)))`,
      `(local.set ${count} (i32.and (local.get ${count}) (i32.const 0x7fffffff)))`,
      this.atom(`(i64.extend_i32_u (local.get ${count}))`),
      `(if (local.get ${tagged}) (then`,
      ...units(2).map((line) => `  ${line}`),
      ') (else',
      ...units(1).map((line) => `  ${line}`),
      '))',
    ];
  }

  private list(element: WitType, pointer: string, length: string): string[] {
    const ptr = this.local();
    const count = this.local();
    const index = this.local();
    const item = this.local();
    const body = [`(local.set ${item} (i32.add (local.get ${ptr}) (i32.mul (local.get ${index}) (i32.const ${size(element)}))))`, ...this.walk(element, item, 0)];
    return [`(local.set ${ptr} ${pointer})`, `(local.set ${count} ${length})`, this.atom(`(i64.extend_i32_u (local.get ${count}))`), ...this.loop(index, `(local.get ${count})`, body)];
  }
}
