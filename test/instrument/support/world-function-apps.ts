/**
 * Components whose worlds import bare functions (`import log: func(...)`),
 * and hosts for them as components (see with-host.ts), written in WAT:
 *
 * - the calculator-wat example (built by scripts/build-examples.ts) and a
 *   host with the same rates as its host.mjs, and a `log` that keeps nothing;
 * - `bare`: shout(x) = log(x > 10 ? high : low, x); scale(x) + 1, whose host
 *   scales by 3, for a world-level import with a result.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { buildExample, EXAMPLES, exampleDir } from '../../../scripts/build-examples.js';

async function fromWat(wat: string, witSource: string, world: string): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(wat), witSource, world }));
}

const calculator = EXAMPLES.find((example) => example.name === 'calculator-wat');

export function calculatorFolder(): string {
  if (calculator === undefined) throw new Error('the calculator-wat example is missing from scripts/build-examples.ts');
  return exampleDir(calculator);
}

/** examples/calculator-wat/build/calculator.wasm, built when missing or stale. */
export async function calculatorComponent(): Promise<Uint8Array> {
  if (calculator === undefined) throw new Error('the calculator-wat example is missing from scripts/build-examples.ts');
  await buildExample(calculator);
  return new Uint8Array(await readFile(join(calculatorFolder(), 'build/calculator.wasm')));
}

export const CALCULATOR_HOST_FUNCS = 'test:calc-host/funcs@0.1.0';

const CALCULATOR_HOST_WIT = `package test:calc-host@0.1.0;

interface funcs {
  enum calc-error { division-by-zero, overflow }
  log: func(error: calc-error, a: s64, b: s64);
}

world host {
  export funcs;
  export example:calculator/rates@0.1.0;
}

package example:calculator@0.1.0 {
  interface rates {
    enum currency { eur, usd, gbp, jpy }
    lookup-rate: func(source: currency, target: currency) -> option<u64>;
  }
}
`;

/** host.mjs's rates, in millionths, by [source][target] (eur, usd, gbp, jpy); 0 for none. */
const RATES: readonly (readonly bigint[])[] = [
  [0n, 1_080_000n, 850_000n, 0n],
  [926_000n, 0n, 787_000n, 151_200_000n],
  [1_176_000n, 1_270_000n, 0n, 0n],
  [0n, 0n, 0n, 0n],
];

function ratesData(): string {
  const bytes = new Uint8Array(128);
  const view = new DataView(bytes.buffer);
  RATES.flat().forEach((rate, i) => view.setBigUint64(i * 8, rate, true));
  return [...bytes].map((byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('');
}

/** Rates at 64.., the option<u64> answer at 16 (tag) and 24 (payload). */
const CALCULATOR_HOST_WAT = `(module
  (memory (export "memory") 1)
  (data (i32.const 64) "${ratesData()}")
  (func (export "test:calc-host/funcs@0.1.0#log") (param i32 i64 i64))
  (func (export "example:calculator/rates@0.1.0#lookup-rate") (param $source i32) (param $target i32) (result i32) (local $rate i64)
    (local.set $rate (i64.load offset=64 (i32.shl (i32.add (i32.shl (local.get $source) (i32.const 2)) (local.get $target)) (i32.const 3))))
    (i32.store8 (i32.const 16) (i64.ne (local.get $rate) (i64.const 0)))
    (i64.store (i32.const 24) (local.get $rate))
    (i32.const 16)))`;

export function calculatorHostComponent(): Promise<Uint8Array> {
  return fromWat(CALCULATOR_HOST_WAT, CALCULATOR_HOST_WIT, 'host');
}

export const BARE_WIT = `package test:bare@0.1.0;

world bare {
  enum level { low, high }

  import log: func(level: level, x: u32);
  import scale: func(x: u32) -> u32;

  export shout: func(x: u32) -> u32;
}
`;

const BARE_WAT = `(module
  (import "$root" "log" (func $log (param i32 i32)))
  (import "$root" "scale" (func $scale (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "shout") (param $x i32) (result i32)
    (call $log (i32.gt_u (local.get $x) (i32.const 10)) (local.get $x))
    (i32.add (call $scale (local.get $x)) (i32.const 1))))`;

export function bareComponent(): Promise<Uint8Array> {
  return fromWat(BARE_WAT, BARE_WIT, 'bare');
}

export const BARE_HOST_FUNCS = 'test:bare-host/funcs@0.1.0';

const BARE_HOST_WIT = `package test:bare-host@0.1.0;

interface funcs {
  enum level { low, high }
  log: func(level: level, x: u32);
  scale: func(x: u32) -> u32;
}

world host {
  export funcs;
}
`;

const BARE_HOST_WAT = `(module
  (memory (export "memory") 1)
  (func (export "test:bare-host/funcs@0.1.0#log") (param i32 i32))
  (func (export "test:bare-host/funcs@0.1.0#scale") (param $x i32) (result i32)
    (i32.mul (local.get $x) (i32.const 3))))`;

export function bareHostComponent(): Promise<Uint8Array> {
  return fromWat(BARE_HOST_WAT, BARE_HOST_WIT, 'host');
}
