/**
 * Collects what a gallery shows from folders of certificates: every certificate JSON (any depth),
 * the search statistics a folder keeps (searched.json, written by scripts/gallery.ts), and certify
 * summaries (summary.json). Files that are none of these are ignored; files that look like
 * certificates but do not validate are listed as invalid, with the first schema error.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { readCertificate, SCHEMA_ID, type Certificate } from '../certificate/schema.js';
import { InputError } from '../errors.js';
import { parseJsonStrict } from '../io/strictJson.js';

export interface GalleryCertificate {
  /** Absolute path of the file. */
  path: string;
  /** Path shown and used for the page name: the folder's base name, then the path inside it. */
  rel: string;
  /** sha256 of the file's bytes (the audit cache key). */
  sha256: string;
  /** The parsed document (what audit reads) and its version-2 view. */
  document: unknown;
  certificate: Certificate;
}

/** One (k, n) of a search's statistics (searched.json). */
export interface SearchStats {
  k: number;
  n: number;
  runs: number;
  spuriousFraction: number;
  families: number;
  stopBelowThreshold?: boolean;
  counts?: Record<string, number>;
}

/** One row of a certify summary.json. */
export interface CertifySummaryRow {
  id: string;
  file: string;
  verdict: string;
  multiplicity?: number;
  certificate?: string;
}

export interface GalleryInput {
  certificates: GalleryCertificate[];
  invalid: { rel: string; error: string }[];
  /** searched.json files: folder (rel) → tag → statistics. */
  searched: { rel: string; stats: SearchStats[] }[];
  /** summary.json files: folder (rel) → rows. */
  summaries: { rel: string; rows: CertifySummaryRow[] }[];
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Reads every folder; InputError when a folder is missing. */
export function collectGallery(dirs: string[]): GalleryInput {
  const input: GalleryInput = { certificates: [], invalid: [], searched: [], summaries: [] };
  for (const d of dirs) {
    const root = resolve(d);
    let isDir = false;
    try {
      isDir = statSync(root).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new InputError(`${d}: not a folder`);
    const files: string[] = [];
    walk(root, files);
    files.sort();
    for (const path of files) {
      const rel = join(basename(root), relative(root, path));
      const bytes = readFileSync(path);
      let doc: unknown;
      try {
        doc = parseJsonStrict(bytes.toString('utf8'));
      } catch {
        continue; // not JSON: not ours to show
      }
      if (basename(path) === 'searched.json' && isObject(doc)) {
        input.searched.push({ rel, stats: Object.values(doc).filter(isObject) as unknown as SearchStats[] });
      } else if (basename(path) === 'summary.json' && Array.isArray(doc)) {
        input.summaries.push({ rel, rows: doc.filter(isObject) as unknown as CertifySummaryRow[] });
      } else if (isObject(doc) && doc.schema === SCHEMA_ID) {
        const read = readCertificate(doc);
        if (!read.ok) {
          input.invalid.push({ rel, error: read.errors[0] ?? 'invalid' });
          continue;
        }
        input.certificates.push({ path, rel, sha256: createHash('sha256').update(bytes).digest('hex'), document: doc, certificate: read.certificate });
      }
    }
  }
  return input;
}
