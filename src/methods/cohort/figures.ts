/** Cohort figures of the study's sections 2.2 and 3.3, counted on the selected nDelius records. */
import type { Table } from '../../io/table.ts';
import { strings } from '../../io/table.ts';
import type { MethodEstimate } from '../../results/estimate.ts';
import type { CohortSelection } from '../../study/cohort.ts';

const METHOD = 'cohort: nDelius records after exclusions';

export function cohortFigures(ndelius: Table, selection: CohortSelection): MethodEstimate[] {
  const type = strings(ndelius, 'requirement_type');
  const sex = strings(ndelius, 'sex');
  const accommodation = strings(ndelius, 'accommodation');
  const n = selection.rows.length;
  const count = (pred: (i: number) => boolean) => selection.rows.filter(pred).length;
  const atr = count((i) => type[i] === 'ATR');
  const drr = count((i) => type[i] === 'DRR');
  const pct = (a: number, b: number) => (b === 0 ? null : (100 * a) / b);
  const e = (id: string, group: string, estimate: number | null, unit: 'pct' | 'count'): MethodEstimate => ({ id, group, estimate, ci: null, unit, method: METHOD });
  return [
    e('cohort.records_received', 'all', selection.received, 'count'),
    e('cohort.requirements', 'all', n, 'count'),
    e('cohort.requirements', 'ATR', atr, 'count'),
    e('cohort.requirements', 'DRR', drr, 'count'),
    e('cohort.share', 'ATR', pct(atr, n), 'pct'),
    e('cohort.share', 'DRR', pct(drr, n), 'pct'),
    e('cohort.male_share', 'all', pct(count((i) => sex[i] === 'M'), n), 'pct'),
    e('cohort.accommodation_unknown.pct', 'ATR', pct(count((i) => type[i] === 'ATR' && accommodation[i] === 'unknown'), atr), 'pct'),
    e('cohort.accommodation_unknown.pct', 'DRR', pct(count((i) => type[i] === 'DRR' && accommodation[i] === 'unknown'), drr), 'pct'),
  ];
}
