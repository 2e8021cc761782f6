/**
 * LaTeX renderer of the report model: a standalone article (amsmath, amssymb) that pdflatex
 * compiles. Formulas use their LaTeX spelling; every certificate number is
 * \certnum{field}{value} (defined to print the value verbatim as text), so the document carries
 * the certificate's decimal strings unchanged and a reader can find where each one came from.
 * Figures are HTML-only and omitted here.
 */
import type { Block, Inline, MathExpr, ReportModel } from './model.js';

/** Unicode characters of prose, as LaTeX (text mode). Anything else non-ASCII is refused. */
const PROSE_CHARS: Record<string, string> = {
  '–': '--',
  '—': '---',
  '’': "'",
  '‘': '`',
  '“': '``',
  '”': "''",
  '…': '\\ldots{}',
  '−': '$-$',
  '×': '$\\times$',
  '⊗': '$\\otimes$',
  '÷': '$\\div$',
  '√': '$\\surd$',
  '∞': '$\\infty$',
  'π': '$\\pi$',
  'μ': '$\\mu$',
  'ρ': '$\\rho$',
  'η': '$\\eta$',
  'κ': '$\\kappa$',
  'λ': '$\\lambda$',
  'ᵀ': '$^{\\top}$',
  '★': '$\\star$',
  '∎': '$\\blacksquare$',
  '²': '$^2$',
  '≤': '$\\le$',
  '≥': '$\\ge$',
  '⊂': '$\\subset$',
  'Ω': '$\\Omega$',
  '§': '\\S{}',
  '·': '$\\cdot$',
  '¹': '$^1$',
  '½': '$\\frac12$',
  'Δ': '$\\Delta$',
  'Σ': '$\\Sigma$',
  'ξ': '$\\xi$',
  'τ': '$\\tau$',
  'φ': '$\\varphi$',
  '‖': '$\\|$',
  '′': "$'$",
  '₀': '$_0$',
  '₂': '$_2$',
  'ᵢ': '$_i$',
  '⇔': '$\\Leftrightarrow$',
  '∇': '$\\nabla$',
  '∈': '$\\in$',
  '∫': '$\\int$',
  '≠': '$\\ne$',
  '⊇': '$\\supseteq$',
  '∥': '$\\|$',
  '≈': '$\\approx$',
};

/** Combining accents of prose (W̃, H̄): applied to the character before them. */
const COMBINING: Record<string, string> = { '\u0303': '\\~', '\u0304': '\\=' };

export function escapeTex(s: string): string {
  let out = '';
  let last = '';
  for (const ch of s) {
    const accent = COMBINING[ch];
    if (accent !== undefined && /^[A-Za-z]$/.test(last)) {
      out = `${out.slice(0, -1)}${accent}{${last}}`;
      last = '';
      continue;
    }
    last = ch;
    switch (ch) {
      case '\\':
        out += '\\textbackslash{}';
        break;
      case '{':
      case '}':
      case '$':
      case '&':
      case '#':
      case '_':
      case '%':
        out += `\\${ch}`;
        break;
      case '^':
        out += '\\textasciicircum{}';
        break;
      case '~':
        out += '\\textasciitilde{}';
        break;
      default:
        if (ch.charCodeAt(0) < 128) out += ch;
        else if (PROSE_CHARS[ch] !== undefined) out += PROSE_CHARS[ch];
        else throw new Error(`renderTex: no LaTeX spelling for ${JSON.stringify(ch)} in ${JSON.stringify(s)}`);
    }
  }
  return out;
}

/** A field name as a \certnum argument: letters, digits and . : * ( ) - only. */
function fieldArg(field: string): string {
  return field.replace(/[^A-Za-z0-9.:*()-]/g, '-');
}

function numTex(value: string, field: string): string {
  return `\\certnum{${fieldArg(field)}}{${escapeTex(value)}}`;
}

function mathTex(x: MathExpr): string {
  return x.parts.map((p) => (p.kind === 'num' ? numTex(p.value, p.field) : p.tex)).join('');
}

export function inlinesTex(xs: Inline[]): string {
  return xs.map(inlineTex).join('');
}

function inlineTex(x: Inline): string {
  switch (x.kind) {
    case 'text':
      return escapeTex(x.text);
    case 'strong':
      return `\\textbf{${inlinesTex(x.content)}}`;
    case 'em':
      return `\\emph{${inlinesTex(x.content)}}`;
    case 'code':
      return `\\texttt{${escapeTex(x.text)}}`;
    case 'num':
      return numTex(x.value, x.field);
    case 'math':
      return `$${mathTex(x)}$`;
  }
}

/** The tag of a display, as TeX ('★' → \star). */
function tagTex(tag: string): string {
  return tag === '★' ? '\\star' : `\\text{${escapeTex(tag)}}`;
}

function blockTex(b: Block): string {
  switch (b.kind) {
    case 'para':
      return `${inlinesTex(b.content)}\n`;
    case 'display':
      return b.tag
        ? `\\begin{equation*}\n${mathTex(b.math)}\n\\tag{$${tagTex(b.tag)}$}\n\\end{equation*}\n`
        : `\\begin{equation*}\n${mathTex(b.math)}\n\\end{equation*}\n`;
    case 'list':
      return `\\begin{itemize}\n${b.items.map((it) => `\\item ${inlinesTex(it)}`).join('\n')}\n\\end{itemize}\n`;
    case 'quote':
      return `\\begin{quote}\n${inlinesTex(b.content)}\n\\end{quote}\n`;
    case 'figure':
      return '';
  }
}

const PREAMBLE = String.raw`\documentclass[10pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
% Latin Modern (Type 1) when installed: searchable, copyable text in the PDF.
\IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}
\usepackage{amsmath,amssymb}
\setlength{\textwidth}{16.5cm}
\setlength{\oddsidemargin}{0cm}
\setlength{\evensidemargin}{0cm}
\setlength{\topmargin}{-1cm}
\setlength{\textheight}{23cm}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5\baselineskip}
\emergencystretch=3em
% certnum: a number exactly as in the certificate; its first argument names the field it comes from.
\newcommand{\certnum}[2]{\text{#2}}
`;

export function renderTex(model: ReportModel): string {
  const reason = model.reason ? ` (${model.reason})` : '';
  const out: string[] = [
    PREAMBLE,
    '\\begin{document}',
    `{\\Large\\bfseries ${escapeTex(model.title)}\\par}`,
    '',
    `\\textbf{Verdict: ${escapeTex(model.verdict + reason)}.} ${inlinesTex(model.audit.inlines)}`,
    '',
  ];
  for (const s of model.sections) {
    out.push(`\\section*{${escapeTex(s.title)}}`);
    for (const b of s.blocks) out.push(blockTex(b));
  }
  out.push('\\end{document}', '');
  return out.join('\n');
}
