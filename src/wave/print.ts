/**
 * Canonical WAVE printing, exactly as the reference writer prints:
 * `, ` between elements, `{:}` for a record whose fields are all none,
 * `none` option fields left out, `%` before variant and enum cases that are
 * keywords (never before record fields or flags), flags in declaration order,
 * floats as float.ts says, chars and strings as string-escape.ts says.
 * Resource handles (our extension) print as `#N`.
 *
 * A value that does not fit its type is a VALUE_TYPE error, never garbage text.
 * Printers are built once per type object and cached, like the parsers. They
 * write bytes into a shared WaveWriter (see writer.ts for why); a top-level
 * scalar is printed straight to a string, which is cheaper for tiny values.
 */
import { ProxyComponentError } from '../errors.js';
import { SMALL_INTEGER_RANGES, type WitType } from '../wit/types.js';
import type { CaseValue, Value } from '../values/value.js';
import { fastShortestF32, fastShortestF64, formatF32, formatF64, shortest } from './float.js';
import { caseLabel } from './keywords.js';
import { quoteChar, quoteString } from './string-escape.js';
import { WaveWriter } from './writer.js';
import { bad, caseTag, type ValueWriter } from './print-common.js';
import { flagsWriter, indexer, recordWriter, resultWriter, variantWriter } from './print-labeled.js';
import { typeText } from './type-text.js';

export type { ValueWriter } from './print-common.js';
export { describeJs } from './print-common.js';

const shared = new WaveWriter();

/** The canonical WAVE text of `value`, a value of `type`. */
export function printValue(value: Value, type: WitType): string {
  const scalar = scalarPrinter(type);
  if (scalar !== undefined) return scalar(value);
  const w = startPrint();
  writerFor(type)(value, w);
  return w.finish();
}

/** The shared writer, emptied; for printers of larger things (calls). */
export function startPrint(): WaveWriter {
  shared.reset();
  return shared;
}

const writers = new WeakMap<WitType, ValueWriter>();

export function writerFor(type: WitType): ValueWriter {
  let writer = writers.get(type);
  if (writer === undefined) {
    writer = build(type);
    writers.set(type, writer);
  }
  return writer;
}

type ScalarPrinter = (value: Value) => string;
const scalars = new WeakMap<WitType, ScalarPrinter | null>();

/** A direct-to-string printer for types whose values print without nesting. */
function scalarPrinter(type: WitType): ScalarPrinter | undefined {
  let printer = scalars.get(type);
  if (printer === undefined) {
    printer = buildScalar(type) ?? null;
    scalars.set(type, printer);
  }
  return printer ?? undefined;
}

function buildScalar(type: WitType): ScalarPrinter | undefined {
  switch (type.kind) {
    case 'bool':
      return (v) => (v === true ? 'true' : v === false ? 'false' : bad(type, v));
    case 's8':
    case 's16':
    case 's32':
    case 'u8':
    case 'u16':
    case 'u32': {
      const [min, max] = SMALL_INTEGER_RANGES[type.kind];
      return (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? '' + v : bad(type, v));
    }
    case 's64':
    case 'u64': {
      const [min, max] = type.kind === 's64' ? [-(2n ** 63n), 2n ** 63n - 1n] : [0n, 2n ** 64n - 1n];
      return (v) => (typeof v === 'bigint' && v >= min && v <= max ? v.toString() : bad(type, v));
    }
    case 'f32':
      return (v) => (typeof v === 'number' ? formatF32(v) : bad(type, v));
    case 'f64':
      return (v) => (typeof v === 'number' ? formatF64(v) : bad(type, v));
    case 'char':
      return (v) => (typeof v === 'string' ? quoteChar(v) : bad(type, v));
    case 'string':
      return (v) => (typeof v === 'string' ? quoteString(v) : bad(type, v));
    case 'enum': {
      const indexOf = indexer(type.cases);
      const labels = type.cases.map(caseLabel);
      return (v) => (typeof v === 'string' ? labels[indexOf(v)] : undefined) ?? bad(type, v);
    }
    case 'own':
    case 'borrow':
      return (v) => '#' + handleId(type, v);
    case 'future':
    case 'stream':
    case 'error-context':
      return () => unsupported(type);
    default:
      return undefined;
  }
}

function build(type: WitType): ValueWriter {
  switch (type.kind) {
    case 'bool':
      return (v, w) => w.write(v === true ? 'true' : v === false ? 'false' : bad(type, v));
    case 's8':
    case 's16':
    case 's32':
    case 'u8':
    case 'u16':
    case 'u32': {
      const [min, max] = SMALL_INTEGER_RANGES[type.kind];
      return (v, w) => {
        if (typeof v !== 'number' || !(v >= min && v <= max) || !Number.isInteger(v)) return bad(type, v);
        if (v < 0) {
          w.byte(0x2d);
          w.uint(-v);
        } else {
          w.uint(v);
        }
      };
    }
    case 'f32':
      return (v, w) => {
        if (typeof v !== 'number') return bad(type, v);
        const f = Math.fround(v);
        if (fastShortestF32(f < 0 ? -f : f)) {
          if (f < 0) w.byte(0x2d);
          w.decimal(shortest.digits, shortest.scale);
        } else {
          w.write(formatF32(f));
        }
      };
    case 'f64':
      return (v, w) => {
        if (typeof v !== 'number') return bad(type, v);
        if (fastShortestF64(v < 0 ? -v : v)) {
          if (v < 0) w.byte(0x2d);
          w.decimal(shortest.digits, shortest.scale);
        } else {
          w.write(formatF64(v));
        }
      };
    case 'list':
      return listWriter(type, writerFor(type.element), type.length);
    case 'tuple':
      return tupleWriter(type, type.elements.map(writerFor));
    case 'record':
      return recordWriter(type, writerFor);
    case 'variant':
      return variantWriter(type, writerFor);
    case 'option': {
      const some = writerFor(type.some);
      return (v, w) => {
        const tag = caseTag(v);
        const payload = (v as CaseValue).value;
        if (tag === 'none' && payload === undefined) return w.write('none');
        if (tag !== 'some' || payload === undefined) return bad(type, v);
        w.write('some(');
        some(payload, w);
        w.byte(0x29);
      };
    }
    case 'result':
      return resultWriter(type, writerFor);
    case 'flags':
      return flagsWriter(type);
    case 'string':
      return (v, w) => (typeof v === 'string' ? w.quotedString(v) : bad(type, v));
    default: {
      const scalar = scalarPrinter(type) as ScalarPrinter;
      return (v, w) => w.write(scalar(v));
    }
  }
}

function unsupported(type: WitType): never {
  throw new ProxyComponentError('WIT_UNSUPPORTED', `values of type ${typeText(type)} are not supported yet`);
}

function handleId(type: WitType, v: Value): number {
  const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : bad(type, v);
}

function listWriter(type: WitType, element: ValueWriter, length: number | undefined): ValueWriter {
  return (v, w) => {
    if (!Array.isArray(v) || (length !== undefined && v.length !== length)) return bad(type, v);
    const items = v as readonly Value[];
    w.byte(0x5b);
    for (let i = 0; i < items.length; i++) {
      if (i !== 0) {
        w.reserve(2);
        w.buf[w.n++] = 0x2c;
        w.buf[w.n++] = 0x20;
      }
      element(items[i] as Value, w);
    }
    w.byte(0x5d);
  };
}

function tupleWriter(type: WitType, elements: readonly ValueWriter[]): ValueWriter {
  return (v, w) => {
    if (!Array.isArray(v) || v.length !== elements.length) return bad(type, v);
    const items = v as readonly Value[];
    w.byte(0x28);
    for (let i = 0; i < elements.length; i++) {
      if (i !== 0) w.write(', ');
      (elements[i] as ValueWriter)(items[i] as Value, w);
    }
    w.byte(0x29);
  };
}
