/** Markdown renderer of the report model: formulas in their Unicode spelling, figures omitted. */
import type { Block, Inline, ReportModel } from './model.js';

export function inlinesMarkdown(xs: Inline[]): string {
  return xs.map(inlineMarkdown).join('');
}

function inlineMarkdown(x: Inline): string {
  switch (x.kind) {
    case 'text':
      return x.text;
    case 'strong':
      return `**${inlinesMarkdown(x.content)}**`;
    case 'em':
      return `*${inlinesMarkdown(x.content)}*`;
    case 'code':
      return `\`${x.text}\``;
    case 'num':
      return x.value;
    case 'math':
      return x.parts.map((p) => (p.kind === 'num' ? p.value : p.text)).join('');
  }
}

function blockMarkdown(b: Block): string[] {
  switch (b.kind) {
    case 'para':
      return [inlinesMarkdown(b.content), ''];
    case 'display':
      return [`    ${inlineMarkdown(b.math)}${b.tag ? `        (${b.tag})` : ''}`, ''];
    case 'list':
      return [...b.items.map((it) => `- ${inlinesMarkdown(it)}`), ''];
    case 'quote':
      return [`> ${inlinesMarkdown(b.content)}`, ''];
    case 'figure':
      return [];
  }
}

export function renderMarkdown(model: ReportModel): string {
  const reason = model.reason ? ` (${model.reason})` : '';
  const out: string[] = [`# ${model.title}`, '', `**Verdict: ${model.verdict}${reason}.** ${inlinesMarkdown(model.audit.inlines)}`, ''];
  for (const s of model.sections) {
    out.push(`## ${s.title}`, '');
    for (const b of s.blocks) out.push(...blockMarkdown(b));
  }
  return out.join('\n');
}
