import { describe, expect, it } from 'vitest';
import { ResourceTable } from '../../src/values/resource-table.js';
import { ResourceHandle } from '../../src/values/value.js';
import type { ResourceType } from '../../src/wit/types.js';

describe('ResourceTable', () => {
  it('numbers objects in the order first seen, from 1, and keeps the number for the same object', () => {
    const table = new ResourceTable();
    const a = {};
    const b = {};

    const handles = [table.handleOf(a), table.handleOf(b), table.handleOf(a)];

    expect(handles.map((handle) => handle.id)).toStrictEqual([1, 2, 1]);
    expect(table.objectOf(2)).toBe(b);
    expect(table.find(a)).toBe(handles[0]);
    expect(table.size).toBe(2);
  });

  it('never reuses a dropped number; a dropped object seen again gets a new one', () => {
    const table = new ResourceTable();
    const a = {};
    table.handleOf(a);

    expect(table.drop(1)).toBe(true);
    expect(table.drop(1)).toBe(false);
    expect(table.has(1)).toBe(false);
    expect(() => table.objectOf(1)).toThrow(expect.objectContaining({ code: 'VALUE_TYPE' }));
    expect(table.handleOf(a).id).toBe(2);
  });

  it('binds trace numbers to objects for replay and numbers later objects after the highest bound', () => {
    const table = new ResourceTable();
    const replayed = {};

    table.bind(new ResourceHandle(5), replayed);

    expect(table.objectOf(new ResourceHandle(5))).toBe(replayed);
    expect(table.handleOf({}).id).toBe(6);
    expect(() => table.bind(5, {})).toThrow(/already bound/);
    expect(() => table.bind(7, replayed)).toThrow(/already resource handle 5/);
    expect(() => table.bind(0, {})).toThrow(/positive integer/);
  });

  it('gives two tables that see objects in the same order the same numbers', () => {
    const run = (): number[] => {
      const table = new ResourceTable();
      const objects = [{}, {}, {}];
      return [objects[1], objects[0], objects[1], objects[2]].map((object) => table.handleOf(object as object).id);
    };
    expect(run()).toStrictEqual(run());
    expect(run()).toStrictEqual([1, 2, 1, 3]);
  });

  it('refuses a handle asked for as another resource than it was first seen as, by name; versions do not matter', () => {
    const resource = (name: string, version: string): ResourceType => ({ kind: 'resource', name: { name }, id: `wasi:http/types@${version}#${name}` });
    const table = new ResourceTable();
    const fields = {};
    table.handleOf(fields, resource('fields', '0.2.12'));
    table.bind(2, {}, resource('incoming-body', '0.2.12'));

    expect(table.objectFor(1, resource('fields', '0.2.4'))).toBe(fields);
    expect(() => table.objectFor(1, resource('incoming-body', '0.2.12'))).toThrow('resource handle #1 was made as `fields`, not `incoming-body`');
    expect(table.resourceOf(2)?.name.name).toBe('incoming-body');
    expect(() => table.objectFor(3, resource('fields', '0.2.12'))).toThrow(/unknown or dropped resource handle 3/);
  });

  it("takes an alias for the resource it names (wasi:http's `headers` is `fields`), and names resources as declared", () => {
    const fields: ResourceType = { kind: 'resource', name: { name: 'fields' }, id: 'wasi:http/types@0.2.12#fields' };
    const headers: ResourceType = { kind: 'resource', name: { name: 'headers' }, id: fields.id };
    const body: ResourceType = { kind: 'resource', name: { name: 'incoming-body' }, id: 'wasi:http/types@0.2.12#incoming-body' };
    const table = new ResourceTable();
    const object = {};
    table.handleOf(object, headers);

    expect(table.objectFor(1, fields)).toBe(object);
    expect(() => table.objectFor(1, body)).toThrow('resource handle #1 was made as `fields`, not `incoming-body`');
  });
});
