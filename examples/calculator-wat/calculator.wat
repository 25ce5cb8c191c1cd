;; The calculator's core module, written by hand against the canonical ABI
;; (https://github.com/WebAssembly/component-model/blob/main/design/mvp/CanonicalABI.md).
;; `npm run build:examples` embeds wit/calculator.wit and wraps it into a component.
;;
;; Memory map: 16..32 holds export results, 32..48 the result of an import call,
;; and from 1024 a bump heap for the lists the host passes in, emptied after
;; each `mean` call returns (cabi_post_mean).
(module
  ;; log(error: calc-error, a: s64, b: s64)
  (import "$root" "log" (func $log (param i32 i64 i64)))
  ;; lookup-rate(from, to) -> option<u64>: the result is written at the last parameter
  (import "example:calculator/rates@0.1.0" "lookup-rate" (func $lookup_rate (param i32 i32 i32)))

  (memory (export "memory") 1)

  (global $heap (mut i32) (i32.const 1024))
  (global $HEAP_START i32 (i32.const 1024))
  (global $RESULT i32 (i32.const 16))
  (global $IMPORT_RESULT i32 (i32.const 32))

  ;; calc-error cases
  (global $DIVISION_BY_ZERO i32 (i32.const 0))
  (global $OVERFLOW i32 (i32.const 1))

  ;; Allocations only ever grow the heap: the host asks for fresh memory to copy lists into.
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    ;; align up: (heap + align - 1) & -align
    (local.set $ptr
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536))) (i32.const 65535)) (i32.const 16)))
              (i32.const -1))
          (then unreachable))))
    (global.set $heap (local.get $end))
    (local.get $ptr))

  (func $ok_s64 (param $value i64) (result i32)
    (i32.store8 (global.get $RESULT) (i32.const 0))
    (i64.store offset=8 (global.get $RESULT) (local.get $value))
    (global.get $RESULT))

  (func $fail (param $error i32) (param $a i64) (param $b i64) (result i32)
    (call $log (local.get $error) (local.get $a) (local.get $b))
    (i32.store8 (global.get $RESULT) (i32.const 1))
    (i32.store8 offset=8 (global.get $RESULT) (local.get $error))
    (global.get $RESULT))

  ;; eval(op, a, b) -> result<s64, calc-error>
  (func (export "eval") (param $op i32) (param $a i64) (param $b i64) (result i32)
    (local $r i64)
    (block $div
      (block $mul
        (block $sub
          (block $add
            (br_table $add $sub $mul $div (local.get $op)))
          ;; add: overflow when both operands' signs differ from the result's
          (local.set $r (i64.add (local.get $a) (local.get $b)))
          (if (i64.lt_s (i64.and (i64.xor (local.get $a) (local.get $r)) (i64.xor (local.get $b) (local.get $r))) (i64.const 0))
            (then (return (call $fail (global.get $OVERFLOW) (local.get $a) (local.get $b)))))
          (return (call $ok_s64 (local.get $r))))
        ;; sub: overflow when the operands' signs differ and the result's sign differs from a's
        (local.set $r (i64.sub (local.get $a) (local.get $b)))
        (if (i64.lt_s (i64.and (i64.xor (local.get $a) (local.get $b)) (i64.xor (local.get $a) (local.get $r))) (i64.const 0))
          (then (return (call $fail (global.get $OVERFLOW) (local.get $a) (local.get $b)))))
        (return (call $ok_s64 (local.get $r))))
      ;; mul: overflow when dividing the wrapped product by a does not give b back
      (local.set $r (i64.mul (local.get $a) (local.get $b)))
      (if (i64.eq (local.get $a) (i64.const -1))
        (then
          (if (i64.eq (local.get $b) (i64.const 0x8000000000000000))
            (then (return (call $fail (global.get $OVERFLOW) (local.get $a) (local.get $b)))))
          (return (call $ok_s64 (local.get $r)))))
      ;; Nested, not i32.and: wasm evaluates both operands, and div_s traps when a is 0
      ;; (`proxy-component fuzz` found that one).
      (if (i64.ne (local.get $a) (i64.const 0))
        (then
          (if (i64.ne (i64.div_s (local.get $r) (local.get $a)) (local.get $b))
            (then (return (call $fail (global.get $OVERFLOW) (local.get $a) (local.get $b)))))))
      (return (call $ok_s64 (local.get $r))))
    ;; div: truncating, like i64.div_s, minus its two traps
    (if (i64.eqz (local.get $b))
      (then (return (call $fail (global.get $DIVISION_BY_ZERO) (local.get $a) (local.get $b)))))
    (if (i32.and (i64.eq (local.get $a) (i64.const 0x8000000000000000)) (i64.eq (local.get $b) (i64.const -1)))
      (then (return (call $fail (global.get $OVERFLOW) (local.get $a) (local.get $b)))))
    (call $ok_s64 (i64.div_s (local.get $a) (local.get $b))))

  ;; convert(amount, from, to) -> option<u64>
  (func (export "convert") (param $amount i64) (param $from i32) (param $to i32) (result i32)
    (local $rate i64)
    (if (i32.eq (local.get $from) (local.get $to))
      (then
        (i32.store8 (global.get $RESULT) (i32.const 1))
        (i64.store offset=8 (global.get $RESULT) (local.get $amount))
        (return (global.get $RESULT))))
    (call $lookup_rate (local.get $from) (local.get $to) (global.get $IMPORT_RESULT))
    (if (i32.eqz (i32.load8_u (global.get $IMPORT_RESULT)))
      (then
        (i32.store8 (global.get $RESULT) (i32.const 0))
        (return (global.get $RESULT))))
    (local.set $rate (i64.load offset=8 (global.get $IMPORT_RESULT)))
    (if (i64.eqz (local.get $rate)) (then unreachable))
    (i32.store8 (global.get $RESULT) (i32.const 1))
    ;; u64 arithmetic: wraps for amounts beyond about 1.8e13 at a rate of 1.0
    (i64.store offset=8 (global.get $RESULT)
      (i64.div_u (i64.mul (local.get $amount) (local.get $rate)) (i64.const 1000000)))
    (global.get $RESULT))

  ;; mean(values: list<f64>) -> option<f64>
  (func (export "mean") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $sum f64)
    (if (i32.eqz (local.get $len))
      (then
        (i32.store8 (global.get $RESULT) (i32.const 0))
        (return (global.get $RESULT))))
    (loop $next
      (local.set $sum (f64.add (local.get $sum) (f64.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $len))))
    (i32.store8 (global.get $RESULT) (i32.const 1))
    (f64.store offset=8 (global.get $RESULT) (f64.div (local.get $sum) (f64.convert_i32_u (local.get $len))))
    (global.get $RESULT))

  ;; After `mean` returns, the list it was given is no longer needed.
  (func (export "cabi_post_mean") (param i32)
    (global.set $heap (global.get $HEAP_START)))
)
