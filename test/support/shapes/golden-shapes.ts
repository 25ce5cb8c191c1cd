/**
 * A component in two builds for golden corpora (`record --generate`), written
 * in WAT: the same world, one behaviour changed, so that the corpus of the
 * first build fails against the second at the changed call.
 *
 *   mix(x)   = x + scale(x)   (imported), added to a running total
 *              the second build: + 1 more when x > 5
 *   ratio(x) = 1000 / x       traps when x is 0
 *   total()  = the running total of mix's results (state across calls)
 */
import { fromWat, memoized } from './build.js';

export const MIXER_WIT = `package test:golden;

interface env {
  scale: func(x: u32) -> u32;
}

world mixer {
  import env;
  export mix: func(x: u32) -> u32;
  export ratio: func(x: u32) -> u32;
  export total: func() -> u32;
}
`;

function mixerWat(changed: boolean): string {
  const extra = changed ? '(if (i32.gt_u (local.get $x) (i32.const 5)) (then (local.set $r (i32.add (local.get $r) (i32.const 1)))))' : '';
  return `(module
  (import "test:golden/env" "scale" (func $scale (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $total (mut i32) (i32.const 0))
  (func (export "mix") (param $x i32) (result i32) (local $r i32)
    (local.set $r (i32.add (local.get $x) (call $scale (local.get $x))))
    ${extra}
    (global.set $total (i32.add (global.get $total) (local.get $r)))
    (local.get $r))
  (func (export "ratio") (param $x i32) (result i32) (i32.div_u (i32.const 1000) (local.get $x)))
  (func (export "total") (result i32) (global.get $total)))`;
}

const builds = new Map<boolean, Promise<Uint8Array>>();

/** The mixer; `changed`: the second build, whose `mix` adds one more when x > 5. */
export function mixerComponent(changed = false): Promise<Uint8Array> {
  let built = builds.get(changed);
  if (built === undefined) {
    built = fromWat(mixerWat(changed), MIXER_WIT, 'mixer');
    builds.set(changed, built);
  }
  return built;
}

const GREETS_WHILE_STARTING_WIT = `package test:golden;

world greets-while-starting {
  import hello: func() -> u32;
  export run: func() -> u32;
}
`;

/** Its core start function calls the import `hello`: a trace holds import calls only inside export calls. */
const GREETS_WHILE_STARTING_WAT = `(module
  (import "$root" "hello" (func $hello (result i32)))
  (memory (export "memory") 1)
  (global $greeting (mut i32) (i32.const 0))
  (func $start (global.set $greeting (call $hello)))
  (start $start)
  (func (export "run") (result i32) (global.get $greeting)))`;

export const greetsWhileStartingComponent = memoized(() => fromWat(GREETS_WHILE_STARTING_WAT, GREETS_WHILE_STARTING_WIT, 'greets-while-starting'));
