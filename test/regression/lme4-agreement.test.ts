/**
 * Agreement with R's lme4::glmer on simulated datasets of different shapes, at nAGQ = 1
 * (Laplace) and nAGQ = 10 (adaptive Gauss-Hermite). Skipped, with a note, when Rscript or
 * lme4 is absent; CI installs both.
 *
 * At nAGQ = 1 lme4's default PIRLS tolerance (tolPwrss = 1e-7) leaves the Laplace deviance
 * it differentiates for the Hessian slightly off its own definition (log|L| is taken at the
 * weights of the previous PIRLS iterate), which moves its default standard errors by up to
 * about 1e-2 relative. Our SEs are therefore checked against lme4 run with tolPwrss = 1e-13,
 * where lme4 evaluates its definition exactly; estimates, variance and logLik are checked
 * against lme4's defaults as well, unless lme4 shows its default Laplace fit stopped short
 * (it warns that it failed to converge, or its tight-tolerance fit reaches a logLik more than
 * 1e-3 higher), when the tight fit stands in. Every gap to lme4's defaults is printed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../src/io/csv-read.ts';
import { fitFormula } from '../../src/methods/regression/index.ts';
import { agreementCases } from './datasets.ts';
import { lme4Unavailable, runLme4, type Lme4Fit } from './lme4.ts';
import { simulate } from './simulate.ts';
import { tempDir } from '../helpers.ts';

const unavailable = lme4Unavailable();
if (unavailable) console.warn(`SKIPPED lme4 agreement tests: ${unavailable}`);

const TIGHT = 1e-13;
const relative = (ours: number, theirs: number) => Math.abs(ours - theirs) / Math.abs(theirs);

describe.skipIf(unavailable !== null)('agreement with lme4 glmer (binomial, one random intercept)', () => {
  // Made when R is first called, not at collection: with every test skipped no clean-up hook runs.
  let dir: string | undefined;
  const folder = () => (dir ??= tempDir('agreement'));
  for (const testCase of agreementCases) {
    describe(testCase.spec.name, () => {
      const simulated = simulate(testCase.spec);
      const table = tableFromCsvText(simulated.csv, testCase.spec.name);
      let reference: Lme4Fit[] = [];
      const lme4 = (nAGQ: number, tolPwrss = 1e-7): Lme4Fit => {
        if (reference.length === 0) {
          const csvPath = join(folder(), `${testCase.spec.name}.csv`);
          writeFileSync(csvPath, simulated.csv);
          reference = runLme4({ csvPath, formula: testCase.formula, nAGQ: [1, 10], tolPwrss: [1e-7, TIGHT], reference: testCase.reference });
        }
        const found = reference.find((r) => r.nAGQ === nAGQ && r.tolPwrss === tolPwrss);
        if (!found) throw new Error(`no lme4 fit for nAGQ ${nAGQ}, tolPwrss ${tolPwrss}`);
        return found;
      };

      for (const nAGQ of [1, 10]) {
        it(`nAGQ = ${nAGQ}: same terms, coefficients, SEs, variance and logLik`, () => {
          const ours = fitFormula(table, testCase.formula, { nAGQ, reference: testCase.reference });
          const lme4Default = lme4(nAGQ);
          // lme4's default Laplace fit is no reference where lme4 says it failed, or where lme4
          // itself, with a tight PIRLS tolerance, finds a logLik higher by more than 1e-3.
          const defaultFailed =
            nAGQ === 1 &&
            (lme4Default.messages.some((m) => /failed to converge/.test(m)) || lme4(1, TIGHT).logLik - lme4Default.logLik > 1e-3);
          const theirs = nAGQ === 1 && defaultFailed ? lme4(1, TIGHT) : lme4Default;
          const seReference = nAGQ === 1 ? lme4(1, TIGHT) : theirs;
          expect(ours.converged).toBe(true);
          expect(ours.fixed.map((f) => f.term)).toEqual(theirs.terms);
          const estimateGap = Math.max(...ours.fixed.map((f, k) => relative(f.estimate, theirs.estimates[k])));
          const seGap = Math.max(...ours.fixed.map((f, k) => relative(f.se, seReference.se[k])));
          const seGapDefault = Math.max(...ours.fixed.map((f, k) => relative(f.se, lme4Default.se[k])));
          const estimateGapDefault = Math.max(...ours.fixed.map((f, k) => relative(f.estimate, lme4Default.estimates[k])));
          const logLikGap = Math.abs(ours.logLik - theirs.logLik);
          console.log(
            `${testCase.spec.name} nAGQ=${nAGQ}: n=${ours.nObs} groups=${ours.nGroups} max rel diff estimate ${estimateGap.toExponential(2)}, ` +
              `SE ${seGap.toExponential(2)}${nAGQ === 1 ? ` (vs lme4 default tolPwrss: ${seGapDefault.toExponential(2)})` : ''}, ` +
              (theirs !== lme4Default
                ? `[lme4 default stopped short (logLik ${lme4Default.logLik.toFixed(4)} vs tight ${theirs.logLik.toFixed(4)}): estimate gap to it ${estimateGapDefault.toExponential(2)}] `
                : '') +
              `variance ours ${ours.random.variance.toPrecision(6)} lme4 ${theirs.variance.toPrecision(6)}, |logLik diff| ${logLikGap.toExponential(2)}`,
          );
          expect(estimateGap).toBeLessThan(1e-3);
          expect(seGap).toBeLessThan(1e-3);
          expect(logLikGap).toBeLessThan(1e-3);
          if (testCase.singular) {
            expect(theirs.variance).toBe(0);
            expect(ours.random.variance).toBe(0);
            expect(ours.singular).toBe(true);
          } else {
            expect(relative(ours.random.variance, theirs.variance)).toBeLessThan(1e-2);
          }
          if (nAGQ === 1) {
            const tight = lme4(1, TIGHT);
            expect(Math.max(...ours.fixed.map((f, k) => relative(f.estimate, tight.estimates[k])))).toBeLessThan(1e-3);
            expect(Math.abs(ours.logLik - tight.logLik)).toBeLessThan(1e-3);
          }
        });
      }
    });
  }
});
