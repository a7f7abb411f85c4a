/**
 * One world of `pathways check --kind fit`: the analysis data of the study's multilevel
 * logistic regression of reconviction, written from the TRUE world, so the coefficients a
 * fitter estimates are known. The tool reads the data, fits, and writes each coefficient with
 * its interval; the check counts, over all its runs, how often the intervals hold the true
 * coefficient.
 *
 * What "the true coefficient" is: the world draws each requirement's reconviction from the
 * scenario's logistic model, `logit p = intercept[type] + sum(coefficient * x) + region
 * effect[type][region]`. Fitted within one requirement type with a random intercept for
 * region, the model `reconvicted ~ covariates + (1 | region)` is that model (the region
 * effects are the intercepts the random effect absorbs), so each covariate's true coefficient
 * is the scenario's own number: no fit on a large world is needed, and none could be closer.
 * The data holds the study's covariates (RECONVICTED_TERMS) plus the one the world adds
 * (short_requirement, the step at 1-3 months beside the straight line in length); a study
 * covariate the world's model does not use (age, other ethnic groups, Crown Court) has true
 * coefficient 0, and ethnicity_black carries the model's black_atr for ATRs (0 for DRRs). The
 * intercept is not scored: the random-intercept model's intercept is the type's intercept
 * plus the centre of the region effects, which no number in the scenario states. London DRRs'
 * extra term is a region-level shift the London intercept absorbs, so it is not a column.
 * The rows are the study's cohort (requirements in scope) of the one type; requirements whose
 * person died are left out, as death cuts their follow-up short, so their outcome is not the
 * model's draw.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import { coefficientFor, RECONVICTION_COEFFICIENTS, type RequirementType } from '../scenario/schema.ts';
import { buildCohortWorld } from '../world/build.ts';
import { reconvictionCovariates } from '../world/journeys.ts';
import { readCsvColumns, toCsv } from '../methods/notes/notes-csv.ts';
import { runToolAndRead, type ToolTemplate } from './tool.ts';
import type { Interval, ScoredInterval, WorldOutcome } from './outcome.ts';

export const FIT_FILES = { data: 'data.csv', out: 'coefficients.csv' } as const;
/** Metrics over all the runs of a check (not of one world): the share of intervals holding the truth. */
export const FIT_METRICS = ['coverage'] as const;
export const FIT_OUTCOME = 'reconvicted';
export const FIT_GROUP = 'region';

type ReconvictionName = (typeof RECONVICTION_COEFFICIENTS)[number];

/**
 * The covariate columns, in the order written, each with its true coefficient for a
 * requirement type read from the scenario's reconviction model.
 */
const TERMS: readonly { term: string; truth: (c: Record<ReconvictionName, number | Record<RequirementType, number>>, type: RequirementType) => number }[] = [
  { term: 'male', truth: (c, t) => coefficientFor(c.male, t) },
  { term: 'age_18_29', truth: () => 0 },
  { term: 'age_50_plus', truth: () => 0 },
  { term: 'rsr_medium_or_high', truth: (c, t) => coefficientFor(c.rsr_medium_or_high, t) },
  { term: 'theft', truth: (c, t) => coefficientFor(c.theft, t) },
  { term: 'ethnicity_black', truth: (c, t) => (t === 'ATR' ? coefficientFor(c.black_atr, t) : 0) },
  { term: 'ethnicity_asian', truth: () => 0 },
  { term: 'ethnicity_mixed', truth: () => 0 },
  { term: 'ethnicity_other', truth: () => 0 },
  { term: 'not_settled', truth: (c, t) => coefficientFor(c.not_settled, t) },
  { term: 'length_months', truth: (c, t) => coefficientFor(c.length_months, t) },
  { term: 'short_requirement', truth: (c, t) => coefficientFor(c.short_requirement, t) },
  { term: 'crown_court', truth: () => 0 },
  { term: 'status_completed', truth: (c, t) => coefficientFor(c.status_completed, t) },
  { term: 'status_remained', truth: (c, t) => coefficientFor(c.status_remained, t) },
  { term: 'status_dropout', truth: (c, t) => coefficientFor(c.status_dropout, t) },
];

export interface FitProblem {
  /** Header and rows of the data file: reconvicted, region, then the covariates. */
  header: string[];
  rows: (string | number)[][];
  /** Each covariate column's true coefficient: for scoring only, never for the tool. */
  truth: Map<string, number>;
}

/**
 * A 0/1 covariate is written only when at least this many rows hold each of its values. With
 * five Asian DRRs all reconvicted the estimate is infinite (separation) and no fitter has an
 * interval to give; twenty rows of a value all with one outcome happen about once in a
 * thousand worlds. The rule reads the covariate alone, never the outcome, so which columns are
 * written does not depend on what the world drew for reconviction.
 */
export const MIN_ROWS = 20;

/**
 * The analysis data of one requirement type of a world, from its true covariates and true
 * outcomes. A 0/1 covariate held by fewer than MIN_ROWS rows, or by all but fewer than
 * MIN_ROWS, is left out (length in months is left out only when it takes one value).
 */
export function fitProblem(scenario: Scenario, options: { seed: number; scale: number; requirementType: RequirementType }): FitProblem {
  const world = buildCohortWorld(scenario, options.scale, options.seed);
  const people = new Map(world.people.map((p) => [p.personId, p]));
  const values: Record<string, number>[] = [];
  const regions: string[] = [];
  for (const req of world.requirements) {
    if (req.scope !== 'in_scope' || req.type !== options.requirementType || req.died) continue;
    const person = people.get(req.personId);
    if (!person) throw new Error(`check fit: requirement ${req.requirementId} has no person ${req.personId}`);
    const x = reconvictionCovariates(req, person);
    values.push({
      [FIT_OUTCOME]: req.reconvicted ? 1 : 0,
      male: x.male,
      age_18_29: req.ageAtSentence < 30 ? 1 : 0,
      age_50_plus: req.ageAtSentence >= 50 ? 1 : 0,
      rsr_medium_or_high: x.rsr_medium_or_high,
      theft: x.theft,
      ethnicity_black: person.ethnicGroup === 'Black' ? 1 : 0,
      ethnicity_asian: person.ethnicGroup === 'Asian' ? 1 : 0,
      ethnicity_mixed: person.ethnicGroup === 'Mixed' ? 1 : 0,
      ethnicity_other: person.ethnicGroup === 'Other' ? 1 : 0,
      not_settled: x.not_settled,
      length_months: x.length_months,
      short_requirement: x.short_requirement,
      crown_court: req.courtType === 'Crown' ? 1 : 0,
      status_completed: x.status_completed,
      status_remained: x.status_remained,
      status_dropout: x.status_dropout,
    });
    regions.push(person.regionCode);
  }
  const coefficients = scenario.reconviction.model.coefficients as Record<ReconvictionName, number | Record<RequirementType, number>>;
  const kept = TERMS.filter(({ term }) => term === 'length_months' ? values.some((v) => v[term] !== values[0][term]) : Math.min(...[0, 1].map((x) => values.filter((v) => v[term] === x).length)) >= MIN_ROWS);
  const header = [FIT_OUTCOME, FIT_GROUP, ...kept.map((t) => t.term)];
  const rows = values.map((v, i) => [v[FIT_OUTCOME], regions[i], ...kept.map((t) => v[t.term])]);
  return { header, rows, truth: new Map(kept.map((t) => [t.term, t.truth(coefficients, options.requirementType)])) };
}


/**
 * A coefficients file: term,estimate,lower,upper (other columns ignored), each term at most
 * once, numbers finite, lower <= estimate <= upper, and every covariate of the data present.
 * Terms that are not covariates of the data (`(Intercept)`) are read and not scored.
 */
export function parseCoefficientsCsv(text: string, source: string, covariates: readonly string[]): Interval[] {
  const seen = new Map<string, Interval>();
  for (const { line, values } of readCsvColumns(text, source, ['term', 'estimate', 'lower', 'upper'])) {
    const term = values.term.trim();
    if (term === '') throw new InputError(`${source} line ${line}: empty term`);
    if (seen.has(term)) throw new InputError(`${source} line ${line}: term ${term} given twice`);
    const number = (name: 'estimate' | 'lower' | 'upper') => {
      const text = values[name].trim();
      const x = Number(text);
      if (text === '' || !Number.isFinite(x)) throw new InputError(`${source} line ${line}: ${name} of ${term} must be a finite number, got "${values[name]}"`);
      return x;
    };
    const interval = { term, estimate: number('estimate'), lower: number('lower'), upper: number('upper') };
    if (!(interval.lower <= interval.estimate && interval.estimate <= interval.upper)) {
      throw new InputError(`${source} line ${line}: ${term}'s interval [${interval.lower}, ${interval.upper}] does not hold its estimate ${interval.estimate}`);
    }
    seen.set(term, interval);
  }
  const missing = covariates.filter((c) => !seen.has(c));
  if (missing.length > 0) throw new InputError(`${source}: no row for ${missing.join(', ')} (every covariate column of the data needs one)`);
  return [...seen.values()];
}

/** One covariate's interval beside its true coefficient. */

export function scoreIntervals(intervals: readonly Interval[], truth: ReadonlyMap<string, number>): ScoredInterval[] {
  return intervals
    .filter((i) => truth.has(i.term))
    .map((i) => {
      const t = truth.get(i.term) as number;
      const covered = i.lower <= t && t <= i.upper;
      const half = (i.upper - i.lower) / 2;
      const out = covered ? 0 : t < i.lower ? i.lower - t : t - i.upper;
      return { ...i, truth: t, covered, miss: covered ? 0 : half > 0 ? out / half : Infinity };
    });
}

/** Run one fit world in `dir`; `shownDir` is where its files are kept if it is reported. */
export async function runFitWorld(scenario: Scenario, world: { seed: number; scale: number; requirementType?: RequirementType }, tool: ToolTemplate, dir: string, timeoutSeconds: number, shownDir = dir, level = 0.95): Promise<WorldOutcome> {
  const problem = fitProblem(scenario, { ...world, requirementType: world.requirementType ?? 'ATR' });
  const paths = { data: join(dir, FIT_FILES.data), out: join(dir, FIT_FILES.out), level: String(level) };
  writeFileSync(paths.data, toCsv(problem.header, problem.rows));
  const covariates = [...problem.truth.keys()];
  const out = await runToolAndRead(tool, paths, timeoutSeconds, join(shownDir, FIT_FILES.out), (text, source) => parseCoefficientsCsv(text, source, covariates));
  const intervals = out.value ? scoreIntervals(out.value, problem.truth) : null;
  const metrics = intervals ? { coverage: intervals.filter((i) => i.covered).length / Math.max(1, intervals.length) } : null;
  return { metrics, intervals, toolProblem: out.toolProblem, toolLog: out.toolLog, toolSeconds: out.toolSeconds };
}
