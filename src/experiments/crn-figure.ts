/**
 * The common random numbers figure: one plan swept twice, with common random numbers and with
 * independent seeds, and for each knob's contrast (first value against last) and each estimand
 * the Monte Carlo SE of the difference between the two grid points, side by side. A Vega-Lite
 * spec kept as data, drawn to SVG by the report's renderer.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../errors.ts';
import { CONFIG, SCHEMA, type Datum } from '../report/charts/chart.ts';
import { knobContrasts, pointDifference } from './difference.ts';
import { knobLevels, readSweepResults, type SweepFolder } from './read.ts';

export const CRN_SERIES = ['common random numbers', 'independent seeds'] as const;

/** The two folders must hold the same plan but for `common_random_numbers`, on and off in that order. */
export function checkCrnPair(withCrn: SweepFolder, without: SweepFolder): void {
  const strip = (f: SweepFolder): string => JSON.stringify({ ...f.record.plan, common_random_numbers: undefined, name: undefined });
  if (withCrn.record.plan.common_random_numbers === false) throw new InputError(`${withCrn.dir}: ran with independent seeds; give the common random numbers sweep first`);
  if (without.record.plan.common_random_numbers !== false) throw new InputError(`${without.dir}: ran with common random numbers; give the --crn off sweep second`);
  if (strip(withCrn) !== strip(without)) throw new InputError(`${without.dir}: not the same plan as ${withCrn.dir} (grid, replicates, scale, estimands must match)`);
}

/** One row per knob contrast x estimand (group `all`) x series: the difference and its MCSE. */
export function crnComparison(withCrn: SweepFolder, without: SweepFolder, estimands?: readonly string[]): Datum[] {
  checkCrnPair(withCrn, without);
  const contrasts = knobContrasts(knobLevels(withCrn));
  const series: [string, ReturnType<typeof readSweepResults>][] = [
    [CRN_SERIES[0], readSweepResults(withCrn)],
    [CRN_SERIES[1], readSweepResults(without)],
  ];
  const wanted = estimands ?? [...new Set(series[0][1].filter((r) => r.group === 'all').map((r) => r.estimand))];
  const out: Datum[] = [];
  for (const c of contrasts) {
    for (const estimand of wanted) {
      for (const [name, rows] of series) {
        const d = pointDifference(rows, estimand, 'all', c.a, c.b);
        if (d.mcse === null) continue;
        out.push({ contrast: `${c.knob}: ${c.from} -> ${c.to}`, estimand, series: name, n: d.n, difference: d.mean, mcse: d.mcse });
      }
    }
  }
  return out;
}

export function crnSpec(data: Datum[]): TopLevelSpec {
  const contrasts = [...new Set(data.map((d) => String(d.contrast)))];
  return {
    $schema: SCHEMA,
    title: 'Monte Carlo SE of a difference between two grid points',
    data: { values: data },
    config: CONFIG,
    facet: { row: { field: 'contrast', type: 'nominal', sort: contrasts, title: null, header: { labelAngle: 0, labelOrient: 'top', labelAlign: 'left', labelAnchor: 'start', labelLimit: 600, labelFontWeight: 'bold' } } },
    spec: {
      width: 360,
      height: { step: 12 },
      mark: 'bar',
      encoding: {
        y: { field: 'estimand', type: 'nominal', title: null },
        yOffset: { field: 'series', sort: [...CRN_SERIES] },
        x: { field: 'mcse', type: 'quantitative', title: 'Monte Carlo SE of the difference (points)' },
        color: { field: 'series', type: 'nominal', sort: [...CRN_SERIES], scale: { range: ['#1f6fb4', '#e07b00'] }, title: null, legend: { labelLimit: 300 } },
        tooltip: [{ field: 'difference', format: '.2f' }, { field: 'mcse', format: '.3f' }, { field: 'n' }],
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
