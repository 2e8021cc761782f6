import { polishCompact } from '/work/wt-symmetry/dist/src/symmetric/polishCompact.js';
import { compactPointOfCandidate } from '/work/wt-symmetry/dist/src/symmetric/compactPoint.js';
import { loadCandidates } from '/work/wt-symmetry/dist/src/io/loadCandidates.js';
import { blockSpectrumFloat } from '/work/wt-symmetry/dist/src/symmetric/blockSpectrum.js';
import { Decimal } from 'decimal.js';
const pick = (k, p) => compactPointOfCandidate(loadCandidates(`/work/shared/anchors/safran-yehudai-shamir-2021/Processed minima k=${k}.p`).find(c => JSON.stringify(c.stored.p) === JSON.stringify(p)));
function scale(pt, g, s) {
  const m = pt.p.length;
  return pt.vals.map((row, r) => row.map((x, c) => {
    const d = new Decimal(x);
    if (c === m) return (r === g ? d.times(s * s) : d).toString();
    if (r !== c && (r === g || c === g)) return d.times(s).toString();
    return x;
  }));
}
for (const [k0, p0, g] of [[20, [6,1,13], 2], [20, [1,19], 1]]) {
  let pt = pick(k0, p0);
  let k = k0;
  while (k < 10000) {
    const k2 = Math.min(10000, Math.ceil(k * 1.5));
    const p = [...pt.p]; p[g] += k2 - k;
    const start = { p, vals: scale(pt, g, k / k2) };
    const t0 = performance.now();
    const r = polishCompact(start, { precision: 30, maxSteps: 20 });
    pt = r.centre; k = k2;
    const last = r.gradNorms[r.gradNorms.length-1];
    if ([100, 1000, 10000].some(x => k >= x && k / 1.5 < x) || k === 10000) {
      const s = blockSpectrumFloat(pt);
      console.log(k, p.join(','), r.steps, last.toExponential(1), ((performance.now()-t0)).toFixed(0)+'ms', 'λ', s.lambdaMin.toExponential(3), 'loss', r.enclosures.loss.lo.toString().slice(0, 12));
    } else console.log(k, r.steps, last.toExponential(1));
  }
}
