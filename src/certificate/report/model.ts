/**
 * The report model: one description of a certificate's proof (sections of prose, formulas and the
 * certificate's numbers with their provenance) that three renderers turn into Markdown, HTML and
 * LaTeX (renderMarkdown.ts, renderHtml.ts, renderTex.ts). The mathematics is written once, here
 * and in the section builders (sections/*.ts); a renderer only chooses notation.
 *
 * A formula carries two spellings of the same content: `text` (Unicode, for Markdown) and `tex`
 * (LaTeX, typeset by KaTeX in HTML and by pdflatex in the .tex document). A number is never
 * spelled inside a formula: it is a `num` part naming the certificate field (or the audit's
 * recomputation) it comes from, so every renderer prints the same decimal string and a reader (or
 * a test) can trace it back.
 */

/** Where a number shown in a report comes from. */
export type NumberSource =
  /** A field of the certificate's claims (checked by audit). */
  | 'claim'
  /** A field of the certificate's method or problem (an input of the proof). */
  | 'method'
  /** Recomputed by the audit that the report ran. */
  | 'audit'
  /** An exact product or difference of certified numbers, computed by the report (big.js). */
  | 'exact'
  /** Informative: provenance or float evidence, never part of a conclusion. */
  | 'informative';

export interface NumberPart {
  kind: 'num';
  /** The decimal string exactly as printed. */
  value: string;
  /** Path of the field it comes from, e.g. 'claims.lossLower', 'audit.lossLo', 'exact:2g'. */
  field: string;
  source: NumberSource;
}

/** One formula: the Unicode spelling (Markdown) and the LaTeX spelling (HTML via KaTeX, .tex). */
export interface TexPart {
  kind: 'tex';
  text: string;
  tex: string;
}

/** A formula, possibly with certificate numbers inside it. */
export interface MathExpr {
  kind: 'math';
  parts: (TexPart | NumberPart)[];
}

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; content: Inline[] }
  | { kind: 'em'; content: Inline[] }
  | { kind: 'code'; text: string }
  | MathExpr
  | NumberPart;

export type Block =
  | { kind: 'para'; content: Inline[] }
  | { kind: 'display'; math: MathExpr; tag?: string }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'quote'; content: Inline[] }
  /** A plot (HTML only; the other renderers skip it). */
  | { kind: 'figure'; figure: FigureSpec };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  /** Informative sections (provenance, float evidence) are shown apart and labelled as such. */
  informative?: boolean;
}

/** Plots the HTML renderer draws (float evidence and certified numbers side by side). */
export type FigureSpec =
  | {
      kind: 'spectrum';
      caption: string;
      /** Float eigenvalues of the Hessian at the centre, ascending (informative). */
      eigenvalues: Float64Array;
      /** Certified lower bound μ over the box (minimum certificates), as printed. */
      mu?: string;
    }
  | {
      kind: 'block-spectrum';
      caption: string;
      /** Distinct float eigenvalues of ∇²F(W̃) from the isotypic blocks, with their multiplicities (decimal integers) and types. */
      entries: { value: number; multiplicity: string; type: string }[];
      /** Certified lower bound μ over the box (minimum certificates), as printed. */
      mu?: string;
    }
  | {
      kind: 'loss-digits';
      caption: string;
      /** The certified enclosure [lo, hi] of F(W*). */
      lossLower: string;
      lossUpper: string;
      /** Widths (as decimal strings) of the intervals that make up the enclosure, labelled. */
      widths: { label: string; width: string }[];
    };

export type AuditStatus = 'held' | 'failed' | 'not-audited';

export interface ReportModel {
  id: string;
  title: string;
  /** The certificate's kind and verdict as stored. */
  kind: string;
  verdict: string;
  /** Refusal reason, for the header line. */
  reason?: string;
  audit: { status: AuditStatus; inlines: Inline[] };
  /**
   * The one quotable sentence, built from claims and problem data only, and present only when the
   * audit held (otherwise the sentence saying why there is none).
   */
  conclusion: Inline[];
  sections: Section[];
}

// ---- constructors used by the section builders -------------------------------------------------

export function text(s: string): Inline {
  return { kind: 'text', text: s };
}

export function strong(...content: (Inline | string)[]): Inline {
  return { kind: 'strong', content: content.map(toInline) };
}

export function em(...content: (Inline | string)[]): Inline {
  return { kind: 'em', content: content.map(toInline) };
}

export function code(s: string): Inline {
  return { kind: 'code', text: s };
}

/** A formula without numbers: Unicode spelling, LaTeX spelling. */
export function m(textForm: string, texForm: string): MathExpr {
  return { kind: 'math', parts: [{ kind: 'tex', text: textForm, tex: texForm }] };
}

export function num(value: string, field: string, source: NumberSource): NumberPart {
  return { kind: 'num', value, field, source };
}

/** A formula with numbers: pieces are formulas (m(...)) or numbers (num(...)), concatenated. */
export function mx(...pieces: (MathExpr | NumberPart)[]): MathExpr {
  const parts: MathExpr['parts'] = [];
  for (const p of pieces) {
    if (p.kind === 'num') parts.push(p);
    else parts.push(...p.parts);
  }
  return { kind: 'math', parts };
}

export type InlineLike = Inline | string;

function toInline(x: InlineLike): Inline {
  return typeof x === 'string' ? text(x) : x;
}

/** Inline content from strings (prose) and inlines (formulas, numbers, emphasis). */
export function inl(...pieces: InlineLike[]): Inline[] {
  return pieces.map(toInline);
}

export function para(...pieces: InlineLike[]): Block {
  return { kind: 'para', content: inl(...pieces) };
}

export function display(math: MathExpr, tag?: string): Block {
  return tag === undefined ? { kind: 'display', math } : { kind: 'display', math, tag };
}

export function list(...items: InlineLike[][]): Block {
  return { kind: 'list', items: items.map((it) => inl(...it)) };
}

/** Every number of a model's header and sections, in order of appearance (for tests and for tracing). */
export function numbersOf(model: ReportModel): NumberPart[] {
  const out: NumberPart[] = [];
  const visit = (xs: Inline[]) => {
    for (const x of xs) {
      if (x.kind === 'num') {
        out.push(x);
      } else if (x.kind === 'math') {
        for (const p of x.parts) if (p.kind === 'num') out.push(p);
      } else if (x.kind === 'strong' || x.kind === 'em') {
        visit(x.content);
      }
    }
  };
  visit(model.audit.inlines);
  for (const s of model.sections) {
    for (const b of s.blocks) {
      if (b.kind === 'para' || b.kind === 'quote') visit(b.content);
      else if (b.kind === 'display') visit([b.math]);
      else if (b.kind === 'list') b.items.forEach(visit);
    }
  }
  return out;
}
