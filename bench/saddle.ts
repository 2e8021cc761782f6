/**
 * Saddle certificates (certifySaddle, then the independent audit of the certificate) at N = 240 and N = 400, and the
 * over-parameterisation conditions (overparamConditions) at k = 20, 40, 60, with per-phase figures.
 *
 * Points:
 * - N = 240: the published saddle newExp-15-16 #6 (k = 15, n = 16; float eigenvalues −0.0027
 *   twice) from ../shared/anchors (skipped if absent);
 * - N = 400: a symmetric critical point of k = n = 20 (compact form p = [2, 18], Newton from the
 *   rounded values below; float index 2, smallest |eigenvalue| ≈ 0.010);
 * - overparam: a near-identity point W = I + 0.05·(seeded noise) with radius 1e-30 (the cost does
 *   not depend on the point being critical: one pair table, one d×d block and eigensolve per neuron).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { exactDecimalOfDouble } from '../src/arith/exactDouble.js';
import { auditCertificate } from '../src/certificate/audit/index.js';
import { buildCertificate } from '../src/certificate/build.js';
import { certifyCandidate } from '../src/certify/certifyCandidate.js';
import { certifySaddle, type SaddleResult } from '../src/certify/certifySaddle.js';
import { overparamConditions } from '../src/certify/overparamConditions.js';
import { expandCompactForm } from '../src/io/compactForm.js';
import { readSafranShamir2018 } from '../src/io/storedResults.js';
import { identityTeacherStrings } from '../src/io/teacher.js';
import type { ExactPoint } from '../src/objective/reluRigorous.js';
import { compactNewton } from '../src/search/compactNewton.js';
import { Xoshiro128 } from '../src/search/rng.js';

const MAT = resolve('../shared/anchors/safran-shamir-2018/newExp-15-16.mat');

function compactSaddleK20(): ExactPoint {
  const r = compactNewton({
    p: [2, 18],
    vals: [
      [-0.351989, 0.052627, 0.391993],
      [0.041523, 1.044396, -0.007305],
    ],
  });
  const W = expandCompactForm(r.vals, r.p).map((row) => row.map(exactDecimalOfDouble));
  return { d: 20, n: 20, k: 20, W, V: identityTeacherStrings(20) };
}

function nearIdentity(k: number): ExactPoint {
  const rng = Xoshiro128.fromSeed(BigInt(k));
  const W = Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, i) => exactDecimalOfDouble((a === i ? 1 : 0) + 0.05 * (rng.nextDouble() - 0.5))),
  );
  return { d: k, n: k, k, W, V: identityTeacherStrings(k) };
}

function fmt(x: number): string {
  return x.toFixed(3).padStart(7);
}

function report(label: string, pt: ExactPoint, r: SaddleResult): void {
  const s = r.seconds;
  console.log(
    `  ${label} (N = ${pt.n * pt.d}): ${r.verdict}${r.reason ? ` (${r.reason})` : ''}, index ${r.morseIndex ?? '-'}, ` +
      `ρ = ${r.rho}, η = ${r.eta}, κ = ${r.kappa}, r = ${r.radius}`,
  );
  console.log(
    `    seconds: total ${fmt(s.total)} | polish ${fmt(s.polish)} gradient ${fmt(s.gradient)} screen (float H + eigen + Y) ${fmt(s.screen)} ` +
      `box Hessian ${fmt(s.hessian)} existence (η, κ) ${fmt(s.existence)} inertia ${fmt(s.inertia)}`,
  );
  if (r.verdict === 'saddle') {
    // The same point through certify (which polishes, screens and runs the saddle path) and the audit.
    const c = certifyCandidate({ ...pt, W: r.W }, { polish: false });
    const cert = buildCertificate({ id: label, d: pt.d, n: pt.n, W: r.W, source: { file: label, format: 'json' } }, pt.V, c);
    const t0 = performance.now();
    const audit = auditCertificate(cert, { ldlMaxOrder: 0 });
    console.log(
      `    certify (saddle path) ${fmt(c.seconds.total)} s → ${cert.kind}; audit: ${audit.ok ? 'holds' : `FAILS (${audit.failedClaim})`} in ${fmt((performance.now() - t0) / 1000)} s`,
    );
  }
}

export async function run(): Promise<void> {
  console.log('certifySaddle (precision 40; the first run includes JIT warm-up)');
  if (existsSync(MAT)) {
    const c = readSafranShamir2018(MAT)[6]!;
    const pt: ExactPoint = { d: c.d, n: c.n, k: c.d, W: c.W, V: c.V! };
    report('newExp-15-16 #6', pt, certifySaddle(pt));
    report('newExp-15-16 #6, again', pt, certifySaddle(pt));
  } else {
    console.log(`  (skipped newExp-15-16 #6: ${MAT} absent)`);
  }
  const k20 = compactSaddleK20();
  report('k = n = 20, p = [2, 18]', k20, certifySaddle(k20));

  console.log('overparamConditions (all k neurons, dense blocks; radius 1e-30)');
  for (const k of [20, 40, 60]) {
    const o = overparamConditions(nearIdentity(k), '1e-30');
    const s = o.seconds;
    console.log(
      `  k = ${String(k).padStart(2)}: total ${fmt(s.total)} s | norm sum ${fmt(s.normSum)} blocks ${fmt(s.blocks)} ` +
        `eigen + Rayleigh ${fmt(s.rayleigh)}`,
    );
  }
}
