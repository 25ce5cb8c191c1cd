;; The buggy build: the value is kept in ONE BYTE (store8, load8_u). A call still returns
;; the right value, but the next call reads it back modulo 256: add(256) then get() answers 0.
;; Built to build/counter-one-byte.wasm; the model-based test finds it (README.md).
(module
  (memory (export "memory") 1)

  (func $load (result i32) (i32.load8_u (i32.const 0)))
  (func $store (param $value i32) (i32.store8 (i32.const 0) (local.get $value)))

  ;; add(by): value + by, or 1000 when that would pass 1000 (compared without overflowing).
  (func (export "add") (param $by i32) (result i32)
    (local $value i32)
    (local.set $value (call $load))
    (if (i32.gt_u (local.get $by) (i32.sub (i32.const 1000) (local.get $value)))
      (then (local.set $value (i32.const 1000)))
      (else (local.set $value (i32.add (local.get $value) (local.get $by)))))
    (call $store (local.get $value))
    (local.get $value))

  ;; sub(by): value - by, or 0 when by is larger.
  (func (export "sub") (param $by i32) (result i32)
    (local $value i32)
    (local.set $value (call $load))
    (if (i32.gt_u (local.get $by) (local.get $value))
      (then (local.set $value (i32.const 0)))
      (else (local.set $value (i32.sub (local.get $value) (local.get $by)))))
    (call $store (local.get $value))
    (local.get $value))

  (func (export "get") (result i32) (call $load))

  (func (export "reset") (call $store (i32.const 0))))
