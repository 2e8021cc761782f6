/**
 * Finite-data certification (gridCertify.ts) on end points of our own search, the certificates
 * they give, their audits, and tampering.
 */
import Big from 'big.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { certificateJson } from '../../src/certificate/build.js';
import { buildGridCertificate } from '../../src/certificate/gridBuild.js';
import type { GridCertificate } from '../../src/certificate/gridSchema.js';
import { certifyGridCandidate, type GridCertifyResult } from '../../src/certify/gridCertify.js';
import { defaultGridData, type FiniteDataProblem, simsekTeacher } from '../../src/objective/gridData.js';
import {
  DEGENERATE_RUN,
  GLOBAL_RUN,
  RELU_GLOBAL_RUN,
  RELU_KINK_RUN,
  RELU_SPURIOUS_RUN,
  SADDLE_RUN,
  SPURIOUS_RUN,
  gridCandidate,
  searchRun,
  type SearchRun,
} from './gridFixtures.js';

type Doc = Record<string, unknown>;

function certify(r: SearchRun, id: string): { result: GridCertifyResult; cert: GridCertificate } {
  const result = certifyGridCandidate(r.problem, r.point);
  const cert = JSON.parse(certificateJson(buildGridCertificate(gridCandidate(r, id), result))) as GridCertificate;
  return { result, cert };
}

function tampered(c: GridCertificate, edit: (d: Doc) => void): Doc {
  const d = structuredClone(c) as unknown as Doc;
  edit(d);
  return d;
}

let spurious: { result: GridCertifyResult; cert: GridCertificate };
let global: { result: GridCertifyResult; cert: GridCertificate };
let saddle: { result: GridCertifyResult; cert: GridCertificate };

beforeAll(() => {
  spurious = certify(searchRun(SPURIOUS_RUN), 'spurious');
  global = certify(searchRun(GLOBAL_RUN), 'global');
  saddle = certify(searchRun(SADDLE_RUN), 'saddle');
}, 120_000);

describe('finite-data certification of our own search end points (sigmoid)', () => {
  it('a spurious-minimum candidate is a certified spurious strict local minimum, and the audit agrees', () => {
    const { result, cert } = spurious;
    expect(result.verdict).toBe('spurious-local-minimum');
    expect(cert.kind === 'minimum' && cert.claims.minimumOfL).toBe('strict');
    expect(cert.kind === 'minimum' && cert.method.coordinates).toBe('theta');
    expect(Number(result.lossLower)).toBeGreaterThan(0);
    expect(new Big(result.radius!).lt('1e-20')).toBe(true);
    expect(result.kPlus).toBe(4);
    const a = auditCertificate(cert);
    expect(a.ok, JSON.stringify(a.checks.filter((c) => !c.ok))).toBe(true);
    // The audit re-derived the loss with its own kernel: its enclosure lies inside the claim.
    expect(new Big(a.recomputed!.lossLo!).gte(cert.claims.lossLower)).toBe(true);
  });

  it('a global candidate is certified by an explicit teacher embedding within a proved distance', () => {
    const { result, cert } = global;
    expect(result.verdict).toBe('global-minimum');
    expect(cert.kind).toBe('global-minimum');
    if (cert.kind !== 'global-minimum') return;
    expect(new Big(cert.claims.distance).lt('1e-3')).toBe(true);
    expect(auditCertificate(cert).ok).toBe(true);
  });

  it('a saddle candidate of index 1 (n = 3) is a certified non-degenerate saddle of Morse index 1', () => {
    const { result, cert } = saddle;
    expect(result.verdict).toBe('saddle');
    expect(result.morseIndex).toBe(1);
    const a = auditCertificate(cert);
    expect(a.ok, JSON.stringify(a.checks.filter((c) => !c.ok))).toBe(true);
    expect(a.recomputed?.morseIndex).toBe(1);
  });

  it('a degenerate candidate (singular float Hessian) is refused as degenerate, with evidence audit re-checks', () => {
    const { result, cert } = certify(searchRun(DEGENERATE_RUN), 'degenerate');
    expect(result.verdict).toBe('refused');
    expect(result.reason).toBe('degenerate');
    expect(auditCertificate(cert).ok).toBe(true);
    const other = tampered(cert, (d) => (((d.claims as Doc).evidence as Doc).nearZeroEigenvalue = 0.5));
    expect(auditCertificate(other).failedClaim).toBe('evidence');
  });

  it('n < k₊: a proved minimum of positive loss is not called spurious (min L may be positive)', () => {
    const r = searchRun({ n: 3, seed: '7', run: 7, maxIters: 3000 });
    const { result } = certify(r, 'n3-minimum');
    expect(result.verdict).toBe('local-minimum');
    expect(Number(result.lossLower)).toBeGreaterThan(0);
    expect(result.kPlus).toBe(4);
  });

  it('labels given with the data: min L is unknown, so no minimum is called spurious', () => {
    const r = searchRun(SPURIOUS_RUN);
    const teacherLabels = (): string[] => {
      // Labels of the teacher rounded to 12 digits: a labelled data set without a teacher.
      const t = simsekTeacher();
      return defaultGridData().X.map(([x1, x2]) => {
        let f = 0;
        for (let i = 0; i < 4; i++) f += Number(t.a[i]) / (1 + Math.exp(-(Number(t.W[0]![i]) * Number(x1) + Number(t.W[1]![i]) * Number(x2))));
        return f.toPrecision(12);
      });
    };
    const data = { ...defaultGridData(), name: 'inline', y: teacherLabels() };
    const problem: FiniteDataProblem = { activation: 'sigmoid', data };
    const result = certifyGridCandidate(problem, r.point);
    expect(result.kPlus).toBe(Infinity);
    expect(result.verdict).toBe('local-minimum');
  });
});

describe('finite-data certification (ReLU, reduced coordinates)', () => {
  it('a spurious candidate is a strict local minimum of L̂, i.e. a non-strict local minimum of L, spurious', () => {
    const { result, cert } = certify(searchRun(RELU_SPURIOUS_RUN), 'relu-spurious');
    expect(result.verdict).toBe('spurious-local-minimum');
    expect(cert.kind === 'minimum' && cert.method.coordinates).toBe('reduced-relu');
    expect(cert.kind === 'minimum' && cert.claims.minimumOfL).toBe('non-strict');
    // The centre is written as (W = U, a = s): every outgoing weight is ±1.
    expect(cert.point.a.every((x) => x === '1' || x === '-1')).toBe(true);
    const a = auditCertificate(cert);
    expect(a.ok, JSON.stringify(a.checks.filter((c) => !c.ok))).toBe(true);
    expect(a.recomputed?.engines).toEqual(['exact-leading-minors']);
    // Claiming strictness in θ is false for ReLU (the rescaling orbits are flat).
    const strict = tampered(cert, (d) => ((d.claims as Doc).minimumOfL = 'strict'));
    expect(auditCertificate(strict).failedClaim).toBe('minimumOfL');
  });

  it('a global candidate is certified by a teacher embedding (exact rational outgoing weights where needed)', () => {
    const { result, cert } = certify(searchRun(RELU_GLOBAL_RUN), 'relu-global');
    expect(result.verdict).toBe('global-minimum');
    expect(auditCertificate(cert).ok).toBe(true);
  });

  it('the kink check fires: a data point within the box of a kink is a refusal naming neuron and data point', () => {
    const { result, cert } = certify(searchRun(RELU_KINK_RUN), 'relu-kink');
    expect(result.verdict).toBe('refused');
    expect(result.reason).toBe('kink-crossing');
    expect(result.evidence?.neuron).toBeTypeOf('number');
    expect(result.evidence?.dataPoint).toBeTypeOf('number');
    expect(auditCertificate(cert).ok).toBe(true);
    // Another data point (the grid corner (−5, −5)) is not on that neuron's kink: the refusal's claim fails.
    const wrong = tampered(cert, (d) => (((d.claims as Doc).evidence as Doc).dataPoint = 0));
    const a = auditCertificate(wrong);
    expect(a.ok).toBe(false);
    expect(a.failedClaim).toBe('reason');
  });
});

describe('tampered finite-data certificates fail audit, naming the claim', () => {
  it('minimum: a higher loss bound, a smaller radius, a different centre', () => {
    const c = spurious.cert;
    expect(auditCertificate(tampered(c, (d) => ((d.claims as Doc).lossLower = new Big(c.claims.lossLower).plus('1e-6').toFixed()))).failedClaim).toBe('lossLower');
    if (c.kind !== 'minimum') throw new Error('fixture');
    expect(auditCertificate(tampered(c, (d) => ((d.claims as Doc).radius = new Big(c.claims.radius).times('0.25').toFixed()))).failedClaim).toBe('radius');
    const moved = tampered(c, (d) => {
      const p = d.point as { W: string[][] };
      p.W[0]![0] = new Big(p.W[0]![0]!).plus('1e-6').toFixed();
    });
    expect(auditCertificate(moved).failedClaim).toBe('gradBound');
  });

  it('global: an embedding that is not the teacher, or a distance below the true one', () => {
    const c = global.cert;
    if (c.kind !== 'global-minimum') throw new Error('fixture');
    const notTeacher = tampered(c, (d) => {
      const e = (d.claims as Doc).embedding as { a: string[] };
      e.a[0] = new Big(e.a[0]!).plus('1e-30').toFixed();
    });
    expect(auditCertificate(notTeacher).failedClaim).toBe('embedding');
    const closer = tampered(c, (d) => ((d.claims as Doc).distance = new Big(c.claims.distance).times('0.5').toFixed()));
    expect(auditCertificate(closer).failedClaim).toBe('distance');
  });

  it('saddle: another Morse index', () => {
    const c = saddle.cert;
    if (c.kind !== 'saddle') throw new Error('fixture');
    expect(auditCertificate(tampered(c, (d) => ((d.claims as Doc).morseIndex = 2))).failedClaim).toBe('morseIndex');
  });

  it('a finite-data certificate with the ReLU chart on a sigmoid problem is rejected', () => {
    const c = spurious.cert;
    expect(auditCertificate(tampered(c, (d) => ((d.method as Doc).coordinates = 'reduced-relu'))).failedClaim).toBe('coordinates');
  });
});
