/**
 * The picture of a finite-data study (one student width): every end point of the search as a
 * point (loss, smallest Hessian eigenvalue), both Float64 values at the end point, coloured by the
 * class its certificate proved (or the refusal). Drawn by Vega-Lite, compiled to Vega and rendered
 * headless in Node to an SVG string (no browser, no network). Not rigorous: the axes are float
 * values; only the colours come from certificates.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface StudyPoint {
  run: number;
  /** Float loss at the end point (> 0; values below 1e-35 are drawn at 1e-35). */
  loss: number;
  /** Float smallest eigenvalue of the chart Hessian at the end point. */
  lambdaMin: number;
  /** Certified class: e.g. 'global (certified)', 'spurious minimum (certified)', 'saddle, index 1 (certified)', 'refused: degenerate'. */
  label: string;
}

const COLORS: Record<string, string> = {
  global: '#1a9850',
  spurious: '#d73027',
  local: '#fc8d59',
  saddle: '#4575b4',
  degenerate: '#999999',
  'not-critical': '#cccccc',
  refused: '#7b3294',
};

/** A colour per label, by its first matching keyword (stable across widths). */
function colorOf(label: string): string {
  for (const [key, c] of Object.entries(COLORS)) if (label.includes(key)) return c;
  return '#000000';
}

/** The SVG of one width's study plot. */
export async function studyScatterSvg(points: readonly StudyPoint[], title: string): Promise<string> {
  const labels = [...new Set(points.map((p) => p.label))].sort();
  const spec: TopLevelSpec = {
    title,
    width: 620,
    height: 380,
    config: { font: 'sans-serif', axis: { grid: true, gridColor: '#e5e5e5' }, view: { stroke: '#ccc' } },
    data: { values: points.map((p) => ({ ...p, loss: Math.max(p.loss, 1e-35) })) },
    mark: { type: 'point', filled: true, size: 28, opacity: 0.75 },
    encoding: {
      x: { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: 'loss L at the end point (float)', axis: { format: '.0e' } },
      y: {
        field: 'lambdaMin',
        type: 'quantitative',
        scale: { type: 'symlog', constant: 1e-10 },
        title: 'smallest Hessian eigenvalue (float; θ for sigmoid, reduced u for ReLU)',
        axis: { format: '.0e', values: [-1, -1e-2, -1e-4, -1e-6, -1e-8, 0, 1e-8, 1e-6, 1e-4, 1e-2, 1] },
      },
      color: { field: 'label', type: 'nominal', title: 'certified class', scale: { domain: labels, range: labels.map(colorOf) }, legend: { labelLimit: 400 } },
      tooltip: [{ field: 'run' }, { field: 'label' }, { field: 'loss' }, { field: 'lambdaMin' }],
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
