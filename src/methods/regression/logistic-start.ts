/**
 * Starting values: an ordinary logistic regression of y on X by iteratively reweighted
 * least squares, as lme4 starts from glm.fit's coefficients.
 */
import { cholesky, choleskySolve } from './linear-algebra.ts';
import { linearPredictor, nonzeroRows, type GlmmData, type NonzeroRows } from './model.ts';

export function logisticStart(data: GlmmData, maxIterations = 25, rows: NonzeroRows = nonzeroRows(data)): Float64Array {
  const { y, p } = data;
  const { rowStart, column, value } = rows;
  const n = y.length;
  let beta = new Float64Array(p);
  const parameters = new Float64Array(p + 1);
  const eta = new Float64Array(n);
  let previousDeviance = Infinity;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const information = new Float64Array(p * p);
    const score = new Float64Array(p);
    let deviance = 0;
    for (let i = 0; i < n; i++) {
      const mu = 1 / (1 + Math.exp(-eta[i]));
      // Clamp the weight so separated data cannot make the system singular at the start.
      const w = Math.max(mu * (1 - mu), 1e-10);
      deviance -= 2 * (y[i] > 0.5 ? Math.log(Math.max(mu, 1e-300)) : Math.log(Math.max(1 - mu, 1e-300)));
      const r = y[i] - mu;
      // Only the row's nonzeros (most columns are 0/1 contrasts): a zero adds nothing, so the sums are bit for bit the same.
      const first = rowStart[i];
      for (let q = first; q < rowStart[i + 1]; q++) {
        const a = column[q];
        const xa = value[q];
        score[a] += r * xa;
        const wa = w * xa;
        for (let t = first; t <= q; t++) information[a * p + column[t]] += wa * value[t];
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) information[b * p + a] = information[a * p + b];
    const factor = cholesky(information, p);
    if (!factor) break;
    const step = choleskySolve(factor, p, score);
    const next = new Float64Array(p);
    for (let a = 0; a < p; a++) next[a] = beta[a] + step[a];
    beta = next;
    parameters.set(beta, 1);
    linearPredictor(rows, parameters, eta);
    if (Math.abs(previousDeviance - deviance) < 1e-10 * (1 + Math.abs(deviance))) break;
    previousDeviance = deviance;
  }
  for (let a = 0; a < p; a++) if (!Number.isFinite(beta[a])) beta[a] = 0;
  return beta;
}

