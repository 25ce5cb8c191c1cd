/**
 * Writes a composed component: its imports (a prefix of type, import and
 * alias sections, copied from a component wasm-tools encoded for exactly
 * those imports), then nested components embedded as bytes, instances of
 * them wired to each other, aliases of their exports, and the outer exports.
 * What `wac compose` produces, without needing wac.
 */
import { ProxyComponentError } from '../../errors.js';
import { SECTION, SORT, name, readTopLevel, section, u32, type Item, type Sort } from './sections.js';

export interface Ref {
  readonly sort: Sort;
  readonly index: number;
}

export class OuterBuilder {
  private readonly parts: Uint8Array[] = [];
  private readonly counts: Record<Sort, number>;
  /** The outer imports by name. */
  readonly imports: ReadonlyMap<string, Ref>;

  /** `importsComponent`: a component whose leading sections declare the imports the composition needs. */
  constructor(importsComponent: Uint8Array) {
    const top = readTopLevel(importsComponent);
    const prefix: Uint8Array[] = [];
    const imports = new Map<string, Ref>();
    const counts: Record<Sort, number> = { func: 0, value: 0, type: 0, component: 0, instance: 0 };
    for (const s of top.sections) {
      if (s.id === SECTION.custom) continue;
      if (s.id !== SECTION.type && s.id !== SECTION.import && s.id !== SECTION.alias) break;
      prefix.push(s.bytes);
    }
    // Counted again on the prefix alone: the rest of the imports component is not ours.
    const prefixTop = readTopLevel(concat([importsComponent.subarray(0, 8), ...prefix]));
    for (const item of prefixTop.imports) imports.set(item.name, { sort: item.sort, index: item.index });
    Object.assign(counts, prefixTop.counts);
    if (prefixTop.imports.length !== top.imports.length) {
      throw new ProxyComponentError('COMPONENT_DECODE', 'cannot compose: the imports component declares imports after its definitions');
    }
    this.parts.push(...prefix);
    this.counts = counts;
    this.imports = imports;
  }

  /** Embeds a component; returns its index. */
  component(bytes: Uint8Array): number {
    this.parts.push(section(SECTION.component, bytes));
    return this.counts.component++;
  }

  instantiate(component: number, args: ReadonlyMap<string, Ref>): number {
    const content = [...u32(1), 0x00, ...u32(component), ...u32(args.size)];
    for (const [argName, ref] of args) content.push(...name(argName), SORT[ref.sort], ...u32(ref.index));
    this.parts.push(section(SECTION.instance, content));
    return this.counts.instance++;
  }

  /** An instance made of existing items (`(instance (export "a" (func 0)) ...)`). */
  inlineInstance(exports: ReadonlyMap<string, Ref>): number {
    const content = [...u32(1), 0x01, ...u32(exports.size)];
    for (const [exportName, ref] of exports) content.push(0x00, ...name(exportName), SORT[ref.sort], ...u32(ref.index));
    this.parts.push(section(SECTION.instance, content));
    return this.counts.instance++;
  }

  /** `(alias export $instance "name" (sort))`. */
  alias(instance: number, exportName: string, sort: Sort): Ref {
    this.parts.push(section(SECTION.alias, [...u32(1), SORT[sort], 0x00, ...u32(instance), ...name(exportName)]));
    return { sort, index: this.counts[sort]++ };
  }

  export(exportName: string, ref: Ref): Ref {
    this.parts.push(section(SECTION.export, [...u32(1), 0x00, ...name(exportName), SORT[ref.sort], ...u32(ref.index), 0x00]));
    return { sort: ref.sort, index: this.counts[ref.sort]++ };
  }

  finish(): Uint8Array {
    return concat([Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]), ...this.parts]);
  }
}

/** The imports and exports of a component to wire (names and sorts). */
export function interfaceOf(bytes: Uint8Array): { imports: readonly Item[]; exports: readonly Item[] } {
  const top = readTopLevel(bytes);
  return { imports: top.imports, exports: top.exports };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
