;; Float64 matrix kernels with 128-bit SIMD (two f64 lanes), for the search's gradient
;; (src/linalg/wasmKernels.ts loads them; scripts/buildWasm.ts compiles this file into
;; f64KernelsBinary.ts). Not rigorous: plain round-to-nearest arithmetic, sums in a fixed order
;; (so results are deterministic), which may differ from a sequential sum by rounding.
(module
  (import "env" "memory" (memory 1))
  ;; Σ_{t<len} A[t]·B[t] for f64 vectors at byte addresses pa, pb; len even.
  (func $dot (param $pa i32) (param $pb i32) (param $len i32) (result f64)
    (local $s v128) (local $end i32)
    (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $pa) (local.get $end)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $pa)) (v128.load (local.get $pb)))))
        (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
        (br $l)))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; C[i*ldc + j] = Σ_{t<len} A[i*lda + t]·B[j*ldb + t] for i < rows, j < cols.
  ;; pa, pb, pc: byte addresses (16-aligned); lda, ldb, ldc, len: in elements, lda, ldb, len even.
  (func (export "abt") (param $pa i32) (param $lda i32) (param $pb i32) (param $ldb i32) (param $pc i32) (param $ldc i32)
        (param $rows i32) (param $cols i32) (param $len i32)
    (local $i i32) (local $j i32) (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $end i32) (local $c0 i32) (local $c1 i32) (local $x v128) (local $y v128) (local $z v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $sa i32) (local $sb i32) (local $sc i32) (local $lenb i32)
    (local.set $sa (i32.shl (local.get $lda) (i32.const 3)))
    (local.set $sb (i32.shl (local.get $ldb) (i32.const 3)))
    (local.set $sc (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $lenb (i32.shl (local.get $len) (i32.const 3)))
    ;; row pairs
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $rows)))
        (local.set $a0 (i32.add (local.get $pa) (i32.mul (local.get $i) (local.get $sa))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $sa)))
        (local.set $c0 (i32.add (local.get $pc) (i32.mul (local.get $i) (local.get $sc))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $sc)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $cols)))
            (local.set $b0 (i32.add (local.get $pb) (i32.mul (local.get $j) (local.get $sb))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $sb)))
            (local.set $b2 (i32.add (local.get $b1) (local.get $sb)))
            (local.set $b3 (i32.add (local.get $b2) (local.get $sb)))
            (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
            (local.set $s2 (v128.const f64x2 0 0)) (local.set $s3 (v128.const f64x2 0 0))
            (local.set $t0 (v128.const f64x2 0 0)) (local.set $t1 (v128.const f64x2 0 0))
            (local.set $t2 (v128.const f64x2 0 0)) (local.set $t3 (v128.const f64x2 0 0))
            (local.set $end (i32.add (local.get $a0) (local.get $lenb)))
            (local.set $x (v128.const f64x2 0 0))
            (block $inDone
              (loop $in
                (br_if $inDone (i32.ge_u (local.get $a0) (local.get $end)))
                (local.set $x (v128.load (local.get $a0)))
                (local.set $y (v128.load (local.get $a1)))
                (local.set $z (v128.load (local.get $b0)))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (local.get $z))))
                (local.set $t0 (f64x2.add (local.get $t0) (f64x2.mul (local.get $y) (local.get $z))))
                (local.set $z (v128.load (local.get $b1)))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (local.get $z))))
                (local.set $t1 (f64x2.add (local.get $t1) (f64x2.mul (local.get $y) (local.get $z))))
                (local.set $z (v128.load (local.get $b2)))
                (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (local.get $z))))
                (local.set $t2 (f64x2.add (local.get $t2) (f64x2.mul (local.get $y) (local.get $z))))
                (local.set $z (v128.load (local.get $b3)))
                (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (local.get $z))))
                (local.set $t3 (f64x2.add (local.get $t3) (f64x2.mul (local.get $y) (local.get $z))))
                (local.set $a0 (i32.add (local.get $a0) (i32.const 16)))
                (local.set $a1 (i32.add (local.get $a1) (i32.const 16)))
                (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
                (local.set $b1 (i32.add (local.get $b1) (i32.const 16)))
                (local.set $b2 (i32.add (local.get $b2) (i32.const 16)))
                (local.set $b3 (i32.add (local.get $b3) (i32.const 16)))
                (br $in)))
            (local.set $a0 (i32.sub (local.get $a0) (local.get $lenb)))
            (local.set $a1 (i32.sub (local.get $a1) (local.get $lenb)))
            (f64.store offset=0 (local.get $c0) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
            (f64.store offset=8 (local.get $c0) (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
            (f64.store offset=16 (local.get $c0) (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))))
            (f64.store offset=24 (local.get $c0) (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3))))
            (f64.store offset=0 (local.get $c1) (f64.add (f64x2.extract_lane 0 (local.get $t0)) (f64x2.extract_lane 1 (local.get $t0))))
            (f64.store offset=8 (local.get $c1) (f64.add (f64x2.extract_lane 0 (local.get $t1)) (f64x2.extract_lane 1 (local.get $t1))))
            (f64.store offset=16 (local.get $c1) (f64.add (f64x2.extract_lane 0 (local.get $t2)) (f64x2.extract_lane 1 (local.get $t2))))
            (f64.store offset=24 (local.get $c1) (f64.add (f64x2.extract_lane 0 (local.get $t3)) (f64x2.extract_lane 1 (local.get $t3))))
            (local.set $c0 (i32.add (local.get $c0) (i32.const 32)))
            (local.set $c1 (i32.add (local.get $c1) (i32.const 32)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $colLoop)))
        ;; leftover columns of this row pair
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_s (local.get $j) (local.get $cols)))
            (local.set $b0 (i32.add (local.get $pb) (i32.mul (local.get $j) (local.get $sb))))
            (f64.store (local.get $c0) (call $dot (local.get $a0) (local.get $b0) (local.get $len)))
            (f64.store (local.get $c1) (call $dot (local.get $a1) (local.get $b0) (local.get $len)))
            (local.set $c0 (i32.add (local.get $c0) (i32.const 8)))
            (local.set $c1 (i32.add (local.get $c1) (i32.const 8)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $rest)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rowLoop)))
    ;; a last single row
    (if (i32.lt_s (local.get $i) (local.get $rows))
      (then
        (local.set $a0 (i32.add (local.get $pa) (i32.mul (local.get $i) (local.get $sa))))
        (local.set $c0 (i32.add (local.get $pc) (i32.mul (local.get $i) (local.get $sc))))
        (local.set $j (i32.const 0))
        (block $lastDone
          (loop $last
            (br_if $lastDone (i32.ge_s (local.get $j) (local.get $cols)))
            (f64.store (local.get $c0)
              (call $dot (local.get $a0) (i32.add (local.get $pb) (i32.mul (local.get $j) (local.get $sb))) (local.get $len)))
            (local.set $c0 (i32.add (local.get $c0) (i32.const 8)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $last))))))
)
