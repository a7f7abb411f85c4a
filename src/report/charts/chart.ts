/** What every chart kind provides: its data in long form (the CSV beside the spec) and its Vega-Lite spec. */
import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../rows.ts';
import type { GapValue } from '../study.ts';

export type Datum = Record<string, string | number | null>;

/** Inline values to render; a CSV file name in the spec saved for the user. */
export type ChartData = { values: Datum[] } | { url: string; format: { type: 'csv' } };

export interface SpecOptions {
  title: string;
  unit: string;
  /** Panel names in order (requirement types, and runs when several are compared). */
  panels: string[];
  categories: string[];
  /** Panels per row; all in one row when not given. */
  columns?: number;
}

/** The panels: one per requirement type (and run), wrapped after `columns`. */
export function facetOf(options: SpecOptions) {
  return { facet: { field: 'panel', type: 'nominal', sort: options.panels, title: null }, ...(options.columns ? { columns: options.columns } : {}) } as const;
}

export interface ChartKind {
  data(rows: FigureRow[], options: { gap?: GapValue }): Datum[];
  spec(data: ChartData, options: SpecOptions): TopLevelSpec;
}

/** The three sources, always in this order and these colours, in every chart. */
export const SERIES = ['published', 'recovered', 'truth'] as const;
export const SERIES_COLOURS = ['#9a9a9a', '#1f6fb4', '#e07b00'];

/**
 * Shared look. Text is measured in Node without a canvas (an estimate from character counts),
 * so labels get a generous limit and a common sans-serif font the browser also has.
 */
export const CONFIG = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 400 },
  header: { labelFontSize: 12, labelFontWeight: 'bold', titleFontSize: 0 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'top' },
} as const;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export function unitTitle(unit: string): string {
  return unit === 'pct' ? '%' : unit === 'odds_ratio' ? 'odds ratio' : unit;
}
