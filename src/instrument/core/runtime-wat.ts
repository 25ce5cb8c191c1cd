/**
 * The fixed part of every generated core virtualizer, in WAT: a bump heap
 * (reset after each call, once the runtime has read the results), the
 * `cabi_realloc` the canonical ABI allocates through, an output buffer the
 * value writers append to, and an input cursor the value readers consume.
 *
 * Memory map: the configuration bytes at offset 0 (a data segment), the heap
 * from `heapBase` on.
 */
export function runtimeWat(heapBase: number): string {
  return `
  (memory (export "memory") ${Math.max(1, Math.ceil((heapBase + 65536) / 65536))})
  (global $heap_base i32 (i32.const ${heapBase}))
  (global $heap (mut i32) (i32.const ${heapBase}))
  (global $out (mut i32) (i32.const 0))
  (global $out_len (mut i32) (i32.const 0))
  (global $out_cap (mut i32) (i32.const 0))
  (global $in (mut i32) (i32.const 0))
  (global $last_len (mut i32) (i32.const 0))

  (func $alloc (param $size i32) (param $align i32) (result i32)
    (local $p i32) (local $end i32) (local $have i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $p) (local.get $size)))
    (local.set $have (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16)) (i32.const 1)))
                    (i32.const -1))
          (then unreachable))))
    (global.set $heap (local.get $end))
    (local.get $p))

  (func $cabi_realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $p i32)
    (local.set $p (call $alloc (local.get $new_size) (local.get $align)))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old)
        (select (local.get $old_size) (local.get $new_size) (i32.lt_u (local.get $old_size) (local.get $new_size))))))
    (local.get $p))

  (func $reset (global.set $heap (global.get $heap_base)))

  (func $out_begin
    (global.set $out (call $alloc (i32.const 256) (i32.const 8)))
    (global.set $out_len (i32.const 0))
    (global.set $out_cap (i32.const 256)))

  (func $out_reserve (param $n i32) (result i32)
    (local $need i32) (local $p i32) (local $cap i32)
    (local.set $need (i32.add (global.get $out_len) (local.get $n)))
    (if (i32.gt_u (local.get $need) (global.get $out_cap))
      (then
        (local.set $cap (i32.shl (local.get $need) (i32.const 1)))
        (local.set $p (call $alloc (local.get $cap) (i32.const 8)))
        (memory.copy (local.get $p) (global.get $out) (global.get $out_len))
        (global.set $out (local.get $p))
        (global.set $out_cap (local.get $cap))))
    (local.set $p (i32.add (global.get $out) (global.get $out_len)))
    (global.set $out_len (local.get $need))
    (local.get $p))

  (func $out_u8 (param i32) (i32.store8 (call $out_reserve (i32.const 1)) (local.get 0)))
  (func $out_u16 (param i32) (i32.store16 (call $out_reserve (i32.const 2)) (local.get 0)))
  (func $out_u32 (param i32) (i32.store (call $out_reserve (i32.const 4)) (local.get 0)))
  (func $out_u64 (param i64) (i64.store (call $out_reserve (i32.const 8)) (local.get 0)))
  (func $out_bytes (param $p i32) (param $n i32)
    (memory.copy (call $out_reserve (local.get $n)) (local.get $p) (local.get $n)))

  (func $in_u8 (result i32) (local $p i32)
    (local.set $p (global.get $in)) (global.set $in (i32.add (local.get $p) (i32.const 1))) (i32.load8_u (local.get $p)))
  (func $in_u16 (result i32) (local $p i32)
    (local.set $p (global.get $in)) (global.set $in (i32.add (local.get $p) (i32.const 2))) (i32.load16_u (local.get $p)))
  (func $in_u32 (result i32) (local $p i32)
    (local.set $p (global.get $in)) (global.set $in (i32.add (local.get $p) (i32.const 4))) (i32.load (local.get $p)))
  (func $in_u64 (result i64) (local $p i32)
    (local.set $p (global.get $in)) (global.set $in (i32.add (local.get $p) (i32.const 8))) (i64.load (local.get $p)))
  ;; A string's bytes stay where they are in the input (alignment 1); sets $last_len.
  (func $in_string (result i32) (local $p i32)
    (global.set $last_len (call $in_u32))
    (local.set $p (global.get $in))
    (global.set $in (i32.add (local.get $p) (global.get $last_len)))
    (local.get $p))
  ;; Bytes copied to a fresh allocation with the given alignment; sets $last_len to the count.
  (func $in_copy (param $count i32) (param $elem i32) (param $align i32) (result i32) (local $p i32) (local $n i32)
    (local.set $n (i32.mul (local.get $count) (local.get $elem)))
    (local.set $p (call $alloc (local.get $n) (local.get $align)))
    (memory.copy (local.get $p) (global.get $in) (local.get $n))
    (global.set $in (i32.add (global.get $in) (local.get $n)))
    (global.set $last_len (local.get $count))
    (local.get $p))
`;
}
