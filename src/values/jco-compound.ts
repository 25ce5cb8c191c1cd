/**
 * jco bridge converters of lists, tuples and records (see jco.ts for the
 * representation). Errors carry the index or property they happened at.
 */
import type { ListType, RecordType } from '../wit/types.js';
import { isPlainObjectLike, type Compiled } from './jco-compiled.js';
import { isJcoNullable } from './jco-nullable.js';
import { jcoPropertyName } from './jco-names.js';
import { Mismatch, describeFound, describeType, within } from './jco-mismatch.js';
import { TYPED_ARRAYS } from './jco-primitives.js';
import type { ResourceTable } from './resource-table.js';
import type { RecordValue, Value } from './value.js';

export function listConverter(type: ListType, element: Compiled): Compiled {
  const name = describeType(type);
  const length = type.length;
  const typed = length === undefined ? TYPED_ARRAYS[type.element.kind] : undefined;
  const arrayToValues = (js: readonly unknown[], resources: ResourceTable | undefined): Value[] => {
    const out = new Array<Value>(js.length);
    let i = 0;
    try {
      for (; i < js.length; i++) out[i] = element.fromJs(js[i], resources);
    } catch (error) {
      within(error, `[${i}]`);
    }
    return out;
  };
  const valuesToArray = (values: readonly Value[], resources: ResourceTable | undefined): unknown[] => {
    const out = new Array<unknown>(values.length);
    let i = 0;
    try {
      for (; i < values.length; i++) out[i] = element.toJs(values[i] as Value, resources);
    } catch (error) {
      within(error, `[${i}]`);
    }
    return out;
  };
  if (typed !== undefined) {
    const tag = typed.name;
    return {
      toJs: (value, resources) => {
        if (!Array.isArray(value)) throw new Mismatch(`expected ${name} value as array, found ${describeFound(value)}`);
        return new (typed as new (values: unknown[]) => unknown)(valuesToArray(value, resources));
      },
      fromJs: (js, resources) => {
        if (ArrayBuffer.isView(js) && (js as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag] === tag) {
          return Array.from(js as unknown as ArrayLike<number | bigint>);
        }
        if (Array.isArray(js)) return arrayToValues(js, resources);
        throw new Mismatch(`expected ${name} as ${tag} or array, found ${describeFound(js)}`);
      },
    };
  }
  return {
    toJs: (value, resources) => {
      if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
        throw new Mismatch(`expected ${name} value as array${length === undefined ? '' : ` of length ${length}`}, found ${describeFound(value)}`);
      }
      return valuesToArray(value, resources);
    },
    fromJs: (js, resources) => {
      if (!Array.isArray(js) || (length !== undefined && js.length !== length)) {
        throw new Mismatch(`expected ${name} as array${length === undefined ? '' : ` of length ${length}`}, found ${describeFound(js)}`);
      }
      return arrayToValues(js, resources);
    },
  };
}

export function tupleConverter(elements: readonly Compiled[], name: string): Compiled {
  const n = elements.length;
  return {
    toJs: (value, resources) => {
      if (!Array.isArray(value) || value.length !== n) throw new Mismatch(`expected ${name} value as array of length ${n}, found ${describeFound(value)}`);
      const out = new Array<unknown>(n);
      let i = 0;
      try {
        for (; i < n; i++) out[i] = (elements[i] as Compiled).toJs(value[i] as Value, resources);
      } catch (error) {
        within(error, `[${i}]`);
      }
      return out;
    },
    fromJs: (js, resources) => {
      if (!Array.isArray(js) || js.length !== n) throw new Mismatch(`expected ${name} as array of length ${n}, found ${describeFound(js)}`);
      const out = new Array<Value>(n);
      let i = 0;
      try {
        for (; i < n; i++) out[i] = (elements[i] as Compiled).fromJs(js[i], resources);
      } catch (error) {
        within(error, `[${i}]`);
      }
      return out;
    },
  };
}

export function recordConverter(type: RecordType, fields: readonly Compiled[]): Compiled {
  const name = describeType(type);
  const witNames = type.fields.map((field) => field.name);
  const jsNames = witNames.map(jcoPropertyName);
  const nullable = type.fields.map((field) => isJcoNullable(field.type));
  // A property like `constructor` must not be read from Object.prototype when absent.
  const inherited = jsNames.map((key) => key in Object.prototype);
  const n = fields.length;
  return {
    toJs: (value, resources) => {
      if (!isPlainObjectLike(value)) throw new Mismatch(`expected ${name} value as object, found ${describeFound(value)}`);
      const record = value as RecordValue;
      const out: Record<string, unknown> = {};
      let i = 0;
      try {
        for (; i < n; i++) {
          const field = record[witNames[i] as string];
          if (field === undefined) throw new Mismatch(`missing field ${witNames[i]}`);
          out[jsNames[i] as string] = (fields[i] as Compiled).toJs(field, resources);
        }
      } catch (error) {
        within(error, `.${witNames[i]}`);
      }
      return out;
    },
    fromJs: (js, resources) => {
      if (!isPlainObjectLike(js)) throw new Mismatch(`expected ${name} as object, found ${describeFound(js)}`);
      const out: Record<string, Value> = {};
      let i = 0;
      try {
        for (; i < n; i++) {
          const key = jsNames[i] as string;
          const field = inherited[i] === true && !Object.hasOwn(js, key) ? undefined : js[key];
          if (field === undefined && nullable[i] !== true) throw new Mismatch(`missing field ${witNames[i]}`);
          out[witNames[i] as string] = (fields[i] as Compiled).fromJs(field, resources);
        }
      } catch (error) {
        within(error, `.${jsNames[i]}`);
      }
      return out;
    },
  };
}

