/**
 * Random WIT types for property tests: every kind, nested to a bounded depth,
 * with names that collide with WAVE keywords so that `%` escaping is exercised.
 */
import fc from 'fast-check';
import { PRIMITIVE_KINDS, primitive, type WitType } from '../../src/wit/types.js';

const WORDS = ['a', 'b', 'key', 'value', 'ttl', 'red', 'green', 'error-code', 'x1', 'true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan', 'self', 'list'];

/** Distinct kebab-case names, keywords among them. */
export function namesArbitrary(minLength: number, maxLength: number): fc.Arbitrary<string[]> {
  const name = fc.oneof(fc.constantFrom(...WORDS), fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z][a-z0-9]{0,4}){0,2}$/));
  return fc.uniqueArray(name, { minLength, maxLength });
}

const RESOURCE = { kind: 'resource', name: { name: 'thing' }, id: 'test:pkg/iface#thing' } as const;

export function witTypeArbitrary(maxDepth = 3): fc.Arbitrary<WitType> {
  const { type } = fc.letrec<{ type: WitType; leaf: WitType; node: WitType }>((tie) => ({
    type: fc.oneof({ maxDepth, depthIdentifier: 'wit-type' }, tie('leaf'), tie('node')),
    leaf: fc.oneof(
      fc.constantFrom(...PRIMITIVE_KINDS).map((kind): WitType => primitive[kind]),
      namesArbitrary(1, 6).map((cases): WitType => ({ kind: 'enum', cases })),
      namesArbitrary(1, 40).map((flags): WitType => ({ kind: 'flags', flags })),
      fc.constantFrom<WitType>({ kind: 'own', resource: RESOURCE }, { kind: 'borrow', resource: RESOURCE }),
    ),
    node: fc.oneof(
      tie('type').map((element): WitType => ({ kind: 'list', element })),
      fc.tuple(tie('type'), fc.integer({ min: 1, max: 4 })).map(([element, length]): WitType => ({ kind: 'list', element, length })),
      fc.array(tie('type'), { minLength: 1, maxLength: 4 }).map((elements): WitType => ({ kind: 'tuple', elements })),
      namesArbitrary(1, 4).chain((names) =>
        fc.tuple(...names.map(() => tie('type'))).map((types): WitType => ({
          kind: 'record',
          fields: names.map((name, i) => ({ name, type: types[i] as WitType })),
        })),
      ),
      namesArbitrary(1, 4).chain((names) =>
        fc.tuple(...names.map(() => fc.option(tie('type'), { nil: undefined }))).map((types): WitType => ({
          kind: 'variant',
          cases: names.map((name, i) => (types[i] === undefined ? { name } : { name, type: types[i] as WitType })),
        })),
      ),
      tie('type').map((some): WitType => ({ kind: 'option', some })),
      fc.tuple(fc.option(tie('type'), { nil: undefined }), fc.option(tie('type'), { nil: undefined })).map(([ok, err]): WitType => {
        const result: { kind: 'result'; ok?: WitType; err?: WitType } = { kind: 'result' };
        if (ok !== undefined) result.ok = ok;
        if (err !== undefined) result.err = err;
        return result;
      }),
    ),
  }));
  return type;
}
