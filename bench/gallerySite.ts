/**
 * Gallery site build time (certmin gallery): the repository's gallery (certificates/, 175
 * certificates at the time of writing) and a synthetic gallery of a few thousand certificates
 * (the repository's certificates copied REPLICAS times under new names).
 *
 * For each: a cold build (every certificate page rendered: model, float spectrum at the centre,
 * KaTeX formulas, two Vega-Lite plots) and a warm rebuild (pages whose certificate, audit and
 * tool version are unchanged are kept). Audits are measured separately on the real gallery when
 * BENCH_GALLERY_AUDIT=1 (they dominate a cold build: the audit re-proves every certificate).
 * Wall and CPU seconds are printed; the machine may be shared, so CPU seconds are the steadier figure.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectGallery } from '../src/gallery/collect.js';
import { buildGallerySite } from '../src/gallery/site.js';

const REPLICAS = Number(process.env.BENCH_GALLERY_REPLICAS ?? 12);

async function timed(label: string, f: () => Promise<{ rendered: number; certificates: number }>): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await f();
  const cpu = process.cpuUsage(c0);
  console.log(
    `${label}: ${r.certificates} certificates, ${r.rendered} pages rendered in ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`,
  );
}

function copyGallery(dest: string, replicas: number): void {
  const src = 'certificates/safran-shamir-2018';
  for (let r = 0; r < replicas; r++) {
    const target = join(dest, replicas === 1 ? 'safran-shamir-2018' : `copy${String(r).padStart(2, '0')}`);
    mkdirSync(target, { recursive: true });
    for (const e of readdirSync(src)) {
      if (statSync(join(src, e)).isDirectory()) cpSync(join(src, e), join(target, e), { recursive: true });
      else if (r === 0) cpSync(join(src, e), join(target, e));
    }
  }
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'certmin-bench-gallery-'));
  try {
    const real = join(root, 'real');
    copyGallery(real, 1);
    const realSite = join(root, 'real-site');
    if (process.env.BENCH_GALLERY_AUDIT === '1') {
      await timed('repository gallery, cold with audits', () => buildGallerySite(collectGallery([real]), realSite));
    }
    await timed('repository gallery, cold pages (no audit)', () => buildGallerySite(collectGallery([real]), join(root, 'real-noaudit'), { audit: false }));
    await timed('repository gallery, warm rebuild (no audit)', () => buildGallerySite(collectGallery([real]), join(root, 'real-noaudit'), { audit: false }));

    const many = join(root, 'many');
    copyGallery(many, REPLICAS);
    const site = join(root, 'many-site');
    await timed(`synthetic gallery (${REPLICAS} copies), cold pages (no audit)`, () => buildGallerySite(collectGallery([many]), site, { audit: false }));
    await timed(`synthetic gallery (${REPLICAS} copies), warm rebuild`, () => buildGallerySite(collectGallery([many]), site, { audit: false }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
