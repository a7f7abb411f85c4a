/**
 * Multilevel logistic regression at the study's shape: 50,000 requirements, 20 fixed
 * effects, 11 probation regions. Times our fit at nAGQ 1 and 10 and, when Rscript with lme4
 * is present, lme4's glmer on the same CSV (timed inside R with system.time around the glmer
 * call alone, so R's start-up and CSV reading are not charged to it), and checks the answers
 * agree. Also times one step of the fit: the approximate deviance and its gradient at the
 * optimum, which runs the penalised iteratively reweighted least squares (PIRLS) for every
 * region's conditional mode (the inner loop every outer iteration repeats).
 *
 * At this size lme4's standard errors carry its own numerical error of up to about 1e-3
 * relative (the intercept's most): its Hessian is a finite difference of the deviance with
 * step 1e-4, and a deviance near 57,000 is only resolved to about 7e-12, so each Hessian
 * entry is quantised to about 1e-3 absolute. Ours is exact at nAGQ 1 and differences the
 * exact gradient at nAGQ 10.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromCsvText } from '../src/io/csv-read.ts';
import { buildDesign, fitFormula, parseFormula, type FormulaFit } from '../src/methods/regression/index.ts';
import { approximateDeviance, createWorkspace } from '../src/methods/regression/deviance.ts';
import { gaussHermite } from '../src/methods/regression/quadrature.ts';
import { lme4Unavailable, runLme4, type Lme4Fit } from '../test/regression/lme4.ts';
import { simulate, type SimulationSpec } from '../test/regression/simulate.ts';
import type { Benchmark, Recorder } from './benchmark.ts';

const REGIONS = [
  'East Midlands',
  'East of England',
  'Greater Manchester',
  'Kent Surrey Sussex',
  'London',
  'North East',
  'North West',
  'South Central',
  'South West',
  'Wales',
  'West Midlands',
];

const numericNames = ['age', 'rsr', 'priors', 'months', 'score1', 'score2', 'score3', 'score4', 'score5', 'score6'];

/** 1 intercept + 10 numeric + 3 (4-level band) + 6 (7-level need) = 20 fixed effects. */
const spec: SimulationSpec = {
  seed: 2026,
  name: 'bench-regression',
  // Unbalanced like the regions' caseloads; 50,000 rows in all.
  groupSizes: [7000, 2600, 6400, 5200, 9100, 2300, 5900, 3800, 3300, 2100, 2300],
  groupLabels: REGIONS,
  groupName: 'region',
  intercept: -0.6,
  numeric: numericNames.map((name, k) => ({ name, slope: ((k % 5) - 2) * 0.15 + 0.05 })),
  factors: [
    { name: 'band', levels: ['high', 'low', 'medium', 'very high'], probabilities: [0.2, 0.3, 0.35, 0.15], effects: [0, -0.7, -0.3, 0.4] },
    {
      name: 'need',
      levels: ['alcohol', 'both', 'crack', 'none', 'opiate', 'other', 'polydrug'],
      probabilities: [0.2, 0.1, 0.1, 0.2, 0.2, 0.1, 0.1],
      effects: [0, 0.3, 0.5, -0.6, 0.7, 0.1, 0.45],
    },
  ],
  sigma: 0.45,
};

const FORMULA = `y ~ ${numericNames.join(' + ')} + band + need + (1 | region)`;

function agreement(ours: FormulaFit, theirs: Lme4Fit): string {
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  const estimate = Math.max(...ours.fixed.map((f, k) => rel(f.estimate, theirs.estimates[k])));
  const se = Math.max(...ours.fixed.map((f, k) => rel(f.se, theirs.se[k])));
  const variance = rel(ours.random.variance, theirs.variance);
  const logLik = Math.abs(ours.logLik - theirs.logLik);
  const sameTerms = ours.fixed.map((f) => f.term).join() === theirs.terms.join();
  const agree = sameTerms && estimate < 1e-3 && se < 1e-3 && variance < 1e-2 && logLik < 1e-3;
  return (
    `${agree ? 'AGREE' : 'DIFFER'}: max rel diff estimate ${estimate.toExponential(2)}, SE ${se.toExponential(2)}, ` +
    `variance ${variance.toExponential(2)}; |logLik diff| ${logLik.toExponential(2)}` +
    (theirs.messages.length ? `; lme4 said: ${theirs.messages.join(' | ')}` : '')
  );
}

export const regressionBenchmark: Benchmark = {
  name: 'regression',
  description: 'binomial GLMM fit, 50,000 rows x 20 fixed effects x 11 groups, nAGQ 1 and 10, against lme4',
  async run(recorder) {
    const simulated = simulate(spec);
    const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-regression-'));
    try {
      await timeAgainstLme4(simulated.csv, join(dir, 'data.csv'), recorder);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Our fits timed, then lme4's on the same CSV (written to `csvPath`) when R has it. */
async function timeAgainstLme4(csv: string, csvPath: string, recorder: Recorder): Promise<void> {
  writeFileSync(csvPath, csv);
  const table = tableFromCsvText(csv, 'bench');
  const fits = new Map<number, { fit: FormulaFit; seconds: number }>();
  for (const nAGQ of [1, 10]) {
    const fit = fitFormula(table, FORMULA, { nAGQ });
    console.log(
      `pathways nAGQ=${nAGQ}: ${fit.nObs} rows, ${fit.fixed.length} fixed effects, ${fit.nGroups} groups, ` +
        `converged ${fit.converged} in ${fit.iterations} iterations, variance ${fit.random.variance.toPrecision(5)}, logLik ${fit.logLik.toFixed(4)}`,
    );
    fits.set(nAGQ, { fit, seconds: NaN });
  }
  const data = buildDesign(table, parseFormula(FORMULA)).data;
  const steps = [1, 10].map((nAGQ) => {
    const fit = (fits.get(nAGQ) as { fit: FormulaFit }).fit;
    const rule = gaussHermite(nAGQ);
    const workspace = createWorkspace(data, rule);
    const parameters = Float64Array.of(Math.sqrt(fit.random.variance), ...fit.fixed.map((f) => f.estimate));
    if (parameters.length !== data.p + 1) throw new Error(`fit has ${fit.fixed.length} fixed effects, the design ${data.p}`);
    const gradient = new Float64Array(parameters.length);
    return { name: `PIRLS step: deviance + gradient, nAGQ=${nAGQ}`, fn: () => approximateDeviance(data, rule, parameters, workspace, gradient), items: data.y.length, itemUnit: 'rows' };
  });
  const timed = await recorder.micro(
    [
      { name: 'fit nAGQ=1', fn: () => fitFormula(table, FORMULA, { nAGQ: 1 }), items: 1, itemUnit: 'fits' },
      { name: 'fit nAGQ=10', fn: () => fitFormula(table, FORMULA, { nAGQ: 10 }), items: 1, itemUnit: 'fits' },
    ],
    { iterations: 5, time: 0, warmupIterations: 1 },
  );
  for (const [k, nAGQ] of [1, 10].entries()) (fits.get(nAGQ) as { seconds: number }).seconds = timed[k].meanMs / 1000;
  await recorder.micro(steps);
  const unavailable = lme4Unavailable();
  if (unavailable) {
    console.log(`lme4 comparison skipped: ${unavailable}`);
    return;
  }
  // nAGQ = 1 is also fitted with a tight PIRLS tolerance: lme4's default (1e-7) perturbs the
  // Hessian it takes its standard errors from (see test/regression/lme4-agreement.test.ts).
  const lme4 = runLme4({ csvPath, formula: FORMULA, nAGQ: [1, 10], tolPwrss: [1e-7, 1e-13] });
  for (const theirs of lme4) {
    const ours = fits.get(theirs.nAGQ);
    if (!ours) continue;
    console.log(
      `lme4 nAGQ=${theirs.nAGQ} tolPwrss=${theirs.tolPwrss}: ${theirs.seconds.toFixed(3)} s (pathways mean ${ours.seconds.toFixed(3)} s, ` +
        `${(theirs.seconds / ours.seconds).toFixed(1)}x faster); ${agreement(ours.fit, theirs)}`,
    );
  }
}
