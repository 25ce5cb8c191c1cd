/**
 * fast-check arbitraries of generated bindings cases: random WIT types (every
 * integer width, floats, bool, char, string, lists and fixed lists, records,
 * tuples, variants, enums, options, results, flags up to the 32 members the
 * component model allows), echo functions over them, a string encoding, and
 * the calls with values of the parameter types (src/fuzz/arbitrary.ts, which
 * leans to edge values). Everything is drawn by fast-check, so a seed
 * reproduces a case and a failing case shrinks: fewer functions, fewer and
 * smaller parameters, fewer calls, simpler values.
 *
 * Names mix plain words with ones that are special to JS or to WIT
 * (`constructor`, `to-string`, `type`, `tag`), since bindings turn them into
 * JS property names.
 */
import fc from 'fast-check';
import { valueArbitrary } from '../fuzz/arbitrary.js';
import type { Value } from '../values/value.js';
import { PRIMITIVE_KINDS, primitive, type WitType } from '../wit/types.js';
import { FUNCTION_KINDS, HANDLE_MISUSES, STRING_ENCODINGS, type BindingsCase, type CaseCall, type CaseFunction, type FunctionKind } from './bindings-case.js';

export interface CaseOptions {
  /** Most functions in one world. Default 4. */
  readonly maxFunctions?: number;
  /** Most parameters of one function. Default 4 (a case of 17 or more flat values passes through memory: large tuples and records do that). */
  readonly maxParams?: number;
  /** Nesting depth of types. Default 3. */
  readonly maxDepth?: number;
  /** Most calls of one function. Default 64. */
  readonly maxCallsPerFunction?: number;
  /** The encodings to draw from. Default all three. */
  readonly encodings?: readonly BindingsCase['encoding'][];
  /** The kinds of functions to draw (bindings-case.ts). Default all. */
  readonly kinds?: readonly FunctionKind[];
}

const WORDS = [
  'a', 'b', 'x', 'key', 'value', 'tag', 'val', 'ok', 'err', 'some', 'none', 'type', 'list', 'string',
  'constructor', 'prototype', 'to-string', 'value-of', 'has-own-property', 'length', 'then', 'default', 'null', 'new',
];

/** Distinct kebab-case names (their camelCase forms are distinct too: every word starts with a letter). */
export function namesArbitrary(minLength: number, maxLength: number): fc.Arbitrary<string[]> {
  const name = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z][a-z0-9]{0,4}){0,2}$/), fc.constantFrom(...WORDS));
  return fc.uniqueArray(name, { minLength, maxLength });
}

/** Random WIT value types, nested up to `maxDepth`; shrinks towards `bool`. */
export function witTypeArbitrary(maxDepth: number): fc.Arbitrary<WitType> {
  const { type } = fc.letrec<{ type: WitType; leaf: WitType; node: WitType }>((tie) => ({
    type: fc.oneof({ maxDepth, depthIdentifier: 'case-type' }, tie('leaf'), tie('node')),
    leaf: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...PRIMITIVE_KINDS).map((kind): WitType => primitive[kind]) },
      namesArbitrary(1, 8).map((cases): WitType => ({ kind: 'enum', cases })),
      namesArbitrary(1, 32).map((flags): WitType => ({ kind: 'flags', flags })),
    ),
    node: fc.oneof(
      tie('type').map((element): WitType => ({ kind: 'list', element })),
      fc.tuple(tie('type'), fc.integer({ min: 1, max: 4 })).map(([element, length]): WitType => ({ kind: 'list', element, length })),
      fc.array(tie('type'), { minLength: 1, maxLength: 6 }).map((elements): WitType => ({ kind: 'tuple', elements })),
      namesArbitrary(1, 6).chain((names) =>
        fc.tuple(...names.map(() => tie('type'))).map((types): WitType => ({ kind: 'record', fields: names.map((name, i) => ({ name, type: types[i] as WitType })) })),
      ),
      namesArbitrary(1, 6).chain((names) =>
        fc.tuple(...names.map(() => fc.option(tie('type'), { nil: undefined }))).map((types): WitType => ({
          kind: 'variant',
          cases: names.map((name, i) => (types[i] === undefined ? { name } : { name, type: types[i] as WitType })),
        })),
      ),
      tie('type').map((some): WitType => ({ kind: 'option', some })),
      fc.tuple(fc.option(tie('type'), { nil: undefined }), fc.option(tie('type'), { nil: undefined })).map(([ok, err]): WitType => ({
        kind: 'result',
        ...(ok === undefined ? {} : { ok }),
        ...(err === undefined ? {} : { err }),
      })),
    ),
  }));
  return type;
}

function callsArbitrary(fn: CaseFunction, index: number, maxCalls: number): fc.Arbitrary<CaseCall[]> {
  const args = fc.tuple(...fn.params.map((type) => valueArbitrary(type, { maxListLength: 6, maxStringLength: 12 })));
  return fc.array(args, { minLength: 1, maxLength: maxCalls, size: 'max' }).map((list) => list.map((values): CaseCall => ({ function: index, args: values as Value[] })));
}

/** A whole case: functions first, then, for those, the calls. */
export function caseArbitrary(options: CaseOptions = {}): fc.Arbitrary<BindingsCase> {
  const maxFunctions = options.maxFunctions ?? 4;
  const maxParams = options.maxParams ?? 4;
  const maxCalls = options.maxCallsPerFunction ?? 64;
  const encodings = options.encodings ?? STRING_ENCODINGS;
  const params = fc.array(witTypeArbitrary(options.maxDepth ?? 3), { minLength: 1, maxLength: maxParams });
  const kinds = options.kinds ?? FUNCTION_KINDS;
  const fn = fc.tuple(fc.constantFrom(...kinds), params, fc.constantFrom(...HANDLE_MISUSES));
  const functions = fc
    .array(fn, { minLength: 1, maxLength: maxFunctions })
    .map((all) => all.map(([kind, types, misuse], i): CaseFunction => ({ name: `f${i}`, kind, params: types, ...(kind === 'invalid-handle' ? { misuse } : {}) })));
  return fc.tuple(fc.constantFrom(...encodings), functions).chain(([encoding, fns]) =>
    fc.tuple(...fns.map((fn, i) => callsArbitrary(fn, i, maxCalls))).map((calls): BindingsCase => ({ encoding, functions: fns, calls: calls.flat() })),
  );
}
