/**
 * jco bridge converters of variants, enums, options, results, flags and
 * resource handles (see jco.ts for the representation).
 */
import type { FlagsType, ResourceType, VariantType } from '../wit/types.js';
import { isPlainObjectLike, type Compiled } from './jco-compiled.js';
import { jcoPropertyName } from './jco-names.js';
import { Mismatch, describeFound, describeType, within } from './jco-mismatch.js';
import type { ResourceTable } from './resource-table.js';
import { NONE, ResourceHandle, type CaseValue, type Value } from './value.js';

function caseOf(value: Value, what: string): CaseValue {
  if (!isPlainObjectLike(value) || typeof (value as { tag?: unknown }).tag !== 'string') {
    throw new Mismatch(`expected ${what} value as { tag, value }, found ${describeFound(value)}`);
  }
  return value as unknown as CaseValue;
}

function tagOf(js: unknown, what: string): string {
  if (!isPlainObjectLike(js) || typeof js.tag !== 'string') throw new Mismatch(`expected ${what} as { tag, val } object, found ${describeFound(js)}`);
  return js.tag;
}

export function variantConverter(type: VariantType, payloads: readonly (Compiled | undefined)[]): Compiled {
  const name = describeType(type);
  const index = new Map(type.cases.map((c, i) => [c.name, i]));
  const unknown = (tag: string): Mismatch =>
    new Mismatch(`unknown case ${JSON.stringify(tag)} of ${name}: expected one of ${type.cases.map((c) => c.name).join(', ')}`);
  return {
    toJs: (value, resources) => {
      const { tag, value: payload } = caseOf(value, name);
      const i = index.get(tag);
      if (i === undefined) throw unknown(tag);
      const compiled = payloads[i];
      if (compiled === undefined) return { tag };
      if (payload === undefined) throw new Mismatch(`missing payload of case ${tag}`);
      try {
        return { tag, val: compiled.toJs(payload, resources) };
      } catch (error) {
        within(error, '.value');
      }
    },
    fromJs: (js, resources) => {
      const tag = tagOf(js, name);
      const i = index.get(tag);
      if (i === undefined) throw unknown(tag);
      const compiled = payloads[i];
      if (compiled === undefined) return { tag };
      try {
        return { tag, value: compiled.fromJs((js as { val?: unknown }).val, resources) };
      } catch (error) {
        within(error, '.val');
      }
    },
  };
}

export function enumConverter(cases: readonly string[], name: string): Compiled {
  const known = new Set(cases);
  const check = (js: unknown): Value => {
    if (typeof js !== 'string') throw new Mismatch(`expected ${name} as string, found ${describeFound(js)}`);
    if (!known.has(js)) throw new Mismatch(`unknown case ${JSON.stringify(js)} of ${name}: expected one of ${cases.join(', ')}`);
    return js;
  };
  return { toJs: check, fromJs: check };
}

export function optionConverter(payload: Compiled, nullable: boolean, name: string): Compiled {
  if (nullable) {
    return {
      toJs: (value, resources) => {
        const { tag, value: inner } = caseOf(value, name);
        if (tag === 'none') return undefined;
        if (tag !== 'some' || inner === undefined) throw new Mismatch(`expected ${name} value as none or some(...), found ${describeFound(value)}`);
        return payload.toJs(inner, resources);
      },
      fromJs: (js, resources) => (js === undefined || js === null ? NONE : { tag: 'some', value: payload.fromJs(js, resources) }),
    };
  }
  return {
    toJs: (value, resources) => {
      const { tag, value: inner } = caseOf(value, name);
      if (tag === 'none') return { tag: 'none' };
      if (tag !== 'some' || inner === undefined) throw new Mismatch(`expected ${name} value as none or some(...), found ${describeFound(value)}`);
      try {
        return { tag: 'some', val: payload.toJs(inner, resources) };
      } catch (error) {
        within(error, '.value');
      }
    },
    fromJs: (js, resources) => {
      const tag = tagOf(js, name);
      if (tag === 'none') return NONE;
      if (tag !== 'some') throw new Mismatch(`unknown case ${JSON.stringify(tag)} of ${name}: expected none or some`);
      try {
        return { tag: 'some', value: payload.fromJs((js as { val?: unknown }).val, resources) };
      } catch (error) {
        within(error, '.val');
      }
    },
  };
}

export function resultConverter(ok: Compiled | undefined, err: Compiled | undefined): Compiled {
  return {
    toJs: (value, resources) => {
      const { tag, value: payload } = caseOf(value, 'result');
      if (tag !== 'ok' && tag !== 'err') throw new Mismatch(`unknown case ${JSON.stringify(tag)} of result: expected ok or err`);
      const compiled = tag === 'ok' ? ok : err;
      if (compiled === undefined) return { tag, val: undefined };
      if (payload === undefined) throw new Mismatch(`missing payload of case ${tag}`);
      try {
        return { tag, val: compiled.toJs(payload, resources) };
      } catch (error) {
        within(error, '.value');
      }
    },
    fromJs: (js, resources) => {
      const tag = tagOf(js, 'result');
      if (tag !== 'ok' && tag !== 'err') throw new Mismatch(`unknown case ${JSON.stringify(tag)} of result: expected ok or err`);
      const compiled = tag === 'ok' ? ok : err;
      if (compiled === undefined) return { tag };
      try {
        return { tag, value: compiled.fromJs((js as { val?: unknown }).val, resources) };
      } catch (error) {
        within(error, '.val');
      }
    },
  };
}

function flagNames(value: Value, type: FlagsType, index: ReadonlyMap<string, number>): readonly string[] {
  if (!Array.isArray(value)) throw new Mismatch(`expected ${describeType(type)} value as array of flag names, found ${describeFound(value)}`);
  for (const flag of value) {
    if (typeof flag !== 'string' || !index.has(flag)) throw new Mismatch(`unknown flag ${describeFound(flag)} of ${describeType(type)}`);
  }
  return value as readonly string[];
}

export function objectFlagsConverter(type: FlagsType): Compiled {
  const name = describeType(type);
  const jsNames = type.flags.map(jcoPropertyName);
  const index = new Map(type.flags.map((flag, i) => [flag, i]));
  const known = new Set(jsNames);
  return {
    toJs: (value) => {
      const set = new Set(flagNames(value, type, index));
      const out: Record<string, boolean> = {};
      type.flags.forEach((flag, i) => (out[jsNames[i] as string] = set.has(flag)));
      return out;
    },
    fromJs: (js) => {
      if (js === undefined || js === null) return [];
      if (!isPlainObjectLike(js)) throw new Mismatch(`expected ${name} as object of booleans, found ${describeFound(js)}`);
      for (const key of Object.keys(js)) {
        if (!known.has(key)) throw new Mismatch(`unknown flag ${JSON.stringify(key)} of ${name}: expected some of ${jsNames.join(', ')}`);
      }
      const out: string[] = [];
      for (let i = 0; i < jsNames.length; i++) {
        const key = jsNames[i] as string;
        const flag = Object.hasOwn(js, key) ? js[key] : undefined;
        if (flag === true) out.push(type.flags[i] as string);
        else if (flag !== false && flag !== undefined) within(new Mismatch(`expected boolean, found ${describeFound(flag)}`), `.${key}`);
      }
      return out;
    },
  };
}

export function bigintFlagsConverter(type: FlagsType): Compiled {
  const name = describeType(type);
  const index = new Map(type.flags.map((flag, i) => [flag, i]));
  const limit = 1n << BigInt(type.flags.length);
  return {
    toJs: (value) => {
      let bits = 0n;
      for (const flag of flagNames(value, type, index)) bits |= 1n << BigInt(index.get(flag) as number);
      return bits;
    },
    fromJs: (js) => {
      if (typeof js !== 'bigint') throw new Mismatch(`expected ${name} as bigint, found ${describeFound(js)}`);
      if (js < 0n || js >= limit) throw new Mismatch(`expected ${name} as bigint below 2^${type.flags.length}, found ${describeFound(js)}`);
      return type.flags.filter((_, i) => ((js >> BigInt(i)) & 1n) === 1n);
    },
  };
}

function needTable(resources: ResourceTable | undefined, name: string): ResourceTable {
  if (resources === undefined) throw new Mismatch(`a ResourceTable is needed to convert ${name}`);
  return resources;
}

export function handleConverter(name: string, resource: ResourceType): Compiled {
  return {
    toJs: (value, resources) => {
      if (!(value instanceof ResourceHandle)) throw new Mismatch(`expected ${name} value as ResourceHandle, found ${describeFound(value)}`);
      const table = needTable(resources, name);
      if (table.has(value)) return table.objectOf(value);
      // A handle first seen now (replaying a trace): the table's factory may stand in an object for it.
      const made = table.materialize(value, resource);
      if (made === undefined) throw new Mismatch(`unknown or dropped resource handle ${value.id}`);
      return made;
    },
    fromJs: (js, resources) => {
      if ((typeof js !== 'object' && typeof js !== 'function') || js === null) {
        throw new Mismatch(`expected ${name} as resource object, found ${describeFound(js)}`);
      }
      return needTable(resources, name).handleOf(js, resource);
    },
  };
}
