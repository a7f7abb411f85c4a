/**
 * Truth for reconviction within 12 months: the section 4 figures computed on the world with the
 * method's own figures function and window, at three levels so a reader can split the gap
 * between the study's figure and the truth:
 *
 *   reconviction.*                  truth: a guilty outcome for an offence in the window, by the
 *                                   true treatment status, whenever it was recorded (and even
 *                                   when the offence came after the extraction date)
 *   reconviction.followup_truth.*   the same, counting only offences committed by the
 *                                   extraction date (the follow-up the data allow)
 *   reconviction.recorded_truth.*   the same, counting only outcomes recorded by the extraction
 *                                   date (follow-up and the recording delay)
 *
 * and beside them the method's own variant
 *
 *   reconviction.convictions_only.* the method's figures from the same matches counting guilty
 *                                   outcomes only (not withdrawn or dismissed charges)
 *
 * truth - followup_truth is the cut-off follow-up, followup_truth - recorded_truth the recording
 * delay, convictions_only - recorded_truth what matching courts and linking NDTMS got wrong,
 * and recovered - convictions_only the study's definition counting withdrawn and dismissed
 * charges, which are not convictions. Every parallel estimate has the full truth beside it.
 *
 * For the regressions, the truth of each odds ratio is exp(coefficient) of the scenario model
 * that generated the outcome (1 where the model has no such effect), the region variance the
 * sample variance of its realised region intercepts, and each region's effect its realised
 * intercept less their mean (the fixed intercept absorbs the mean).
 */
import type { Table } from '../io/table.ts';
import { ints, strings } from '../io/table.ts';
import { estimateKey, type MethodEstimate } from '../results/estimate.ts';
import type { Coefficient, RegionCode, RequirementType, Scenario } from '../scenario/schema.ts';
import { LENGTH_BANDS, LENGTH_RANGES, REGION_CODES, REQUIREMENT_TYPES, coefficientFor, lengthBandOf } from '../scenario/schema.ts';
import { reconvictionFigures, status3Of, type ReconvictionRow } from '../methods/reconviction/figures.ts';
import { countsAsReconviction, type CourtCaseDates, type ReconvictionRules } from '../methods/reconviction/reconvictions.ts';
import { factorTable, fitStudyModels, modelEstimates, type ModelGroup, type ModelOutcome, type ModelSpec } from '../methods/reconviction/models.ts';
import type { RequirementView } from '../methods/treatment/figures.ts';
import { regionName } from '../study/vocabulary.ts';
import { reconvictionCovariates, structuredCovariates } from '../world/journeys.ts';
import type { Person, Requirement } from '../world/types.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The study's stated directions (section 5; docs/reading-the-study.md, item 9). */
export function studyDirections(): { factor: string; outcome: string; direction: string }[] {
  return JSON.parse(readFileSync(fileURLToPath(new URL('./reference/regression_directions.json', import.meta.url)), 'utf8'));
}

export const TRUTH_LEVELS = ['followup_truth', 'recorded_truth'] as const;
export type TruthLevel = 'truth' | (typeof TRUTH_LEVELS)[number];

/** Each in-scope requirement's true reconviction at each level, keyed by requirement id. */
export function trueReconvictions(
  requirements: Table,
  courtCases: Table,
  rules: ReconvictionRules,
): Map<number, Record<TruthLevel, boolean>> {
  const casesOf = new Map<number, (CourtCaseDates & { recorded: boolean })[]>();
  const person = ints(courtCases, 'person_id');
  const offence = ints(courtCases, 'offence_date');
  const outcomeDate = ints(courtCases, 'outcome_date');
  const outcome = strings(courtCases, 'outcome');
  for (let i = 0; i < courtCases.rowCount; i++) {
    // Only a conviction is a reconviction in truth, whatever the study's definition counted.
    if (outcome[i] !== 'guilty') continue;
    const list = casesOf.get(person[i]) ?? casesOf.set(person[i], []).get(person[i])!;
    // The world records one date for hearing and outcome.
    list.push({ offenceDate: offence[i], hearingDate: outcomeDate[i], outcomeDate: outcomeDate[i], outcome: 'guilty', recorded: outcomeDate[i] <= rules.extraction });
  }
  const anyTime: ReconvictionRules = { ...rules, excludedOutcomes: [], extraction: Number.POSITIVE_INFINITY };
  const recorded: ReconvictionRules = { ...rules, excludedOutcomes: [] };
  const id = ints(requirements, 'requirement_id');
  const owner = ints(requirements, 'person_id');
  const scope = strings(requirements, 'scope');
  const sentence = ints(requirements, 'sentence_date');
  const out = new Map<number, Record<TruthLevel, boolean>>();
  for (let i = 0; i < requirements.rowCount; i++) {
    if (scope[i] !== 'in_scope') continue;
    // A person's cases count for each of their requirements, as matching by person does.
    const cases = casesOf.get(owner[i]) ?? [];
    out.set(id[i], {
      truth: cases.some((c) => countsAsReconviction(sentence[i], c, anyTime)),
      followup_truth: cases.some((c) => c.offenceDate <= rules.extraction && countsAsReconviction(sentence[i], c, anyTime)),
      recorded_truth: cases.some((c) => countsAsReconviction(sentence[i], c, recorded)),
    });
  }
  return out;
}

/** Rows for the figures function from the true views and true reconvictions. */
export function truthRows(views: Map<number, RequirementView>, reconvicted: Map<number, Record<TruthLevel, boolean>>, level: TruthLevel): ReconvictionRow[] {
  const rows: ReconvictionRow[] = [];
  for (const [id, v] of views) {
    rows.push({ type: v.type, region: v.region, lengthBand: v.lengthBand, linked: v.linked, status3: status3Of(v.linked, v.status), reconvicted: reconvicted.get(id)?.[level] ?? false });
  }
  return rows;
}

/**
 * The truth of every section 4 figure, and the parallel estimates of the truth at the other
 * levels (each with the full truth beside it).
 */
export function reconvictionTruth(views: Map<number, RequirementView>, reconvicted: Map<number, Record<TruthLevel, boolean>>): {
  truth: Map<string, number>;
  levels: MethodEstimate[];
} {
  const truth = new Map<string, number>();
  for (const e of reconvictionFigures(truthRows(views, reconvicted, 'truth'), 'truth')) if (e.estimate !== null) truth.set(estimateKey(e), e.estimate);
  const levels: MethodEstimate[] = [];
  const method: Record<(typeof TRUTH_LEVELS)[number], string> = {
    followup_truth: 'truth on the world: guilty, offence in the window and committed by the extraction date, true treatment status',
    recorded_truth: 'truth on the world: guilty, offence in the window and outcome recorded by the extraction date, true treatment status',
  };
  // Other parallel sets (the method's own variants) get the full truth beside them too.
  for (const prefix of ['reconviction.convictions_only']) {
    for (const e of reconvictionFigures(truthRows(views, reconvicted, 'truth'), 'truth', prefix)) if (e.estimate !== null) truth.set(estimateKey(e), e.estimate);
  }
  for (const level of TRUTH_LEVELS) {
    const prefix = `reconviction.${level}`;
    for (const e of reconvictionFigures(truthRows(views, reconvicted, level), method[level], prefix)) {
      levels.push(e);
      // Beside each, the full truth of the same figure.
      const t = truth.get(estimateKey({ id: `reconviction${e.id.slice(prefix.length)}`, group: e.group }));
      if (t !== undefined) truth.set(estimateKey(e), t);
    }
  }
  return { truth, levels };
}

/** Which generating coefficients a term switches on, per outcome and requirement type. */
function termCoefficients(outcome: ModelOutcome, term: string, type: 'ATR' | 'DRR' | 'all'): string[] | null {
  if (outcome === 'linked') {
    if (term === 'ethnicity_asian' || term === 'ethnicity_mixed') return ['asian_or_mixed'];
    if (term === 'ethnicity_black' || term === 'ethnicity_other' || term === 'male' || term === 'not_settled') return [];
    return [term];
  }
  if (term === 'ethnicity_black') return type === 'ATR' ? ['black_atr'] : type === 'DRR' ? [] : null;
  // length_months is read with short_requirement by trueLengthSlope.
  const named = ['male', 'rsr_medium_or_high', 'theft', 'length_months', 'not_settled', 'status_completed', 'status_remained', 'status_dropout'];
  return named.includes(term) ? [term] : [];
}

function modelOf(scenario: Scenario, outcome: ModelOutcome) {
  return outcome === 'linked' ? scenario.treatment.structured : scenario.reconviction.model;
}

/** The realised region intercepts the outcome was generated with (London's DRR effect included). */
export function realisedRegionEffects(scenario: Scenario, outcome: ModelOutcome, type: 'ATR' | 'DRR'): Map<RegionCode, number> {
  const model = modelOf(scenario, outcome);
  const out = new Map<RegionCode, number>();
  for (const code of REGION_CODES) {
    let u = model.region_effects[type][code];
    if (outcome === 'reconvicted' && type === 'DRR' && code === 'N07') u += coefficientFor(scenario.reconviction.model.coefficients.london_drr, 'DRR');
    out.set(code, u);
  }
  return out;
}

/**
 * A generating coefficient's value for a model fitted to one type (the study fits ATR and DRR
 * apart). For the model of both types only a coefficient the types share has one true value:
 * null when they differ.
 */
function coefficientOfGroup(value: Coefficient | undefined, group: ModelGroup): number | null {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (group !== 'all') return coefficientFor(value, group);
  return value.ATR === value.DRR ? value.ATR : null;
}

/** Each whole-month length of a type's requirements with its chance: the scenario's band shares, months uniform within a band. */
function lengthDistribution(scenario: Scenario, type: RequirementType): { months: number; p: number }[] {
  const out: { months: number; p: number }[] = [];
  for (const band of LENGTH_BANDS) {
    const [a, b] = LENGTH_RANGES[band];
    for (let m = a; m <= b; m++) out.push({ months: m, p: scenario.requirements.length_band[type][band] / (b - a + 1) });
  }
  return out;
}

/**
 * The true odds ratio per month behind the study's straight-line length term. The generating
 * model has a slope (`length_months`) and a step for 1-3 month requirements
 * (`short_requirement`); the study's term can only be a line, so its truth is the slope of the
 * least-squares line through the true length effect over the lengths the requirements have:
 * b + s * cov(short, months) / var(months), which is b when there is no step. For the model of
 * both types the lengths of both are pooled by the cohort's type shares, and there is a truth
 * only when the types share both coefficients.
 */
function trueLengthSlope(scenario: Scenario, group: ModelGroup): number | null {
  const { length_months: slope, short_requirement: step } = scenario.reconviction.model.coefficients;
  const b = coefficientOfGroup(slope, group);
  const s = coefficientOfGroup(step, group);
  if (b === null || s === null) return null;
  if (s === 0) return b;
  const types = group === 'all' ? REQUIREMENT_TYPES : [group];
  const points = types.flatMap((t) =>
    lengthDistribution(scenario, t).map(({ months, p }) => ({ months, p: p * (group === 'all' ? scenario.cohort.type_share[t] : 1) })),
  );
  const total = points.reduce((a, x) => a + x.p, 0);
  const mean = (f: (m: number) => number) => points.reduce((a, x) => a + x.p * f(x.months), 0) / total;
  const mu = mean((m) => m);
  const short = (m: number) => (lengthBandOf(m) === '1-3m' ? 1 : 0);
  const cov = mean((m) => (m - mu) * short(m));
  const variance = mean((m) => (m - mu) ** 2);
  return b + (s * cov) / variance;
}

function sampleVariance(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
}

/** The mean of each generating covariate over the in-scope requirements of both types, per model. */
export type CovariateMeans = Record<ModelOutcome, Record<string, number>>;

/**
 * The means of the generating models' covariates over the world's in-scope requirements of both
 * types (true values, computed as the world computed them), for the type term of the model of
 * both types when a coefficient differs by type.
 */
export function pooledCovariateMeans(requirements: Table, people: Table): CovariateMeans {
  const col = (t: Table, name: string) => strings(t, name);
  const [scope, type, court, offence, accommodation, rsr, status] = ['scope', 'requirement_type', 'court_type', 'offence_group', 'accommodation', 'rsr_band', 'status'].map((c) => col(requirements, c));
  const [person, age, months] = ['person_id', 'age_at_sentence', 'length_months'].map((c) => ints(requirements, c));
  const [sex, ethnic, region] = ['sex', 'ethnic_group', 'region_code'].map((c) => col(people, c));
  const sums: CovariateMeans = { linked: {}, reconvicted: {} };
  let n = 0;
  for (let i = 0; i < requirements.rowCount; i++) {
    if (scope[i] !== 'in_scope') continue;
    const p = person[i];
    const req = {
      type: type[i], courtType: court[i], offenceGroup: offence[i], ageAtSentence: age[i], lengthMonths: months[i],
      accommodation: accommodation[i], rsrBand: rsr[i], status: status[i],
    } as unknown as Requirement;
    const who = { sex: sex[p], ethnicGroup: ethnic[p], regionCode: region[p] } as unknown as Person;
    for (const [outcome, x] of [['linked', structuredCovariates(req, who)], ['reconvicted', reconvictionCovariates(req, who)]] as const) {
      for (const [name, v] of Object.entries(x)) sums[outcome][name] = (sums[outcome][name] ?? 0) + v;
    }
    n++;
  }
  for (const outcome of ['linked', 'reconvicted'] as const) for (const name of Object.keys(sums[outcome])) sums[outcome][name] /= n;
  return sums;
}

/**
 * The part of the DRR-ATR gap that coefficients given per type add, at the pooled cohort's
 * covariate means (the model of both types has one type term, so it reads the gap averaged over
 * the cohort). 0 when every coefficient is shared; null when one differs and no means are given.
 */
function perTypeGap(coefficients: Record<string, Coefficient>, means: Record<string, number> | undefined): number | null {
  let gap = 0;
  for (const [name, value] of Object.entries(coefficients)) {
    if (typeof value === 'number' || value.DRR === value.ATR) continue;
    const mean = means?.[name];
    if (mean === undefined) return null;
    gap += (value.DRR - value.ATR) * mean;
  }
  return gap;
}

/**
 * True odds ratios, region variances and region effects for the estimates the models give.
 * `means` (pooledCovariateMeans) gives the type term of the model of both types a truth when a
 * coefficient differs by type.
 */
export function regressionTruth(scenario: Scenario, estimates: MethodEstimate[], means?: CovariateMeans): Map<string, number> {
  const truth = new Map<string, number>();
  for (const e of estimates) {
    const m = /^regression\.(?:world_fit\.)?(linked|reconvicted)\.(odds_ratio|region_variance|region_effect)$/.exec(e.id);
    if (!m) continue;
    const outcome = m[1] as ModelOutcome;
    const [group, rest] = e.group.split('|') as [ModelGroup, string | undefined];
    const model = modelOf(scenario, outcome);
    const coefficients = model.coefficients as Record<string, Coefficient>;
    if (m[2] === 'odds_ratio') {
      const term = rest?.replace(/^term=/, '') ?? '';
      if (term === 'drr') {
        // Both types in one model: the DRR term is the difference of the type intercepts plus
        // the mean difference of their region intercepts (the shared random intercept takes the
        // rest), plus what coefficients given per type add at the cohort's covariate means.
        const atr = [...realisedRegionEffects(scenario, outcome, 'ATR').values()];
        const drr = [...realisedRegionEffects(scenario, outcome, 'DRR').values()];
        const meanGap = drr.reduce((a, b) => a + b, 0) / drr.length - atr.reduce((a, b) => a + b, 0) / atr.length;
        const typeGap = perTypeGap(coefficients, means?.[outcome]);
        if (typeGap !== null) truth.set(estimateKey(e), Math.exp(model.intercept.DRR - model.intercept.ATR + meanGap + typeGap));
        continue;
      }
      if (outcome === 'reconvicted' && term === 'length_months') {
        const slope = trueLengthSlope(scenario, group);
        if (slope !== null) truth.set(estimateKey(e), Math.exp(slope));
        continue;
      }
      const names = termCoefficients(outcome, term, group);
      if (names === null) continue;
      const values = names.map((n) => coefficientOfGroup(coefficients[n], group));
      if (values.some((v) => v === null)) continue;
      truth.set(estimateKey(e), Math.exp((values as number[]).reduce((a, b) => a + b, 0)));
    } else if (group !== 'all') {
      const effects = realisedRegionEffects(scenario, outcome, group);
      const values = [...effects.values()];
      if (m[2] === 'region_variance') truth.set(estimateKey(e), sampleVariance(values));
      else {
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const code = REGION_CODES.find((c) => `region=${regionName(c)}` === rest);
        if (code) truth.set(estimateKey(e), (effects.get(code) as number) - mean);
      }
    }
  }
  return truth;
}

export interface DirectionCheck {
  factor: string;
  outcome: string;
  direction: string;
  /** Which estimates were read, and what they say. */
  evidence: { group: string; estimate: number | null; ci: [number, number] | null; truth: number | null }[];
  /** true: every estimate points the study's way; false: one does not; null: no estimate. */
  reproduced: boolean | null;
  /** Whether the true (generating) effects point the study's way. */
  truthAgrees: boolean | null;
  /** Whether each interval excludes no effect (for odds ratios). */
  significant: boolean | null;
}

type Reading = { id: string; group: string; side: 'above' | 'below'; reference: number };

/** How each of the study's stated directions reads off our estimates. */
const READINGS: Record<string, Reading[]> = {
  'female|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=female`, side: 'above', reference: 1 })),
  'aged over 50|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=age_50_plus`, side: 'above', reference: 1 })),
  'low RSR (risk of serious recidivism)|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=rsr_low`, side: 'above', reference: 1 })),
  'London region|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.region_effect', group: `${t}|region=Greater London`, side: 'above', reference: 0 })),
  'not convicted of theft|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=theft`, side: 'below', reference: 1 })),
  'Asian or Mixed ethnicity|linked': ['ATR', 'DRR'].flatMap((t) => ['asian', 'mixed'].map((g) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=ethnicity_${g}`, side: 'above' as const, reference: 1 }))),
  'settled accommodation|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=settled`, side: 'above', reference: 1 })),
  'longer requirement|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=length_months`, side: 'above', reference: 1 })),
  'ATR rather than DRR|linked': [{ id: 'regression.linked.odds_ratio', group: 'all|term=drr', side: 'below', reference: 1 }],
  "Crown Court rather than magistrates' court|linked": ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=crown_court`, side: 'above', reference: 1 })),
  // Against not linked: completing or remaining lowers the odds, so not linked is higher.
  'not linked to structured treatment, or dropped out|reconvicted': ['ATR', 'DRR'].flatMap((t) =>
    ['status_completed', 'status_remained'].map((s) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=${s}`, side: 'below' as const, reference: 1 })),
  ),
  'male|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=male`, side: 'above', reference: 1 })),
  'high or medium RSR|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=rsr_medium_or_high`, side: 'above', reference: 1 })),
  'convicted of theft|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=theft`, side: 'above', reference: 1 })),
  'longer requirement|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=length_months`, side: 'above', reference: 1 })),
  'London region (DRR only)|reconvicted': [{ id: 'regression.reconvicted.region_effect', group: 'DRR|region=Greater London', side: 'above', reference: 0 }],
  'not in settled accommodation|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=not_settled`, side: 'above', reference: 1 })),
  'Black ethnicity (ATR only)|reconvicted': [{ id: 'regression.reconvicted.odds_ratio', group: 'ATR|term=ethnicity_black', side: 'above', reference: 1 }],
  'DRR rather than ATR|reconvicted': [{ id: 'regression.reconvicted.odds_ratio', group: 'all|term=drr', side: 'above', reference: 1 }],
};

/** Each of the study's directions (regression_directions.json) read off the estimates. */
export function directionChecks(estimates: { id: string; group: string; estimate: number | null; ci: [number, number] | null; truth: number | null }[]): DirectionCheck[] {
  const byKey = new Map(estimates.map((e) => [estimateKey(e), e]));
  return studyDirections().map((d) => {
    const outcome = d.outcome.startsWith('linked') ? 'linked' : 'reconvicted';
    const readings = READINGS[`${d.factor}|${outcome}`];
    if (!readings) throw new Error(`no reading for the study's direction "${d.factor}" (${d.outcome})`);
    const evidence = readings.map((r) => {
      const e = byKey.get(estimateKey(r));
      return { group: r.group, estimate: e?.estimate ?? null, ci: e?.ci ?? null, truth: e?.truth ?? null, reading: r };
    });
    const points = (x: number | null, r: Reading) => (x === null ? null : r.side === 'above' ? x > r.reference : x < r.reference);
    const all = (xs: (boolean | null)[]) => (xs.some((x) => x === null) ? null : xs.every(Boolean));
    return {
      factor: d.factor,
      outcome: d.outcome,
      direction: d.direction,
      evidence: evidence.map(({ group, estimate, ci, truth }) => ({ group, estimate, ci, truth })),
      reproduced: all(evidence.map((e) => points(e.estimate, e.reading))),
      truthAgrees: all(evidence.map((e) => points(e.truth, e.reading))),
      significant: all(evidence.map((e) => (e.ci === null ? null : e.reading.side === 'above' ? e.ci[0] > e.reading.reference : e.ci[1] < e.reading.reference))),
    };
  });
}

/**
 * The study's models fitted to the TRUE outcomes of the same requirements (in structured
 * treatment while the requirement ran, true status, reconvicted at any recording date), with
 * the same factors from the records. Beside the fit on the records it splits an odds ratio's
 * error into what the data got wrong (linkage, courts, delay, follow-up) and what the model
 * or the outcome's definition cannot recover even from perfect data.
 */
export function worldFitEstimates(
  cohort: Table,
  ndeliusKeys: Table,
  views: Map<number, RequirementView>,
  reconvicted: Map<number, Record<TruthLevel, boolean>>,
  specs?: ModelSpec[],
): MethodEstimate[] {
  const requirementOf = new Map<string, number>();
  const keyIds = strings(ndeliusKeys, 'record_id');
  const keyReq = ints(ndeliusKeys, 'requirement_id');
  for (let i = 0; i < ndeliusKeys.rowCount; i++) requirementOf.set(keyIds[i] ?? '', keyReq[i]);
  const linked: boolean[] = [];
  const status3: ReturnType<typeof status3Of>[] = [];
  const outcome: boolean[] = [];
  for (const id of strings(cohort, 'record_id')) {
    const req = requirementOf.get(id ?? '') as number;
    const v = views.get(req);
    if (!v) throw new Error(`cohort record ${id} is not an in-scope requirement of the world`);
    linked.push(v.linked);
    status3.push(status3Of(v.linked, v.status));
    outcome.push(reconvicted.get(req)?.truth ?? false);
  }
  const reports = fitStudyModels(factorTable({ cohort, linked, status3, reconvicted: outcome }), specs);
  return modelEstimates(reports, regionName).map((e) => ({
    ...e,
    id: e.id.replace(/^regression\./, 'regression.world_fit.'),
    method: `${e.method}; fitted to the true outcomes and status of the same requirements`,
  }));
}
