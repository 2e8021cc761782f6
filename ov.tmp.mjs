import { readSafranYehudaiShamir2021 } from './dist/src/io/storedResults.js';
import { certifyCandidate } from './dist/src/certify/certifyCandidate.js';
import { overparamConditions } from './dist/src/certify/overparamConditions.js';
for (const k of [10, 13, 20]) {
  const cs = readSafranYehudaiShamir2021(`/work/shared/anchors/safran-yehudai-shamir-2021/Processed minima k=${k}.p`);
  for (const c of cs) {
    const st = c.stored;
    const t0 = performance.now();
    const pt = { d: c.d, n: c.n, k: c.d, W: c.W, V: c.V };
    const r = certifyCandidate(pt);
    const t1 = performance.now();
    let line = `k=${k} #${c.source.index} p=${st.p} min_eig=${Number(st.min_eig).toExponential(2)} verdict=${r.verdict} r=${r.radius} cert ${(t1 - t0).toFixed(0)}ms`;
    if (r.radius) {
      const o = overparamConditions({ ...pt, W: r.W }, r.radius);
      const pIdx = [0]; for (const b of st.p.slice(0, -1)) pIdx.push(pIdx[pIdx.length - 1] + b);
      line += ` | normSum ${o.normSumUpper.slice(0, 12)} stored ${st.norm_sum} holds=${o.normSumHolds} | blocks ` + pIdx.map((i, j) => `${o.neurons[i].blockEigUpper}/${o.neurons[i].blockEigFloat.toExponential(4)} vs ${st.block_eigs?.[j]?.toExponential(4)}; pred ${o.neurons[i].predEigFloat.toExponential(4)} vs ${st.pred_eigs?.[j]?.toExponential(4)}`).join(' ; ') + ` ${o.seconds.total.toFixed(3)}s`;
    }
    console.log(line);
  }
}
