/**
 * `certmin certify` for finite-data candidates (setting grid-teacher-2d): one certificate per
 * candidate (gridCertify.ts → gridBuild.ts), reused on resume only for the same candidate, problem
 * and method and only after it passes audit, and its summary row — with the float evidence of an
 * embedding of a smaller network (zero-output and duplicated neurons at the candidate, gridEmbedding.ts),
 * labelled as float evidence: the certificate proves its verdict, not the embedding structure.
 */
import { certificateJson } from '../certificate/build.js';
import { buildGridCertificate } from '../certificate/gridBuild.js';
import { type GridCertificate, gridProblemSection } from '../certificate/gridSchema.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import type { Candidate } from '../io/candidate.js';
import type { EmbeddingEvidence } from './gridCertify.js';
import { certifyGridCandidate } from './gridCertify.js';
import { reusableDocument, summaryColumnsOf, type SummaryRow } from './runCertify.js';

/** "width 4, level 1" (neurons removed), "none", or undefined when unknown. Float evidence. */
export function embeddingText(e: Pick<EmbeddingEvidence, 'reducedN' | 'level'> | undefined): string | undefined {
  if (!e) return undefined;
  return e.level === 0 ? 'none' : `width ${e.reducedN}, level ${e.level}`;
}

/** The summary line of a finite-data certificate: the common columns, the float λ_min stored by the search, the embedding evidence. */
export function gridSummaryRowOf(cert: GridCertificate, fileName: string, candidate?: Candidate): SummaryRow {
  const row = summaryColumnsOf(cert, fileName, candidate);
  const stored = cert.point.candidate.stored?.lambdaMin;
  if (typeof stored === 'number') row.storedMinEig = stored;
  const emb = embeddingText(cert.provenance.details?.floatEmbedding as EmbeddingEvidence | undefined);
  if (emb !== undefined) row.embedding = emb;
  return row;
}

/** The certificate already at `path` if it may stand for this run (module comment), else why not. */
function reusableGridCertificate(path: string, c: Candidate, method: { precision: number; polish: boolean }): { cert?: GridCertificate; why?: string } {
  return reusableDocument(path, c, (read) => {
    if (read.objective !== 'grid') return { why: 'it is not a finite-data certificate' };
    const cert = read.certificate;
    if (JSON.stringify(cert.problem) !== JSON.stringify(gridProblemSection(c.finiteData!.problem, c.n))) return { why: 'its problem differs' };
    if (cert.kind !== 'global-minimum' && (cert.method.precision !== method.precision || cert.method.polish !== method.polish)) {
      return { why: 'its method (precision or polishing) differs' };
    }
    return { cert, candidate: cert.point.candidate };
  });
}

/** Certifies (or resumes) one finite-data candidate into `path`; returns its summary row. */
export function certifyGridToFile(
  c: Candidate,
  path: string,
  fileName: string,
  method: { precision: number; polish: boolean },
  log: (line: string) => void,
  prefix: string,
): SummaryRow {
  const existing = reusableGridCertificate(path, c, method);
  if (existing.cert) {
    log(`${prefix}: ${existing.cert.claims.verdict} (certificate already in ${path}, same problem and method, audited; resumed)`);
    return { ...gridSummaryRowOf(existing.cert, fileName, c), resumed: true };
  }
  if (existing.why) log(`${prefix}: the file already in ${path} is not reused: ${existing.why}`);
  const fd = c.finiteData!;
  log(`${prefix}: certifying (finite data, ${fd.activation}, n = ${c.n}) …`);
  const result = certifyGridCandidate(fd.problem, { W: c.W, a: fd.a }, method);
  const cert = buildGridCertificate(c, result);
  writeFileAtomic(path, certificateJson(cert));
  log(`${prefix}: ${result.verdict}${result.reason ? ` (${result.reason})` : ''} in ${result.seconds.total.toFixed(2)} s`);
  return gridSummaryRowOf(cert, fileName, c);
}
