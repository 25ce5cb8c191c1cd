/**
 * The driver script a JS shell runs: it instantiates the jco-transpiled
 * component with imports synthesized from a data file (src/engines/subprocess/
 * driver-data.ts), makes the export calls, and prints each event as one line
 * of tagged JSON (src/engines/wire.ts) behind a marker, so that the
 * component's own output cannot be mistaken for the driver's.
 *
 * The script is fixed text, dependency-free, in the JS every shell here runs
 * (ES2022 modules with top-level await). No trace or user text is ever part
 * of it: all data comes from the JSON file named by its first argument.
 * Each shell gets a prelude defining `__args`, `__readBytes`, `__readText`
 * and `__out`, plus polyfills for what the shell lacks (driver-polyfills.ts).
 */
import { POLYFILLS_JS } from './driver-polyfills.js';

/** Every line the driver prints for us starts with this. */
export const DRIVER_MARKER = '@proxy-component-driver@ ';

export type ShellKind = 'node' | 'deno' | 'gjs' | 'jsc';

const NODE_PRELUDE = `
import * as __fs from 'node:fs';
import __process from 'node:process';
const __args = __process.argv.slice(2);
const __readBytes = (path) => new Uint8Array(__fs.readFileSync(path));
const __readText = (path) => __fs.readFileSync(path, 'utf8');
const __out = (line) => { const bytes = new TextEncoder().encode(line + '\\n'); let at = 0; while (at < bytes.length) at += __fs.writeSync(1, bytes, at); };
`;

const GJS_PRELUDE = `
import GLib from 'gi://GLib';
import System from 'system';
const __args = System.programArgs;
const __readBytes = (path) => GLib.file_get_contents(path)[1];
const __readText = (path) => new TextDecoder().decode(__readBytes(path));
const __out = (line) => print(line);
`;

const JSC_PRELUDE = `
const __args = typeof arguments === 'undefined' ? [] : Array.from(arguments);
const __readBytes = (path) => new Uint8Array(readFile(path, 'binary'));
const __readText = (path) => new TextDecoder().decode(__readBytes(path));
const __out = (line) => print(line);
`;

const PRELUDES: Record<ShellKind, string> = { node: NODE_PRELUDE, deno: NODE_PRELUDE, gjs: GJS_PRELUDE, jsc: JSC_PRELUDE };

/** The tagged-JSON codec of wire.ts, in plain JS, with the driver's handle table. */
const WIRE_JS = `
const __TYPED = { Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, BigUint64Array, BigInt64Array, Float32Array, Float64Array };
const __handles = { ids: new Map(), objects: new Map(), next: 1, classes: [] };
function __bind(id, object) {
  __handles.ids.set(object, id);
  __handles.objects.set(id, object);
  if (id >= __handles.next) __handles.next = id + 1;
}
function __resourceIndex(object) {
  for (let i = 0; i < __handles.classes.length; i++) {
    const cls = __handles.classes[i];
    if (typeof cls === 'function' && object instanceof cls) return i;
  }
  return -1;
}
function __toWire(value) {
  switch (typeof value) {
    case 'boolean': case 'string': return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { $: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
    case 'bigint': return { $: 'bigint', v: value.toString() };
    case 'undefined': return { $: 'undefined' };
    case 'object': case 'function': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(__toWire);
      let id = __handles.ids.get(value);
      const r = __resourceIndex(value);
      if (id === undefined && r >= 0) { id = __handles.next; __bind(id, value); }
      if (id !== undefined) return r >= 0 ? { $: 'handle', id, r } : { $: 'handle', id };
      if (ArrayBuffer.isView(value) && __TYPED[value.constructor.name] === value.constructor) {
        return { $: value.constructor.name, v: Array.from(value, __toWire) };
      }
      const out = {};
      for (const key of Object.keys(value)) out[key] = __toWire(value[key]);
      return out;
    }
    default: return { $: 'undefined' };
  }
}
function __fromWire(wire) {
  if (wire === null || typeof wire !== 'object') return wire;
  if (Array.isArray(wire)) return wire.map(__fromWire);
  const tag = wire.$;
  if (typeof tag !== 'string') {
    const out = {};
    for (const key of Object.keys(wire)) out[key] = __fromWire(wire[key]);
    return out;
  }
  if (tag === 'number') return wire.v === '-0' ? -0 : Number(wire.v);
  if (tag === 'bigint') return BigInt(wire.v);
  if (tag === 'undefined') return undefined;
  if (tag === 'handle') {
    if (__handles.objects.has(wire.id)) return __handles.objects.get(wire.id);
    const cls = __handles.classes[wire.r];
    if (typeof cls !== 'function') throw new Error('unknown resource handle ' + wire.id);
    const object = Object.create(cls.prototype);
    __bind(wire.id, object);
    return object;
  }
  return __TYPED[tag].from(wire.v.map(__fromWire));
}
`;

const BODY_JS = `
const __emit = (event) => __out(${JSON.stringify(DRIVER_MARKER)} + JSON.stringify(event));
const __data = JSON.parse(__readText(__args[0]));
let __answers = [];
let __used = [];
let __observed = [];

function __answer(fn, args, raw) {
  __observed.push({ fn, args: args.map(__toWire) });
  const index = __answers.findIndex((answer, i) => !__used[i] && answer.fn === fn);
  if (index < 0) throw new Error('no answer left for import \\u0060' + __data.names[fn] + '\\u0060');
  __used[index] = true;
  const answer = __answers[index];
  if (answer.kind === 'trap') throw new Error(answer.message);
  if (answer.kind === 'err') { const error = new Error('import returned err'); error.payload = __fromWire(answer.payload); throw error; }
  return raw ? answer.value : __fromWire(answer.value);
}

function __importClass(name, resource) {
  const cls = { [name]: class {
    constructor(...args) {
      if (resource.construct === null) throw new TypeError(name + ' has no constructor in the imports');
      const made = __answer(resource.construct, args, true);
      if (made === null || typeof made !== 'object' || made.$ !== 'handle') return;
      // A handle already known stands for its object; a new one now means this object.
      if (__handles.objects.has(made.id)) return __handles.objects.get(made.id);
      __bind(made.id, this);
    }
  } }[name];
  for (const [member, fn] of resource.methods) {
    Object.defineProperty(cls.prototype, member, { value: function (...args) { return __answer(fn, [this, ...args]); }, writable: true, configurable: true });
  }
  for (const [member, fn] of resource.statics) {
    Object.defineProperty(cls, member, { value: (...args) => __answer(fn, args), writable: true, configurable: true });
  }
  return cls;
}

function __imports() {
  const imports = {};
  for (const item of __data.imports) {
    const target = {};
    if (item.bare !== null) target.default = (...args) => __answer(item.bare, args);
    for (const [name, fn] of item.functions) target[name] = (...args) => __answer(fn, args);
    for (const resource of item.resources) {
      const cls = __importClass(resource.cls, resource);
      target[resource.cls] = cls;
      __handles.classes[resource.index] = cls;
    }
    imports[item.key] = target;
  }
  return imports;
}

function __invoker(exports, entry) {
  const target = entry.key === null ? exports : exports[entry.key];
  if (entry.how === 'call') return (args) => target[entry.member](...args);
  const cls = target[entry.cls];
  if (entry.how === 'new') return (args) => new cls(...args);
  if (entry.how === 'static') return (args) => cls[entry.member](...args);
  return ([self, ...rest]) => self[entry.member](...rest);
}

function __thrown(error) {
  if ((typeof error === 'object' || typeof error === 'function') && error !== null && Object.prototype.hasOwnProperty.call(error, 'payload')) {
    return { kind: 'throw', payload: __toWire(error.payload) };
  }
  if (error instanceof Error) return { kind: 'trap', message: String(error.message), name: String(error.name) };
  return { kind: 'trap', message: String(error), name: typeof error };
}

async function __main() {
  const module = await import(__data.entry);
  const imports = __imports();
  // Instantiating runs the component's start functions: watched like a call.
  __emit({ e: 'start' });
  // Synchronous compilation: gjs has no WebAssembly promise APIs.
  const exports = await module.instantiate(
    (path) => new WebAssembly.Module(__readBytes(__data.directory + '/' + path)),
    imports,
    (core, coreImports) => new WebAssembly.Instance(core, coreImports),
  );
  for (const resource of __data.exportResources) __handles.classes[resource.index] = (resource.key === null ? exports : exports[resource.key])[resource.cls];
  const invokers = __data.exports.map((entry) => __invoker(exports, entry));
  __emit({ e: 'ready' });
  for (let index = 0; index < __data.calls.length; index++) {
    const call = __data.calls[index];
    __emit({ e: 'call', index });
    __answers = call.answers;
    __used = call.answers.map(() => false);
    __observed = [];
    let outcome;
    try {
      outcome = { kind: 'return', value: __toWire(invokers[call.fn](call.args.map(__fromWire))) };
    } catch (error) {
      outcome = __thrown(error);
    }
    __emit({ e: 'report', index, outcome, imports: __observed });
  }
  __emit({ e: 'done' });
}

try {
  await __main();
} catch (error) {
  __emit({ e: 'error', message: error instanceof Error ? String(error) + '\\n' + String(error.stack) : String(error) });
}
`;

/** The driver for a shell: its prelude, polyfills where the shell lacks something, the codec and the body. */
export function driverSource(shell: ShellKind): string {
  return [PRELUDES[shell], POLYFILLS_JS, WIRE_JS, BODY_JS].join('\n');
}

/** The codec alone, for tests that hold it to wire.ts. */
export const DRIVER_WIRE_JS = WIRE_JS;
