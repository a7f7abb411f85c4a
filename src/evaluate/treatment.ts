/**
 * Truth for identification in treatment: the same figures computed on the world's in-scope
 * requirements with what truly happened, and the linkage scored pair by pair against the
 * people behind each record.
 */
import type { Table } from '../io/table.ts';
import { bools, ints, strings, NULL_INT } from '../io/table.ts';
import { estimateKey, type MethodEstimate } from '../results/estimate.ts';
import { treatmentFigures, ageGroups, type RequirementView } from '../methods/treatment/figures.ts';
import type { JourneyStatus, StartBand } from '../methods/treatment/journey.ts';
import { scoreLinks, type LinkScore } from '../methods/linkage/score.ts';
import { regionName } from '../world/geography.ts';

const ACCOMMODATION_LABEL: Record<string, string> = {
  settled: 'settled',
  no_fixed_abode: 'no fixed abode',
  rough_sleeping: 'rough sleeping',
  other_unsettled: 'other unsettled',
  unknown: 'unknown',
};

/** Each in-scope requirement as it truly was, keyed by requirement id. */
export function truthViews(requirements: Table, people: Table, extraction: number): Map<number, RequirementView> {
  const id = ints(requirements, 'requirement_id');
  const scope = strings(requirements, 'scope');
  const type = strings(requirements, 'requirement_type');
  const person = ints(requirements, 'person_id');
  const sentence = ints(requirements, 'sentence_date');
  const age = ints(requirements, 'age_at_sentence');
  const band = strings(requirements, 'length_band');
  const accommodation = strings(requirements, 'accommodation');
  const termination = ints(requirements, 'termination_date');
  const structured = bools(requirements, 'structured');
  const start = ints(requirements, 'treatment_start');
  const startBand = strings(requirements, 'start_band');
  const status = strings(requirements, 'status');
  const cjit = bools(requirements, 'cjit');
  const prison = bools(requirements, 'prison_within_12m');
  const region = strings(people, 'region_code');
  const sex = strings(people, 'sex');
  const out = new Map<number, RequirementView>();
  for (let i = 0; i < requirements.rowCount; i++) {
    if (scope[i] !== 'in_scope') continue;
    // In structured treatment while the requirement ran: started by its end (or extraction).
    const windowEnd = Math.min(termination[i], extraction);
    const linked = structured[i] === 1 && start[i] !== NULL_INT && start[i] <= windowEnd;
    out.set(id[i], {
      type: type[i] === 'ATR' ? 'ATR' : 'DRR',
      region: regionName(region[person[i]] ?? ''),
      accommodation: ACCOMMODATION_LABEL[accommodation[i] ?? 'unknown'],
      lengthBand: band[i] ?? '',
      age: age[i],
      sex: sex[person[i]] as 'M' | 'F',
      linked,
      status: linked ? (status[i] as JourneyStatus) : null,
      startBand: linked ? (startBand[i] as StartBand) : null,
      daysToStart: linked ? start[i] - sentence[i] : null,
      cjit: cjit[i] === 1,
      prison12m: prison[i] === 1,
    });
  }
  return out;
}

export function treatmentTruth(views: RequirementView[]): Map<string, number> {
  const truth = new Map<string, number>();
  for (const e of treatmentFigures(views, 'truth')) if (e.estimate !== null) truth.set(estimateKey(e), e.estimate);
  return truth;
}

function idMap(table: Table, idColumn: string, entityColumn: string): Map<string, string> {
  const ids = strings(table, idColumn);
  const entity = ints(table, entityColumn);
  const out = new Map<string, string>();
  for (let i = 0; i < table.rowCount; i++) out.set(ids[i] ?? '', String(entity[i]));
  return out;
}

const METHOD = 'linkage scored against the people behind each record';

/**
 * Pair-level precision, recall, F1 and false-match rate, overall and by the true sex, age band,
 * ethnicity, region and accommodation of the person behind the nDelius record.
 */
export function linkageScores(
  links: { left: string[]; right: string[] },
  cohortRecordIds: string[],
  keys: { ndelius: Table; right: Table; rightId: string },
  groupOf: (recordId: string) => Record<string, string>,
): MethodEstimate[] {
  const left = idMap(keys.ndelius, 'record_id', 'person_id');
  const cohort = new Set(cohortRecordIds);
  for (const id of [...left.keys()]) if (!cohort.has(id)) left.delete(id);
  const right = idMap(keys.right, keys.rightId, 'person_id');
  const out: MethodEstimate[] = [];
  const emit = (group: string, s: LinkScore) => {
    const pct = (x: number) => (Number.isNaN(x) ? null : 100 * x);
    out.push(
      { id: 'linkage.precision', group, estimate: pct(s.precision), ci: null, unit: 'pct', method: METHOD },
      { id: 'linkage.recall', group, estimate: pct(s.recall), ci: null, unit: 'pct', method: METHOD },
      { id: 'linkage.f1', group, estimate: pct(s.f1), ci: null, unit: 'pct', method: METHOD },
      { id: 'linkage.false_match_rate', group, estimate: pct(s.falseMatchRate), ci: null, unit: 'pct', method: METHOD },
    );
  };
  emit('all', scoreLinks(links, { left, right }).overall);
  const dimensions = Object.keys(groupOf(cohortRecordIds[0] ?? ''));
  for (const dimension of dimensions) {
    const group = new Map(cohortRecordIds.map((id) => [id, groupOf(id)[dimension]]));
    const scored = scoreLinks(links, { left, right }, group);
    for (const [value, s] of Object.entries(scored.byGroup ?? {}).sort()) if (value !== '') emit(`all|${dimension}=${value}`, s);
  }
  return out;
}

/** The true groups of a record's person, for the breakdowns of linkage quality. */
export function recordGroups(requirements: Table, people: Table, ndeliusKeys: Table): (recordId: string) => Record<string, string> {
  const reqAccommodation = strings(requirements, 'accommodation');
  const reqAge = ints(requirements, 'age_at_sentence');
  const reqIndex = new Map<number, number>();
  ints(requirements, 'requirement_id').forEach((id, i) => reqIndex.set(id, i));
  const sex = strings(people, 'sex');
  const ethnic = strings(people, 'ethnic_group');
  const region = strings(people, 'region_code');
  const record = strings(ndeliusKeys, 'record_id');
  const requirement = ints(ndeliusKeys, 'requirement_id');
  const person = ints(ndeliusKeys, 'person_id');
  const byRecord = new Map<string, Record<string, string>>();
  for (let i = 0; i < ndeliusKeys.rowCount; i++) {
    const r = reqIndex.get(requirement[i]) as number;
    const p = person[i];
    byRecord.set(record[i] ?? '', {
      sex: sex[p] === 'F' ? 'female' : 'male',
      age: ageGroups(reqAge[r])[0],
      ethnicity: ethnic[p] ?? '',
      region: regionName(region[p] ?? ''),
      accommodation: ACCOMMODATION_LABEL[reqAccommodation[r] ?? 'unknown'],
    });
  }
  return (id) => byRecord.get(id) ?? {};
}
