/**
 * Sorts (what kind of item an index refers to) and aliases, which bring an
 * export of an instance, or an item of an enclosing scope, into the current
 * index spaces.
 */
import type { Scope } from './index-spaces.js';
import { MODULE, describeSort, type Extern, type Sort } from './nodes.js';
import { decodeError, type ByteReader } from './reader.js';

/** A component-level sort, or `core` for the core sorts other than modules (never tracked). */
export type SortOrCore = Sort | 'core';

const CORE_SORTS: ReadonlySet<number> = new Set([0x00, 0x01, 0x02, 0x03, 0x04, 0x10, 0x12]);

export function readSort(reader: ByteReader): SortOrCore {
  const start = reader.pos;
  const byte = reader.u8();
  switch (byte) {
    case 0x00: {
      const core = reader.u8();
      if (core === 0x11) return 'module';
      if (CORE_SORTS.has(core)) return 'core';
      throw reader.unknown(core, 'core sort');
    }
    case 0x01:
      return 'func';
    case 0x02:
      return 'value';
    case 0x03:
      return 'type';
    case 0x04:
      return 'component';
    case 0x05:
      return 'instance';
    default:
      throw reader.unknown(byte, 'sort', start);
  }
}

/** `sortidx` of a component-level item: the item it names, as an extern. */
export function readSortIndex(reader: ByteReader, scope: Scope, what: string): Extern {
  const start = reader.pos;
  const sort = readSort(reader);
  const at = reader.pos;
  const index = reader.u32();
  if (sort === 'core') throw decodeError(`${what} cannot be a core item other than a module`, start);
  if (sort === 'module') return { sort, type: MODULE };
  return scope.item(sort, index, at);
}

/** `alias`: instance export, core instance export or outer. */
export function readAlias(reader: ByteReader, scope: Scope): void {
  const sort = readSort(reader);
  const start = reader.pos;
  const target = reader.u8();
  switch (target) {
    case 0x00: {
      const at = reader.pos;
      const instance = scope.instance(reader.u32(), at);
      const name = reader.string();
      const extern = instance.exports.get(name);
      if (extern === undefined) throw decodeError(`instance ${describeExports(instance.exports)} has no export \`${name}\``, at);
      if (sort === 'core' || extern.sort !== sort) {
        throw decodeError(`export \`${name}\` is ${describeSort(extern.sort)}, not ${sort === 'core' ? 'a core item' : describeSort(sort)}`, at);
      }
      scope.push(extern);
      return;
    }
    case 0x01:
      if (sort !== 'core' && sort !== 'module') throw decodeError(`a core instance export cannot be ${describeSort(sort)}`, start);
      reader.u32();
      reader.skipString();
      return;
    case 0x02: {
      const at = reader.pos;
      const count = reader.u32();
      const index = reader.u32();
      const outer = scope.outer(count, at);
      if (sort === 'type') scope.types.push(outer.type(index, at));
      else if (sort === 'component') scope.components.push(outer.component(index, at));
      else if (sort !== 'module' && sort !== 'core') throw decodeError(`an outer alias cannot be ${describeSort(sort)}`, at);
      return;
    }
    default:
      throw reader.unknown(target, 'alias target', start);
  }
}

function describeExports(exports: ReadonlyMap<string, Extern>): string {
  const names = [...exports.keys()];
  if (names.length === 0) return 'with no exports';
  const shown = names.slice(0, 5).map((name) => `\`${name}\``).join(', ');
  return `exporting ${shown}${names.length > 5 ? ', ...' : ''}`;
}
