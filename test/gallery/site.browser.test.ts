import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGallery } from '../../src/gallery/collect.js';
import { buildGallerySite } from '../../src/gallery/site.js';

// The built gallery in a real browser: Debian's Chromium (never a downloaded browser), driven by
// puppeteer-core, opens the site from disk, finds no console error, checks the index's row count
// against its class counts, filters, follows a link to a certificate page and checks that its
// SVG plots have non-empty paths; a screenshot is written to a temp dir (its path is printed).

const CHROMIUM = '/usr/bin/chromium';

/** Chromium, installed with apt-get when missing and possible (root, apt-get present). */
function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const canInstall = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (canInstall) {
    console.warn('site.browser: Chromium missing, installing it (apt-get install -y chromium)…');
    spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'ignore', timeout: 900_000 });
  }
  return existsSync(CHROMIUM);
}

const haveChromium = ensureChromium();
if (!haveChromium) console.warn(`site.browser: SKIPPED — ${CHROMIUM} is absent and could not be installed (apt-get install chromium)`);

const GALLERY = 'certificates/safran-shamir-2018';
const FOLDERS = ['k06-n06', 'k07-n07', 'k10-n10'];

describe.skipIf(!haveChromium)('gallery site in headless Chromium', () => {
  let root: string;
  let site: string;
  let browser: Browser;
  let certCount = 0;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'certmin-site-'));
    const src = join(root, 'safran-shamir-2018');
    mkdirSync(src);
    cpSync(join(GALLERY, 'searched.json'), join(src, 'searched.json'));
    for (const f of FOLDERS) cpSync(join(GALLERY, f), join(src, f), { recursive: true });
    certCount = FOLDERS.reduce((a, f) => a + readdirSync(join(src, f)).filter((x) => x.startsWith('families.json_')).length, 0);
    site = join(root, 'site');
    await buildGallerySite(collectGallery([src]), site);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: mkdtempSync(join(tmpdir(), 'certmin-chromium-profile-')),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('index: no console error, row count = sum of class counts, filters work; a certificate page has plots with paths', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(pathToFileURL(join(site, 'index.html')).href, { waitUntil: 'load' });

    const rows = await page.$$eval('#certs tbody tr', (rs) => rs.length);
    const classSum = await page.$$eval('#classes .count', (cs) => cs.reduce((a, c) => a + Number(c.textContent), 0));
    expect(rows).toBe(certCount);
    expect(classSum).toBe(rows);
    expect(await page.$eval('#shown', (e) => e.textContent)).toBe(String(rows));

    await page.select('#f-k', '10');
    const tens = await page.$$eval('#certs tbody tr', (rs) => rs.filter((r) => !(r as HTMLElement).hidden).length);
    expect(tens).toBe(readdirSync(join(root, 'safran-shamir-2018', 'k10-n10')).filter((x) => x.startsWith('families.json_')).length);
    expect(await page.$eval('#shown', (e) => e.textContent)).toBe(String(tens));
    await page.select('#f-k', '');

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#certs tbody tr a')]);
    expect(page.url()).toMatch(/\/c\/[^/]+\.html$/);
    const plots = await page.$$eval('figure.plot svg', (svgs) =>
      svgs.map((s) => Array.from(s.querySelectorAll('path')).filter((p) => (p.getAttribute('d') ?? '').length > 2).length),
    );
    expect(plots.length).toBe(2);
    for (const paths of plots) expect(paths).toBeGreaterThan(0);
    expect(await page.$$eval('math', (ms) => ms.length)).toBeGreaterThan(10);
    expect(await page.$eval('.verdict', (e) => e.textContent ?? '')).toMatch(/all \d+ checks hold/);

    const shotDir = mkdtempSync(join(tmpdir(), 'certmin-screenshot-'));
    const shot = join(shotDir, 'certificate-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`site.browser: screenshot of a certificate page: ${shot}`);

    await page.goto(pathToFileURL(join(site, 'index.html')).href, { waitUntil: 'load' });
    const expLinks = await page.$$eval('a[href^="experiments/"]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(expLinks.length).toBe(1);
    await page.goto(expLinks[0]!, { waitUntil: 'load' });
    const expRows = await page.$$eval('#comparison tbody tr', (rs) => rs.length);
    expect(expRows).toBeGreaterThanOrEqual(FOLDERS.length);
    const expPaths = await page.$$eval('figure.plot svg path', (ps) => ps.filter((p) => (p.getAttribute('d') ?? '').length > 2).length);
    expect(expPaths).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 300_000);
});
