/**
 * A figure of the study rebuilt from one or more runs: its rows, the long-form data of its
 * chart kind, the Vega-Lite spec to render (values inline) and the one to save (reading the
 * CSV saved beside it), and the SVG.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results/estimate.ts';
import { barsChart } from './charts/bars.ts';
import type { ChartKind, Datum } from './charts/chart.ts';
import { gapChart } from './charts/gap.ts';
import { oddsChart } from './charts/odds.ts';
import { specToSvg } from './charts/render.ts';
import { figureRows, type FigureRow } from './rows.ts';
import type { Figure } from './study.ts';

const KINDS: Record<Exclude<Figure['chart'], 'table'>, ChartKind> = { bars: barsChart, odds: oddsChart, gap: gapChart };

/** A run as the report names it: several runs are told apart by scenario, seed and scale. */
export interface NamedRun {
  label: string;
  results: Results;
}

export interface BuiltFigure {
  figure: Figure;
  rows: FigureRow[];
  /** Null for a table, or when the run has none of the figure's estimates. */
  chart: { data: Datum[]; saved: TopLevelSpec; svg: string } | null;
}

export function runLabel(results: Results): string {
  return `${results.scenario}, seed ${results.seed}, scale ${results.scale}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Every run's rows; with more than one run, each panel is named by its run too. */
export function combinedRows(runs: NamedRun[], figure: Figure): FigureRow[] {
  if (runs.length === 1) return figureRows(runs[0].results, figure);
  const perRun = runs.map((run) => figureRows(run.results, figure).map((r) => ({ ...r, panel: `${r.panel} · ${run.label}` })));
  // Type first, then run: one requirement type's runs stand next to each other.
  const types = unique(perRun.flat().map((r) => r.panel.split(' · ')[0]));
  return types.flatMap((t) => perRun.flatMap((rows) => rows.filter((r) => r.panel.split(' · ')[0] === t)));
}

export async function buildFigure(runs: NamedRun[], figure: Figure): Promise<BuiltFigure> {
  const rows = combinedRows(runs, figure);
  if (figure.chart === 'table' || rows.length === 0) return { figure, rows, chart: null };
  const kind = KINDS[figure.chart];
  const data = kind.data(rows, { gap: figure.gap });
  if (data.length === 0) return { figure, rows, chart: null };
  const options = {
    title: figure.title,
    unit: rows[0].unit,
    panels: unique(rows.map((r) => r.panel)),
    categories: unique(rows.map((r) => r.category)),
    columns: runs.length === 1 ? undefined : runs.length,
  };
  const svg = await specToSvg(kind.spec({ values: data }, options));
  const saved = kind.spec({ url: `${figure.key}.csv`, format: { type: 'csv' } }, options);
  return { figure, rows, chart: { data, saved, svg } };
}
