/**
 * Starting values: an ordinary logistic regression of y on X by iteratively reweighted
 * least squares, as lme4 starts from glm.fit's coefficients.
 */
import { cholesky, choleskySolve } from './linear-algebra.ts';
import type { GlmmData } from './model.ts';

export function logisticStart(data: GlmmData, maxIterations = 25): Float64Array {
  const { y, x, p } = data;
  const n = y.length;
  let beta = new Float64Array(p);
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
      const row = i * p;
      for (let a = 0; a < p; a++) {
        const xa = x[row + a];
        // A zero (most of the 0/1 factor columns) adds nothing: skipped, the sums are bit for bit the same.
        if (xa === 0) continue;
        score[a] += r * xa;
        const wa = w * xa;
        for (let b = 0; b <= a; b++) information[a * p + b] += wa * x[row + b];
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) information[b * p + a] = information[a * p + b];
    const factor = cholesky(information, p);
    if (!factor) break;
    const step = choleskySolve(factor, p, score);
    const next = new Float64Array(p);
    for (let a = 0; a < p; a++) next[a] = beta[a] + step[a];
    beta = next;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * p;
      for (let a = 0; a < p; a++) s += x[row + a] * beta[a];
      eta[i] = s;
    }
    if (Math.abs(previousDeviance - deviance) < 1e-10 * (1 + Math.abs(deviance))) break;
    previousDeviance = deviance;
  }
  for (let a = 0; a < p; a++) if (!Number.isFinite(beta[a])) beta[a] = 0;
  return beta;
}
