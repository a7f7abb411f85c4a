/** Published, recovered and truth side by side for each category, one panel per requirement type. */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, SCHEMA, SERIES, SERIES_COLOURS, unitTitle, type ChartKind, type Datum, facetOf } from './chart.ts';

export const barsChart: ChartKind = {
  data(rows) {
    const out: Datum[] = [];
    for (const r of rows) {
      for (const series of SERIES) {
        const value = series === 'published' ? r.published : series === 'recovered' ? r.recovered : r.truth;
        if (value === null) continue;
        const ci = series === 'recovered' ? r.ci : null;
        out.push({ panel: r.panel, category: r.category, series, value, ci_low: ci?.[0] ?? null, ci_high: ci?.[1] ?? null });
      }
    }
    return out;
  },
  spec(data, options) {
    const { title, unit, categories } = options;
    return {
      $schema: SCHEMA,
      title,
      data,
      config: CONFIG,
      ...facetOf(options),
      spec: {
        width: 260,
        height: { step: 9 },
        mark: 'bar',
        encoding: {
          y: { field: 'category', type: 'nominal', sort: categories, title: null },
          yOffset: { field: 'series', type: 'nominal', sort: [...SERIES] },
          x: { field: 'value', type: 'quantitative', title: unitTitle(unit) },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: [...SERIES], range: SERIES_COLOURS } },
        },
      },
    } as TopLevelSpec;
  },
};
