/** Properties of the fitter that hold without R: exact gradient, quadrature, recovery, convergence states. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../src/io/csv-read.ts';
import { approximateDeviance, createWorkspace, laplaceHessian } from '../../src/methods/regression/deviance.ts';
import { hessianByDifferences } from '../../src/methods/regression/optimise.ts';
import { buildDesign } from '../../src/methods/regression/design.ts';
import { parseFormula } from '../../src/methods/regression/formula.ts';
import { fitFormula, fitGlmm } from '../../src/methods/regression/index.ts';
import { twoSidedP } from '../../src/methods/regression/normal.ts';
import { gaussHermite } from '../../src/methods/regression/quadrature.ts';
import { logisticStart, thetaStart } from '../../src/methods/regression/logistic-start.ts';
import { InputError } from '../../src/errors.ts';
import { simulate, type SimulationSpec } from './simulate.ts';

function designOf(spec: SimulationSpec, formula: string) {
  const table = tableFromCsvText(simulate(spec).csv, spec.name);
  return buildDesign(table, parseFormula(formula)).data;
}

const smallSpec: SimulationSpec = {
  seed: 5,
  name: 'gradient',
  groupSizes: [30, 45, 25, 60],
  groupName: 'g',
  intercept: -0.2,
  numeric: [{ name: 'x1', slope: 0.8 }],
  factors: [{ name: 'f', levels: ['a', 'b', 'c'], probabilities: [0.3, 0.3, 0.4], effects: [0, 0.5, -0.4] }],
  sigma: 0.9,
};

describe('Gauss-Hermite rule', () => {
  it('integrates polynomials of degree up to 2n - 1 exactly against the standard normal', () => {
    for (const n of [1, 2, 3, 5, 10, 17, 25]) {
      const { nodes, weights } = gaussHermite(n);
      for (let degree = 0; degree <= 2 * n - 1; degree += 2) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += weights[k] * nodes[k] ** degree;
        // E[Z^d] = (d - 1)!! for even d.
        let moment = 1;
        for (let m = degree - 1; m > 0; m -= 2) moment *= m;
        expect(Math.abs(sum - moment) / moment).toBeLessThan(1e-11);
      }
    }
  });

  it('refuses a number of points outside 1..25', () => {
    expect(() => gaussHermite(0)).toThrow(RangeError);
    expect(() => gaussHermite(26)).toThrow(RangeError);
  });
});

describe('approximate deviance', () => {
  const data = designOf(smallSpec, 'y ~ x1 + f + (1 | g)');
  it('has an analytic gradient equal to finite differences, for Laplace and AGQ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (nAGQ, parameters) => {
          const rule = gaussHermite(nAGQ);
          const workspace = createWorkspace(data, rule);
          const at = Float64Array.from(parameters);
          const gradient = new Float64Array(at.length);
          approximateDeviance(data, rule, at, workspace, gradient);
          for (let k = 0; k < at.length; k++) {
            const step = 1e-6;
            const plus = Float64Array.from(at);
            const minus = Float64Array.from(at);
            plus[k] += step;
            minus[k] -= step;
            const numeric =
              (approximateDeviance(data, rule, plus, workspace) - approximateDeviance(data, rule, minus, workspace)) / (2 * step);
            expect(Math.abs(gradient[k] - numeric)).toBeLessThan(1e-5 * (1 + Math.abs(numeric)));
          }
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });

  it('has an analytic Laplace Hessian equal to central differences of the exact gradient, at the boundary too', () => {
    const rule = gaussHermite(1);
    const workspace = createWorkspace(data, rule);
    const objective = (at: Float64Array, gradient?: Float64Array) => approximateDeviance(data, rule, at, workspace, gradient);
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), fc.double({ min: -2, max: 2, noNaN: true })),
        fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (theta, beta) => {
          const at = Float64Array.from([theta, ...beta]);
          const gradient = new Float64Array(at.length);
          objective(at, gradient);
          const numeric = hessianByDifferences(objective, at, gradient, true);
          const exact = laplaceHessian(data, at, workspace);
          let scale = 0;
          for (const v of numeric) scale = Math.max(scale, Math.abs(v));
          for (let i = 0; i < exact.length; i++) expect(Math.abs(exact[i] - numeric[i])).toBeLessThan(1e-6 * scale);
          // Symmetric by construction, not by averaging.
          const m = at.length;
          for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) expect(exact[a * m + b]).toBe(exact[b * m + a]);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it('is even in theta, so the sign of the random-effect scale does not matter', () => {
    const rule = gaussHermite(5);
    const workspace = createWorkspace(data, rule);
    const a = approximateDeviance(data, rule, Float64Array.from([0.7, 0.1, 0.5, 0.2, -0.3]), workspace);
    const b = approximateDeviance(data, rule, Float64Array.from([-0.7, 0.1, 0.5, 0.2, -0.3]), workspace);
    expect(Math.abs(a - b)).toBeLessThan(1e-9 * Math.abs(a));
  });

  it('moves toward the exact marginal likelihood as quadrature points increase', () => {
    const parameters = Float64Array.from([1.2, -0.2, 0.8, 0.5, -0.4]);
    const values = [1, 3, 9, 15, 25].map((n) => {
      const rule = gaussHermite(n);
      return approximateDeviance(data, rule, parameters, createWorkspace(data, rule));
    });
    expect(Math.abs(values[3] - values[4])).toBeLessThan(1e-6);
    expect(Math.abs(values[0] - values[4])).toBeGreaterThan(Math.abs(values[2] - values[4]));
  });
});

describe('fitting', () => {
  it('recovers known coefficients and variance from a large simulated dataset', () => {
    const truth = { intercept: -0.5, x1: 0.8, x2: -0.4, fb: 0.6, fc: -0.7, sigma: 0.6 };
    const spec: SimulationSpec = {
      seed: 99,
      name: 'recovery',
      groupSizes: Array.from({ length: 40 }, () => 500),
      groupName: 'g',
      intercept: truth.intercept,
      numeric: [
        { name: 'x1', slope: truth.x1 },
        { name: 'x2', slope: truth.x2 },
      ],
      factors: [{ name: 'f', levels: ['a', 'b', 'c'], probabilities: [0.4, 0.3, 0.3], effects: [0, truth.fb, truth.fc] }],
      sigma: truth.sigma,
    };
    const table = tableFromCsvText(simulate(spec).csv, 'recovery');
    const fit = fitFormula(table, 'y ~ x1 + x2 + f + (1 | g)', { nAGQ: 5 });
    expect(fit.converged).toBe(true);
    const expected = [truth.intercept, truth.x1, truth.x2, truth.fb, truth.fc];
    fit.fixed.forEach((effect, k) => {
      // 4.5 standard errors: a deterministic seed, and a 1-in-100,000 miss per coefficient if the fit is right.
      expect(Math.abs(effect.estimate - expected[k])).toBeLessThan(4.5 * effect.se);
      expect(effect.se).toBeLessThan(0.1);
    });
    // 40 groups give the SD about a 12% standard error; allow four of them.
    expect(Math.abs(fit.random.sd - truth.sigma)).toBeLessThan(0.3);
  });

  it('reaches the same optimum from the moment start of theta as from lme4\'s start at 1, in fewer steps', () => {
    const steps = { moment: 0, lme4: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(0, 0.15, 0.5, 1.2), (seed, sigma) => {
        const data = designOf({ ...smallSpec, seed, sigma, groupSizes: [80, 120, 60, 150, 90, 110] }, 'y ~ x1 + f + (1 | g)');
        const moment = fitGlmm(data);
        const lme4 = fitGlmm(data, { startTheta: 1 });
        expect(moment.converged).toBe(lme4.converged);
        if (!moment.converged) return;
        steps.moment += moment.iterations;
        steps.lme4 += lme4.iterations;
        // Both stop within the Newton-decrement tolerance of the one optimum: about 1e-5 SE apart at most.
        moment.fixed.forEach((f, k) => expect(Math.abs(f.estimate - lme4.fixed[k].estimate)).toBeLessThan(1e-4 * f.se));
        expect(Math.abs(moment.random.sd - lme4.random.sd)).toBeLessThan(1e-4 * Math.max(lme4.random.sd, 0.01));
        expect(Math.abs(moment.logLik - lme4.logLik)).toBeLessThan(1e-8 * Math.abs(lme4.logLik));
      }),
      { numRuns: 24, seed: 11 },
    );
    expect(steps.moment).toBeLessThan(steps.lme4);
  });

  it('starts theta at the moment estimate, near the fitted SD, and never below the floor', () => {
    for (const sigma of [0, 0.3, 0.8]) {
      const data = designOf({ ...smallSpec, seed: 21, sigma, groupSizes: Array.from({ length: 30 }, () => 300) }, 'y ~ x1 + f + (1 | g)');
      const start = thetaStart(data, logisticStart(data));
      const fit = fitGlmm(data);
      expect(start).toBeGreaterThanOrEqual(0.1);
      if (fit.random.sd > 0.2) {
        expect(start).toBeGreaterThan(fit.random.sd / 2);
        expect(start).toBeLessThan(fit.random.sd * 2);
      }
    }
  });

  it('reports odds ratios and Wald intervals consistent with estimate and SE', () => {
    const fit = fitFormula(tableFromCsvText(simulate(smallSpec).csv, 's'), 'y ~ x1 + f + (1 | g)', {});
    for (const f of fit.fixed) {
      expect(f.oddsRatio).toBeCloseTo(Math.exp(f.estimate), 12);
      expect(Math.log(f.ciLow)).toBeCloseTo(f.estimate - 1.959964 * f.se, 5);
      expect(Math.log(f.ciHigh)).toBeCloseTo(f.estimate + 1.959964 * f.se, 5);
      expect(f.z).toBeCloseTo(f.estimate / f.se, 12);
      expect(f.p).toBeCloseTo(twoSidedP(f.z), 15);
    }
    expect(fit.random.sd ** 2).toBeCloseTo(fit.random.variance, 12);
    expect(fit.nObs).toBe(160);
    expect(fit.nGroups).toBe(4);
  });

  it('gives the same fit whatever the row order', () => {
    const csv = simulate(smallSpec).csv.trim().split('\n');
    const reversed = [csv[0], ...csv.slice(1).reverse()].join('\n');
    const a = fitFormula(tableFromCsvText(csv.join('\n'), 'a'), 'y ~ x1 + f + (1 | g)', { nAGQ: 3 });
    const b = fitFormula(tableFromCsvText(reversed, 'b'), 'y ~ x1 + f + (1 | g)', { nAGQ: 3 });
    a.fixed.forEach((f, k) => expect(Math.abs(f.estimate - b.fixed[k].estimate)).toBeLessThan(1e-8));
    expect(Math.abs(a.logLik - b.logLik)).toBeLessThan(1e-8);
  });

  it('drops rows with a missing value exactly as fitting the complete rows does', () => {
    const spec = { ...smallSpec, name: 'missing', missingShare: 0.1 };
    const csv = simulate(spec).csv.trim().split('\n');
    const complete = [csv[0], ...csv.slice(1).filter((line) => !line.includes('NA'))].join('\n');
    const withMissing = fitFormula(tableFromCsvText(csv.join('\n'), 'm'), 'y ~ x1 + f + (1 | g)');
    const completeOnly = fitFormula(tableFromCsvText(complete, 'c'), 'y ~ x1 + f + (1 | g)');
    expect(withMissing.droppedRows).toBeGreaterThan(0);
    expect(withMissing.nObs).toBe(completeOnly.nObs);
    withMissing.fixed.forEach((f, k) => expect(f.estimate).toBe(completeOnly.fixed[k].estimate));
  });

  it('returns converged: false with the state reached when the iteration limit is hit', () => {
    const fit = fitFormula(tableFromCsvText(simulate(smallSpec).csv, 's'), 'y ~ x1 + f + (1 | g)', { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.convergence.converged).toBe(false);
    expect(fit.convergence.iterations).toBe(1);
    expect(fit.convergence.gradientMaxAbs).toBeGreaterThan(0);
    expect(fit.convergence.message).toMatch(/iteration limit 1 reached/);
    expect(fit.fixed.every((f) => Number.isNaN(f.se))).toBe(true);
  });

  it('refuses to call a separated model converged', () => {
    const lines = ['y,x,g'];
    for (let i = 0; i < 200; i++) {
      const x = (i % 50) / 10 - 2.45;
      lines.push(`${x > 0 ? 1 : 0},${x},G${i % 4}`);
    }
    const fit = fitFormula(tableFromCsvText(lines.join('\n'), 'separated'), 'y ~ x + (1 | g)');
    expect(fit.converged).toBe(false);
    expect(fit.convergence.message).toMatch(/separation/);
  });

  it('refuses nAGQ outside 1..25 with an InputError', () => {
    const data = designOf(smallSpec, 'y ~ x1 + (1 | g)');
    expect(() => fitGlmm(data, { nAGQ: 0 })).toThrow(InputError);
    expect(() => fitGlmm(data, { nAGQ: 26 })).toThrow(/nAGQ must be a whole number from 1 to 25/);
    expect(() => fitGlmm(data, { nAGQ: 2.5 })).toThrow(InputError);
  });
});
