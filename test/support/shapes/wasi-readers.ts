/**
 * Components that read WASI and return what they read, written in WAT, for
 * checking that every engine answers WASI from the plan alike:
 *
 * - `clockReader`: imports only wasi:clocks/wall-clock (a plain function,
 *   which the replay component carries): read-clock() = now().seconds;
 * - `stdinReader`: imports wasi:cli/stdin and wasi:io/streams (resources:
 *   a stream handle from get-stdin):
 *   read-stdin() = get-stdin().blocking-read(64), or [] on an error.
 */
import { fromWat, memoized } from './build.js';

/** Memory and a bump allocator from 1024 up (lower addresses are the functions' scratch space). */
const ALLOCATOR = `
  (memory (export "cm32p2_memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cm32p2_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))))))
    (local.get $ptr))`;

export const CLOCK_READER_WIT = `package test:readers@0.1.0;

world clock-reader {
  import wasi:clocks/wall-clock@0.2.0;
  export read-clock: func() -> u64;
}

package wasi:clocks@0.2.0 {
  interface wall-clock {
    record datetime {
      seconds: u64,
      nanoseconds: u32,
    }

    now: func() -> datetime;
  }
}
`;

const CLOCK_READER_WAT = `(module
  (import "cm32p2|wasi:clocks/wall-clock@0.2" "now" (func $now (param i32)))
  ${ALLOCATOR}
  (func (export "cm32p2||read-clock") (result i64)
    (call $now (i32.const 0))
    (i64.load (i32.const 0))))`;

export const clockReader = memoized(() => fromWat(CLOCK_READER_WAT, CLOCK_READER_WIT, 'clock-reader'));

export const STDIN_READER_WIT = `package test:readers@0.1.0;

world stdin-reader {
  import wasi:cli/stdin@0.2.0;
  export read-stdin: func() -> list<u8>;
}

package wasi:io@0.2.0 {
  interface error {
    resource error;
  }

  interface streams {
    use error.{error};

    variant stream-error {
      last-operation-failed(error),
      closed,
    }

    resource input-stream {
      blocking-read: func(len: u64) -> result<list<u8>, stream-error>;
    }
  }
}

package wasi:cli@0.2.0 {
  interface stdin {
    use wasi:io/streams@0.2.0.{input-stream};

    get-stdin: func() -> input-stream;
  }
}
`;

// blocking-read's result at 16: its case at 16, the list (or the error) at 20 and 24; read-stdin's result at 32.
const STDIN_READER_WAT = `(module
  (import "cm32p2|wasi:cli/stdin@0.2" "get-stdin" (func $get_stdin (result i32)))
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.blocking-read" (func $read (param i32 i64 i32)))
  ${ALLOCATOR}
  (func (export "cm32p2||read-stdin") (result i32)
    (call $read (call $get_stdin) (i64.const 64) (i32.const 16))
    (if (i32.load8_u (i32.const 16))
      (then (i32.store (i32.const 32) (i32.const 0)) (i32.store (i32.const 36) (i32.const 0)))
      (else (i32.store (i32.const 32) (i32.load (i32.const 20))) (i32.store (i32.const 36) (i32.load (i32.const 24)))))
    (i32.const 32)))`;

export const stdinReader = memoized(() => fromWat(STDIN_READER_WAT, STDIN_READER_WIT, 'stdin-reader'));

/** A trace in which stdin holds "hi": what a recorded run of `stdinReader` with that stdin says. */
export const STDIN_TRACE = `export read-stdin()
  import wasi:cli/stdin.get-stdin@0.2.0() -> #1
  import wasi:io/streams.[method]input-stream.blocking-read@0.2.0(#1, 64) -> ok([104, 105])
return [104, 105]
`;
