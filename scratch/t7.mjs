import { polishCompact } from '../dist/src/symmetric/polishCompact.js';
import { blockSpectrumFloat } from '../dist/src/symmetric/blockSpectrum.js';
for (const k of [10, 100]) for (const d of [-1, -0.6, -0.3, 0.2, 0.5, 0.8]) for (const o of [-0.3, -0.1, 0.05, 0.2, 0.5]) {
  try {
    const r = polishCompact({ p: [k], vals: [[String(d), String(o / k)]] }, { precision: 30, maxSteps: 30 });
    const g = r.gradNorms[r.gradNorms.length - 1];
    if (g < 1e-20) { const s = blockSpectrumFloat(r.centre); console.log(k, d, o, r.centre.vals[0].map(x => x.slice(0, 10)).join(' '), g.toExponential(1), 'λ', s.lambdaMin.toExponential(3), 'loss', r.enclosures.loss.lo.toString().slice(0, 10), s.types.map(t => t.label + ':' + t.eigenvalues.filter(x => x < 0).length).join(' ')); }
  } catch (e) { }
}
