/**
 * Odds ratios: the recovered estimate with its 95% interval (a rule) and the generating model's
 * true odds ratio (a tick), on a log scale with a line at 1 (no effect); one panel per type.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, SCHEMA, SERIES_COLOURS, type ChartKind, type Datum, facetOf } from './chart.ts';

export const oddsChart: ChartKind = {
  data(rows) {
    return rows
      .filter((r) => r.recovered !== null || r.truth !== null)
      .map((r): Datum => ({ panel: r.panel, term: r.category, recovered: r.recovered, ci_low: r.ci?.[0] ?? null, ci_high: r.ci?.[1] ?? null, truth: r.truth }));
  },
  spec(data, options) {
    const { title, categories } = options;
    const y = { field: 'term', type: 'nominal', sort: categories, title: null } as const;
    const x = { type: 'quantitative', scale: { type: 'log' }, title: 'odds ratio (log scale)' } as const;
    return {
      $schema: SCHEMA,
      title,
      data,
      config: CONFIG,
      ...facetOf(options),
      spec: {
        width: 220,
        height: { step: 16 },
        layer: [
          { mark: { type: 'rule', color: '#bbb', strokeDash: [3, 3] }, encoding: { x: { ...x, datum: 1 } } },
          { mark: { type: 'rule', color: SERIES_COLOURS[1] }, encoding: { y, x: { ...x, field: 'ci_low' }, x2: { field: 'ci_high' } } },
          { mark: { type: 'point', filled: true, color: SERIES_COLOURS[1], size: 40 }, encoding: { y, x: { ...x, field: 'recovered' } } },
          { mark: { type: 'tick', color: SERIES_COLOURS[2], thickness: 2, size: 12 }, encoding: { y, x: { ...x, field: 'truth' } } },
        ],
      },
    } as TopLevelSpec;
  },
};
