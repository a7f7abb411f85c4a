/**
 * The study's multilevel logistic regressions (sections 3.x and 4.2), on the records alone:
 * (a) linked to structured treatment ~ factors + (1 | region), and (b) reconvicted within 12
 * months ~ factors + treatment status + (1 | region), for ATRs and DRRs apart as the study did,
 * plus a model of both types together for the ATR-versus-DRR factor the study also reports.
 *
 * Factors are coded as 0/1 columns named after the study's words, chosen so that each term is
 * one coefficient of a logistic model (a reader can compare it with the coefficient that
 * generated the outcome, where there is one): age 18-29 and 50+ against 30-49, ethnic groups
 * against White, treatment status against not linked. Fitted by Laplace (nAGQ 1); a fit that
 * fails or stops short is reported with its reason, never as numbers.
 */
import { InputError } from '../../errors.ts';
import { ageOn } from '../../io/dates.ts';
import { floatColumn, ints, makeTable, NULL_INT, stringColumn, strings, type Table } from '../../io/table.ts';
import type { MethodEstimate } from '../../results/estimate.ts';
import { buildDesign, fitDesign, parseFormula, type FormulaFit, type GlmmData } from '../regression/index.ts';
import { groupMode } from '../regression/conditional-modes.ts';
import type { Status3 } from './figures.ts';

/** Terms of model (a): what goes with being linked to structured treatment. */
export const LINKED_TERMS = [
  'female', 'age_18_29', 'age_50_plus', 'rsr_low', 'theft',
  'ethnicity_black', 'ethnicity_asian', 'ethnicity_mixed', 'ethnicity_other',
  'settled', 'rough_sleeping', 'no_fixed_abode', 'length_months', 'crown_court',
] as const;

/** Terms of model (b): what goes with reconviction, treatment status against not linked. */
export const RECONVICTED_TERMS = [
  'male', 'age_18_29', 'age_50_plus', 'rsr_medium_or_high', 'theft',
  'ethnicity_black', 'ethnicity_asian', 'ethnicity_mixed', 'ethnicity_other',
  'not_settled', 'length_months', 'crown_court',
  'status_completed', 'status_remained', 'status_dropout',
] as const;

export type ModelOutcome = 'linked' | 'reconvicted';
export type ModelGroup = 'ATR' | 'DRR' | 'all';

export interface ModelSpec {
  outcome: ModelOutcome;
  group: ModelGroup;
  terms: readonly string[];
}

/** The six fits: each outcome for ATR, DRR, and both with a DRR term. */
export function studyModels(): ModelSpec[] {
  const specs: ModelSpec[] = [];
  for (const [outcome, terms] of [['linked', LINKED_TERMS], ['reconvicted', RECONVICTED_TERMS]] as const) {
    for (const group of ['ATR', 'DRR'] as const) specs.push({ outcome, group, terms });
    specs.push({ outcome, group: 'all', terms: [...terms, 'drr'] });
  }
  return specs;
}

export function formulaOf(spec: ModelSpec): string {
  return `${spec.outcome} ~ ${spec.terms.join(' + ')} + (1 | region)`;
}

/** nDelius's census 2011 labels grouped as the study grouped them; Refusal is missing. */
const ETHNIC_GROUP: Record<string, string> = {
  'White British': 'White', 'White Irish': 'White', 'Gypsy/Traveller': 'White', 'White other': 'White',
  'Black Caribbean': 'Black', 'Black African': 'Black', 'Black other': 'Black',
  Indian: 'Asian', Pakistani: 'Asian', Bangladeshi: 'Asian', Chinese: 'Asian', 'Asian other': 'Asian',
  'Mixed White and Black Caribbean': 'Mixed', 'Mixed White and Black African': 'Mixed', 'Mixed White and Asian': 'Mixed', 'Mixed other': 'Mixed',
  Arab: 'Other', Other: 'Other',
};

export interface FactorInput {
  /** nDelius records of the cohort, one per requirement. */
  cohort: Table;
  linked: boolean[];
  status3: Status3[];
  reconvicted: boolean[];
}

/**
 * One row per requirement: the outcomes, the 0/1 factor columns (NaN where the record does
 * not say, so the fitter drops the row as R's na.omit would) and the region code.
 */
export function factorTable(input: FactorInput): Table {
  const { cohort } = input;
  const n = cohort.rowCount;
  const sex = strings(cohort, 'sex');
  const dob = ints(cohort, 'dob');
  const sentence = ints(cohort, 'sentence_date');
  const rsr = strings(cohort, 'rsr_band');
  const offence = strings(cohort, 'offence_group');
  const ethnicity = strings(cohort, 'ethnicity');
  const accommodation = strings(cohort, 'accommodation');
  const months = ints(cohort, 'length_months');
  const court = strings(cohort, 'court_type');
  const type = strings(cohort, 'requirement_type');
  const region = strings(cohort, 'region_code');

  const names = ['linked', 'reconvicted', ...new Set([...LINKED_TERMS, ...RECONVICTED_TERMS]), 'drr'];
  const cols: Record<string, Float64Array> = Object.fromEntries(names.map((c) => [c, new Float64Array(n)]));
  const set = (c: string, i: number, v: number) => (cols[c][i] = v);
  const flag = (b: boolean) => (b ? 1 : 0);
  for (let i = 0; i < n; i++) {
    set('linked', i, flag(input.linked[i]));
    set('reconvicted', i, flag(input.reconvicted[i]));
    const s = sex[i];
    set('female', i, s === 'F' ? 1 : s === 'M' ? 0 : NaN);
    set('male', i, s === 'M' ? 1 : s === 'F' ? 0 : NaN);
    const age = dob[i] === NULL_INT ? NaN : ageOn(dob[i], sentence[i]);
    set('age_18_29', i, Number.isNaN(age) ? NaN : flag(age < 30));
    set('age_50_plus', i, Number.isNaN(age) ? NaN : flag(age >= 50));
    const band = rsr[i];
    const known = band === 'low' || band === 'medium' || band === 'high';
    set('rsr_low', i, known ? flag(band === 'low') : NaN);
    set('rsr_medium_or_high', i, known ? flag(band !== 'low') : NaN);
    set('theft', i, offence[i] === null ? NaN : flag(offence[i] === 'theft'));
    const group = ETHNIC_GROUP[ethnicity[i] ?? ''];
    for (const g of ['Black', 'Asian', 'Mixed', 'Other']) set(`ethnicity_${g.toLowerCase()}`, i, group === undefined ? NaN : flag(group === g));
    const acc = accommodation[i];
    set('settled', i, acc === null ? NaN : flag(acc === 'settled'));
    set('not_settled', i, acc === null ? NaN : flag(acc !== 'settled'));
    set('rough_sleeping', i, acc === null ? NaN : flag(acc === 'rough sleeping'));
    set('no_fixed_abode', i, acc === null ? NaN : flag(acc === 'no fixed abode'));
    set('length_months', i, months[i] === NULL_INT ? NaN : months[i]);
    set('crown_court', i, court[i] === null ? NaN : flag(court[i] === 'Crown'));
    set('drr', i, flag(type[i] === 'DRR'));
    const st = input.status3[i];
    set('status_completed', i, flag(st === 'completed'));
    set('status_remained', i, flag(st === 'remained'));
    set('status_dropout', i, flag(st === 'dropout'));
  }
  return makeTable('regression_factors', {
    requirement_type: stringColumn(type.slice()),
    region: stringColumn(region.slice()),
    ...Object.fromEntries(names.map((c) => [c, floatColumn(cols[c])])),
  });
}

export interface ModelReport {
  spec: ModelSpec;
  formula: string;
  /** The fit when it converged. */
  fit: FormulaFit | null;
  /** Conditional mode of each region's intercept (log-odds), by region code. */
  regionEffects: Map<string, number>;
  /** Why there are no numbers: a design problem, or the optimiser stopping short. */
  failure: string | null;
}

function rowsOf(table: Table, group: ModelGroup): Table {
  if (group === 'all') return table;
  const type = strings(table, 'requirement_type');
  const keep: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (type[i] === group) keep.push(i);
  const columns = Object.fromEntries(
    Object.entries(table.columns).map(([name, col]) => {
      if (col.kind === 'string') return [name, stringColumn(keep.map((i) => col.values[i]))];
      const from = col.values as Float64Array;
      const to = new Float64Array(keep.length);
      for (let k = 0; k < keep.length; k++) to[k] = from[keep[k]];
      return [name, floatColumn(to)];
    }),
  );
  return makeTable(table.name, columns);
}

/** Conditional modes of the region intercepts at the fitted fixed effects and variance, on the design the fit was made on. */
function regionModes(data: GlmmData, fit: FormulaFit): Map<string, number> {
  const beta = data.termNames.map((t) => fit.fixed.find((f) => f.term === t)?.estimate ?? 0);
  const n = data.y.length;
  const offset = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let eta = 0;
    for (let k = 0; k < data.p; k++) eta += data.x[r * data.p + k] * beta[k];
    offset[r] = eta;
  }
  const out = new Map<string, number>();
  data.groupLevels.forEach((level, j) => {
    const u = groupMode(data.y, offset, data.groupStart[j], data.groupStart[j + 1], fit.random.sd, 0);
    out.set(level, fit.random.sd * u);
  });
  return out;
}

/** Fit one model; a design error or a fit that did not converge becomes a failure with its reason. */
export function fitStudyModel(table: Table, spec: ModelSpec): ModelReport {
  const formula = formulaOf(spec);
  const rows = rowsOf(table, spec.group);
  try {
    const design = buildDesign(rows, parseFormula(formula));
    const fit = fitDesign(design, formula, { nAGQ: 1 });
    if (!fit.converged) return { spec, formula, fit: null, regionEffects: new Map(), failure: `did not converge: ${fit.convergence.message}` };
    return { spec, formula, fit, regionEffects: regionModes(design.data, fit), failure: null };
  } catch (error) {
    if (error instanceof InputError) return { spec, formula, fit: null, regionEffects: new Map(), failure: error.message };
    throw error;
  }
}

export function fitStudyModels(table: Table, specs: ModelSpec[] = studyModels()): ModelReport[] {
  return specs.map((spec) => fitStudyModel(table, spec));
}

/**
 * Odds ratios with their 95% Wald intervals, the region variance and each region's intercept.
 * A failed model gives its terms with no estimate and the reason in the note.
 */
export function modelEstimates(reports: ModelReport[], regionName: (code: string) => string): MethodEstimate[] {
  const out: MethodEstimate[] = [];
  for (const r of reports) {
    const { outcome, group } = r.spec;
    const method = `multilevel logistic regression, Laplace (nAGQ 1): ${r.formula}`;
    if (!r.fit) {
      const note = `no estimate: ${r.failure}`;
      for (const term of r.spec.terms) out.push({ id: `regression.${outcome}.odds_ratio`, group: `${group}|term=${term}`, estimate: null, ci: null, unit: 'odds_ratio', method, note });
      out.push({ id: `regression.${outcome}.region_variance`, group, estimate: null, ci: null, unit: 'variance', method, note });
      continue;
    }
    const fit = r.fit;
    const note = fit.droppedRows > 0 ? `${fit.droppedRows} rows with a missing factor left out` : undefined;
    for (const f of fit.fixed) {
      if (f.term === '(Intercept)') continue;
      if (![f.oddsRatio, f.ciLow, f.ciHigh].every(Number.isFinite)) {
        // A factor almost no row has (a small run) leaves its odds ratio unbounded: say so, give no number.
        out.push({ id: `regression.${outcome}.odds_ratio`, group: `${group}|term=${f.term}`, estimate: null, ci: null, unit: 'odds_ratio', method, note: `no estimate: the interval is unbounded (standard error ${f.se.toPrecision(3)} on the log-odds scale); too few rows carry this factor` });
        continue;
      }
      out.push({ id: `regression.${outcome}.odds_ratio`, group: `${group}|term=${f.term}`, estimate: f.oddsRatio, ci: [f.ciLow, f.ciHigh], unit: 'odds_ratio', method, ...(note ? { note } : {}) });
    }
    // results.json holds finite numbers only: anything else is said in words.
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    out.push({
      id: `regression.${outcome}.region_variance`, group, estimate: finite(fit.random.variance), ci: null, unit: 'variance', method,
      ...(fit.singular ? { note: 'singular fit: region variance estimated as zero' } : Number.isFinite(fit.random.variance) ? {} : { note: 'no estimate: the variance is not finite' }),
    });
    for (const [code, effect] of [...r.regionEffects.entries()].sort()) {
      out.push({ id: `regression.${outcome}.region_effect`, group: `${group}|region=${regionName(code)}`, estimate: finite(effect), ci: null, unit: 'coef', method: `${method}; conditional mode of the region intercept` });
    }
  }
  return out;
}
