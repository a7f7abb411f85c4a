/** Evaluation's truth: the world's own reconviction flag, and the generating models behind each odds ratio. */
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/world/build.ts';
import { buildRecords } from '../../src/records/build.ts';
import { buildCohort } from '../../src/world/cohort.ts';
import { bools, ints, strings, type Table } from '../../src/io/table.ts';
import { estimateKey } from '../../src/results/estimate.ts';
import { REGION_CODES, coefficientFor, lengthBandOf, type RequirementType, type Scenario } from '../../src/scenario/schema.ts';
import { defaultRules } from '../../src/methods/reconviction/reconvictions.ts';
import { trueReconvictions } from '../../src/evaluate/reconviction.ts';
import { pooledCovariateMeans, realisedRegionEffects, regressionTruth } from '../../src/evaluate/regression.ts';
import { reconvictionCovariates } from '../../src/world/journeys.ts';
import { baseline } from '../helpers.ts';

describe('true reconviction', () => {
  it("contains the world's own flag (an offence in days 1-365), and adds only cases of the same person's other requirements", () => {
    const sc = baseline();
    const world = buildWorld(sc, 0.03, 7);
    const records = buildRecords(sc, world, 7);
    const table = (name: string) => records.truth.find((t) => t.name === name) as Table;
    const requirements = table('truth_requirements');
    const truth = trueReconvictions(requirements, table('truth_court_cases'), { ...defaultRules(world.window.end), window: { date: 'offence', length: { days: 365 } } });
    const id = ints(requirements, 'requirement_id');
    const person = ints(requirements, 'person_id');
    const scope = strings(requirements, 'scope');
    const flag = bools(requirements, 'reconvicted');
    const perPerson = new Map<number, number>();
    for (let i = 0; i < requirements.rowCount; i++) if (scope[i] === 'in_scope') perPerson.set(person[i], (perPerson.get(person[i]) ?? 0) + 1);
    let checked = 0;
    for (let i = 0; i < requirements.rowCount; i++) {
      if (scope[i] !== 'in_scope') continue;
      const t = truth.get(id[i])!;
      if (flag[i] === 1) expect(t.truth).toBe(true);
      // With one requirement per person and a 365-day window, truth is exactly the world's flag.
      if (perPerson.get(person[i]) === 1) {
        expect(t.truth).toBe(flag[i] === 1);
        checked++;
      }
      expect(!t.recorded_truth || t.followup_truth).toBe(true);
      expect(!t.followup_truth || t.truth).toBe(true);
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('true odds ratios', () => {
  const sc = baseline();
  const truthOf = (id: string, group: string) => regressionTruth(sc, [{ id, group, estimate: 1, ci: null, unit: 'odds_ratio', method: 'm' }]).get(estimateKey({ id, group }));

  it('are exp(generating coefficient), 1 where the model has no such effect', () => {
    expect(truthOf('regression.linked.odds_ratio', 'ATR|term=female')).toBeCloseTo(Math.exp(coefficientFor(sc.treatment.structured.coefficients.female, 'ATR')), 12);
    expect(truthOf('regression.linked.odds_ratio', 'DRR|term=ethnicity_mixed')).toBeCloseTo(Math.exp(coefficientFor(sc.treatment.structured.coefficients.asian_or_mixed, 'DRR')), 12);
    expect(truthOf('regression.linked.odds_ratio', 'DRR|term=ethnicity_black')).toBe(1);
    expect(truthOf('regression.reconvicted.odds_ratio', 'ATR|term=ethnicity_black')).toBeCloseTo(Math.exp(coefficientFor(sc.reconviction.model.coefficients.black_atr, 'ATR')), 12);
    expect(truthOf('regression.reconvicted.odds_ratio', 'DRR|term=ethnicity_black')).toBe(1);
    expect(truthOf('regression.reconvicted.odds_ratio', 'all|term=ethnicity_black')).toBeUndefined();
    expect(truthOf('regression.reconvicted.odds_ratio', 'DRR|term=status_remained')).toBeCloseTo(Math.exp(coefficientFor(sc.reconviction.model.coefficients.status_remained, 'DRR')), 12);
    expect(truthOf('regression.reconvicted.odds_ratio', 'ATR|term=crown_court')).toBe(1);
  });

  it("a coefficient given per type is the true odds ratio of that type's model; the model of both types has none unless they agree", () => {
    const perType: Scenario = structuredClone(sc);
    perType.reconviction.model.coefficients.status_completed = { ATR: -1.2, DRR: -0.4 };
    perType.reconviction.model.coefficients.male = { ATR: 0.3, DRR: 0.3 };
    const of = (id: string, group: string) => regressionTruth(perType, [{ id, group, estimate: 1, ci: null, unit: 'odds_ratio', method: 'm' }]).get(estimateKey({ id, group }));
    expect(of('regression.reconvicted.odds_ratio', 'ATR|term=status_completed')).toBeCloseTo(Math.exp(-1.2), 12);
    expect(of('regression.reconvicted.odds_ratio', 'DRR|term=status_completed')).toBeCloseTo(Math.exp(-0.4), 12);
    expect(of('regression.world_fit.reconvicted.odds_ratio', 'DRR|term=status_completed')).toBeCloseTo(Math.exp(-0.4), 12);
    expect(of('regression.reconvicted.odds_ratio', 'all|term=status_completed')).toBeUndefined();
    expect(of('regression.reconvicted.odds_ratio', 'all|term=male')).toBeCloseTo(Math.exp(0.3), 12);
  });

  it('for the straight-line length term, are the slope of the least-squares line through the true length effect (slope and 1-3 month step)', () => {
    const { requirements } = buildCohort(sc, 0.3, 7);
    for (const type of ['ATR', 'DRR'] as RequirementType[]) {
      const b = coefficientFor(sc.reconviction.model.coefficients.length_months, type);
      const s = coefficientFor(sc.reconviction.model.coefficients.short_requirement, type);
      const xs = requirements.filter((r) => r.type === type && r.scope === 'in_scope').map((r) => r.lengthMonths);
      const ys = xs.map((m) => b * m + s * (lengthBandOf(m) === '1-3m' ? 1 : 0));
      const mx = xs.reduce((a, x) => a + x, 0) / xs.length;
      const my = ys.reduce((a, y) => a + y, 0) / ys.length;
      const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
      const truth = Math.log(truthOf('regression.reconvicted.odds_ratio', `${type}|term=length_months`) as number);
      expect(truth).toBeCloseTo(slope, 2);
      if (s < 0) expect(truth).toBeGreaterThan(b);
    }
    const noStep: Scenario = structuredClone(sc);
    noStep.reconviction.model.coefficients.short_requirement = 0;
    noStep.reconviction.model.coefficients.length_months = 0.03;
    const of = (group: string) => regressionTruth(noStep, [{ id: 'regression.reconvicted.odds_ratio', group, estimate: 1, ci: null, unit: 'odds_ratio', method: 'm' }]).get(estimateKey({ id: 'regression.reconvicted.odds_ratio', group }));
    expect(of('ATR|term=length_months')).toBeCloseTo(Math.exp(0.03), 12);
    expect(of('all|term=length_months')).toBeCloseTo(Math.exp(0.03), 12);
  });

  it('for the type term of the model of both types, add what per-type coefficients add at the cohort means (none without the means)', () => {
    const shared: Scenario = structuredClone(sc);
    for (const name of Object.keys(shared.reconviction.model.coefficients) as (keyof typeof shared.reconviction.model.coefficients)[]) {
      shared.reconviction.model.coefficients[name] = coefficientFor(shared.reconviction.model.coefficients[name], 'ATR');
    }
    const perType: Scenario = structuredClone(shared);
    perType.reconviction.model.coefficients.status_completed = { ATR: -1.2, DRR: -0.4 };
    const drr = (s: Scenario, means?: Parameters<typeof regressionTruth>[2]) =>
      regressionTruth(s, [{ id: 'regression.reconvicted.odds_ratio', group: 'all|term=drr', estimate: 1, ci: null, unit: 'odds_ratio', method: 'm' }], means).get(
        estimateKey({ id: 'regression.reconvicted.odds_ratio', group: 'all|term=drr' }),
      );
    const base = drr(shared) as number;
    expect(base).toBeGreaterThan(0);
    expect(drr(perType)).toBeUndefined();
    expect(drr(perType, { linked: {}, reconvicted: { status_completed: 0.25 } })).toBeCloseTo(base * Math.exp(0.8 * 0.25), 12);
  });

  it("pooled covariate means read from the truth tables are the world's own covariates averaged", () => {
    const world = buildWorld(sc, 0.03, 7);
    const records = buildRecords(sc, world, 7);
    const table = (name: string) => records.truth.find((t) => t.name === name) as Table;
    const means = pooledCovariateMeans(table('truth_requirements'), table('truth_people'));
    const inScope = world.requirements.filter((r) => r.scope === 'in_scope');
    const direct: Record<string, number> = {};
    for (const r of inScope) for (const [k, v] of Object.entries(reconvictionCovariates(r, world.people[r.personId]))) direct[k] = (direct[k] ?? 0) + v / inScope.length;
    expect(Object.keys(means.reconvicted).sort()).toEqual(Object.keys(direct).sort());
    for (const k of Object.keys(direct)) expect(means.reconvicted[k], k).toBeCloseTo(direct[k], 10);
    expect(means.reconvicted.status_completed).toBeGreaterThan(0.05);
    expect(means.linked.female).toBeGreaterThan(0.1);
  });

  it("the region variance is the realised intercepts' sample variance, London's DRR effect included", () => {
    const effects = REGION_CODES.map((c) => sc.reconviction.model.region_effects.DRR[c] + (c === 'N07' ? coefficientFor(sc.reconviction.model.coefficients.london_drr, 'DRR') : 0));
    const mean = effects.reduce((a, b) => a + b, 0) / effects.length;
    const variance = effects.reduce((a, b) => a + (b - mean) ** 2, 0) / (effects.length - 1);
    expect(truthOf('regression.reconvicted.region_variance', 'DRR')).toBeCloseTo(variance, 12);
    expect(realisedRegionEffects(sc, 'reconvicted', 'DRR').get('N07')).toBeCloseTo(effects[0], 12);
    expect(truthOf('regression.reconvicted.region_effect', 'DRR|region=Greater London')).toBeCloseTo(effects[0] - mean, 12);
  });
});
