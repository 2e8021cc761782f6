import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditCertificate } from '../../src/certificate/audit/index.js';

/**
 * The committed gallery (certificates/safran-shamir-2018) must hold up: every certificate file is
 * listed in the index, and a deterministic sample — the most frequent family of every (k, n) —
 * passes a full audit here (`npm run audit:gallery` audits all of them).
 */
const gallery = 'certificates/safran-shamir-2018';
const dirs = existsSync(gallery)
  ? readdirSync(gallery, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
  : [];

function certificatesIn(dir: string): { file: string; cert: any }[] {
  return readdirSync(join(gallery, dir))
    .filter((f) => f.endsWith('.json') && !f.startsWith('summary'))
    .sort()
    .map((file) => ({ file, cert: JSON.parse(readFileSync(join(gallery, dir, file), 'utf8')) }));
}

describe('certificate gallery', () => {
  it.skipIf(dirs.length === 0)('lists every certificate in its index', () => {
    const index = readFileSync(join(gallery, 'README.md'), 'utf8');
    for (const dir of dirs) {
      for (const { file } of certificatesIn(dir)) expect(index).toContain(`(${dir}/${file})`);
    }
  });

  const searchedPath = join(gallery, 'searched.json');
  it.skipIf(!existsSync(searchedPath))('records a 1000-run search for every k = 6…20 with n = k and n = k + 1', () => {
    const searched = JSON.parse(readFileSync(searchedPath, 'utf8')) as Record<string, { k: number; n: number; runs: number; spuriousFraction: number }>;
    for (let k = 6; k <= 20; k++) {
      for (const n of [k, k + 1]) {
        const tag = `k${String(k).padStart(2, '0')}-n${String(n).padStart(2, '0')}`;
        expect(searched[tag], tag).toMatchObject({ k, n, runs: 1000 });
        // A configuration with spurious candidates has a certificate directory, and one without has none.
        expect(dirs.includes(tag), tag).toBe(searched[tag]!.spuriousFraction > 0);
      }
    }
  });

  for (const dir of dirs) {
    it(`the most frequent family of ${dir} passes audit`, () => {
      const certs = certificatesIn(dir);
      expect(certs.length).toBeGreaterThan(0);
      const { cert } = certs.reduce((a, b) =>
        (b.cert.point.candidate.multiplicity ?? 0) > (a.cert.point.candidate.multiplicity ?? 0) ? b : a,
      );
      const result = auditCertificate(cert, { ldlMaxOrder: 0 });
      expect(result.failedClaim).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(result.verdict).toBe('spurious-local-minimum');
    });
  }
});

describe('saddle and over-parameterisation galleries', () => {
  const saddlePath = join(gallery, 'k15-n16', 'families.json_7.json');
  it.skipIf(!existsSync(saddlePath))('k15-n16 family 7 (once a refusal) is a saddle certificate of index 2 that passes audit', () => {
    const cert = JSON.parse(readFileSync(saddlePath, 'utf8'));
    expect(cert.schemaVersion).toBe(2);
    expect(cert.kind).toBe('saddle');
    expect(cert.claims.morseIndex).toBe(2);
    const result = auditCertificate(cert);
    expect(result.failedClaim).toBeUndefined();
    expect(result.recomputed!.morseIndex).toBe(2);
    expect(readFileSync(join(gallery, 'README.md'), 'utf8')).toContain('| [7](k15-n16/families.json_7.json) | 1 | saddle (index 2) |');
  });

  const overparam = 'certificates/overparam';
  const opDirs = existsSync(overparam)
    ? readdirSync(overparam, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  it.skipIf(opDirs.length === 0)('every over-parameterisation certificate is in its index; the smallest of each source passes audit', () => {
    const index = readFileSync(join(overparam, 'README.md'), 'utf8');
    const samples = new Map<string, any>();
    for (const dir of opDirs) {
      for (const f of readdirSync(join(overparam, dir)).filter((x) => x.endsWith('.json') && !x.startsWith('summary'))) {
        expect(index).toContain(`(${dir}/${f})`);
        const source = dir.replace(/-k.*$/, '');
        if (!samples.has(source)) samples.set(source, JSON.parse(readFileSync(join(overparam, dir, f), 'utf8')));
      }
    }
    expect([...samples.keys()].sort()).toEqual(['ss2018', 'syz2021']);
    for (const cert of samples.values()) {
      expect(cert.kind).toBe('overparam-conditions');
      const result = auditCertificate(cert, { ldlMaxOrder: 0 });
      expect(result.failedClaim).toBeUndefined();
      expect(result.ok).toBe(true);
    }
  });
});

describe('independent decimal LDLᵀ on a gallery certificate', () => {
  // Regression: naive interval elimination of this N = 196 box Hessian blew up (pivot 190 lower
  // end −0.035) although λ_min − μ ≈ 2.3e-3; the midpoint–radius form proves it.
  const file = join(gallery, 'k14-n14', 'families.json_8.json');
  it.skipIf(!existsSync(file))('k14-n14 family 8 passes the full audit including the decimal LDLᵀ', () => {
    const result = auditCertificate(JSON.parse(readFileSync(file, 'utf8')), { ldlMaxOrder: 200 });
    expect(result.failedClaim).toBeUndefined();
    expect(result.recomputed?.engines).toEqual(['rump-cholesky-2006', 'congruence-gershgorin', 'decimal-ldl']);
    expect(result.ok).toBe(true);
  });
});
