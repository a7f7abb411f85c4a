/**
 * Truth for the regressions: the truth of each odds ratio is exp(coefficient) of the scenario model
 * that generated the outcome (1 where the model has no such effect), the region variance the
 * sample variance of its realised region intercepts, and each region's effect its realised
 * intercept less their mean (the fixed intercept absorbs the mean).
 */
import type { Table } from '../io/table.ts';
import { ints, strings } from '../io/table.ts';
import { estimateKey, type MethodEstimate } from '../results/estimate.ts';
import { coefficientFor, type Coefficient, type Scenario } from '../scenario/schema.ts';
import { LENGTH_BANDS, LENGTH_RANGES, REGION_CODES, REQUIREMENT_TYPES, lengthBandOf, type RegionCode, type RequirementType } from '../study/vocabulary.ts';
import { status3Of } from '../methods/reconviction/figures.ts';
import { factorTable, modelEstimates, type ModelGroup, type ModelOutcome, type ModelSpec } from '../methods/reconviction/models.ts';
import { fitStudyModelsOnThreads } from '../methods/reconviction/fit-threads.ts';
import type { RequirementView } from '../methods/treatment/figures.ts';
import { regionName } from '../study/vocabulary.ts';
import { reconvictionCovariates, structuredCovariates } from '../world/journeys.ts';
import type { Person, Requirement } from '../world/types.ts';
import type { TruthLevel } from './reconviction.ts';

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

/**
 * The study's models fitted to the TRUE outcomes of the same requirements (in structured
 * treatment while the requirement ran, true status, reconvicted at any recording date), with
 * the same factors from the records. Beside the fit on the records it splits an odds ratio's
 * error into what the data got wrong (linkage, courts, delay, follow-up) and what the model
 * or the outcome's definition cannot recover even from perfect data.
 */
export async function worldFitEstimates(
  cohort: Table,
  ndeliusKeys: Table,
  views: Map<number, RequirementView>,
  reconvicted: Map<number, Record<TruthLevel, boolean>>,
  specs?: ModelSpec[],
): Promise<MethodEstimate[]> {
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
  const reports = await fitStudyModelsOnThreads(factorTable({ cohort, linked, status3, reconvicted: outcome }), specs);
  return modelEstimates(reports, regionName).map((e) => ({
    ...e,
    id: e.id.replace(/^regression\./, 'regression.world_fit.'),
    method: `${e.method}; fitted to the true outcomes and status of the same requirements`,
  }));
}
