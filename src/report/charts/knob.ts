/**
 * A sweep's measure against one knob: bias and coverage side by side (one column each, one row
 * per group), a line per combination of the other knobs, each value with its 95% Monte Carlo
 * interval (value +- 1.96 MCSE), and the value a good method would hold (bias 0, coverage 95%).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { KnobPoint } from '../../experiments/knob-view.ts';
import { CONFIG, SCHEMA, type ChartData, type Datum } from './chart.ts';

export const MEASURE_TITLES = { bias: 'bias (estimate - truth)', coverage: 'coverage of the interval (%)', mean: 'mean estimate (no truth)' } as const;
const TARGET = { bias: 0, coverage: 95, mean: null } as const;

export function knobData(points: readonly KnobPoint[]): Datum[] {
  return points
    .filter((p) => p.value !== null && Number.isFinite(p.value))
    .map((p) => {
      const half = p.mcse === null ? 0 : 1.96 * p.mcse;
      return {
        level: p.level,
        others: p.others,
        group: p.group,
        measure: MEASURE_TITLES[p.measure],
        value: p.value,
        low: p.value! - half,
        high: p.value! + half,
        mcse: p.mcse,
        n: p.n,
        target: TARGET[p.measure],
      };
    });
}

export function knobSpec(data: ChartData, options: { title: string; knob: string; levels: string[]; groups: string[]; others: string[] }): TopLevelSpec {
  const x = { field: 'level', type: 'ordinal', sort: options.levels, title: options.knob, axis: { labelAngle: 0, labelLimit: 160, titleLimit: 220 } } as const;
  const colour = { field: 'others', type: 'nominal', sort: options.others, title: options.others.length > 1 ? 'other knobs' : null, legend: options.others.length > 1 ? { labelLimit: 360 } : null } as const;
  return {
    $schema: SCHEMA,
    title: options.title,
    data,
    config: CONFIG,
    facet: {
      row: { field: 'group', type: 'nominal', sort: options.groups, title: null, header: { labelAngle: 0, labelAlign: 'left', labelLimit: 220 } },
      column: { field: 'measure', type: 'nominal', sort: [MEASURE_TITLES.bias, MEASURE_TITLES.mean, MEASURE_TITLES.coverage], title: null },
    },
    spec: {
      width: 220,
      height: 110,
      layer: [
        { mark: { type: 'rule', color: '#999', strokeDash: [4, 3] }, encoding: { y: { field: 'target', type: 'quantitative', aggregate: 'min' } } },
        { mark: { type: 'rule' }, encoding: { x, y: { field: 'low', type: 'quantitative', title: null }, y2: { field: 'high' }, color: colour } },
        { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } }, color: colour } },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
