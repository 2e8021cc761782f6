import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflate } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_FILE_BYTES } from '../../src/io/inputFile.js';
import { MAX_HESSIAN_ORDER } from '../../src/objective/floatRange.js';
import { searchSpuriousPoint } from '../certify/fixtures.js';
import { MI, header, matrix, u32 } from '../helpers/matWriter.js';

// Hostile inputs through the real CLI (bin/certmin.js runs dist/: build first with
// `npx tsc -p tsconfig.json`). Every child runs with a 256 MB V8 heap and a hard timeout, so a
// regression to unbounded memory or a hang fails the test instead of taking the machine down.

const HEAP = '--max-old-space-size=256';
const TIMEOUT_MS = 30_000;
const haveProc = existsSync('/proc/self');
const haveDevZero = existsSync('/dev/zero');

let root: string;
let point: string;
let fifo: string | undefined;

beforeAll(() => {
  if (!existsSync('dist/src/cli/main.js')) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` first');
  root = mkdtempSync(join(tmpdir(), 'certmin-hostile-'));
  point = join(root, 'point.json');
  writeFileSync(point, JSON.stringify([['1', '0.2'], ['0.1', '1.1']]));
  try {
    execFileSync('mkfifo', [join(root, 'fifo')]);
    fifo = join(root, 'fifo');
  } catch {
    fifo = undefined; // no mkfifo: the FIFO cases are skipped below
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function certmin(args: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync('node', [HEAP, 'bin/certmin.js', ...args], { encoding: 'utf8', timeout: TIMEOUT_MS, killSignal: 'SIGKILL' });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - t0) / 1000 };
}

/** certmin for each argument list, up to four children at a time; results in order. */
async function certminAll(argLists: string[][]): Promise<Run[]> {
  const results: Run[] = new Array<Run>(argLists.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < argLists.length) {
      const i = next++;
      const t0 = performance.now();
      const child = spawn('node', [HEAP, 'bin/certmin.js', ...argLists[i]!], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const guard = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
      clearTimeout(guard);
      results[i] = { code, signal, stdout, stderr, seconds: (performance.now() - t0) / 1000 };
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}

/** Exit 2, exactly one stderr line "certmin: …" matching `message`, no stack frames, no crash. */
function expectUnusable(r: Run, message: RegExp | string): void {
  expect(r.signal, r.stderr).toBeNull();
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
  if (typeof message === 'string') expect(lines[0]).toBe(`certmin: ${message}`);
  else expect(lines[0]).toMatch(message);
}

/** A MAT-file whose one compressed element inflates to `bytes` zero bytes (streamed, never held). */
async function zipBomb(path: string, bytes: number): Promise<number> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (b: Buffer) => parts.push(b));
  const ended = once(deflate, 'end');
  const zeros = Buffer.alloc(1 << 20);
  for (let done = 0; done < bytes; done += zeros.length) {
    if (!deflate.write(zeros)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  const z = Buffer.concat(parts);
  writeFileSync(path, Buffer.concat([header(), u32(MI.COMPRESSED, true), u32(z.length, true), z]));
  return z.length;
}

describe('1. a .mat zip bomb', () => {
  it('200 MB of zeros in a 0.2 MB file: exit 2 naming the cap, within the heap limit and seconds', async () => {
    const bomb = join(root, 'bomb.mat');
    const compressedBytes = await zipBomb(bomb, 200 * 1024 * 1024);
    expect(compressedBytes).toBeLessThan(300_000);
    const r = certmin(['convert', bomb]);
    expectUnusable(r, new RegExp(`^certmin: ${bomb}: compressed element inflates to more than the 16 MiB limit on decompressed data \\(MAX_MAT_DATA_BYTES; .*\\) at byte offset 128$`));
    expect(r.seconds).toBeLessThan(15);
  });
});

describe('2. files that are not regular files, or too large', () => {
  const readers = (bad: string): string[][] => [
    ['convert', bad],
    ['inspect', bad],
    ['certify', bad, '--out', join(root, 'c-bad')],
    ['audit', bad],
    ['report', bad],
    ['certify', point, '--teacher', bad, '--out', join(root, 'c-teacher')],
    ['inspect', point, '--teacher', bad],
    ['search', '--preset', 'safran-shamir-2018', '--k', '2', '--d', '2', '--teacher', bad, '--runs', '1', '--out', join(root, 's-teacher')],
  ];

  it.skipIf(!haveDevZero)('/dev/zero (endless) is refused before reading: candidate, certificate and teacher readers', async () => {
    // Every reader goes through readInputFile; the FIFO case below runs each command.
    const some = readers('/dev/zero').filter(([cmd], i) => cmd === 'convert' || cmd === 'audit' || i === 5);
    expect(some).toHaveLength(3);
    for (const r of await certminAll(some)) expectUnusable(r, '/dev/zero is not a regular file (character device)');
  });

  it('a FIFO is refused by every reader, and as a resume file, without blocking', async () => {
    if (fifo === undefined) return; // no mkfifo on this system
    for (const r of await certminAll(readers(fifo))) expectUnusable(r, `${fifo} is not a regular file (FIFO)`);
    // search resume files in --out: families.json, and runs.jsonl without families.json
    for (const name of ['families.json', 'runs.jsonl']) {
      const out = join(root, `resume-${name}`);
      mkdirSync(out);
      execFileSync('mkfifo', [join(out, name)]);
      const r = certmin(['search', '--preset', 'safran-shamir-2018', '--k', '2', '--runs', '1', '--workers', '1', '--out', out]);
      expectUnusable(r, `${join(out, name)} is not a regular file (FIFO)`);
    }
    // the families.json beside a runs.jsonl (where its teacher is read from)
    const dir = join(root, 'sibling');
    mkdirSync(dir);
    writeFileSync(join(dir, 'runs.jsonl'), `${JSON.stringify({ run: 0, classification: 'spurious-candidate', point: [['1', '0'], ['0', '1']] })}\n`);
    execFileSync('mkfifo', [join(dir, 'families.json')]);
    expectUnusable(certmin(['convert', join(dir, 'runs.jsonl')]), `${join(dir, 'families.json')} is not a regular file (FIFO)`);
    // a FIFO where certify would look for a certificate to resume is not read (and is replaced)
    const out = join(root, 'c-fifo');
    mkdirSync(out);
    execFileSync('mkfifo', [join(out, 'point.json.json')]);
    const r = certmin(['certify', point, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(join(out, 'point.json.json')).isFile()).toBe(true);
  });

  it('a file above the input limit is refused from its size', () => {
    const big = join(root, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_INPUT_FILE_BYTES + 1); // sparse
    for (const cmd of ['convert', 'audit']) {
      expectUnusable(certmin([cmd, big]), `${big}: ${MAX_INPUT_FILE_BYTES + 1} bytes, more than the input limit of 256 MiB (MAX_INPUT_FILE_BYTES, src/io/inputFile.ts)`);
    }
    rmSync(big);
  });
});

describe('3. output paths', () => {
  it.skipIf(!haveProc)('--out under /proc (where recursive mkdir never returns) is refused at once', async () => {
    const bad = '/proc/nope/x';
    const cases: [string[], string][] = [
      [['search', '--preset', 'safran-shamir-2018', '--k', '2', '--runs', '1', '--out', bad], `--out ${bad}: cannot create directory /proc/nope (ENOENT)`],
      [['certify', point, '--out', bad], `--out ${bad}: cannot create directory /proc/nope (ENOENT)`],
      [['convert', point, '--out', bad], `cannot write ${bad}: cannot create directory /proc/nope (ENOENT)`],
    ];
    (await certminAll(cases.map(([args]) => args))).forEach((r, i) => {
      expectUnusable(r, cases[i]![1]);
      expect(r.seconds).toBeLessThan(15);
    });
  });

  it('an existing file given as --out DIR, a file as a parent, a directory as --out FILE', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const cases: [string[], string][] = [
      [['search', '--preset', 'safran-shamir-2018', '--k', '2', '--runs', '1', '--out', file], `--out ${file} exists and is not a directory`],
      [['certify', point, '--out', file], `--out ${file} exists and is not a directory`],
      [['demo', '--out', file], `--out ${file} exists and is not a directory`],
      [['certify', point, '--out', join(file, 'sub')], `--out ${join(file, 'sub')}: ${file} exists and is not a directory`],
      [['convert', point, '--out', join(file, 'x.json')], `cannot write ${join(file, 'x.json')}: ${file} exists and is not a directory`],
      [['convert', point, '--out', root], `${root} is a directory; expected a file path`],
    ];
    (await certminAll(cases.map(([args]) => args))).forEach((r, i) => expectUnusable(r, cases[i]![1]));
  });

  /** Starts certmin, waits until `ready()` holds, sends `signal`; resolves with the exit and the seconds it took. */
  async function interrupt(args: string[], ready: () => boolean, signal: NodeJS.Signals) {
    const child = spawn('node', [HEAP, 'bin/certmin.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.resume();
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const t0 = performance.now();
    while (!ready() && child.exitCode === null && performance.now() - t0 < TIMEOUT_MS) await new Promise((r) => setTimeout(r, 50));
    expect(child.exitCode, `exited before it was interrupted: ${stderr}`).toBeNull();
    const sent = performance.now();
    child.kill(signal);
    const guard = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    const [code, sig] = await exited;
    clearTimeout(guard);
    return { code, signal: sig, stderr, seconds: (performance.now() - sent) / 1000 };
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} stops a running search promptly (exit 130, files valid) and a running certify`, async () => {
      const out = join(root, `search-${signal}`);
      const runs = join(out, 'runs.jsonl');
      const s = await interrupt(
        ['search', '--preset', 'safran-shamir-2018', '--k', '6', '--runs', '100000', '--workers', '1', '--out', out],
        () => existsSync(runs) && statSync(runs).size > 0,
        signal,
      );
      expect(s.seconds).toBeLessThan(10);
      expect([s.code, s.signal]).toEqual([130, null]);
      expect(s.stderr).toMatch(/^certmin: interrupted after \d+ of 100000 runs; every file in .* is valid/);

      const list = join(root, `list-${signal}.json`);
      const W = searchSpuriousPoint().pt.W;
      writeFileSync(list, JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, W }))));
      const certOut = join(root, `certify-${signal}`);
      const c = await interrupt(['certify', list, '--out', certOut], () => existsSync(certOut) && readdirSync(certOut).length > 0, signal);
      expect(c.seconds).toBeLessThan(10);
      expect(c.signal).toBe(signal); // default disposition: the process ends at once
      expect(readdirSync(certOut).length).toBeLessThan(40);
    });
  }
});

describe('4. one exit-code rule for audit and report', () => {
  it('not a certmin certificate (not JSON, no schema) → 2 in both; declares the schema but invalid → audit 1, report 2', async () => {
    const notJson = join(root, 'not.json');
    writeFileSync(notJson, '{"schema": "certmin-certificate", ');
    const other = join(root, 'other.json');
    writeFileSync(other, JSON.stringify({ hello: 1 }));
    // (the other wordings — a JSON array, another schema — are in test/certificate/certificateFile.test.ts)
    const cases: [string, RegExp | string][] = [
      [notJson, new RegExp(`^certmin: ${notJson}: not a certmin certificate: not JSON \\(.*\\)$`)],
      [other, `${other}: not a certmin certificate (it has no "schema": "certmin-certificate")`],
    ];
    const argLists = cases.flatMap(([f]) => [['audit', f], ['report', f]]);
    (await certminAll(argLists)).forEach((r, i) => expectUnusable(r, cases[i >> 1]![1]));
    const invalid = join(root, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ schema: 'certmin-certificate', hello: 1 }));
    const a = certmin(['audit', invalid]);
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/FAIL .*invalid\.json: not a valid certificate/);
    expectUnusable(certmin(['report', invalid]), new RegExp(`^certmin: ${invalid}: not a valid certmin certificate \\(`));
    // a directory: other JSON files are skipped, a file that mentions the schema but is not JSON is unusable
    const dir = join(root, 'cert-dir');
    mkdirSync(dir);
    writeFileSync(join(dir, 'summary.json'), '[]');
    writeFileSync(join(dir, 'broken.json'), '{"schema": "certmin-certificate", "x": ');
    expectUnusable(certmin(['audit', dir]), new RegExp(`^certmin: ${join(dir, 'broken.json')}: not a certmin certificate: not JSON`));
  });
});

describe('5. one rule for empty candidate lists', () => {
  it('a file with no candidate is exit 2 for convert, inspect and certify; all-skipped search output is exit 0', async () => {
    const files = [
      ['empty.json', '[]'],
      ['runs.jsonl', ''],
      ['families.json', '{"families": []}'],
    ].map(([name, text]) => {
      const d = join(root, `empty-${name}`);
      mkdirSync(d);
      writeFileSync(join(d, name!), text!);
      return join(d, name!);
    });
    const mat = join(root, 'no-wbadnew.mat');
    writeFileSync(mat, Buffer.concat([header(), matrix({ cls: 6, dims: [0, 0], name: 'WbadNew', real: Buffer.alloc(0) })]));
    files.push(mat);
    // every file kind through convert; inspect and certify too (all go through loadCandidates)
    const argLists = [
      ...files.map((f) => ['convert', f]),
      ['inspect', files[0]!],
      ['certify', mat, '--out', join(root, 'c-empty')],
    ];
    const results = await certminAll(argLists);
    results.forEach((r, i) => expectUnusable(r, `${argLists[i]![1]}: the file holds no candidate point`));
    const fams = join(root, 'all-global', 'families.json');
    mkdirSync(join(root, 'all-global'));
    writeFileSync(
      fams,
      JSON.stringify({ preset: 'safran-shamir-2018', k: 2, n: 2, d: 2, teacher: 'identity', families: [{ id: 0, classification: 'global', multiplicity: 3, representative: [['1', '0'], ['0', '1']] }] }),
    );
    const r = certmin(['certify', fams, '--out', join(root, 'c-global')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/families\.json#0: skipped \(search classification: global\)/);
  });
});

describe('6. points outside the Float64 screening', () => {
  it('a 300×300 point names the Hessian size limit in inspect and certify', async () => {
    const big = join(root, 'p300.json');
    writeFileSync(big, JSON.stringify(Array.from({ length: 300 }, (_, a) => Array.from({ length: 300 }, (_, i) => (a === i ? '1' : '0.001')))));
    for (const r of await certminAll([['inspect', big], ['certify', big, '--out', join(root, 'c-300')]])) {
      expectUnusable(
        r,
        `p300.json: n·d = 300·300 = 90000 is above the limit of ${MAX_HESSIAN_ORDER} (MAX_HESSIAN_ORDER): the dense Float64 Hessian (N×N, N = n·d) would take 64.8 GB`,
      );
    }
  });

  it('a point whose float loss overflows is refused as overflowing Float64, not called a saddle', async () => {
    const over = join(root, 'over.json');
    writeFileSync(over, JSON.stringify([['1e300', '-1e300'], ['1e300', '1e300']]));
    const message =
      'over.json: the point overflows Float64: the squared norm of student neuron 0 (0-based; largest entry 1e+300) is Infinity; ' +
      'the Float64 screening needs every neuron norm below about 1e154';
    for (const r of await certminAll([['inspect', over], ['certify', over, '--out', join(root, 'c-over')]])) expectUnusable(r, message);
  });

  it('a nonzero neuron of entries 1e-320 is called too small for Float64, not zero', () => {
    const tiny = join(root, 'tiny.json');
    writeFileSync(tiny, JSON.stringify([['1e-320', '0.5'], ['-1e-320', '1']]));
    const i = certmin(['inspect', tiny, '--json']);
    expect(i.code, i.stderr).toBe(0);
    const rec = JSON.parse(i.stdout) as { note: string; lambdaMin: null };
    expect(rec.lambdaMin).toBeNull();
    expect(rec.note).toMatch(/student neuron 0 is nonzero but too small for Float64 \(subnormal\/underflow/);
    expect(rec.note).not.toMatch(/is zero/);
    const c = certmin(['certify', tiny, '--out', join(root, 'c-tiny'), '--json']);
    expect(c.code, c.stderr).toBe(0);
    const [row] = JSON.parse(c.stdout) as { verdict: string; hint: string }[];
    expect(row!.verdict).toBe('refused');
    expect(row!.hint).toMatch(/too small for Float64 \(subnormal\/underflow/);
    expect(row!.hint).not.toMatch(/zero neuron|is zero/);
  });
});
