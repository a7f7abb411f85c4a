/**
 * One value per category, where the truth shows what a method hid: `bias` (recovered minus
 * truth) or `missed` (100 minus a recall: true links the linkage did not find).
 */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, SCHEMA, SERIES_COLOURS, type ChartKind, type Datum, facetOf } from './chart.ts';

export const gapChart: ChartKind = {
  data(rows, { gap }) {
    const out: Datum[] = [];
    for (const r of rows) {
      const value = gap === 'missed' ? (r.recovered === null ? null : 100 - r.recovered) : r.recovered === null || r.truth === null ? null : r.recovered - r.truth;
      if (value !== null) out.push({ panel: r.panel, category: r.category, value });
    }
    return out;
  },
  spec(data, options) {
    const { title, categories } = options;
    return {
      $schema: SCHEMA,
      title,
      data,
      config: CONFIG,
      ...facetOf(options),
      spec: {
        width: 240,
        height: { step: 14 },
        layer: [
          { mark: { type: 'bar', color: SERIES_COLOURS[1] }, encoding: { y: { field: 'category', type: 'nominal', sort: categories, title: null }, x: { field: 'value', type: 'quantitative', title: null } } },
          { mark: { type: 'rule', color: '#555' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        ],
      },
    } as TopLevelSpec;
  },
};
