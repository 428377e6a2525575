;; wasmlimits.wat - exports that exhaust each limit: wasmrun -e NAME
;; must end each with a clean trap.
(module
  (memory 1 200)
  (func $rec (param i32) (result i32)
    (i32.add (call $rec (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "spin") (result i32)
    (loop $l (br $l))
    (i32.const 0))
  (func (export "deep") (result i32)
    (call $rec (i32.const 0)))
  ;; grow one page at a time until refused or trapped
  (func (export "grow") (result i32)
    (loop $l
      (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (memory.size))
  (func (export "oob") (result i32)
    (i32.load (i32.const 65534))))
