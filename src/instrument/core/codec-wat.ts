/**
 * Generates the WAT that moves values of WIT types between the canonical ABI
 * (flat core values, or the memory layout) and the byte encoding of
 * bin-codec.ts: writers append a value to the output buffer, readers consume
 * one from the input cursor. One function per distinct type structure, made
 * on first use.
 *
 * A resource handle is written as its trace number and read back from one;
 * what a handle is on the side the codec talks to (a handle index, a
 * representation, a table slot) is the `HandleWat` given, so a module has one
 * codec per side it talks to, each with its own function names.
 */
import type { HandleType, WitType } from '../../wit/types.js';
import { alignment, fieldOffsets, flatten, payloadOffset, sequenceFields, size, variantCases, discriminantSize, flagsSize, type CoreType } from '../abi.js';

/** A core value the generated code can read: a WAT expression and its core type. */
export interface FlatSource {
  readonly expr: string;
  readonly type: CoreType;
}

/** Declares the locals a generated function body needs. */
export class LocalScope {
  readonly declarations: string[] = [];
  private count = 0;
  local(type: CoreType): string {
    const name = `$l${this.count++}`;
    this.declarations.push(`(local ${name} ${type})`);
    return name;
  }
}

/** How handles of one side become trace numbers and back: each returns an i32 WAT expression. */
export interface HandleWat {
  /** The number of the handle `abi` (an i32 expression) holds, handed over to the trace. */
  toNumber(type: HandleType, abi: string): string;
  /** The handle the side is given for number `number` (an i32 expression). */
  fromNumber(type: HandleType, number: string): string;
}

/** A side that never carries handles. */
export const NO_HANDLES: HandleWat = {
  toNumber: (type) => {
    throw new Error(`no handles expected here (${type.kind}<${type.resource.name.name}>)`);
  },
  fromNumber: (type) => {
    throw new Error(`no handles expected here (${type.kind}<${type.resource.name.name}>)`);
  },
};

/** Numeric types whose memory layout equals the byte encoding: lists of them are copied whole. */
const RAW_WIDTH: Partial<Record<WitType['kind'], number>> = { bool: 1, s8: 1, u8: 1, s16: 2, u16: 2, s32: 4, u32: 4, char: 4, f32: 4, s64: 8, u64: 8, f64: 8 };

export class WatCodec {
  private readonly functions: string[] = [];
  private readonly names = new Map<string, string>();

  /** `prefix` keeps this codec's function names apart from another codec's in the same module. */
  constructor(
    private readonly handles: HandleWat = NO_HANDLES,
    private readonly prefix = '',
  ) {}

  /** Every generated function, for the module. */
  get definitions(): string {
    return this.functions.join('\n');
  }

  // ---- memory -> bytes -------------------------------------------------

  /** Code appending the value of `type` stored at address `ptr` (an i32 expression). */
  writeFromMemory(type: WitType, ptr: string): string {
    switch (type.kind) {
      case 'bool':
      case 's8':
      case 'u8':
        return `(call $out_u8 (i32.load8_u ${ptr}))`;
      case 's16':
      case 'u16':
        return `(call $out_u16 (i32.load16_u ${ptr}))`;
      case 's32':
      case 'u32':
      case 'char':
      case 'f32':
        return `(call $out_u32 (i32.load ${ptr}))`;
      case 's64':
      case 'u64':
      case 'f64':
        return `(call $out_u64 (i64.load ${ptr}))`;
      case 'flags':
        return `(call $out_u32 (${loadOp(flagsSize(type.flags.length))} ${ptr}))`;
      case 'own':
      case 'borrow':
        return `(call $out_u32 ${this.handles.toNumber(type, `(i32.load ${ptr})`)})`;
      default:
        return `(call ${this.memoryWriter(type)} ${ptr})`;
    }
  }

  private memoryWriter(type: WitType): string {
    return this.define('w', type, () => {
      const body: string[] = [];
      if (type.kind === 'string' || (type.kind === 'list' && type.length === undefined)) {
        body.push(`(call ${this.listWriter(type)} (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)))`);
      } else if (sequenceFields(type) !== undefined) {
        const fields = sequenceFields(type) as readonly WitType[];
        const { offsets } = fieldOffsets(fields);
        fields.forEach((field, i) => body.push(this.writeFromMemory(field, `(i32.add (local.get $p) (i32.const ${offsets[i]}))`)));
      } else {
        const cases = variantCases(type) ?? [];
        const disc = `(${loadOp(discriminantSize(cases.length))} (local.get $p))`;
        body.push(`(call $out_u32 ${disc})`);
        const at = `(i32.add (local.get $p) (i32.const ${payloadOffset(type)}))`;
        cases.forEach((c, i) => {
          if (c.type !== undefined) body.push(`(if (i32.eq ${disc} (i32.const ${i})) (then ${this.writeFromMemory(c.type, at)}))`);
        });
      }
      return `(param $p i32) ${body.join('\n    ')}`;
    });
  }

  /** `$wl…(ptr, len)`: writes a string's or list's count and elements. */
  private listWriter(type: WitType): string {
    return this.define('wl', type, () => {
      if (type.kind === 'string') return `(param $p i32) (param $n i32) (call $out_u32 (local.get $n)) (call $out_bytes (local.get $p) (local.get $n))`;
      const element = (type as Extract<WitType, { kind: 'list' }>).element;
      const raw = RAW_WIDTH[element.kind];
      if (raw !== undefined) {
        return `(param $p i32) (param $n i32) (call $out_u32 (local.get $n)) (call $out_bytes (local.get $p) (i32.mul (local.get $n) (i32.const ${raw})))`;
      }
      const stride = size(element);
      return `(param $p i32) (param $n i32) (local $i i32)
    (call $out_u32 (local.get $n))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      ${this.writeFromMemory(element, `(i32.add (local.get $p) (i32.mul (local.get $i) (i32.const ${stride})))`)}
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))`;
    });
  }

  // ---- bytes -> memory -------------------------------------------------

  /** Code reading a value of `type` from the input into memory at `ptr`. */
  readIntoMemory(type: WitType, ptr: string): string {
    switch (type.kind) {
      case 'bool':
      case 's8':
      case 'u8':
        return `(i32.store8 ${ptr} (call $in_u8))`;
      case 's16':
      case 'u16':
        return `(i32.store16 ${ptr} (call $in_u16))`;
      case 's32':
      case 'u32':
      case 'char':
      case 'f32':
        return `(i32.store ${ptr} (call $in_u32))`;
      case 's64':
      case 'u64':
      case 'f64':
        return `(i64.store ${ptr} (call $in_u64))`;
      case 'flags':
        return `(${storeOp(flagsSize(type.flags.length))} ${ptr} (call $in_u32))`;
      case 'own':
      case 'borrow':
        return `(i32.store ${ptr} ${this.handles.fromNumber(type, '(call $in_u32)')})`;
      default:
        return `(call ${this.memoryReader(type)} ${ptr})`;
    }
  }

  private memoryReader(type: WitType): string {
    return this.define('r', type, () => {
      const body: string[] = [];
      if (type.kind === 'string' || (type.kind === 'list' && type.length === undefined)) {
        body.push(`(i32.store (local.get $p) (call ${this.listReader(type)}))`, `(i32.store offset=4 (local.get $p) (global.get $last_len))`);
      } else if (sequenceFields(type) !== undefined) {
        const fields = sequenceFields(type) as readonly WitType[];
        const { offsets } = fieldOffsets(fields);
        fields.forEach((field, i) => body.push(this.readIntoMemory(field, `(i32.add (local.get $p) (i32.const ${offsets[i]}))`)));
      } else {
        const cases = variantCases(type) ?? [];
        body.push(`(local.set $d (call $in_u32))`, `(${storeOp(discriminantSize(cases.length))} (local.get $p) (local.get $d))`);
        const at = `(i32.add (local.get $p) (i32.const ${payloadOffset(type)}))`;
        cases.forEach((c, i) => {
          if (c.type !== undefined) body.push(`(if (i32.eq (local.get $d) (i32.const ${i})) (then ${this.readIntoMemory(c.type, at)}))`);
        });
      }
      return `(param $p i32) (local $d i32) ${body.join('\n    ')}`;
    });
  }

  /** `$rl…() -> ptr`: reads a string or list into memory, setting `$last_len`. */
  private listReader(type: WitType): string {
    return this.define('rl', type, () => {
      if (type.kind === 'string') return `(result i32) (call $in_string)`;
      const element = (type as Extract<WitType, { kind: 'list' }>).element;
      const raw = RAW_WIDTH[element.kind];
      if (raw !== undefined) return `(result i32) (call $in_copy (call $in_u32) (i32.const ${raw}) (i32.const ${raw}))`;
      const stride = size(element);
      return `(result i32) (local $n i32) (local $p i32) (local $i i32)
    (local.set $n (call $in_u32))
    (local.set $p (call $alloc (i32.mul (local.get $n) (i32.const ${stride})) (i32.const ${alignment(element)})))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      ${this.readIntoMemory(element, `(i32.add (local.get $p) (i32.mul (local.get $i) (i32.const ${stride})))`)}
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (global.set $last_len (local.get $n))
    (local.get $p)`;
    });
  }

  // ---- flat core values -> bytes ----------------------------------------

  /** Code appending the value of `type` held in the flat core values `sources` (exactly flatten(type) of them, possibly joined wider). */
  writeFromFlat(type: WitType, sources: readonly FlatSource[], scope: LocalScope): string {
    const natural = flatten(type);
    const values = sources.map((source, i) => coerceDown(source, natural[i] as CoreType));
    switch (type.kind) {
      case 'bool':
        return `(call $out_u8 (i32.ne ${v(values, 0)} (i32.const 0)))`;
      case 's8':
      case 'u8':
        return `(call $out_u8 ${v(values, 0)})`;
      case 's16':
      case 'u16':
        return `(call $out_u16 ${v(values, 0)})`;
      case 's32':
      case 'u32':
      case 'char':
      case 'enum':
      case 'flags':
        return `(call $out_u32 ${v(values, 0)})`;
      case 's64':
      case 'u64':
        return `(call $out_u64 ${v(values, 0)})`;
      case 'f32':
        return `(call $out_u32 (i32.reinterpret_f32 ${v(values, 0)}))`;
      case 'f64':
        return `(call $out_u64 (i64.reinterpret_f64 ${v(values, 0)}))`;
      case 'string':
        return `(call ${this.listWriter(type)} ${v(values, 0)} ${v(values, 1)})`;
      case 'own':
      case 'borrow':
        return `(call $out_u32 ${this.handles.toNumber(type, v(values, 0))})`;
      default:
        break;
    }
    if (type.kind === 'list' && type.length === undefined) return `(call ${this.listWriter(type)} ${v(values, 0)} ${v(values, 1)})`;
    const typed = values.map((expr, i) => ({ expr, type: natural[i] as CoreType }));
    const fields = sequenceFields(type);
    if (fields !== undefined) {
      const parts: string[] = [];
      let at = 0;
      for (const field of fields) {
        const count = flatten(field).length;
        parts.push(this.writeFromFlat(field, typed.slice(at, at + count), scope));
        at += count;
      }
      return parts.join('\n    ');
    }
    const cases = variantCases(type) ?? [];
    // The discriminant is evaluated once into a local: payload branches test it.
    const disc = scope.local('i32');
    const parts = [`(local.set ${disc} ${v(values, 0)})`, `(call $out_u32 (local.get ${disc}))`];
    cases.forEach((c, i) => {
      if (c.type === undefined) return;
      const count = flatten(c.type).length;
      parts.push(`(if (i32.eq (local.get ${disc}) (i32.const ${i})) (then ${this.writeFromFlat(c.type, typed.slice(1, 1 + count), scope)}))`);
    });
    return parts.join('\n    ');
  }

  // ---- bytes -> flat core values ----------------------------------------

  /** Code reading a value of `type` from the input into the locals `targets` (flatten(type) of them, possibly joined wider). */
  readIntoFlat(type: WitType, targets: readonly FlatSource[], scope: LocalScope): string {
    const natural = flatten(type);
    const set = (i: number, expr: string) => {
      const target = targets[i] as FlatSource;
      return `(local.set ${target.expr} ${coerceUp(expr, natural[i] as CoreType, target.type)})`;
    };
    switch (type.kind) {
      case 'bool':
      case 'u8':
        return set(0, '(call $in_u8)');
      case 's8':
        return set(0, '(i32.extend8_s (call $in_u8))');
      case 'u16':
        return set(0, '(call $in_u16)');
      case 's16':
        return set(0, '(i32.extend16_s (call $in_u16))');
      case 's32':
      case 'u32':
      case 'char':
      case 'enum':
      case 'flags':
        return set(0, '(call $in_u32)');
      case 's64':
      case 'u64':
        return set(0, '(call $in_u64)');
      case 'f32':
        return set(0, '(f32.reinterpret_i32 (call $in_u32))');
      case 'f64':
        return set(0, '(f64.reinterpret_i64 (call $in_u64))');
      case 'own':
      case 'borrow':
        return set(0, this.handles.fromNumber(type, '(call $in_u32)'));
      default:
        break;
    }
    if (type.kind === 'string' || (type.kind === 'list' && type.length === undefined)) {
      return `${set(0, `(call ${this.listReader(type)})`)} ${set(1, '(global.get $last_len)')}`;
    }
    const fields = sequenceFields(type);
    if (fields !== undefined) {
      const parts: string[] = [];
      let at = 0;
      for (const field of fields) {
        const count = flatten(field).length;
        parts.push(this.readIntoFlat(field, targets.slice(at, at + count), scope));
        at += count;
      }
      return parts.join('\n    ');
    }
    const cases = variantCases(type) ?? [];
    const disc = scope.local('i32');
    const parts = [`(local.set ${disc} (call $in_u32))`, set(0, `(local.get ${disc})`)];
    // Payload slots a case does not use must still hold a value: zero.
    targets.slice(1).forEach((target) => parts.push(`(local.set ${target.expr} (${target.type}.const 0))`));
    cases.forEach((c, i) => {
      if (c.type === undefined) return;
      const count = flatten(c.type).length;
      parts.push(`(if (i32.eq (local.get ${disc}) (i32.const ${i})) (then ${this.readIntoFlat(c.type, targets.slice(1, 1 + count), scope)}))`);
    });
    return parts.join('\n    ');
  }

  private define(prefix: string, type: WitType, body: () => string): string {
    const key = `${prefix}:${typeKey(type)}`;
    const known = this.names.get(key);
    if (known !== undefined) return known;
    const name = `$${this.prefix}${prefix}${this.names.size}`;
    this.names.set(key, name);
    // Registered before the body is made: a recursive use finds the name.
    this.functions.push(`  (func ${name} ${body()})`);
    return name;
  }
}

function v(values: readonly string[], i: number): string {
  return values[i] as string;
}

function loadOp(width: 1 | 2 | 4): string {
  return width === 1 ? 'i32.load8_u' : width === 2 ? 'i32.load16_u' : 'i32.load';
}

function storeOp(width: 1 | 2 | 4): string {
  return width === 1 ? 'i32.store8' : width === 2 ? 'i32.store16' : 'i32.store';
}

/** A joined flat value read back as the case's own core type. */
function coerceDown(source: FlatSource, want: CoreType): string {
  const { expr, type: have } = source;
  if (have === want) return expr;
  if (have === 'i32' && want === 'f32') return `(f32.reinterpret_i32 ${expr})`;
  if (have === 'i64' && want === 'i32') return `(i32.wrap_i64 ${expr})`;
  if (have === 'i64' && want === 'f32') return `(f32.reinterpret_i32 (i32.wrap_i64 ${expr}))`;
  if (have === 'i64' && want === 'f64') return `(f64.reinterpret_i64 ${expr})`;
  throw new Error(`cannot read a ${have} slot as ${want}`);
}

/** A case's core value widened to the joined slot type. */
function coerceUp(expr: string, have: CoreType, want: CoreType): string {
  if (have === want) return expr;
  if (have === 'f32' && want === 'i32') return `(i32.reinterpret_f32 ${expr})`;
  if (have === 'i32' && want === 'i64') return `(i64.extend_i32_u ${expr})`;
  if (have === 'f32' && want === 'i64') return `(i64.extend_i32_u (i32.reinterpret_f32 ${expr}))`;
  if (have === 'f64' && want === 'i64') return `(i64.reinterpret_f64 ${expr})`;
  throw new Error(`cannot widen ${have} to ${want}`);
}

/** A type's structure without names: equal keys, equal canonical ABI. */
export function typeKey(type: WitType): string {
  return JSON.stringify(type, (key, value: unknown) => (key === 'name' && typeof value === 'object' ? undefined : value));
}
