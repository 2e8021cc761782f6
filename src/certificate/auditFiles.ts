/**
 * `certmin audit PATH...` as a library call: finds certificate files (explicit files, or every
 * *.json below a directory that names itself a certmin certificate), audits each, and classifies
 * the outcome: held or failed (with the claim).
 *
 * Exit-code rule (shared with report, see certificateFile.ts): input that is not a certmin
 * certificate — a missing path, a non-regular file, a file that is not JSON, JSON without
 * "schema": "certmin-certificate" — is unusable input: findCertificateFiles throws an InputError
 * (exit 2) before anything is audited. A document that declares the schema but is not a valid
 * certificate, or whose claims do not hold, is a failed audit (exit 1).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { decodeUtf8, readInputFile } from '../io/inputFile.js';
import { auditCertificate, type AuditResult } from './audit/index.js';
import { declaresCertificateSchema, notJsonError, readCertificateDocument } from './certificateFile.js';
import { SCHEMA_ID } from './schema.js';

export interface FileAudit {
  file: string;
  status: 'held' | 'failed';
  result: AuditResult;
}

function listJson(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue; // temp files of atomic writes, hidden files
    const p = join(dir, entry.name);
    if (entry.isDirectory()) listJson(p, out);
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(p);
  }
}

/**
 * Whether a *.json file found below a directory is a certificate. Files that do not mention the
 * schema id, or parse to JSON that does not declare it (summary.json …), are not; a file that
 * mentions it but is not JSON is a corrupt certificate, i.e. unusable input (InputError).
 */
function isCertificateInDirectory(file: string): boolean {
  const { bytes } = readInputFile(file);
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(SCHEMA_ID)) return false;
  const text = decodeUtf8(bytes, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw notJsonError(file, err);
  }
  return declaresCertificateSchema(parsed);
}

/**
 * The certificate files named by `paths`, in order. An explicitly named file must be a certmin
 * certificate document; a directory contributes its *.json files (recursively, sorted) that
 * declare "schema": "certmin-certificate", the others are listed in `skipped`. InputError for
 * a missing path or an unusable file (see the module comment).
 */
export function findCertificateFiles(paths: string[]): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `${path}: no such file or directory` : `${path}: cannot read (${code ?? String(err)})`);
    }
    if (!isDir) {
      readCertificateDocument(path);
      files.push(path);
      continue;
    }
    const found: string[] = [];
    listJson(path, found);
    for (const f of found) (isCertificateInDirectory(f) ? files : skipped).push(f);
  }
  return { files, skipped };
}

/**
 * Audits the certificates named by `paths` (see findCertificateFiles; every input is checked
 * before the first audit starts, so unusable input fails fast), calling onResult after each.
 */
export function auditPaths(paths: string[], onResult?: (a: FileAudit) => void): { audits: FileAudit[]; skipped: string[] } {
  const { files, skipped } = findCertificateFiles(paths);
  const audits: FileAudit[] = [];
  for (const file of files) {
    const { doc, malformed } = readCertificateDocument(file);
    const result: AuditResult = malformed
      ? { ok: false, kind: 'invalid', checks: [{ name: 'schema', ok: false, detail: malformed }], failedClaim: 'schema', seconds: 0 }
      : auditCertificate(doc);
    const a: FileAudit = { file, status: result.ok ? 'held' : 'failed', result };
    audits.push(a);
    onResult?.(a);
  }
  return { audits, skipped };
}

/** 1 if any audit failed, else 0 (unusable input never gets here: it is an InputError, exit 2). */
export function auditExitCode(audits: FileAudit[]): number {
  return audits.some((a) => a.status === 'failed') ? 1 : 0;
}
