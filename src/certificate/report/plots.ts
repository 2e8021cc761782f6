/**
 * Plots as inline SVG, drawn by Vega-Lite (compiled to Vega and rendered headless in Node, no
 * browser and no network): each chart kind is one Vega-Lite specification with named data sets,
 * compiled and parsed once per process, then rendered with the data of each report.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#e5e5e5' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  view: { stroke: '#ccc' },
};

/** One headless View per chart kind, reused: only its data change between renders. */
interface Chart {
  view: vega.View;
  /** Renders of this chart run one after another (they share the View). */
  queue: Promise<unknown>;
}

const charts = new Map<string, Chart>();

function chartOf(name: string, spec: TopLevelSpec): Chart {
  let chart = charts.get(name);
  if (!chart) {
    chart = { view: new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' }), queue: Promise.resolve() };
    charts.set(name, chart);
  }
  return chart;
}

/** Renders a chart with the given named data sets (each replacing the previous one) to an SVG string. */
function renderSvg(name: string, spec: TopLevelSpec, data: Record<string, object[]>): Promise<string> {
  const chart = chartOf(name, spec);
  const job = chart.queue.then(async () => {
    for (const [set, values] of Object.entries(data)) chart.view.data(set, values);
    await chart.view.runAsync();
    return chart.view.toSVG();
  });
  chart.queue = job.catch(() => undefined);
  return job;
}

const SPECTRUM_SPEC: TopLevelSpec = {
  config: CONFIG,
  width: 560,
  height: 240,
  layer: [
    {
      data: { name: 'eigenvalues' },
      mark: { type: 'line', point: { size: 14 }, color: '#1f5fa8', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'index', type: 'quantitative', title: 'eigenvalue index (ascending)' },
        y: { field: 'value', type: 'quantitative', title: 'float eigenvalue of ∇²F(W̃)' },
      },
    },
    {
      data: { name: 'rules' },
      mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: {
        y: { field: 'value', type: 'quantitative' },
        color: { field: 'label', type: 'nominal', title: null, scale: { range: ['#c0392b', '#777777'] }, legend: { orient: 'top-left' } },
      },
    },
  ],
};

/** The float spectrum (ascending) against the proved bound μ (if any) and 0. */
export function spectrumSvg(eigenvalues: Float64Array, mu?: string): Promise<string> {
  const points = Array.from(eigenvalues, (value, i) => ({ index: i + 1, value }));
  const rules = [{ label: 'y = 0', value: 0 }];
  if (mu !== undefined) rules.unshift({ label: `proved μ = ${mu}`, value: Number(mu) });
  return renderSvg('spectrum', SPECTRUM_SPEC, { eigenvalues: points, rules });
}

const BLOCK_SPECTRUM_SPEC: TopLevelSpec = {
  config: CONFIG,
  width: 560,
  height: 240,
  layer: [
    {
      data: { name: 'entries' },
      mark: { type: 'point', filled: true, size: 40 },
      encoding: {
        x: { field: 'value', type: 'quantitative', scale: { type: 'symlog', constant: 0.01 }, title: 'float eigenvalue of ∇²F(W̃) (symmetric log scale)' },
        y: { field: 'multiplicity', type: 'quantitative', scale: { type: 'log' }, title: 'multiplicity' },
        color: { field: 'type', type: 'nominal', title: 'isotypic type', legend: { orient: 'right' } },
      },
    },
    {
      data: { name: 'rules' },
      mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: {
        x: { field: 'value', type: 'quantitative' },
        strokeOpacity: { value: 0.9 },
      },
    },
  ],
};

/** Distinct eigenvalues with their multiplicities (log scale) by type, against the proved μ (if any) and 0. */
export function blockSpectrumSvg(entries: { value: number; multiplicity: string; type: string }[], mu?: string): Promise<string> {
  const points = entries.map((e) => ({ value: e.value, multiplicity: Number(e.multiplicity), type: e.type }));
  const rules = [{ value: 0 }];
  if (mu !== undefined) rules.unshift({ value: Number(mu) });
  return renderSvg('block-spectrum', BLOCK_SPECTRUM_SPEC, { entries: points, rules });
}

const WIDTHS_SPEC: TopLevelSpec = {
  config: CONFIG,
  width: 420,
  height: { step: 28 },
  data: { name: 'widths' },
  encoding: {
    y: { field: 'label', type: 'nominal', title: null, sort: null, axis: { labelLimit: 260 } },
    x: { field: 'width', type: 'quantitative', scale: { type: 'log' }, title: 'interval width (log scale)' },
  },
  layer: [
    { mark: { type: 'point', filled: true, size: 70, color: '#1f5fa8' } },
    { mark: { type: 'text', align: 'left', dx: 7, fontSize: 11 }, encoding: { text: { field: 'text' } } },
  ],
};

/** Widths of the intervals behind a loss enclosure (positive widths only; log scale). */
export function lossWidthsSvg(widths: { label: string; width: string }[]): Promise<string> {
  const rows = widths.map((w) => ({ label: w.label, width: Number(w.width), text: w.width })).filter((r) => r.width > 0 && Number.isFinite(r.width));
  return renderSvg('loss-widths', WIDTHS_SPEC, { widths: rows });
}

function comparisonSpec(yTitle: string): TopLevelSpec {
  return {
  config: CONFIG,
  width: 560,
  height: 260,
  data: { name: 'rows' },
  mark: { type: 'line', point: { size: 40 }, strokeWidth: 2 },
  encoding: {
    x: { field: 'x', type: 'quantitative', title: 'k', scale: { zero: false } },
    y: { field: 'y', type: 'quantitative', title: yTitle },
    color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'top-left', labelLimit: 360 } },
    strokeDash: { field: 'group', type: 'nominal', title: null },
  },
  };
}

/** Series of (x, y) points, one line per series (e.g. ours vs published, per n − k). */
export function comparisonSvg(rows: { x: number; y: number; series: string; group: string }[], yTitle: string): Promise<string> {
  return renderSvg(`comparison:${yTitle}`, comparisonSpec(yTitle), { rows });
}
