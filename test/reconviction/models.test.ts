/**
 * The study's models on the records: factor coding, and model problems reported with a clear
 * reason instead of numbers.
 */
import { describe, expect, it } from 'vitest';
import { makeTable, floatColumn, stringColumn, floats, type Table } from '../../src/io/table.ts';
import { tableBuilder } from '../../src/io/table-builder.ts';
import { dayFromIso } from '../../src/io/dates.ts';
import { factorTable, fitStudyModel, formulaOf, modelEstimates, studyModels, LINKED_TERMS, RECONVICTED_TERMS, type ModelSpec } from '../../src/methods/reconviction/models.ts';
import { TABLES } from '../../src/records/tables.ts';

/** A table of n rows in 4 regions with a 0/1 outcome from a known logistic model of x. */
function simulated(n: number, constant = 0): Table {
  const region: string[] = [];
  const type: string[] = [];
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const c = new Float64Array(n).fill(constant);
  let seed = 12345;
  const u = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    region.push(`R${i % 4}`);
    type.push('ATR');
    x[i] = u() < 0.5 ? 1 : 0;
    const eta = -0.5 + 0.8 * x[i] + [0.2, -0.1, 0.05, -0.15][i % 4];
    y[i] = u() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return makeTable('t', { requirement_type: stringColumn(type), region: stringColumn(region), linked: floatColumn(y), x: floatColumn(x), constant: floatColumn(c) });
}

describe('fitting the study models', () => {
  it('recovers a known effect, with an interval around it', () => {
    const report = fitStudyModel(simulated(4000), { outcome: 'linked', group: 'ATR', terms: ['x'] });
    expect(report.failure).toBeNull();
    const [or] = modelEstimates([report], (c) => c).filter((e) => e.id === 'regression.linked.odds_ratio');
    expect(or.group).toBe('ATR|term=x');
    expect(or.ci![0]).toBeLessThan(Math.exp(0.8));
    expect(or.ci![1]).toBeGreaterThan(Math.exp(0.8));
    expect(modelEstimates([report], (c) => c).filter((e) => e.id === 'regression.linked.region_effect')).toHaveLength(4);
  });

  it('a constant factor is reported with the term and the reason, and no numbers', () => {
    const spec: ModelSpec = { outcome: 'linked', group: 'ATR', terms: ['x', 'constant'] };
    const report = fitStudyModel(simulated(500), spec);
    expect(report.fit).toBeNull();
    expect(report.failure).toMatch(/collinear: constant/);
    const estimates = modelEstimates([report], (c) => c);
    expect(estimates.every((e) => e.estimate === null && e.ci === null)).toBe(true);
    expect(estimates.find((e) => e.group === 'ATR|term=constant')?.note).toMatch(/^no estimate: fixed effects are collinear/);
  });

  it('a factor whose few rows all share one outcome gives no number, and says why', () => {
    const t = simulated(2000);
    const rare = floats(t, 'constant');
    const y = floats(t, 'linked');
    let k = 0;
    for (let i = 0; i < t.rowCount && k < 3; i++) if (y[i] === 1) (rare[i] = 1), k++;
    const report = fitStudyModel(t, { outcome: 'linked', group: 'ATR', terms: ['x', 'constant'] });
    const e = modelEstimates([report], (c) => c).find((x) => x.group === 'ATR|term=constant');
    expect(e?.estimate).toBeNull();
    expect(e?.note).toMatch(/^no estimate: /);
    // The well-supported term is still there when the fit itself converged.
    if (report.fit) expect(modelEstimates([report], (c) => c).find((x) => x.group === 'ATR|term=x')?.estimate).toBeGreaterThan(1);
  });

  it('a term that is not a column, or an outcome that is not 0/1, is named in the reason', () => {
    expect(fitStudyModel(simulated(200), { outcome: 'linked', group: 'ATR', terms: ['x', 'nonsense'] }).failure).toMatch(/not in the data: nonsense/);
    const t = simulated(200);
    floats(t, 'linked')[3] = 2;
    expect(fitStudyModel(t, { outcome: 'linked', group: 'ATR', terms: ['x'] }).failure).toMatch(/must be binary/);
  });

  it('fits the six models: each outcome for ATR, DRR and both (with the DRR term)', () => {
    const specs = studyModels();
    expect(specs.map((s) => `${s.outcome}/${s.group}`)).toEqual(['linked/ATR', 'linked/DRR', 'linked/all', 'reconvicted/ATR', 'reconvicted/DRR', 'reconvicted/all']);
    expect(formulaOf(specs[2])).toBe(`linked ~ ${LINKED_TERMS.join(' + ')} + drr + (1 | region)`);
    expect(formulaOf(specs[3])).toContain('status_completed + status_remained + status_dropout + (1 | region)');
    expect(RECONVICTED_TERMS).toContain('male');
  });
});

describe('factors from the nDelius record', () => {
  it('codes sex, age at sentence, RSR, ethnic group, accommodation, court and status; missing is missing', () => {
    const b = tableBuilder('cohort', TABLES.ndelius_requirements.columns);
    const row = (sex: string | null, dob: string, ethnicity: string, accommodation: string, rsr: string, court: string, type: string) =>
      b.push(['R1', 'X000001', 1, null, 'A', 'B', dayFromIso(dob), sex, null, 'N07', ethnicity, accommodation, rsr, type, 'CO', false, court, 'theft', dayFromIso('2020-06-15'), 6, null, null, null, null, null, null]);
    row('F', '1970-06-15', 'Pakistani', 'rough sleeping', 'low', 'Crown', 'DRR'); // 50 on the day
    row('M', '1990-06-16', 'Black Caribbean', 'settled', 'high', 'Magistrates', 'ATR'); // 29
    row(null, '1980-01-01', 'Refusal', 'unknown', 'medium', 'Magistrates', 'ATR');
    const t = factorTable({ cohort: b.finish(), linked: [true, false, true], status3: ['remained', 'not_linked', 'dropout'], reconvicted: [false, true, true] });
    const col = (name: string) => Array.from(floats(t, name));
    expect(col('female')).toEqual([1, 0, NaN]);
    expect(col('male')).toEqual([0, 1, NaN]);
    expect(col('age_50_plus')).toEqual([1, 0, 0]);
    expect(col('age_18_29')).toEqual([0, 1, 0]);
    expect(col('rsr_low')).toEqual([1, 0, 0]);
    expect(col('rsr_medium_or_high')).toEqual([0, 1, 1]);
    expect(col('ethnicity_asian')).toEqual([1, 0, NaN]);
    expect(col('ethnicity_black')).toEqual([0, 1, NaN]);
    expect(col('settled')).toEqual([0, 1, 0]);
    expect(col('not_settled')).toEqual([1, 0, 1]);
    expect(col('rough_sleeping')).toEqual([1, 0, 0]);
    expect(col('crown_court')).toEqual([1, 0, 0]);
    expect(col('drr')).toEqual([1, 0, 0]);
    expect(col('status_remained')).toEqual([1, 0, 0]);
    expect(col('status_dropout')).toEqual([0, 0, 1]);
    expect(col('linked')).toEqual([1, 0, 1]);
    expect(col('reconvicted')).toEqual([0, 1, 1]);
  });
});
