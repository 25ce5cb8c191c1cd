;; The counter's core module: the value lives in memory at address 0, as an i32.
;; `npm run build:examples` embeds the `counter` world of wit/counter.wit and wraps it
;; into build/counter.wasm. counter-one-byte.wat is the same with one bug.
(module
  (memory (export "memory") 1)

  (func $load (result i32) (i32.load (i32.const 0)))
  (func $store (param $value i32) (i32.store (i32.const 0) (local.get $value)))

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
