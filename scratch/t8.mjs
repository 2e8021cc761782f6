import { polishCompact } from '../dist/src/symmetric/polishCompact.js';
import { certifyCompact } from '../dist/src/symmetric/certifyCompact.js';
import { certifyCandidate } from '../dist/src/certify/certifyCandidate.js';
import { expandCompactPoint } from '../dist/src/symmetric/compactPoint.js';
import { identityTeacherStrings } from '../dist/src/io/teacher.js';
for (const k of [6, 8]) {
  const r = polishCompact({ p: [k], vals: [['-0.8', String(0.2 * 10 / k)]] }, { precision: 30, maxSteps: 30 });
  console.log(k, r.centre.vals[0].map(x => x.slice(0, 12)), r.gradNorms.at(-1));
  const red = certifyCompact(r.centre);
  const dense = certifyCandidate({ d: k, n: k, k, W: expandCompactPoint(r.centre), V: identityTeacherStrings(k) });
  console.log(red.verdict, red.lambdaFloat, red.mu, red.lossLower?.slice(0, 12), '|', dense.verdict, dense.lambdaFloat, dense.mu, dense.lossLower?.slice(0, 12));
}
