/**
 * The dense cost of `certmin overparam` per stored minimum (DESIGN.md §11): certify the minimum
 * (lemma of §3, N = k²), prove the conditions over its ball, and audit the overparam-conditions
 * certificate (which audits the minimum first), on one spurious record of the 2021 pickle for each
 * k listed (../shared/anchors; skipped if absent). BENCH_OVERPARAM_K=10,20,30 picks the sizes.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditCertificate } from '../src/certificate/audit/index.js';
import { buildCertificate, buildOverparamCertificate } from '../src/certificate/build.js';
import { certifyCandidate } from '../src/certify/certifyCandidate.js';
import { overparamConditions } from '../src/certify/overparamConditions.js';
import { readSafranYehudaiShamir2021 } from '../src/io/storedResults.js';

const A21 = resolve('../shared/anchors/safran-yehudai-shamir-2021');

function fmt(x: number): string {
  return x.toFixed(2).padStart(7);
}

export async function run(): Promise<void> {
  const ks = (process.env.BENCH_OVERPARAM_K ?? '10,15,20,25').split(',').map(Number);
  console.log('overparam, dense path, one spurious record per k (seconds): certify minimum | conditions | audit (minimum + conditions)');
  for (const k of ks) {
    const file = resolve(A21, `Processed minima k=${k}.p`);
    if (!existsSync(file)) {
      console.log(`  k = ${k}: skipped (${file} absent)`);
      continue;
    }
    const c = readSafranYehudaiShamir2021(file).find((x) => !x.storedGlobal)!;
    const pt = { d: c.d, n: c.n, k: c.d, W: c.W, V: c.V! };
    const t0 = performance.now();
    const min = buildCertificate(c, c.V!, certifyCandidate(pt));
    const t1 = performance.now();
    if (min.kind !== 'minimum') {
      console.log(`  k = ${k} (${c.id}): not a minimum certificate (${min.kind})`);
      continue;
    }
    const o = overparamConditions({ ...pt, W: min.point.W }, min.claims.radius);
    const t2 = performance.now();
    const cert = buildOverparamCertificate(min, o, { precision: 40, anglePrecision: 20 });
    const audit = auditCertificate(cert, { ldlMaxOrder: 0 });
    const t3 = performance.now();
    console.log(
      `  k = ${String(k).padStart(2)} (N = ${k * k}, ${c.id}): ${fmt((t1 - t0) / 1000)} | ${fmt((t2 - t1) / 1000)} | ${fmt((t3 - t2) / 1000)}` +
        `  (conditions ${o.holds ? 'hold' : 'fail'}, audit ${audit.ok ? 'holds' : `fails: ${audit.failedClaim}`})`,
    );
  }
}
