/**
 * A component whose only export never returns, from its first call on: the
 * case where a run of `record --generate` has no call to keep.
 */
import { fromWat, memoized } from './build.js';

const WIT = `package test:shapes;

world hangs-at-first-call {
  export tick: func() -> u32;
}
`;

const WAT = `(module
  (memory (export "memory") 1)
  (func (export "tick") (result i32)
    (loop $forever (br $forever))
    (i32.const 0)))`;

export const hangsAtFirstCallComponent = memoized(() => fromWat(WAT, WIT, 'hangs-at-first-call'));
