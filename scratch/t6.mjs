import { continueFamily } from '../dist/src/symmetric/continuation.js';
import { compactPointOfCandidate, squaredDistanceCompact } from '../dist/src/symmetric/compactPoint.js';
import { loadCandidates } from '../dist/src/io/loadCandidates.js';
import { blockSpectrumFloat } from '../dist/src/symmetric/blockSpectrum.js';
const pick = (k, p) => compactPointOfCandidate(loadCandidates(`/work/shared/anchors/safran-yehudai-shamir-2021/Processed minima k=${k}.p`).find(c => JSON.stringify(c.stored.p) === JSON.stringify(p)));
let m = continueFamily(pick(10, [1,9]), { block: 1, targetK: 20 });
console.log('10->20 dist to stored', squaredDistanceCompact(m[m.length-1].point, pick(20,[1,19])), m.length);
const fams = JSON.parse(process.argv[2]);
for (const [k0, p0, g, target] of fams) {
  const t1 = performance.now();
  try {
  const ms = continueFamily(pick(k0, p0), { block: g, targetK: target, onStep: (x) => { const s = blockSpectrumFloat(x.point); console.log(x.k, x.point.p.join(','), x.newtonSteps, x.gradNorm.toExponential(1), 'λ', s.lambdaMin.toExponential(3)); } });
  console.log(p0.join(','), ms.length, 'members', ((performance.now()-t1)/1000).toFixed(1), 's');
  } catch (e) { console.log(e.message); }
}
