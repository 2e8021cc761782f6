/** Sections of a refusal: what failed, with the evidence audit re-checks, and nothing claimed. */
import type { ReducedRefusalCertificate, RefusalCertificate } from '../../schema.js';

type AnyRefusal = RefusalCertificate | ReducedRefusalCertificate;
import { m, mx, num, para, strong, type Block, type InlineLike, type Section } from '../model.js';
import { hintBlock } from './common.js';

function evidenceInlines(c: AnyRefusal): InlineLike[] {
  const ev = c.claims.evidence;
  const parts: InlineLike[][] = [];
  if (ev.lambdaMinFloat !== undefined) {
    parts.push(['the Float64 smallest eigenvalue of the Hessian at the centre is ', num(String(ev.lambdaMinFloat), 'claims.evidence.lambdaMinFloat', 'claim')]);
  }
  if (ev.gradBound !== undefined) {
    parts.push(['the gradient at the centre is proved at most ', mx(m('g = ', 'g = '), num(ev.gradBound, 'claims.evidence.gradBound', 'claim'))]);
  }
  if (ev.attempts) {
    const pairs: InlineLike[] = [];
    ev.attempts.forEach((a, i) => {
      if (i > 0) pairs.push(', ');
      pairs.push(
        mx(
          m('(', '('),
          num(a.mu, `claims.evidence.attempts.${i}.mu`, 'claim'),
          m(', ', ',\\ '),
          num(a.rho, `claims.evidence.attempts.${i}.rho`, 'claim'),
          m(')', ')'),
        ),
      );
    });
    parts.push(['the box proof failed for ', m('(μ, ρ) ∈ {', '(\\mu, \\rho) \\in \\{'), ...pairs, m('}', '\\}')]);
  }
  if (ev.nearestZeroFloat !== undefined) {
    parts.push(['the Float64 Hessian eigenvalue at the centre nearest to 0 is ', num(String(ev.nearestZeroFloat), 'claims.evidence.nearestZeroFloat', 'claim')]);
  }
  if (c.claims.reason === 'existence-not-proved') {
    parts.push(
      ev.rho === undefined
        ? ['the Newton step ', m('Y∇F(W̃)', 'Y\\nabla F(\\tilde W)'), ' overflowed']
        : [
            'with ',
            mx(m('η = ', '\\eta = '), num(ev.eta ?? '', 'claims.evidence.eta', 'claim')),
            ', the existence test (or the inertia) fails over the box of half-width ',
            num(ev.rho, 'claims.evidence.rho', 'claim'),
            ', while the inertia at the centre alone is proved',
          ],
    );
  } else if (ev.rho !== undefined) {
    parts.push(
      ev.rho === '0'
        ? ['the centre itself is not proved inside ', m('Ω', '\\Omega')]
        : ['the box of half-width ', num(ev.rho, 'claims.evidence.rho', 'claim'), ' is not proved inside ', m('Ω', '\\Omega')],
    );
  }
  if (parts.length === 0) return [];
  const out: InlineLike[] = ['Evidence (re-checked by audit): '];
  parts.forEach((p, i) => {
    if (i > 0) out.push('; ');
    out.push(...p);
  });
  out.push('.');
  return out;
}

export function refusalSections(c: AnyRefusal): Section[] {
  const blocks: Block[] = [para('Reason: ', strong(c.claims.reason), '. ', ...evidenceInlines(c))];
  if (c.provenance.hint) blocks.push(hintBlock(c.provenance.hint));
  blocks.push(para('A refusal is a result, not a proof: this document claims nothing about the point beyond the evidence above.'));
  return [{ id: 'failed', title: 'What failed', blocks }];
}

export function refusalConclusion(c: AnyRefusal): InlineLike[] {
  return [`No claim about the point: certification was refused (${c.claims.reason}).`];
}
