/** Truth for the cohort figures: counted on the world's requirements, not on any record. */
import type { Table } from '../io/table.ts';
import { ints, strings } from '../io/table.ts';

export function cohortTruth(requirements: Table, people: Table): Map<string, number> {
  const scope = strings(requirements, 'scope');
  const type = strings(requirements, 'requirement_type');
  const accommodation = strings(requirements, 'accommodation');
  const personId = ints(requirements, 'person_id');
  const sexOf = strings(people, 'sex');
  let n = 0, atr = 0, drr = 0, male = 0, atrUnknown = 0, drrUnknown = 0;
  for (let i = 0; i < requirements.rowCount; i++) {
    if (scope[i] !== 'in_scope') continue;
    n++;
    if (type[i] === 'ATR') {
      atr++;
      if (accommodation[i] === 'unknown') atrUnknown++;
    } else {
      drr++;
      if (accommodation[i] === 'unknown') drrUnknown++;
    }
    if (sexOf[personId[i]] === 'M') male++;
  }
  const key = (id: string, group: string) => `${id}\u0000${group}`;
  return new Map([
    [key('cohort.records_received', 'all'), requirements.rowCount],
    [key('cohort.requirements', 'all'), n],
    [key('cohort.requirements', 'ATR'), atr],
    [key('cohort.requirements', 'DRR'), drr],
    [key('cohort.share', 'ATR'), (100 * atr) / n],
    [key('cohort.share', 'DRR'), (100 * drr) / n],
    [key('cohort.male_share', 'all'), (100 * male) / n],
    [key('cohort.accommodation_unknown.pct', 'ATR'), (100 * atrUnknown) / atr],
    [key('cohort.accommodation_unknown.pct', 'DRR'), (100 * drrUnknown) / drr],
  ]);
}
