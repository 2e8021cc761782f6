import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { shardLabel, shardSize, type Shard } from '../io/shard.js';
import { readCertifyShardFile, type CertifyShardFile } from './certifyShardFile.js';
import { readCertificate as readCertificateDocument, type AnyMinimumCertificate } from '../certificate/schema.js';
import { parseJsonStrict } from '../io/strictJson.js';
import { markDistinctMinima, SUMMARY_JSON, SUMMARY_MD, summaryMarkdown, type SummaryRow } from './runCertify.js';

interface CertifyShardDir {
  dir: string;
  file: CertifyShardFile;
  shard: Shard;
  certified: SummaryRow[];
  skipped: SummaryRow[];
}

/**
 * Combines the outputs of `certmin certify --shard I/N` (I = 0 … N−1, same inputs and options)
 * into `outDir`: every certificate is copied byte for byte, and summary.json / summary.md are
 * rebuilt with the rows in the order the unsharded command writes them (candidate i is row
 * ⌊i/N⌋ of shard i mod N, then the skipped candidates). The rows are the shards' own rows
 * without their `resumed` flag (which describes how a shard ran, not its result), so the
 * summaries equal the unsharded command's up to the measured `seconds`; the certified minima
 * are grouped into distinct minima here, as the unsharded command does (shards do not group:
 * each sees only some of them), with the same equivalence certificates. InputError (one line)
 * for shards that do not make up one finished certify command.
 */
export function mergeCertifyShards(dirs: readonly string[], outDir: string): SummaryRow[] {
  const shards = dirs.map(readShardDir);
  const first = shards[0]!;
  const count = first.shard.count;
  const byIndex = new Map<number, CertifyShardDir>();
  for (const s of shards) {
    const diff = optionDifferences(s.file, first.file);
    if (diff.length > 0) throw new InputError(`${s.dir}: certify shard with different ${diff.join(', ')} than ${first.dir}; cannot merge`);
    if (s.shard.count !== count) throw new InputError(`${s.dir}: shard ${shardLabel(s.shard)} does not belong to a split into ${count} (${first.dir} is ${shardLabel(first.shard)})`);
    const twin = byIndex.get(s.shard.index);
    if (twin) throw new InputError(`shard ${shardLabel(s.shard)} given twice (${twin.dir} and ${s.dir})`);
    byIndex.set(s.shard.index, s);
    if (JSON.stringify(s.skipped) !== JSON.stringify(first.skipped)) throw new InputError(`${s.dir}: skips other candidates than ${first.dir}; cannot merge`);
  }
  const missing = [...Array(count).keys()].filter((i) => !byIndex.has(i)).map((i) => `${i}/${count}`);
  if (missing.length > 0) throw new InputError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: merge needs all ${count}`);
  const total = shards.reduce((t, s) => t + s.certified.length, 0);
  for (const s of shards) {
    if (s.certified.length !== shardSize(total, s.shard)) {
      throw new InputError(`${s.dir}: shard ${shardLabel(s.shard)} holds ${s.certified.length} candidates, but ${total} candidates in ${count} shards give it ${shardSize(total, s.shard)}`);
    }
  }
  if (dirs.some((d) => resolve(d) === resolve(outDir))) throw new InputError(`--out ${outDir} is one of the shard directories`);
  const rows: SummaryRow[] = [];
  const from = new Map<string, string>();
  for (let i = 0; i < total; i++) {
    const s = byIndex.get(i % count)!;
    const { resumed: _resumed, ...row } = s.certified[Math.floor(i / count)]!;
    if (row.certificate !== undefined) {
      const prior = from.get(row.certificate);
      if (prior !== undefined) throw new InputError(`${prior} and ${s.dir} both hold a certificate named ${row.certificate}; certify these inputs unsharded`);
      from.set(row.certificate, s.dir);
    }
    rows.push(row);
  }
  const minima: { row: SummaryRow; certificate: AnyMinimumCertificate }[] = [];
  for (const [name, dir] of from) {
    const bytes = readCertificate(join(dir, name));
    writeFileAtomic(join(outDir, name), bytes);
    const row = rows.find((r) => r.certificate === name)!;
    const cert = minimumCertificateOf(bytes);
    if (cert) minima.push({ row, certificate: cert });
  }
  // Shards do not group minima (each sees only some): group them all here, in the unsharded order.
  minima.sort((x, y) => rows.indexOf(x.row) - rows.indexOf(y.row));
  markDistinctMinima(minima, outDir, new Set(from.keys()), () => {});
  const all = [...rows, ...first.skipped];
  writeFileAtomic(join(outDir, SUMMARY_JSON), `${JSON.stringify(all, null, 2)}\n`);
  writeFileAtomic(join(outDir, SUMMARY_MD), summaryMarkdown(all));
  return all;
}

function readShardDir(dir: string): CertifyShardDir {
  const { file, shard } = readCertifyShardFile(dir);
  const path = join(dir, SUMMARY_JSON);
  let rows: SummaryRow[];
  try {
    rows = JSON.parse(readFileSync(path, 'utf8')) as SummaryRow[];
  } catch {
    throw new InputError(`${path}: missing or not valid JSON`);
  }
  if (!Array.isArray(rows)) throw new InputError(`${path}: not a certify summary (an array of rows)`);
  return { dir, file, shard, certified: rows.filter((r) => r.verdict !== 'skipped'), skipped: rows.filter((r) => r.verdict === 'skipped') };
}

function optionDifferences(a: CertifyShardFile, b: CertifyShardFile): string[] {
  const diffs: string[] = [];
  if (JSON.stringify(a.inputs) !== JSON.stringify(b.inputs)) diffs.push('inputs');
  if (a.precision !== b.precision) diffs.push('--precision');
  if (a.teacher !== b.teacher) diffs.push('--teacher');
  if (a.polish !== b.polish) diffs.push('--no-polish');
  if ((a.dense ?? false) !== (b.dense ?? false)) diffs.push('--dense');
  if ((a.detectSymmetry ?? false) !== (b.detectSymmetry ?? false)) diffs.push('--detect-symmetry');
  return diffs;
}

/** The minimum certificate in a shard's file, or undefined (another kind, or not readable: then it is not grouped). */
function minimumCertificateOf(bytes: Buffer): AnyMinimumCertificate | undefined {
  try {
    const read = readCertificateDocument(parseJsonStrict(bytes.toString('utf8')));
    return read.ok && read.certificate.kind === 'minimum' ? read.certificate : undefined;
  } catch {
    return undefined;
  }
}

function readCertificate(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new InputError(`${path}: certificate named in the shard's summary.json is missing`);
  }
}
