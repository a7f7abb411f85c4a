/**
 * An identify run's charts. A posterior histogram: all draws (the prior as drawn) in grey, the
 * accepted draws over them in blue on the same bins, the accepted interval shaded and, for the
 * truth behind a published figure, the published value as a dashed line. The method errors:
 * per figure, recovered - truth across the accepted worlds (range thin, interval thick, median
 * tick) against zero, so a reader sees which errors keep one sign in every consistent world.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ErrorView, PosteriorView } from '../identify-view.ts';
import { CONFIG, SCHEMA, type ChartData, type Datum } from './chart.ts';

export const SERIES = ['all draws', 'accepted'] as const;
const COLOURS = ['#c8c8c8', '#1f6fb4'];

export function histogramData(view: PosteriorView): Datum[] {
  const { edges, all, accepted } = view.histogram;
  const rows: Datum[] = [];
  for (const [series, counts] of [
    [SERIES[0], all],
    [SERIES[1], accepted],
  ] as const) {
    counts.forEach((count, i) => rows.push({ series, low: edges[i], high: edges[i + 1], count }));
  }
  return rows;
}

export function histogramSpec(data: ChartData, view: PosteriorView, level: number): TopLevelSpec {
  const { edges } = view.histogram;
  const x = { field: 'low', type: 'quantitative', title: view.quantity, scale: { domain: [edges[0], edges[edges.length - 1]], zero: false, nice: false }, axis: { titleLimit: 380 } } as const;
  const bars = (series: string) => ({
    transform: [{ filter: { field: 'series', equal: series } }],
    mark: { type: 'bar', binSpacing: 1 },
    encoding: {
      x,
      x2: { field: 'high' },
      y: { field: 'count', type: 'quantitative', title: 'draws' },
      y2: { datum: 0 },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: [...SERIES], range: COLOURS } },
    },
  });
  const layers: unknown[] = [];
  if (view.accepted.n > 0) {
    layers.push({
      data: { values: [{ low: view.accepted.low, high: view.accepted.high, what: `${Math.round(level * 100)}% of accepted` }] },
      mark: { type: 'rect', color: '#1f6fb4', opacity: 0.12 },
      encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
    });
  }
  layers.push(bars(SERIES[0]), bars(SERIES[1]));
  if (view.kind === 'truth' && view.published !== null && view.published >= edges[0] && view.published <= edges[edges.length - 1]) {
    layers.push({ data: { values: [{ published: view.published }] }, mark: { type: 'rule', color: '#6b6b6b', strokeDash: [5, 3], strokeWidth: 1.5 }, encoding: { x: { field: 'published', type: 'quantitative' } } });
  }
  const interval = view.accepted.n === 0 ? 'none accepted' : `${Math.round(level * 100)}%: ${view.accepted.low!.toFixed(view.digits)}–${view.accepted.high!.toFixed(view.digits)}`;
  const published = view.kind === 'truth' && view.published !== null ? `; published ${view.published} (dashed)` : '';
  return {
    $schema: SCHEMA,
    title: { text: view.label, subtitle: `accepted ${view.accepted.n} of ${view.all.n}; ${interval}${published}` },
    data,
    config: CONFIG,
    width: 300,
    height: 130,
    layer: layers,
  } as TopLevelSpec;
}

export function errorsData(views: readonly ErrorView[]): Datum[] {
  return views
    .filter((e) => e.error.n > 0)
    .map((e) => ({ figure: e.label, published: e.published, min: e.error.min, max: e.error.max, low: e.error.low, high: e.error.high, median: e.error.median, sign: e.sign, n: e.error.n }));
}

export function errorsSpec(data: ChartData, figures: string[], level: number): TopLevelSpec {
  const y = { field: 'figure', type: 'nominal', sort: figures, title: null, axis: { labelLimit: 320 } } as const;
  const x = { type: 'quantitative', title: 'recovered − truth across the accepted worlds' } as const;
  return {
    $schema: SCHEMA,
    title: { text: 'Method error across the consistent worlds', subtitle: `range (thin), ${Math.round(level * 100)}% interval (thick), median (tick); left of 0 understates, right overstates` },
    data,
    config: CONFIG,
    width: 420,
    height: { step: 26 },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#999', strokeDash: [4, 3] }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      { mark: { type: 'rule', color: '#7a9cc0' }, encoding: { y, x: { field: 'min', ...x }, x2: { field: 'max' } } },
      { mark: { type: 'rule', color: '#1f6fb4', strokeWidth: 6 }, encoding: { y, x: { field: 'low', ...x }, x2: { field: 'high' } } },
      { mark: { type: 'tick', color: '#b35c00', thickness: 2 }, encoding: { y, x: { field: 'median', ...x } } },
    ],
  } as TopLevelSpec;
}
