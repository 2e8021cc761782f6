/**
 * Audit results of a gallery build, kept in the site folder so that a rebuild re-audits only
 * certificates it has not seen: an entry is reused only for the same file bytes (sha256) and the
 * same certmin version. The cache holds results this tool computed; delete it to re-audit all.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditCertificate, type AuditResult } from '../certificate/audit/index.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { toolVersion } from '../version.js';

export const AUDIT_CACHE_FILE = '.certmin-audit-cache.json';

interface CacheFile {
  version: string;
  entries: Record<string, AuditResult>;
}

export class AuditCache {
  private entries: Record<string, AuditResult> = {};
  hits = 0;
  misses = 0;

  constructor(private readonly dir: string) {
    const path = join(dir, AUDIT_CACHE_FILE);
    if (!existsSync(path)) return;
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.version === toolVersion && typeof file.entries === 'object' && file.entries !== null) this.entries = file.entries;
    } catch {
      this.entries = {}; // unreadable cache: audit everything again
    }
  }

  /** The audit of `document` (file bytes with digest sha256), from the cache or computed now. */
  audit(sha256: string, document: unknown): AuditResult {
    const hit = this.entries[sha256];
    if (hit) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const result = auditCertificate(document);
    this.entries[sha256] = result;
    return result;
  }

  save(): void {
    writeFileAtomic(join(this.dir, AUDIT_CACHE_FILE), JSON.stringify({ version: toolVersion, entries: this.entries } satisfies CacheFile));
  }
}
