/** Courts: each recorded outcome, its case keyed by requirement and kind of case. */
import { tableBuilder } from '../../io/table-builder.ts';
import { TABLES } from '../tables.ts';
import { TRUTH_TABLES } from '../truth-tables.ts';
import { orderByDay, pad, recorder, tieBreak, type RecordsContext, type SystemRecords } from './common.ts';

export function courtRecords(ctx: RecordsContext): SystemRecords {
  const { scenario, world, seed, end, people } = ctx;
  // Each case is keyed afresh, by its stable key (requirement and kind of case), so a
  // case added or removed elsewhere moves no other case's noise or order; only outcomes recorded
  // by the extraction date exist.
  const co = recorder(scenario, seed, 'courts');
  const recorded = world.courtCases.filter((c) => c.outcomeDate <= end);
  const caseOrder = orderByDay(recorded.length, (k) => recorded[k].outcomeDate, (k) => tieBreak(seed, recorded[k].caseKey));
  const courts = tableBuilder('court_outcomes', TABLES.court_outcomes.columns, recorded.length);
  const courtsTruth = tableBuilder('truth_court_outcomes', TRUTH_TABLES.truth_court_outcomes.columns, recorded.length);
  const commonPlatformFrom = Date.UTC(2021, 0, 1) / 86_400_000;
  caseOrder.forEach((k, rowNumber) => {
    const c = recorded[k];
    const person = people[c.personId];
    const id = co.identity(person, c.caseKey, world.requirements[c.requirementId].accommodation);
    const system = c.outcomeDate >= commonPlatformFrom && co.extra(c.caseKey).next() < 0.7 ? 'Common Platform' : c.courtType === 'Crown' ? 'Xhibit' : 'Libra';
    const caseId = pad('C', rowNumber + 1);
    courts.push([caseId, system, c.courtType, id.pnc, id.forename, id.surname, id.dob, id.sex, c.offenceGroup, c.offenceDate, c.hearingDate, c.outcome, c.outcomeDate]);
    courtsTruth.push([caseId, c.personId, c.requirementId, c.caseKey]);
  });

  return { observed: [courts.finish()], truth: [courtsTruth.finish()] };
}
