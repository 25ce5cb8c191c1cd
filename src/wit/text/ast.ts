/**
 * The syntax tree of a WIT file, as written: names are not resolved yet, and
 * every node keeps the location it was read at so that the resolver can point
 * at the exact spot of a semantic error.
 */
import type { SourceLocation } from '../../errors.js';
import type { PrimitiveKind } from '../types.js';

/** An identifier as written, without its `%`. */
export interface Identifier {
  readonly name: string;
  readonly location: SourceLocation;
}

/** `@since(version = 1.0.0)`, `@unstable(feature = x)`, `@deprecated(version = 1.0.0)`, `@external-id("...")`. */
export type Gate =
  | { readonly kind: 'since' | 'deprecated'; readonly version: string; readonly location: SourceLocation }
  | { readonly kind: 'unstable'; readonly feature: string; readonly location: SourceLocation }
  | { readonly kind: 'external-id'; readonly value: string; readonly location: SourceLocation };

/** What every item may carry: its doc comments and its gates. */
export interface ItemMeta {
  readonly docs: readonly string[];
  readonly gates: readonly Gate[];
}

export interface PackageNameSyntax {
  readonly namespace: Identifier;
  readonly name: Identifier;
  readonly version?: string;
  readonly location: SourceLocation;
}

/** `iface` (in the current package or a top-level `use` alias) or `ns:pkg/iface@1.0.0`. */
export type UsePath =
  | { readonly kind: 'local'; readonly name: Identifier; readonly location: SourceLocation }
  | { readonly kind: 'package'; readonly package: PackageNameSyntax; readonly name: Identifier; readonly location: SourceLocation };

export type TypeSyntax =
  | { readonly kind: PrimitiveKind; readonly location: SourceLocation }
  | { readonly kind: 'name'; readonly name: Identifier; readonly location: SourceLocation }
  | { readonly kind: 'list'; readonly element: TypeSyntax; readonly length?: number; readonly location: SourceLocation }
  | { readonly kind: 'map'; readonly key: TypeSyntax; readonly value: TypeSyntax; readonly location: SourceLocation }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeSyntax[]; readonly location: SourceLocation }
  | { readonly kind: 'option'; readonly some: TypeSyntax; readonly location: SourceLocation }
  | { readonly kind: 'result'; readonly ok?: TypeSyntax; readonly err?: TypeSyntax; readonly location: SourceLocation }
  | { readonly kind: 'own' | 'borrow'; readonly resource: Identifier; readonly location: SourceLocation }
  | { readonly kind: 'future' | 'stream'; readonly element?: TypeSyntax; readonly location: SourceLocation }
  | { readonly kind: 'error-context'; readonly location: SourceLocation };

export interface ParamSyntax {
  readonly name: Identifier;
  readonly type: TypeSyntax;
}

/** `async? func(params) -> result`. */
export interface FuncSyntax {
  readonly async: boolean;
  readonly params: readonly ParamSyntax[];
  readonly result?: TypeSyntax;
  readonly location: SourceLocation;
}

export interface NamedFuncSyntax extends ItemMeta {
  readonly kind: 'func';
  readonly name: Identifier;
  readonly func: FuncSyntax;
}

/** A function inside `resource r { ... }`. */
export interface ResourceFuncSyntax extends ItemMeta {
  readonly kind: 'method' | 'static' | 'constructor';
  /** The method name; `constructor` for a constructor. */
  readonly name: Identifier;
  readonly func: FuncSyntax;
}

export interface FieldSyntax {
  readonly docs: readonly string[];
  readonly name: Identifier;
  readonly type: TypeSyntax;
}

export interface CaseSyntax {
  readonly docs: readonly string[];
  readonly name: Identifier;
  readonly type?: TypeSyntax;
}

export interface NameSyntax {
  readonly docs: readonly string[];
  readonly name: Identifier;
}

export type TypeDefSyntax = ItemMeta & { readonly name: Identifier } & (
  | { readonly kind: 'alias'; readonly type: TypeSyntax }
  | { readonly kind: 'record'; readonly fields: readonly FieldSyntax[] }
  | { readonly kind: 'variant'; readonly cases: readonly CaseSyntax[] }
  | { readonly kind: 'enum'; readonly cases: readonly NameSyntax[] }
  | { readonly kind: 'flags'; readonly flags: readonly NameSyntax[] }
  | { readonly kind: 'resource'; readonly functions: readonly ResourceFuncSyntax[] }
);

export interface UseNameSyntax {
  readonly name: Identifier;
  readonly as?: Identifier;
}

/** `use path.{a, b as c};` inside an interface or world. */
export interface UseSyntax extends ItemMeta {
  readonly kind: 'use';
  readonly path: UsePath;
  readonly names: readonly UseNameSyntax[];
  readonly location: SourceLocation;
}

export type InterfaceItemSyntax = UseSyntax | NamedFuncSyntax | ({ readonly kind: 'type' } & { readonly def: TypeDefSyntax });

export interface InterfaceSyntax extends ItemMeta {
  readonly kind: 'interface';
  readonly name: Identifier;
  readonly items: readonly InterfaceItemSyntax[];
}

/** What a world imports or exports. */
export type ExternSyntax =
  /** `import ns:pkg/iface@1.0.0;` or `import iface;` */
  | { readonly kind: 'path'; readonly path: UsePath }
  /** `import name: ns:pkg/iface;`: a named interface under a plain name. */
  | { readonly kind: 'named-path'; readonly name: Identifier; readonly path: UsePath }
  /** `import name: func(...);` */
  | { readonly kind: 'func'; readonly name: Identifier; readonly func: FuncSyntax }
  /** `import name: interface { ... }` */
  | { readonly kind: 'interface'; readonly name: Identifier; readonly items: readonly InterfaceItemSyntax[] };

export interface ImportExportSyntax extends ItemMeta {
  readonly kind: 'import' | 'export';
  readonly extern: ExternSyntax;
  readonly location: SourceLocation;
}

export interface IncludeNameSyntax {
  readonly name: Identifier;
  readonly as: Identifier;
}

export interface IncludeSyntax extends ItemMeta {
  readonly kind: 'include';
  readonly path: UsePath;
  readonly with: readonly IncludeNameSyntax[];
  readonly location: SourceLocation;
}

export type WorldItemSyntax = ImportExportSyntax | UseSyntax | IncludeSyntax | ({ readonly kind: 'type' } & { readonly def: TypeDefSyntax });

export interface WorldSyntax extends ItemMeta {
  readonly kind: 'world';
  readonly name: Identifier;
  readonly items: readonly WorldItemSyntax[];
}

/** `use ns:pkg/iface@1.0.0 as name;` at the top level of a file. */
export interface TopLevelUseSyntax extends ItemMeta {
  readonly kind: 'use';
  readonly path: UsePath;
  readonly as?: Identifier;
  readonly location: SourceLocation;
}

export type TopLevelItemSyntax = InterfaceSyntax | WorldSyntax | TopLevelUseSyntax;

/** The items of one package in one file: a file's own items, or a nested `package x { ... }` block. */
export interface PackageUnitSyntax {
  readonly file?: string;
  /** The `package ns:name;` header or the nested block's name; absent when the file has none. */
  readonly package?: PackageNameSyntax;
  readonly docs: readonly string[];
  readonly items: readonly TopLevelItemSyntax[];
}

/** A parsed file: its own package unit and the nested packages it defines. */
export interface WitFileSyntax {
  readonly file?: string;
  readonly root: PackageUnitSyntax;
  readonly nested: readonly PackageUnitSyntax[];
}
