/**
 * Child process of bench/symmetric.ts: certifies one compact point (JSON file {p, vals}) with
 * certifyCompact in a fresh Node process and prints one JSON line with the result's figures and
 * the process's peak resident set size, so that the peak belongs to this certification alone.
 * With --baseline it only loads the modules and reports the peak RSS of that.
 * (The bench runner skips files whose name starts with '_'.)
 */
import { readFileSync } from 'node:fs';
import { certifyCompact } from '../src/symmetric/certifyCompact.js';
import type { ExactCompactPoint } from '../src/symmetric/compactPoint.js';

const arg = process.argv[2];
if (arg === '--baseline') {
  console.log(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024 }));
} else {
  const pt = JSON.parse(readFileSync(arg!, 'utf8')) as ExactCompactPoint;
  const cpu0 = process.cpuUsage();
  const r = certifyCompact(pt);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({
      verdict: r.verdict,
      reason: r.reason,
      lambdaFloat: r.lambdaFloat,
      mu: r.mu,
      radius: r.radius,
      t: r.t,
      lossLower: r.lossLower,
      polishSteps: r.polish.steps,
      orbitCount: r.orbitCount,
      seconds: r.seconds,
      /** User + system CPU seconds of the certification (less sensitive than wall time to a loaded machine). */
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
