/**
 * Components that misbehave while they start, in WAT (tiny, built in
 * milliseconds), for the hang and crash tests:
 *
 * - `startLoops`: its core start function loops for ever, so instantiating it
 *   never returns;
 * - `startTraps`: its core start function traps.
 *
 * Both export `run(x: u32) -> u32` = x, which is never reached.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const WIT = `package test:hostile;

world starts-badly {
  export run: func(x: u32) -> u32;
}
`;

function startWat(body: string): string {
  return `(module
  (memory (export "memory") 1)
  (func $start ${body})
  (start $start)
  (func (export "run") (param i32) (result i32) (local.get 0)))`;
}

const memoized = (build: () => Promise<Uint8Array>): (() => Promise<Uint8Array>) => {
  let built: Promise<Uint8Array> | undefined;
  return () => (built ??= build());
};

async function fromWat(wat: string): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(wat), witSource: WIT, world: 'starts-badly' }));
}

export const startLoopsComponent = memoized(() => fromWat(startWat('(loop $forever (br $forever))')));
export const startTrapsComponent = memoized(() => fromWat(startWat('unreachable')));

/** A trace of `run(1)` for these components (a component that started would pass it). */
export const RUN_TRACE = '# proxy-component trace v1 {}\nexport run(1)\nreturn 1\n';
