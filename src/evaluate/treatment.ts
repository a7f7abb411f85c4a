/**
 * Truth for identification in treatment: the same figures computed on the world's in-scope
 * requirements with what truly happened, and the linkage scored pair by pair against the
 * people behind each record.
 */
import type { Table } from '../io/table.ts';
import { getColumn, ints, strings } from '../io/table.ts';
import { estimateKey, type MethodEstimate } from '../results/estimate.ts';
import { treatmentFigures, ageGroups, type RequirementView } from '../methods/treatment/figures.ts';
import { journeyOf, type EpisodeDates } from '../methods/treatment/journey.ts';
import { scoreLinksGrouped, type LinkScore, type TruthKeys } from '../methods/linkage/score.ts';
import { rawText } from '../methods/linkage/encode.ts';
import type { LinkResult } from '../methods/linkage/index.ts';
import { regionName } from '../study/vocabulary.ts';
import { ACCOMMODATION_LABEL } from '../records/labels.ts';


export interface TruthSources {
  requirements: Table;
  people: Table;
  /** Observed tables (their dates are recorded exactly) with the truth keys to their people. */
  community: Table;
  communityKeys: Table;
  cjit: Table;
  cjitKeys: Table;
  pnomis: Table;
  pnomisKeys: Table;
}

/** The tables truthViews needs, from a stage context or any name -> table lookup. */
export async function truthSources(get: (side: 'observed' | 'truth', name: string) => Table | Promise<Table>): Promise<TruthSources> {
  return {
    requirements: await get('truth', 'truth_requirements'),
    people: await get('truth', 'truth_people'),
    community: await get('observed', 'ndtms_community'),
    communityKeys: await get('truth', 'truth_ndtms_community'),
    cjit: await get('observed', 'ndtms_cjit'),
    cjitKeys: await get('truth', 'truth_ndtms_cjit'),
    pnomis: await get('observed', 'pnomis_spells'),
    pnomisKeys: await get('truth', 'truth_pnomis_spells'),
  };
}

/**
 * Row indexes of a keyed table per person, for the people asked about only: the NDTMS
 * background (most of the rows) has no requirement, and its lists were never read.
 */
function rowsByPerson(keys: Table, wanted: ReadonlySet<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  ints(keys, 'person_id').forEach((p, i) => {
    if (!wanted.has(p)) return;
    const list = out.get(p);
    if (list) list.push(i);
    else out.set(p, [i]);
  });
  return out;
}

/** The views last made from a run's true requirements, with the tables and date they came from. */
const viewsMade = new WeakMap<Table, { src: TruthSources; extraction: number; views: Map<number, RequirementView> }>();

/**
 * Each in-scope requirement as it truly was, keyed by requirement id: the method's own rules
 * (journeyOf, the 12-month windows) applied to ALL of the person's true episodes, contacts
 * and spells, so the truth is the same quantity the method estimates with a perfect linkage.
 * The linkage and reconviction evaluations both ask for them, from the same tables: the
 * views are remembered by the tables and extraction day they came from, so the second asks for
 * views already made (shared, so read only).
 */
export function truthViews(src: TruthSources, extraction: number): Map<number, RequirementView> {
  const made = viewsMade.get(src.requirements);
  const same = made !== undefined && made.extraction === extraction && (Object.keys(src) as (keyof TruthSources)[]).every((k) => made.src[k] === src[k]);
  if (same) return made.views;
  const views = makeTruthViews(src, extraction);
  viewsMade.set(src.requirements, { src, extraction, views });
  return views;
}

function makeTruthViews(src: TruthSources, extraction: number): Map<number, RequirementView> {
  const { requirements, people } = src;
  const id = ints(requirements, 'requirement_id');
  const scope = strings(requirements, 'scope');
  const type = strings(requirements, 'requirement_type');
  const person = ints(requirements, 'person_id');
  const sentence = ints(requirements, 'sentence_date');
  const age = ints(requirements, 'age_at_sentence');
  const band = strings(requirements, 'length_band');
  const accommodation = strings(requirements, 'accommodation');
  const termination = ints(requirements, 'termination_date');
  const region = strings(people, 'region_code');
  const sex = strings(people, 'sex');
  const cohort = new Set(person);
  const episodes = rowsByPerson(src.communityKeys, cohort);
  const contacts = rowsByPerson(src.cjitKeys, cohort);
  const spells = rowsByPerson(src.pnomisKeys, cohort);
  const [triage, discharge, reason] = [ints(src.community, 'triage_date'), ints(src.community, 'discharge_date'), strings(src.community, 'discharge_reason')];
  const contactDate = ints(src.cjit, 'contact_date');
  const reception = ints(src.pnomis, 'reception_date');
  const out = new Map<number, RequirementView>();
  for (let i = 0; i < requirements.rowCount; i++) {
    if (scope[i] !== 'in_scope') continue;
    const p = person[i];
    const start = sentence[i];
    const windowEnd = Math.min(termination[i], extraction);
    const journey = journeyOf(
      (episodes.get(p) ?? []).map((r): EpisodeDates => ({ triage: triage[r], discharge: discharge[r], dischargeReason: reason[r] })),
      start,
      windowEnd,
    );
    const yearEnd = start + 365;
    out.set(id[i], {
      type: type[i] === 'ATR' ? 'ATR' : 'DRR',
      region: regionName(region[p] ?? ''),
      accommodation: ACCOMMODATION_LABEL[(accommodation[i] ?? 'unknown') as keyof typeof ACCOMMODATION_LABEL],
      lengthBand: band[i] ?? '',
      age: age[i],
      sex: sex[p] as 'M' | 'F',
      linked: journey !== null,
      status: journey?.status ?? null,
      startBand: journey?.startBand ?? null,
      daysToStart: journey?.daysToStart ?? null,
      cjit: (contacts.get(p) ?? []).some((r) => contactDate[r] >= start && contactDate[r] <= yearEnd),
      prison12m: (spells.get(p) ?? []).some((r) => reception[r] >= start && reception[r] <= yearEnd),
    });
  }
  return out;
}

export function treatmentTruth(views: RequirementView[]): Map<string, number> {
  const truth = new Map<string, number>();
  for (const e of treatmentFigures(views, 'truth')) if (e.estimate !== null) truth.set(estimateKey(e), e.estimate);
  return truth;
}

/**
 * Record id -> its person (as text), for the rows whose person `keep` accepts; a later row of
 * the same id replaces an earlier one, and a later row not kept removes it, as a map of every
 * row would end.
 */
function idMap(table: Table, idColumn: string, entityColumn: string, keep: (person: number) => boolean = () => true): Map<string, string> {
  const ids = strings(table, idColumn);
  const entity = ints(table, entityColumn);
  const out = new Map<string, string>();
  for (let i = 0; i < table.rowCount; i++) {
    if (keep(entity[i])) out.set(ids[i] ?? '', String(entity[i]));
    else out.delete(ids[i] ?? '');
  }
  return out;
}

/** The people behind the records a linkage is scored against (linkageTruthKeys). */
export interface LinkageTruthKeys extends TruthKeys {
  /** Every nDelius record's person (`left` holds the cohort's alone). */
  ndelius: Map<string, string>;
}

/**
 * The truth keys a linkage is scored with: each cohort nDelius record's person, and each right
 * record's person where that person is one of the cohort's. A right record of anyone else can
 * be no cohort record's true match, so leaving it out changes no score, and saves a map entry
 * for every background record of NDTMS.
 */
export function linkageTruthKeys(cohortRecordIds: string[], keys: { ndelius: Table; right: Table; rightId: string }): LinkageTruthKeys {
  const ndelius = idMap(keys.ndelius, 'record_id', 'person_id');
  const left = new Map<string, string>();
  for (const id of new Set(cohortRecordIds)) {
    const person = ndelius.get(id);
    if (person !== undefined) left.set(id, person);
  }
  const cohortPeople = new Set([...left.values()].map(Number));
  return { ndelius, left, right: idMap(keys.right, keys.rightId, 'person_id', (person) => cohortPeople.has(person)) };
}

const METHOD = 'linkage scored against the people behind each record';

/**
 * Pair-level precision, recall, F1 and false-match rate, overall and by the true sex, age band,
 * ethnicity, region and accommodation of the person behind the nDelius record (one pass for all).
 */
export function linkageScores(
  links: { left: string[]; right: string[] },
  cohortRecordIds: string[],
  truth: TruthKeys,
  groupOf: (recordId: string) => Record<string, string>,
): MethodEstimate[] {
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
  const dimensions = Object.keys(groupOf(cohortRecordIds[0] ?? ''));
  const groupings: Record<string, Map<string, string>> = Object.fromEntries(dimensions.map((d) => [d, new Map<string, string>()]));
  for (const id of cohortRecordIds) {
    const groups = groupOf(id);
    for (const d of dimensions) groupings[d].set(id, groups[d]);
  }
  const scored = scoreLinksGrouped(links, truth, groupings);
  emit('all', scored.overall);
  out.push({ id: 'linkage.true_pairs', group: 'all', estimate: scored.overall.truePairs, ci: null, unit: 'count', method: METHOD });
  for (const dimension of dimensions) {
    for (const [value, s] of Object.entries(scored.byGrouping[dimension]).sort()) if (value !== '') emit(`all|${dimension}=${value}`, s);
  }
  return out;
}

/**
 * Pair completeness: of the true pairs (a cohort record and an episode of the same person), the
 * share the blocking rules proposed at all. A pair never proposed has no match probability, so
 * the label-free estimates cannot count it as missed: their recall is the recall among the
 * proposed pairs, which is the scored recall divided by this share.
 */
export function pairCompleteness(
  link: Pick<LinkResult, 'left' | 'right' | 'settings' | 'pairs'>,
  truth: LinkageTruthKeys,
): MethodEstimate {
  const { ndelius: left, right } = truth;
  // truth.left holds each cohort record once, with its person: how many records each person has.
  const cohortPeople = new Map<string, number>();
  for (const person of truth.left.values()) cohortPeople.set(person, (cohortPeople.get(person) ?? 0) + 1);
  let truePairs = 0;
  for (const person of right.values()) truePairs += cohortPeople.get(person) ?? 0;
  // Each row's person looked up once, not once per pair (millions of pairs share a few hundred
  // thousand rows); NaN where there is none, or (left) none of the cohort's, so it equals nothing.
  const personOfRows = (table: Table, idColumn: string, people: Map<string, string>, keep: (person: string) => boolean): Float64Array => {
    const column = getColumn(table, idColumn);
    const out = new Float64Array(table.rowCount).fill(NaN);
    for (let r = 0; r < table.rowCount; r++) {
      const person = people.get(rawText(column, r) ?? '');
      if (person !== undefined && keep(person)) out[r] = Number(person);
    }
    return out;
  };
  const leftPerson = personOfRows(link.left, link.settings.ids.left, left, (person) => cohortPeople.has(person));
  const rightPerson = personOfRows(link.right, link.settings.ids.right, right, () => true);
  const { left: pairLeft, right: pairRight, count } = link.pairs;
  let proposed = 0;
  for (let p = 0; p < count; p++) if (leftPerson[pairLeft[p]] === rightPerson[pairRight[p]]) proposed++;
  return { id: 'linkage.pair_completeness', group: 'all', estimate: truePairs ? (100 * proposed) / truePairs : null, ci: null, unit: 'pct', method: METHOD };
}

/**
 * Truth for the label-free estimates of the same links: the figure scored against the people
 * (the expected false-negative rate against 100 - recall).
 */
export function expectedErrorTruth(scores: MethodEstimate[]): Map<string, number> {
  const all = new Map(scores.filter((e) => e.group === 'all' && e.estimate !== null).map((e) => [e.id, e.estimate as number]));
  const truth = new Map<string, number>();
  const set = (id: string, v: number | undefined) => v !== undefined && truth.set(estimateKey({ id, group: 'all' }), v);
  set('linkage.precision.expected', all.get('linkage.precision'));
  set('linkage.recall.expected', all.get('linkage.recall'));
  set('linkage.false_discovery_rate.expected', all.get('linkage.false_match_rate'));
  const recall = all.get('linkage.recall');
  set('linkage.false_negative_rate.expected', recall === undefined ? undefined : 100 - recall);
  set('linkage.true_pairs.expected', all.get('linkage.true_pairs'));
  return truth;
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
      accommodation: ACCOMMODATION_LABEL[(reqAccommodation[r] ?? 'unknown') as keyof typeof ACCOMMODATION_LABEL],
    });
  }
  return (id) => byRecord.get(id) ?? {};
}
