/** `pathways fit` end to end, and the CSV reader it uses. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { tableFromCsvText } from '../../src/io/csv-read.ts';
import { fitFormula } from '../../src/methods/regression/index.ts';
import { simulate } from './simulate.ts';
import { tempDir } from '../helpers.ts';

const root = join(import.meta.dirname, '..', '..');

function pathways(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/pathways.ts', ...args], { cwd: root, encoding: 'utf8' });
}

describe('CSV reader', () => {
  it('makes numeric-looking columns numbers and the rest factors, with NA and empty missing', () => {
    const table = tableFromCsvText('a,b,c,d\n1,x,"South, West",1e-3\n2.5,NA,"say ""hi""",\nNA,y,z,-4\n', 't');
    expect(table.rowCount).toBe(3);
    expect(table.columns.a.kind).toBe('float');
    expect(Array.from(table.columns.a.values as Float64Array)).toEqual([1, 2.5, NaN]);
    expect(table.columns.b).toEqual({ kind: 'string', values: ['x', null, 'y'] });
    expect(table.columns.c).toEqual({ kind: 'string', values: ['South, West', 'say "hi"', 'z'] });
    expect(Array.from(table.columns.d.values as Float64Array)).toEqual([0.001, NaN, -4]);
  });

  it('reads CRLF line ends and a byte-order mark', () => {
    const table = tableFromCsvText('\ufeffy,g\r\n1,a\r\n0,b\r\n', 't');
    expect(Object.keys(table.columns)).toEqual(['y', 'g']);
    expect(table.rowCount).toBe(2);
  });

  it('names the problem in a malformed file', () => {
    expect(() => tableFromCsvText('a,b\n1,2,3\n', 'bad.csv')).toThrow(/bad.csv line 2: 3 fields, the header has 2 \(an extra field 3\)/);
    expect(() => tableFromCsvText('a,a\n1,2\n', 'dup.csv')).toThrow(InputError);
    expect(() => tableFromCsvText('a\n"open\n', 'q.csv')).toThrow(/q.csv line 2: quoted field never closed/);
  });
});

describe('pathways fit', () => {
  const dir = tempDir('fit-cli');
  const simulated = simulate({
    seed: 21,
    name: 'cli',
    groupSizes: [80, 120, 60, 90, 100],
    groupName: 'region',
    groupLabels: ['London', 'North East', 'North West', 'South West', 'Wales'],
    intercept: -0.3,
    numeric: [{ name: 'age', slope: -0.03, mean: 35, sd: 10 }],
    factors: [{ name: 'sex', levels: ['female', 'male'], probabilities: [0.4, 0.6], effects: [0, 0.5] }],
    sigma: 0.6,
  });
  const csvPath = join(dir, 'data.csv');
  writeFileSync(csvPath, simulated.csv);
  const formula = 'y ~ age + sex + (1 | region)';

  it('prints exactly the agreed JSON, matching the library fit', () => {
    const run = pathways('fit', '--data', csvPath, '--formula', formula, '--nagq', '5', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['fixed', 'random', 'logLik', 'converged', 'nAGQ']);
    expect(Object.keys(json.fixed[0])).toEqual(['term', 'estimate', 'se', 'odds_ratio', 'ci_low', 'ci_high']);
    expect(Object.keys(json.random)).toEqual(['group', 'variance']);
    const library = fitFormula(tableFromCsvText(simulated.csv, 'cli'), formula, { nAGQ: 5 });
    expect(json.fixed.map((f: { term: string }) => f.term)).toEqual(['(Intercept)', 'age', 'sexmale']);
    json.fixed.forEach((f: { estimate: number; se: number }, k: number) => {
      expect(f.estimate).toBe(library.fixed[k].estimate);
      expect(f.se).toBe(library.fixed[k].se);
    });
    expect(json).toMatchObject({ random: { group: 'region', variance: library.random.variance }, logLik: library.logLik, converged: true, nAGQ: 5 });
  });

  it('prints a readable table with a chosen reference level', () => {
    const run = pathways('fit', '--data', csvPath, '--formula', formula, '--reference', 'sex=male');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/sexfemale/);
    expect(run.stdout).toMatch(/Random intercept \(region\): variance \d/);
    expect(run.stdout).toMatch(/logLik: -\d+\.\d+/);
    expect(run.stdout).toMatch(/converged: true/);
    expect(run.stdout).toMatch(/nAGQ: 1/);
  });

  it('exits 2 with a one-line message for a missing column, a bad outcome and non-convergence', () => {
    const missing = pathways('fit', '--data', csvPath, '--formula', 'y ~ age + income + (1 | region)');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^pathways: formula names column not in the data: income/);
    const outcome = pathways('fit', '--data', csvPath, '--formula', 'age ~ sex + (1 | region)');
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/^pathways: outcome age must be binary/);
    const stuck = pathways('fit', '--data', csvPath, '--formula', formula, '--max-iterations', '1');
    expect(stuck.status).toBe(2);
    expect(stuck.stdout).toBe('');
    expect(stuck.stderr).toMatch(/^pathways: model did not converge: iteration limit 1 reached .*largest gradient component/);
    const nagq = pathways('fit', '--data', csvPath, '--formula', formula, '--nagq', '40');
    expect(nagq.status).toBe(2);
    expect(nagq.stderr).toMatch(/nAGQ must be a whole number from 1 to 25/);
    const file = pathways('fit', '--data', join(dir, 'absent.csv'), '--formula', formula);
    expect(file.status).toBe(2);
    expect(file.stderr).toMatch(/cannot read .*absent.csv: no such file/);
  });
});
