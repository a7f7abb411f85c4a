/**
 * Starting values: an ordinary logistic regression of y on X by iteratively reweighted
 * least squares, as lme4 starts from glm.fit's coefficients, and a random-intercept SD
 * from its residuals.
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

/**
 * A starting random-intercept SD from the ordinary logistic fit, by the method of moments:
 * with b_j ~ N(0, theta^2) left out of the fit, group j's score r_j = sum (y - mu) has
 * variance about W_j + theta^2 W_j^2 (W_j = sum mu (1 - mu)), so
 * theta^2 ~ sum_j (r_j^2 - W_j) / sum_j W_j^2. lme4 starts at theta = 1; the optimum is the
 * same from either, but a start near it saves Newton steps (about half of them when the
 * variance is small, as the study's region variances are). Never below `floor`: at theta = 0
 * the deviance is flat in theta (it is even in theta), so Newton could not leave it.
 */
export function thetaStart(data: GlmmData, beta: Float64Array, rows: NonzeroRows = nonzeroRows(data), floor = 0.1): number {
  const { y, groupStart } = data;
  const parameters = new Float64Array(beta.length + 1);
  parameters.set(beta, 1);
  const eta = new Float64Array(y.length);
  linearPredictor(rows, parameters, eta);
  let excess = 0;
  let scale = 0;
  for (let j = 0; j + 1 < groupStart.length; j++) {
    let r = 0;
    let w = 0;
    for (let i = groupStart[j]; i < groupStart[j + 1]; i++) {
      const mu = 1 / (1 + Math.exp(-eta[i]));
      r += y[i] - mu;
      w += mu * (1 - mu);
    }
    excess += r * r - w;
    scale += w * w;
  }
  const variance = scale > 0 ? excess / scale : 0;
  return Number.isFinite(variance) ? Math.max(floor, Math.sqrt(Math.max(variance, 0))) : 1;
}
