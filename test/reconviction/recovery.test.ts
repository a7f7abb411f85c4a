/**
 * With no identifier noise and no recording delay, what the method recovers from the records
 * is the truth: requirement by requirement, and figure by figure. The truth a record can show
 * stops at the extraction date, so "the truth" here is the truth for every requirement whose
 * 12 months ended by then, and the follow-up truth (offences by extraction) for all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/world/build.ts';
import { buildRecords, type RecordSet } from '../../src/records/build.ts';
import { bools, ints, strings, type Table } from '../../src/io/table.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { cohortTable, studyCohort } from '../../src/study/cohort.ts';
import { defaultRules, findReconvictions, type ReconvictionRules } from '../../src/methods/reconviction/reconvictions.ts';
import { reconvictionFigures, status3Of, type ReconvictionRow } from '../../src/methods/reconviction/figures.ts';
import { windowLastDay } from '../../src/methods/reconviction/window.ts';
import { trueReconvictions, truthRows, type TruthLevel } from '../../src/evaluate/reconviction.ts';
import { truthViews, truthSources } from '../../src/evaluate/treatment.ts';
import { scenario } from '../helpers.ts';

const SCALE = 0.05;
const SEED = 42;
const CONVICTIONS_ONLY = ['not guilty', 'withdrawn', 'dismissed'];
const NO_DELAY = { reconviction: { outcome_delay: { magistrates: { median_days: 0 }, crown: { median_days: 0 } } } };

interface Recovered {
  sc: Scenario;
  records: RecordSet;
  cohort: Table;
  requirementOf: number[];
  reconvicted: boolean[];
  truth: Map<number, Record<TruthLevel, boolean>>;
  rules: ReconvictionRules;
}

function table(set: RecordSet, name: string): Table {
  const t = [...set.observed, ...set.truth].find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

async function recover(sc: Scenario, excluded: string[] = CONVICTIONS_ONLY): Promise<Recovered> {
  const world = buildWorld(sc, SCALE, SEED);
  const records = buildRecords(sc, world, SEED);
  const ndelius = table(records, 'ndelius_requirements');
  const extraction = world.window.end;
  const cohort = cohortTable(ndelius, studyCohort(ndelius, { windowStart: world.window.start, extraction }).rows);
  const rules: ReconvictionRules = { ...defaultRules(extraction), excludedOutcomes: excluded };
  const found = await findReconvictions({ cohort, courts: table(records, 'court_outcomes'), rules });
  const keys = table(records, 'truth_ndelius_requirements');
  const reqOfRecord = new Map<string, number>();
  strings(keys, 'record_id').forEach((id, i) => reqOfRecord.set(id ?? '', ints(keys, 'requirement_id')[i]));
  const requirementOf = strings(cohort, 'record_id').map((id) => reqOfRecord.get(id ?? '') as number);
  const truth = trueReconvictions(table(records, 'truth_requirements'), table(records, 'truth_court_cases'), rules);
  return { sc, records, cohort, requirementOf, reconvicted: found.reconvicted, truth, rules };
}

function mismatches(r: Recovered, level: TruthLevel, only: (i: number) => boolean = () => true): number {
  let n = 0;
  r.reconvicted.forEach((flag, i) => {
    if (only(i) && flag !== r.truth.get(r.requirementOf[i])?.[level]) n++;
  });
  return n;
}

describe('no identifier noise, no recording delay', () => {
  let r: Recovered;
  beforeAll(async () => {
    r = await recover(scenario('clean', NO_DELAY));
  });

  it('the knob records every outcome on its offence day', () => {
    const cases = table(r.records, 'truth_court_cases');
    const offence = ints(cases, 'offence_date');
    const outcome = ints(cases, 'outcome_date');
    for (let i = 0; i < cases.rowCount; i++) expect(outcome[i]).toBe(offence[i]);
  });

  it('the cohort is the in-scope requirements, and a fair share were reconvicted', () => {
    expect(r.cohort.rowCount).toBe(r.truth.size);
    const share = r.reconvicted.filter(Boolean).length / r.reconvicted.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.7);
  });

  it('every requirement is recovered as it truly was (follow-up truth), and as the full truth once its 12 months are over', () => {
    const sentence = ints(r.cohort, 'sentence_date');
    const complete = (i: number) => windowLastDay(sentence[i], r.rules.window.length) <= r.rules.extraction;
    expect(r.reconvicted.filter((_, i) => complete(i)).length).toBeGreaterThan(1000);
    expect(mismatches(r, 'followup_truth')).toBe(0);
    expect(mismatches(r, 'recorded_truth')).toBe(0);
    expect(mismatches(r, 'truth', complete)).toBe(0);
    // Requirements sentenced in the last year have offences still to come: the truth is higher.
    expect(mismatches(r, 'truth')).toBeGreaterThan(0);
  });

  it('the section 4 figures equal the truth, given the same treatment status', async () => {
    const views = truthViews(await truthSources((_side, name) => table(r.records, name)), r.rules.extraction);
    const byReq = new Map(r.requirementOf.map((req, i) => [req, r.reconvicted[i]]));
    const recovered: ReconvictionRow[] = [...views].map(([req, v]) => ({
      type: v.type, region: v.region, lengthBand: v.lengthBand, linked: v.linked, status3: status3Of(v.linked, v.status), reconvicted: byReq.get(req) as boolean,
    }));
    const truth = truthRows(views, r.truth, 'followup_truth');
    expect(reconvictionFigures(recovered, 'm').map((e) => [e.id, e.group, e.estimate])).toEqual(reconvictionFigures(truth, 'm').map((e) => [e.id, e.group, e.estimate]));
    expect(reconvictionFigures(recovered, 'm').length).toBeGreaterThan(50);
  });

  it('the true views are made once per set of tables: the same for the same tables, made again for others or another date', async () => {
    const src = await truthSources((_side, name) => table(r.records, name));
    const views = truthViews(src, r.rules.extraction);
    expect(truthViews({ ...src }, r.rules.extraction)).toBe(views);
    // A copy of one table is another table: the views are made again, and come out the same.
    const copy = { ...src, community: { ...src.community } };
    const again = truthViews(copy, r.rules.extraction);
    expect(again).not.toBe(views);
    expect(again).toEqual(views);
    const earlier = truthViews(src, r.rules.extraction - 400);
    expect(earlier).not.toBe(views);
    expect([...earlier.values()].filter((v) => v.linked).length).toBeLessThan([...views.values()].filter((v) => v.linked).length);
  });

  it("the study's definition also counts withdrawn and dismissed charges, and only those on top", async () => {
    const study = await recover(scenario('clean', NO_DELAY), ['not guilty']);
    let extra = 0;
    study.reconvicted.forEach((flag, i) => {
      if (r.reconvicted[i]) expect(flag).toBe(true);
      else if (flag) extra++;
    });
    expect(extra).toBeGreaterThan(0);
  });

  it('taking the delay away changes no true reconviction (the draw is still taken)', () => {
    const withDelay = buildRecords(scenario('clean'), buildWorld(scenario('clean'), SCALE, SEED), SEED);
    const a = table(withDelay, 'truth_requirements');
    const b = table(r.records, 'truth_requirements');
    expect(Array.from(bools(a, 'reconvicted'))).toEqual(Array.from(bools(b, 'reconvicted')));
    expect(Array.from(ints(table(withDelay, 'truth_court_cases'), 'offence_date'))).toEqual(Array.from(ints(table(r.records, 'truth_court_cases'), 'offence_date')));
  });
});

describe('no identifier noise, the baseline recording delay', () => {
  it('what is recovered is the recorded truth: the delay, not the matching, makes the gap', async () => {
    const r = await recover(scenario('clean'));
    expect(mismatches(r, 'recorded_truth')).toBe(0);
    const count = (level: TruthLevel) => [...r.truth.values()].filter((t) => t[level]).length;
    expect(count('recorded_truth')).toBeLessThan(count('followup_truth'));
    expect(count('followup_truth')).toBeLessThan(count('truth'));
  });
});
