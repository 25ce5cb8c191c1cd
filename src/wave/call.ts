/**
 * WAVE function calls: `name(arg, ...)`.
 *
 * The name is taken as written, bare (`get`), interface-qualified
 * (`store.get`) or fully qualified with the version after the function
 * (`held:kv/store.get@0.1.0`); resource functions keep their brackets
 * (`[method]handle.get`). Finding the function is the caller's job
 * (`resolveFunction`), so this module knows nothing of worlds.
 * Trailing `option` parameters may be left out and are then none.
 */
import { ProxyComponentError } from '../errors.js';
import { didYouMean } from '../wit/lookup.js';
import type { WitType } from '../wit/types.js';
import { NONE, type Value } from '../values/value.js';
import type { TextOrigin, WaveReader } from './lexer.js';
import { newReader, parserFor } from './parse.js';
import { startPrint, writerFor } from './print.js';
import { typeText } from './type-text.js';

export interface CallParam {
  readonly name: string;
  readonly type: WitType;
}

export interface CallSignature {
  readonly params: readonly CallParam[];
}

export type FunctionResolver = (name: string) => CallSignature | undefined;

export interface ParsedCall {
  /** The function name as written. */
  readonly name: string;
  readonly params: readonly CallParam[];
  /** One value per parameter, omitted trailing options filled in as none. */
  readonly args: Value[];
}

/** Parses `name(arg, ...)`, typing the arguments by the resolved function's parameters. */
export function parseCall(text: string, resolveFunction: FunctionResolver, origin?: TextOrigin, knownNames?: () => readonly string[]): ParsedCall {
  const reader = newReader(text, origin);
  try {
    const call = readCall(reader, resolveFunction, 'unknown function', knownNames);
    reader.expectEnd('the call');
    return call;
  } finally {
    reader.releaseStack();
  }
}

/**
 * Parses a call at the start of `text` and says where it ends, for formats
 * that write more after a call on the same line (traces: `f(1) -> 2`).
 * `unknownMessage` starts the error for a name `resolveFunction` does not know;
 * `knownNames`, the canonical names it knows, let that error say which was meant.
 */
export function parseCallPrefix(
  text: string,
  resolveFunction: FunctionResolver,
  origin?: TextOrigin,
  unknownMessage = 'unknown function',
  knownNames?: () => readonly string[],
): { readonly call: ParsedCall; readonly end: number } {
  const reader = newReader(text, origin);
  try {
    const call = readCall(reader, resolveFunction, unknownMessage, knownNames);
    return { call, end: reader.pos };
  } finally {
    reader.releaseStack();
  }
}

function readCall(r: WaveReader, resolveFunction: FunctionResolver, unknownMessage: string, knownNames: (() => readonly string[]) | undefined): ParsedCall {
  r.skipTrivia();
  const nameStart = r.pos;
  const name = readFunctionName(r);
  if (name === '') throw r.syntaxError(`expected a function name, found ${r.describeToken(r.pos)}`);
  const signature = resolveFunction(name);
  if (signature === undefined) {
    const hint = knownNames === undefined ? '' : didYouMean(name, knownNames());
    throw new ProxyComponentError('WAVE_UNKNOWN_FUNCTION', `${unknownMessage} \`${name}\`${hint}`, { location: r.location(nameStart) });
  }
  const { params } = signature;
  r.expect(0x28, `after the function name \`${name}\``);
  const args: Value[] = [];
  if (r.peek() === 0x29) {
    r.pos++;
  } else {
    for (;;) {
      const param = params[args.length];
      if (param === undefined) {
        throw new ProxyComponentError('WAVE_ARITY', `too many arguments: ${name} takes ${describeParams(params)}`, {
          location: r.location(r.pos),
        });
      }
      args.push(parserFor(param.type)(r));
      const c = r.peek();
      if (c === 0x2c) {
        r.pos++;
        if (r.peek() === 0x29) {
          r.pos++;
          break;
        }
      } else if (c === 0x29) {
        r.pos++;
        break;
      } else {
        throw r.syntaxError(`expected \`,\` or \`)\` after argument ${args.length} of ${name}, found ${r.describeToken(r.pos)}`);
      }
    }
  }
  const close = r.pos - 1;
  for (let i = args.length; i < params.length; i++) {
    const param = params[i] as CallParam;
    if (param.type.kind !== 'option') {
      const missing = params.slice(i).filter((p) => p.type.kind !== 'option').map((p) => p.name);
      throw new ProxyComponentError(
        'WAVE_ARITY',
        `too few arguments: ${name} takes ${describeParams(params)}, got ${args.length} (missing ${missing.map((m) => `\`${m}\``).join(', ')})`,
        { location: r.location(close) },
      );
    }
    args.push(NONE);
  }
  return { name, params, args };
}

/**
 * Reads the function name: label characters plus the `:` `/` `.` `@` `+`
 * of qualified names and versions and the `[` `]` of resource functions.
 */
function readFunctionName(r: WaveReader): string {
  const src = r.src;
  const start = r.pos;
  let p = start;
  for (;;) {
    const c = src.charCodeAt(p);
    const nameChar =
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ||
      c === 0x2d || c === 0x25 || c === 0x3a || c === 0x2e || c === 0x40 || c === 0x2b || c === 0x5b || c === 0x5d || c === 0x5f ||
      (c === 0x2f && src.charCodeAt(p + 1) !== 0x2f);
    if (!nameChar) break;
    p++;
  }
  r.pos = p;
  return src.slice(start, p);
}

function describeParams(params: readonly CallParam[]): string {
  if (params.length === 0) return 'no arguments';
  const list = params.map((p) => `${p.name}: ${typeText(p.type)}`).join(', ');
  return `${params.length} argument${params.length === 1 ? '' : 's'} (${list})`;
}

/** `name(param: value, ...)`, as the reference's conformance outputs print calls. */
export function printCall(name: string, params: readonly CallParam[], args: readonly Value[]): string {
  return printArguments(name, params, args, true);
}

/** `name(value, ...)` without parameter names. */
export function printCallPositional(name: string, params: readonly CallParam[], args: readonly Value[]): string {
  return printArguments(name, params, args, false);
}

function printArguments(name: string, params: readonly CallParam[], args: readonly Value[], named: boolean): string {
  checkArity(name, params, args);
  const w = startPrint();
  w.write(name);
  w.byte(0x28);
  for (let i = 0; i < params.length; i++) {
    const param = params[i] as CallParam;
    if (i !== 0) w.write(', ');
    if (named) {
      w.write(param.name);
      w.write(': ');
    }
    writerFor(param.type)(args[i] as Value, w);
  }
  w.byte(0x29);
  return w.finish();
}

function checkArity(name: string, params: readonly CallParam[], args: readonly Value[]): void {
  if (args.length !== params.length) {
    throw new ProxyComponentError('VALUE_TYPE', `${name} takes ${describeParams(params)}, but ${args.length} values were given`);
  }
}
