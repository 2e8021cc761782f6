import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { parseShard, shardLabel, type Shard } from '../io/shard.js';

/** shard.json: written by `certify --shard I/N` once its shard is finished; read by `certmin merge`. */
export const CERTIFY_SHARD_FILE = 'shard.json';

/** Everything that must agree between the shards of one certify command. */
export interface CertifyShardFile {
  command: 'certify';
  shard: string;
  /** The input files as absolute paths, in command-line order. */
  inputs: string[];
  precision: number;
  /** --teacher as given (null when absent). */
  teacher: string | null;
  polish: boolean;
  /** --dense (compact-form inputs certified by the dense path); absent in files of earlier versions. */
  dense?: boolean;
  /** --detect-symmetry; absent in files of earlier versions. */
  detectSymmetry?: boolean;
}

export function writeCertifyShardFile(
  outDir: string,
  shard: Shard,
  o: { inputs: string[]; precision: number; teacher?: string; polish: boolean; dense: boolean; detectSymmetry: boolean },
): void {
  const file: CertifyShardFile = {
    command: 'certify',
    shard: shardLabel(shard),
    inputs: o.inputs.map((p) => resolve(p)),
    precision: o.precision,
    teacher: o.teacher ?? null,
    polish: o.polish,
    dense: o.dense,
    detectSymmetry: o.detectSymmetry,
  };
  writeFileAtomic(join(outDir, CERTIFY_SHARD_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

/** True when `dir` holds the output of a finished `certify --shard`. */
export function isCertifyShardOutput(dir: string): boolean {
  return existsSync(join(dir, CERTIFY_SHARD_FILE));
}

export function readCertifyShardFile(dir: string): { file: CertifyShardFile; shard: Shard } {
  const path = join(dir, CERTIFY_SHARD_FILE);
  let file: CertifyShardFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as CertifyShardFile;
  } catch {
    throw new InputError(`${path}: missing or not valid JSON (not a finished certify --shard output)`);
  }
  if (file.command !== 'certify' || typeof file.shard !== 'string' || !Array.isArray(file.inputs)) {
    throw new InputError(`${path}: not a certify shard file`);
  }
  return { file, shard: parseShard(file.shard, `${path}: shard`) };
}
