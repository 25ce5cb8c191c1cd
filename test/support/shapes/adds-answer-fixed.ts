/**
 * The fixed build of shapes/adds-answer.ts: `add(a, b)` still asks the
 * imported `store.get()` but returns `a + b`, so `adds-up` holds and a saved
 * failure of the buggy build passes against it.
 */
import { fromWat, memoized } from './build.js';
import { ADDS_ANSWER_WIT } from './adds-answer.js';

const FIXED_WAT = `(module
  (import "test:shapes/store" "get" (func $get (result i32)))
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32)
    (drop (call $get))
    (i32.add (local.get 0) (local.get 1))))`;

export const addsAnswerFixedComponent = memoized(() => fromWat(FIXED_WAT, ADDS_ANSWER_WIT, 'adds-answer'));
