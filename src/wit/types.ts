/**
 * The WIT value types, structurally.
 *
 * Every reader (WIT text, component binary) produces these, and every consumer
 * (WAVE codec, jco value bridge, fuzzer, trace) works on them. A type is a plain,
 * immutable tree; named types (records, variants, enums, flags, resources and
 * aliases) carry their WIT name in `name` so that printers can write `entry`
 * instead of spelling out the record again. Structure alone decides what values
 * a type has: two types that differ only in `name` hold the same values.
 *
 * @example
 * // record entry { key: string, ttl: option<u64> }
 * const entry: RecordType = {
 *   kind: 'record',
 *   name: { name: 'entry', owner: 'held:kv/types@0.1.0' },
 *   fields: [
 *     { name: 'key', type: { kind: 'string' } },
 *     { name: 'ttl', type: { kind: 'option', some: { kind: 'u64' } } },
 *   ],
 * };
 */

/** The WIT name of a named type and the interface or world that declares it. */
export interface TypeName {
  /** The name as written in WIT, without `%`: `entry`, `error-code`. */
  readonly name: string;
  /**
   * Who declares it: an interface id (`held:kv/types@0.1.0`), a world
   * (`held:kv/app@0.1.0` for types declared in a world) or undefined when unknown.
   */
  readonly owner?: string;
}

interface Named {
  /** Present when the type is named in WIT (a declaration or a `type x = ...` alias). */
  readonly name?: TypeName;
}

export type IntegerKind = 's8' | 's16' | 's32' | 's64' | 'u8' | 'u16' | 'u32' | 'u64';
export type FloatKind = 'f32' | 'f64';
export type PrimitiveKind = 'bool' | IntegerKind | FloatKind | 'char' | 'string';

/** bool, s8..s64, u8..u64, f32, f64, char, string. */
export interface PrimitiveType extends Named {
  readonly kind: PrimitiveKind;
}

/** `list<T>`, or the fixed-size `list<T, N>` when `length` is set. */
export interface ListType extends Named {
  readonly kind: 'list';
  readonly element: WitType;
  readonly length?: number;
}

/** `tuple<A, B, ...>`. */
export interface TupleType extends Named {
  readonly kind: 'tuple';
  readonly elements: readonly WitType[];
}

export interface Field {
  readonly name: string;
  readonly type: WitType;
}

/** `record r { a: A, ... }`. */
export interface RecordType extends Named {
  readonly kind: 'record';
  readonly fields: readonly Field[];
}

export interface Case {
  readonly name: string;
  /** The payload type; absent for a case without payload. */
  readonly type?: WitType;
}

/** `variant v { a, b(B), ... }`. */
export interface VariantType extends Named {
  readonly kind: 'variant';
  readonly cases: readonly Case[];
}

/** `enum e { a, b, ... }`. */
export interface EnumType extends Named {
  readonly kind: 'enum';
  readonly cases: readonly string[];
}

/** `option<T>`. */
export interface OptionType extends Named {
  readonly kind: 'option';
  readonly some: WitType;
}

/** `result`, `result<T>`, `result<_, E>`, `result<T, E>`. */
export interface ResultType extends Named {
  readonly kind: 'result';
  readonly ok?: WitType;
  readonly err?: WitType;
}

/** `flags f { a, b, ... }`, any number of flags. */
export interface FlagsType extends Named {
  readonly kind: 'flags';
  readonly flags: readonly string[];
}

/**
 * A resource declaration. Not a value type by itself: values are handles to it
 * (`own<r>`, `borrow<r>`). Two resources are the same resource when their `id`s
 * are equal; the functions that act on it are in the owning interface's
 * `functions` (`[constructor]r`, `[method]r.m`, `[static]r.s`).
 */
export interface ResourceType {
  readonly kind: 'resource';
  /** The name it is used under: an alias keeps the resource's `id` under its own name (wasi:http's `headers` is `fields`). */
  readonly name: TypeName;
  /** Identity of the resource, unique in a world: `held:kv/types@0.1.0#handle`. */
  readonly id: string;
}

/** The name a resource was declared with, whatever alias it is used under: `fields` for wasi:http's `headers`. */
export function declaredResourceName(resource: ResourceType): string {
  return resource.id.slice(resource.id.lastIndexOf('#') + 1);
}

/** `own<r>` (or a bare `r`) and `borrow<r>`. */
export interface HandleType extends Named {
  readonly kind: 'own' | 'borrow';
  readonly resource: ResourceType;
}

/**
 * The async types, recognised so that a world using them loads, and refused with
 * a clear error where a value of them would be needed.
 */
export interface UnsupportedType extends Named {
  readonly kind: 'future' | 'stream' | 'error-context';
  /** The payload of `future<T>` / `stream<T>`, when there is one. */
  readonly element?: WitType;
}

/** Any WIT value type. */
export type WitType =
  | PrimitiveType
  | ListType
  | TupleType
  | RecordType
  | VariantType
  | EnumType
  | OptionType
  | ResultType
  | FlagsType
  | HandleType
  | UnsupportedType;

export type WitTypeKind = WitType['kind'];

/** What an interface or world may declare under a name: a value type or a resource. */
export type TypeDefinition = WitType | ResourceType;

export const PRIMITIVE_KINDS: readonly PrimitiveKind[] = [
  'bool', 's8', 's16', 's32', 's64', 'u8', 'u16', 'u32', 'u64', 'f32', 'f64', 'char', 'string',
];

const PRIMITIVES: ReadonlySet<string> = new Set(PRIMITIVE_KINDS);

export function isPrimitiveKind(kind: string): kind is PrimitiveKind {
  return PRIMITIVES.has(kind);
}

/** Shared instances of the unnamed primitive types. */
export const primitive: { readonly [K in PrimitiveKind]: PrimitiveType } = Object.freeze(
  Object.fromEntries(PRIMITIVE_KINDS.map((kind) => [kind, Object.freeze({ kind })])),
) as { readonly [K in PrimitiveKind]: PrimitiveType };

/** Inclusive value ranges of the integer types up to 32 bits, which JS numbers hold exactly. */
export const SMALL_INTEGER_RANGES: { readonly [K in 's8' | 's16' | 's32' | 'u8' | 'u16' | 'u32']: readonly [number, number] } = {
  s8: [-(2 ** 7), 2 ** 7 - 1],
  s16: [-(2 ** 15), 2 ** 15 - 1],
  s32: [-(2 ** 31), 2 ** 31 - 1],
  u8: [0, 2 ** 8 - 1],
  u16: [0, 2 ** 16 - 1],
  u32: [0, 2 ** 32 - 1],
};

/** Inclusive value ranges of the 64-bit integer types, held as bigints. */
export const BIG_INTEGER_RANGES: { readonly [K in 's64' | 'u64']: readonly [bigint, bigint] } = {
  s64: [-(2n ** 63n), 2n ** 63n - 1n],
  u64: [0n, 2n ** 64n - 1n],
};

/** The first unsupported type (future, stream, error-context) inside `type`, if any. */
export function findUnsupported(type: WitType): UnsupportedType | undefined {
  switch (type.kind) {
    case 'future':
    case 'stream':
    case 'error-context':
      return type;
    case 'list':
      return findUnsupported(type.element);
    case 'option':
      return findUnsupported(type.some);
    case 'tuple':
      return firstOf(type.elements);
    case 'record':
      return firstOf(type.fields.map((field) => field.type));
    case 'variant':
      return firstOf(type.cases.flatMap((c) => (c.type === undefined ? [] : [c.type])));
    case 'result':
      return firstOf([type.ok, type.err].filter((t): t is WitType => t !== undefined));
    default:
      return undefined;
  }
}

function firstOf(types: readonly WitType[]): UnsupportedType | undefined {
  for (const type of types) {
    const found = findUnsupported(type);
    if (found !== undefined) return found;
  }
  return undefined;
}
