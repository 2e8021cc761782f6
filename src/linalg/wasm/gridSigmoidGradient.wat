;; The fused gradient pass of the finite-data sigmoid loss for d = 2 (src/objective/gridFloat.ts,
;; sigmoidGradient2), with 128-bit SIMD over pairs of neurons: lane pair j holds neurons 2j, 2j+1.
;; Loaded by src/objective/gridSigmoidWasm.ts; compiled by scripts/buildWasm.ts (npm run build:wasm).
;; Not rigorous (round-to-nearest), and BIT-IDENTICAL to the JavaScript kernel: every lane performs
;; exactly the scalar kernel's operations on its neuron in the same order (WebAssembly never fuses
;; a multiply and an add), and the sums over neurons (f) and over data points (the loss and every
;; gradient accumulator) are formed in the scalar kernel's order.
;;
;; Memory (byte addresses, 16-aligned where v128 is loaded):
;;   idx[k] = (row0, row1): i32 byte addresses of the exp-table rows of data item k's two coordinate
;;            values; a row holds e^(−w_ic v) for neurons 0 … nPad−1 (padding neurons: 1);
;;   dat[k] = (x0, x1, y, ȳ): f64; ȳ is the label of the mirror point −x (pairs only);
;;   a[nPad]: outgoing weights (padding: 0); s[nPad], dv[nPad]: scratch;
;;   g0, g1, ga [nPad]: accumulators of Σ c·a·σ′·x0, Σ c·a·σ′·x1, Σ c·σ (written, not read first);
;;   out: (Σ r², Σ r̄) as f64.
;; Items k < nPairs are mirror pairs (x, −x) folded as in the scalar kernel; the rest are singles.
(module
  (import "env" "memory" (memory 1))
  (func (export "sigmoidGradient")
        (param $idx i32) (param $dat i32) (param $pa i32) (param $ps i32) (param $pd i32)
        (param $g0 i32) (param $g1 i32) (param $ga i32) (param $out i32)
        (param $nPairs i32) (param $nTotal i32) (param $n i32) (param $A f64)
    (local $k i32) (local $b i32) (local $bEnd i32) (local $lane i32)
    (local $r0 i32) (local $r1 i32) (local $x i32)
    (local $E v128) (local $s v128) (local $p v128) (local $cc v128) (local $t v128) (local $X0 v128) (local $X1 v128)
    (local $one v128)
    (local $f f64) (local $r f64) (local $rBar f64) (local $c f64) (local $sum f64) (local $sumBar f64)
    (local.set $one (f64x2.splat (f64.const 1)))
    ;; bytes of the lane pairs: 16 per pair, ceil(n/2) pairs
    (local.set $bEnd (i32.shl (i32.shr_u (i32.add (local.get $n) (i32.const 1)) (i32.const 1)) (i32.const 4)))
    ;; zero the accumulators
    (local.set $b (i32.const 0))
    (block $zd
      (loop $zl
        (br_if $zd (i32.ge_u (local.get $b) (local.get $bEnd)))
        (v128.store (i32.add (local.get $g0) (local.get $b)) (v128.const f64x2 0 0))
        (v128.store (i32.add (local.get $g1) (local.get $b)) (v128.const f64x2 0 0))
        (v128.store (i32.add (local.get $ga) (local.get $b)) (v128.const f64x2 0 0))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $zl)))
    (block $done
      (loop $items
        (br_if $done (i32.ge_u (local.get $k) (local.get $nTotal)))
        (local.set $r0 (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $r1 (i32.load offset=4 (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $x (i32.add (local.get $dat) (i32.shl (local.get $k) (i32.const 5))))
        ;; σ, σ′ per neuron; f = Σ_i a_i σ_i in neuron order
        (local.set $f (f64.const 0))
        (local.set $b (i32.const 0))
        (local.set $lane (i32.const 0))
        (block $nd
          (loop $nl
            (br_if $nd (i32.ge_u (local.get $b) (local.get $bEnd)))
            (local.set $E (f64x2.mul (v128.load (i32.add (local.get $r0) (local.get $b)))
                                     (v128.load (i32.add (local.get $r1) (local.get $b)))))
            (local.set $s (f64x2.div (local.get $one) (f64x2.add (local.get $one) (local.get $E))))
            (v128.store (i32.add (local.get $ps) (local.get $b)) (local.get $s))
            (v128.store (i32.add (local.get $pd) (local.get $b))
              (f64x2.mul (f64x2.mul (local.get $E) (local.get $s)) (local.get $s)))
            (local.set $p (f64x2.mul (v128.load (i32.add (local.get $pa) (local.get $b))) (local.get $s)))
            (local.set $f (f64.add (local.get $f) (f64x2.extract_lane 0 (local.get $p))))
            (if (i32.lt_u (i32.add (local.get $lane) (i32.const 1)) (local.get $n))
              (then (local.set $f (f64.add (local.get $f) (f64x2.extract_lane 1 (local.get $p))))))
            (local.set $lane (i32.add (local.get $lane) (i32.const 2)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (br $nl)))
        (local.set $r (f64.sub (local.get $f) (f64.load offset=16 (local.get $x))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $r) (local.get $r))))
        (local.set $c (local.get $r))
        (if (i32.lt_u (local.get $k) (local.get $nPairs))
          (then
            (local.set $rBar (f64.sub (f64.sub (local.get $A) (local.get $f)) (f64.load offset=24 (local.get $x))))
            (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $rBar) (local.get $rBar))))
            (local.set $sumBar (f64.add (local.get $sumBar) (local.get $rBar)))
            (local.set $c (f64.sub (local.get $r) (local.get $rBar)))))
        ;; accumulate: ga += c·σ, t = (c·a)·σ′, g0 += t·x0, g1 += t·x1
        (local.set $cc (f64x2.splat (local.get $c)))
        (local.set $X0 (f64x2.splat (f64.load (local.get $x))))
        (local.set $X1 (f64x2.splat (f64.load offset=8 (local.get $x))))
        (local.set $b (i32.const 0))
        (block $ad
          (loop $al
            (br_if $ad (i32.ge_u (local.get $b) (local.get $bEnd)))
            (v128.store (i32.add (local.get $ga) (local.get $b))
              (f64x2.add (v128.load (i32.add (local.get $ga) (local.get $b)))
                         (f64x2.mul (local.get $cc) (v128.load (i32.add (local.get $ps) (local.get $b))))))
            (local.set $t (f64x2.mul (f64x2.mul (local.get $cc) (v128.load (i32.add (local.get $pa) (local.get $b))))
                                     (v128.load (i32.add (local.get $pd) (local.get $b)))))
            (v128.store (i32.add (local.get $g0) (local.get $b))
              (f64x2.add (v128.load (i32.add (local.get $g0) (local.get $b))) (f64x2.mul (local.get $t) (local.get $X0))))
            (v128.store (i32.add (local.get $g1) (local.get $b))
              (f64x2.add (v128.load (i32.add (local.get $g1) (local.get $b))) (f64x2.mul (local.get $t) (local.get $X1))))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (br $al)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $items)))
    (f64.store (local.get $out) (local.get $sum))
    (f64.store offset=8 (local.get $out) (local.get $sumBar)))
)
