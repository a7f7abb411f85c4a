/** The formula grammar, treatment contrasts and R's term names, and the input errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { tableFromCsvText } from '../../src/io/csv-read.ts';
import { boolColumn, floatColumn, intColumn, makeTable, NULL_INT, stringColumn } from '../../src/io/table.ts';
import { buildDesign, compareCodePoints } from '../../src/methods/regression/design.ts';
import { parseFormula } from '../../src/methods/regression/formula.ts';
import { fitFormula } from '../../src/methods/regression/index.ts';

describe('parseFormula', () => {
  it('reads outcome, main effects and the random intercept', () => {
    expect(parseFormula('y ~ x1 + x2 + (1 | g)')).toEqual({ response: 'y', predictors: ['x1', 'x2'], group: 'g' });
    expect(parseFormula('y~1+(1|g)')).toEqual({ response: 'y', predictors: [], group: 'g' });
    expect(parseFormula('y ~ (1 | region) + age')).toEqual({ response: 'y', predictors: ['age'], group: 'region' });
    expect(parseFormula('`re conv` ~ `age band` + (1 | `probation region`)')).toEqual({
      response: 're conv',
      predictors: ['age band'],
      group: 'probation region',
    });
    expect(parseFormula('y ~ x1 + x2')).toEqual({ response: 'y', predictors: ['x1', 'x2'], group: null });
  });

  it.each([
    ['y ~ x1 * x2 + (1 | g)', /not supported/],
    ['y ~ x1:x2 + (1 | g)', /not supported/],
    ['y ~ x1 + (x1 | g)', /only a random intercept/],
    ['y ~ x1 + (1 | g) + (1 | h)', /only one random-intercept term/],
    ['y ~ 0 + x1 + (1 | g)', /without an intercept/],
    ['y ~ x1 - 1 + (1 | g)', /without an intercept/],
    ['y x1', /exactly one "~"/],
    ['y ~ x1 + + (1 | g)', /empty term/],
    ['y ~ log(x1) + (1 | g)', /not supported/],
  ])('refuses %s', (formula, message) => {
    expect(() => parseFormula(formula)).toThrow(InputError);
    expect(() => parseFormula(formula)).toThrow(message);
  });
});

describe('design', () => {
  const csv = [
    'y,age,sex,region,g',
    '1,30,male,North West,A',
    '0,41,female,London,A',
    '1,25,male,South West,B',
    '0,52,female,North West,B',
    '1,33,female,London,C',
    '0,NA,male,London,C',
    '1,47,male,South West,C',
    '0,38,female,South West,A',
  ].join('\n');
  const table = tableFromCsvText(csv, 'tiny');

  it('names terms as R does with treatment contrasts against the first level', () => {
    const design = buildDesign(table, parseFormula('y ~ age + sex + region + (1 | g)'));
    expect(design.data.termNames).toEqual(['(Intercept)', 'age', 'sexmale', 'regionNorth West', 'regionSouth West']);
    expect(design.droppedRows).toBe(1);
    expect(design.data.y.length).toBe(7);
    expect(design.data.groupLevels).toEqual(['A', 'B', 'C']);
  });

  it('uses a chosen reference level as the baseline', () => {
    const design = buildDesign(table, parseFormula('y ~ sex + region + (1 | g)'), { reference: { region: 'North West', sex: 'male' } });
    expect(design.data.termNames).toEqual(['(Intercept)', 'sexfemale', 'regionLondon', 'regionSouth West']);
    expect(design.factorLevels.region).toEqual(['North West', 'London', 'South West']);
  });

  it('codes contrasts for any level names in code-point order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 6 }), fc.nat(), (levels, pick) => {
        const rows = levels.length * 4;
        const factor = Array.from({ length: rows }, (_, i) => levels[i % levels.length]);
        const t = makeTable('p', {
          y: floatColumn(Float64Array.from({ length: rows }, (_, i) => (i >> 1) % 2)),
          f: stringColumn(factor),
          g: stringColumn(Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'a' : 'b'))),
        });
        const sorted = [...levels].sort(compareCodePoints);
        const plain = buildDesign(t, { response: 'y', predictors: ['f'], group: 'g' });
        expect(plain.data.termNames).toEqual(['(Intercept)', ...sorted.slice(1).map((l) => `f${l}`)]);
        const baseline = levels[pick % levels.length];
        const chosen = buildDesign(t, { response: 'y', predictors: ['f'], group: 'g' }, { reference: { f: baseline } });
        expect(chosen.data.termNames).toEqual(['(Intercept)', ...sorted.filter((l) => l !== baseline).map((l) => `f${l}`)]);
        // Each row has a 1 in exactly the column of its own level, none for the baseline.
        const p = chosen.data.p;
        for (let r = 0; r < rows; r++) {
          let ones = 0;
          for (let k = 1; k < p; k++) ones += chosen.data.x[r * p + k];
          expect(ones).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 50, seed: 3 },
    );
  });

  it('sorts by code point, not locale: capitals before lower case', () => {
    expect(['b', 'B', 'a', 'A', 'é', 'z'].sort(compareCodePoints)).toEqual(['A', 'B', 'a', 'b', 'z', 'é']);
  });

  it('treats int, bool and two-level factor outcomes and predictors as R does', () => {
    const t = makeTable('kinds', {
      y: stringColumn(['no', 'yes', 'yes', 'no', 'yes', 'no']),
      count: intColumn(Int32Array.from([1, 2, NULL_INT, 4, 5, 6])),
      flag: boolColumn(Uint8Array.from([0, 1, 1, 255, 0, 1])),
      g: intColumn(Int32Array.from([1, 1, 2, 2, 3, 3])),
    });
    const design = buildDesign(t, parseFormula('y ~ count + flag + (1 | g)'));
    expect(design.data.termNames).toEqual(['(Intercept)', 'count', 'flag']);
    expect(design.outcomeLevels).toEqual(['no', 'yes']);
    expect(Array.from(design.data.y)).toEqual([0, 1, 1, 0]);
    expect(design.droppedRows).toBe(2);
    const flipped = buildDesign(t, parseFormula('y ~ count + (1 | g)'), { reference: { y: 'yes' } });
    expect(flipped.outcomeLevels).toEqual(['yes', 'no']);
  });

  it('names a missing column', () => {
    expect(() => fitFormula(table, 'y ~ age + income + (1 | g)')).toThrow(/not in the data: income/);
    expect(() => fitFormula(table, 'y ~ age + (1 | ward)')).toThrow(InputError);
  });

  it('refuses a non-binary outcome', () => {
    const counts = tableFromCsvText('y,x,g\n0,1,a\n2,2,a\n1,3,b\n0,4,b', 'counts');
    expect(() => fitFormula(counts, 'y ~ x + (1 | g)')).toThrow(/must be binary \(0\/1\), but row 2 has 2/);
    const three = tableFromCsvText('y,x,g\nlow,1,a\nmid,2,a\nhigh,3,b\nlow,4,b', 'three');
    expect(() => fitFormula(three, 'y ~ x + (1 | g)')).toThrow(/must be binary, but has 3 distinct values/);
    const constant = tableFromCsvText('y,x,g\n1,1,a\n1,2,a\n1,3,b\n1,4,b', 'constant');
    expect(() => fitFormula(constant, 'y ~ x + (1 | g)')).toThrow(/same \(1\) in every complete row/);
  });

  it('refuses a formula without a random intercept, a bad reference and collinear terms', () => {
    expect(() => fitFormula(table, 'y ~ age + sex')).toThrow(/no random intercept/);
    expect(() => fitFormula(table, 'y ~ sex + (1 | g)', { reference: { sex: 'other' } })).toThrow(/reference level "other" is not a value of column sex/);
    expect(() => fitFormula(table, 'y ~ sex + (1 | g)', { reference: { age: '30' } })).toThrow(/not a predictor/);
    const collinear = tableFromCsvText('y,a,b,g\n0,1,2,x\n1,2,4,x\n0,3,6,y\n1,4,8,y\n1,5,10,y', 'c');
    expect(() => fitFormula(collinear, 'y ~ a + b + (1 | g)')).toThrow(/collinear: b is a linear combination/);
    const oneGroup = tableFromCsvText('y,a,g\n0,1,x\n1,2,x\n0,3,x\n1,4,x', 'one');
    expect(() => fitFormula(oneGroup, 'y ~ a + (1 | g)')).toThrow(/at least 2/);
  });
});
