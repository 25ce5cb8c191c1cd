/**
 * A component whose bug is in an import answer, for shrinking to a minimum:
 * `add(a, b)` returns `a + b + store.get()` (wrapping), so the property
 * `adds-up` (the result is `a + b`) fails exactly when the import answers
 * something other than 0. The smallest failure is one call, `add(0, 0)`,
 * whose import answered 1, however the campaign first found it.
 */
import { fromWat, memoized } from './build.js';

export const ADDS_ANSWER_WIT = `package test:shapes;

interface store {
  get: func() -> u32;
}

world adds-answer {
  import store;
  export add: func(a: u32, b: u32) -> u32;
}
`;

const ADDS_ANSWER_WAT = `(module
  (import "test:shapes/store" "get" (func $get (result i32)))
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (i32.add (local.get 0) (local.get 1)) (call $get))))`;

export const addsAnswerComponent = memoized(() => fromWat(ADDS_ANSWER_WAT, ADDS_ANSWER_WIT, 'adds-answer'));

/** The property the component breaks, as a properties module's source (`fuzz --host`, `toSatisfyProperties`). */
export const ADDS_UP_MODULE =
  "export const properties = { 'adds-up': ({ call }) => call.name !== 'add' || call.result.kind !== 'return' || call.result.value === ((call.args[0] + call.args[1]) >>> 0) };\n";
