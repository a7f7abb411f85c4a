/**
 * The study's cohort from the records alone: of the ATR/DRR records nDelius sent, keep English
 * orders without an MHTR, sentenced inside the window, once per requirement (CRN + event).
 */
import type { Table } from '../io/table.ts';
import { bools, ints, strings, takeRows } from '../io/table.ts';
import type { StudyFacts } from './facts.ts';
import { REGION_CODES } from './vocabulary.ts';

export interface CohortRules {
  windowStart: number;
  windowEnd: number;
  /** Region codes in scope: England's 11 probation regions. */
  regions: readonly string[];
}

export interface CohortSelection {
  /** Row indexes of ndelius_requirements kept, one per requirement. */
  rows: number[];
  received: number;
  excluded: { wales_or_other_region: number; mental_health_requirement: number; outside_window: number; duplicate_record: number };
}

export function selectCohort(ndelius: Table, rules: CohortRules): CohortSelection {
  const region = strings(ndelius, 'region_code');
  const mhtr = bools(ndelius, 'has_mhtr');
  const sentence = ints(ndelius, 'sentence_date');
  const crn = strings(ndelius, 'crn');
  const event = ints(ndelius, 'event_number');
  const inRegion = new Set(rules.regions);
  const seen = new Set<string>();
  const excluded = { wales_or_other_region: 0, mental_health_requirement: 0, outside_window: 0, duplicate_record: 0 };
  const rows: number[] = [];
  for (let i = 0; i < ndelius.rowCount; i++) {
    if (!inRegion.has(region[i] ?? '')) excluded.wales_or_other_region++;
    else if (mhtr[i] === 1) excluded.mental_health_requirement++;
    else if (sentence[i] < rules.windowStart || sentence[i] > rules.windowEnd) excluded.outside_window++;
    else {
      const key = `${crn[i]}#${event[i]}`;
      if (seen.has(key)) excluded.duplicate_record++;
      else {
        seen.add(key);
        rows.push(i);
      }
    }
  }
  return { rows, received: ndelius.rowCount, excluded };
}

/** The study's cohort rules over its own window and England's regions: what every stage selects. */
export function studyCohort(ndelius: Table, facts: StudyFacts): CohortSelection {
  return selectCohort(ndelius, { windowStart: facts.windowStart, windowEnd: facts.extraction, regions: REGION_CODES });
}

/** The cohort's nDelius rows as their own table. */
export function cohortTable(ndelius: Table, rows: number[]): Table {
  return takeRows(ndelius, rows, 'cohort_requirements');
}
