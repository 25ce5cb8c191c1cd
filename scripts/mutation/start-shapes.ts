/**
 * Components that misbehave while they start, in WAT (tiny, built in
 * milliseconds), for the mutation campaign and the hang tests:
 *
 * - `startLoopsComponent`: its core start function loops for ever, so
 *   instantiating it never returns;
 * - `startTrapsComponent`: its core start function traps.
 *
 * Both export `run(x: u32) -> u32` = x, which is never reached; `RUN_TRACE`
 * is a trace of one call of it.
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

/** A core module (no component around it): what `wasm-tools component new` would wrap. */
export const coreModule = memoized(async () => parse(startWat('')));

export const RUN_TRACE = '# proxy-component trace v1 {}\nexport run(1)\nreturn 1\n';
