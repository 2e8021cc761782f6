/**
 * `certmin audit PATH...` as a library call: finds certificate files (explicit files, or every
 * *.json below a directory that names itself a certmin certificate), audits each, and classifies
 * the outcome: held, failed (with the claim), or unreadable.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { auditCertificate, type AuditResult } from './audit/index.js';
import { SCHEMA_ID } from './schema.js';
import { parseJsonStrict, StrictJsonError } from '../io/strictJson.js';

export interface FileAudit {
  file: string;
  /** 'unreadable': missing, not a file, or not JSON (exit 2). */
  status: 'held' | 'failed' | 'unreadable';
  result?: AuditResult;
  error?: string;
}

function looksLikeCertificate(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && (x as { schema?: unknown }).schema === SCHEMA_ID;
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
 * Audits the given paths. A directory contributes only its *.json files whose "schema" is
 * "certmin-certificate" (summary.json and other JSON files are skipped; a certificate-like file
 * that fails to parse is unreadable). An explicitly named file is always audited.
 */
export function auditPaths(paths: string[], onResult?: (a: FileAudit) => void): { audits: FileAudit[]; skipped: string[] } {
  const audits: FileAudit[] = [];
  const skipped: string[] = [];
  const emit = (a: FileAudit) => {
    audits.push(a);
    onResult?.(a);
  };
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      emit({ file: path, status: 'unreadable', error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      continue;
    }
    const files: { file: string; explicit: boolean }[] = [];
    if (isDir) {
      const found: string[] = [];
      listJson(path, found);
      for (const f of found) files.push({ file: f, explicit: false });
    } else {
      files.push({ file: path, explicit: true });
    }
    for (const { file, explicit } of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        emit({ file, status: 'unreadable', error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        if (!explicit && !text.includes(SCHEMA_ID)) {
          skipped.push(file);
          continue;
        }
        emit({ file, status: 'unreadable', error: `not JSON: ${(err as Error).message}` });
        continue;
      }
      if (!explicit && !looksLikeCertificate(parsed)) {
        skipped.push(file);
        continue;
      }
      try {
        parseJsonStrict(text);
      } catch (err) {
        if (!(err instanceof StrictJsonError)) throw err;
        // JSON.parse would keep the last of two equal keys: a second, unchecked value could hide there.
        emit({ file, status: 'failed', result: { ok: false, kind: 'invalid', checks: [{ name: 'schema', ok: false, detail: err.message }], failedClaim: 'schema', seconds: 0 } });
        continue;
      }
      const result = auditCertificate(parsed);
      emit({ file, status: result.ok ? 'held' : 'failed', result });
    }
  }
  return { audits, skipped };
}

/** 2 if any input was unreadable, else 1 if any audit failed, else 0. */
export function auditExitCode(audits: FileAudit[]): number {
  if (audits.some((a) => a.status === 'unreadable')) return 2;
  if (audits.some((a) => a.status === 'failed')) return 1;
  return 0;
}
