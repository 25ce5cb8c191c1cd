/** WIT types shared by the WAVE tests. */
import { primitive, type WitType } from '../../src/wit/types.js';

export const { bool, s8, s16, s32, s64, u8, u16, u32, u64, f32, f64, char, string } = primitive;

export const list = (element: WitType, length?: number): WitType =>
  length === undefined ? { kind: 'list', element } : { kind: 'list', element, length };
export const tuple = (...elements: WitType[]): WitType => ({ kind: 'tuple', elements });
export const option = (some: WitType): WitType => ({ kind: 'option', some });
export const result = (ok?: WitType, err?: WitType): WitType => {
  const type: { kind: 'result'; ok?: WitType; err?: WitType } = { kind: 'result' };
  if (ok !== undefined) type.ok = ok;
  if (err !== undefined) type.err = err;
  return type;
};

export const basic: WitType = {
  kind: 'record',
  name: { name: 'basic' },
  fields: [
    { name: 'required', type: u8 },
    { name: 'optional', type: option(u8) },
  ],
};
export const allOptional: WitType = {
  kind: 'record',
  name: { name: 'all-optional' },
  fields: [
    { name: 'a', type: option(u8) },
    { name: 'b', type: option(u8) },
  ],
};
export const keywordFields: WitType = {
  kind: 'record',
  fields: ['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan'].map((name) => ({ name, type: u8 })),
};
export const color: WitType = { kind: 'enum', name: { name: 'color' }, cases: ['red', 'green'] };
export const keywordEnum: WitType = { kind: 'enum', cases: ['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan'] };
export const shape: WitType = {
  kind: 'variant',
  name: { name: 'shape' },
  cases: [{ name: 'empty' }, { name: 'circle', type: f64 }, { name: 'none', type: u8 }, { name: 'some' }],
};
export const permissions: WitType = { kind: 'flags', name: { name: 'permissions' }, flags: ['read', 'write', 'exec'] };
export const thing = { kind: 'resource', name: { name: 'thing' }, id: 'test:pkg/iface#thing' } as const;
export const ownThing: WitType = { kind: 'own', resource: thing };
