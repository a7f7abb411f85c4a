/**
 * Fit y ~ X beta + (1 | g), family binomial (logit), by Laplace (nAGQ = 1) or adaptive
 * Gauss-Hermite quadrature (nAGQ > 1), matching lme4's glmer definitions:
 * - the deviance is lme4's (see deviance.ts), minimised jointly over (theta, beta) as lme4's
 *   final stage does;
 * - the covariance of beta is 2 [H^-1]_beta,beta with H the Hessian of that deviance in
 *   (theta, beta), which is what lme4 (1.1-31, calc.derivs = TRUE) reports from its
 *   finite-difference Hessian of the deviance; ours is exact for Laplace (deviance.ts) and
 *   for nAGQ > 1 differences the exact gradient, accurate to about 1e-7 relative rather than
 *   lme4's ~1e-4 step;
 * - logLik = -deviance / 2, lme4's logLik for a GLMM at any nAGQ.
 */
import { InputError } from '../../errors.ts';
import { approximateDeviance, createWorkspace, laplaceHessian, profiledInformation, type DevianceWorkspace } from './deviance.ts';
import { cholesky, choleskyInverse, maxAbs } from './linear-algebra.ts';
import { logisticStart, thetaStart } from './logistic-start.ts';
import { groupCount, type GlmmData } from './model.ts';
import { twoSidedP } from './normal.ts';
import { hessianByDifferences, newtonMinimise, type Objective } from './optimise.ts';
import { gaussHermite, MAX_NAGQ } from './quadrature.ts';

/** The 97.5% standard normal quantile, as in R's confint.default. */
export const Z_975 = 1.959963984540054;

/** lme4's default boundary.tol: theta below this is checked against theta = 0. */
const BOUNDARY_THETA = 1e-5;

/** |eta| beyond which a fitted probability is within 2e-16 of 0 or 1 (R's glm warns there). */
const SEPARATION_ETA = 36;

export interface GlmmOptions {
  /** 1 = Laplace approximation; 2..25 = adaptive Gauss-Hermite points. Default 1. */
  nAGQ?: number;
  /** Newton iterations allowed before the fit is reported as not converged. Default 100. */
  maxIterations?: number;
  /**
   * Where the random-intercept SD starts (lme4 starts at 1). Default: a moment estimate from
   * the glm fit (thetaStart). The optimum does not depend on it, only the steps to reach it.
   */
  startTheta?: number;
}

export interface FixedEffectEstimate {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
  /** exp(estimate): the adjusted odds ratio. */
  oddsRatio: number;
  /** exp(estimate -/+ 1.959964 se): 95% Wald interval of the odds ratio. */
  ciLow: number;
  ciHigh: number;
}

export interface GlmmConvergence {
  converged: boolean;
  iterations: number;
  /** Largest absolute component of the deviance gradient in (theta, beta) at the last point. */
  gradientMaxAbs: number;
  /** Newton decrement g' H^-1 g at the last point (deviance units). */
  newtonDecrement: number;
  /** Deviance-and-gradient evaluations the optimiser used (excluding the final Hessian). */
  evaluations: number;
  message: string;
}

export interface GlmmFit {
  fixed: FixedEffectEstimate[];
  random: {
    group: string;
    /** Variance of the random intercept (theta^2 on the logit scale). */
    variance: number;
    sd: number;
  };
  /** lme4's logLik: -deviance / 2 of the Laplace or AGQ approximation. */
  logLik: number;
  deviance: number;
  nObs: number;
  nGroups: number;
  nAGQ: number;
  converged: boolean;
  iterations: number;
  convergence: GlmmConvergence;
  /** Random-intercept SD below 1e-4 (lme4's isSingular tolerance on theta). */
  singular: boolean;
}

export function fitGlmm(data: GlmmData, options: GlmmOptions = {}): GlmmFit {
  const nAGQ = options.nAGQ ?? 1;
  if (!Number.isInteger(nAGQ) || nAGQ < 1 || nAGQ > MAX_NAGQ) {
    throw new InputError(`nAGQ must be a whole number from 1 to ${MAX_NAGQ} (1 = Laplace), got ${nAGQ}`);
  }
  const maxIterations = options.maxIterations ?? 100;
  const rule = gaussHermite(nAGQ);
  const workspace = createWorkspace(data, rule);
  const objective: Objective = (parameters, gradient) => approximateDeviance(data, rule, parameters, workspace, gradient);
  // The Laplace deviance has an exact Hessian (deviance.ts); adaptive quadrature's is differenced.
  const exactHessian = nAGQ === 1 ? (parameters: Float64Array) => laplaceHessian(data, parameters, workspace) : undefined;

  const p = data.p;
  const m = p + 1;
  const start = new Float64Array(m);
  // lme4 starts beta at the glm fit and theta at 1; theta here starts at a moment estimate from
  // the glm fit's residuals (logistic-start.ts), which reaches the same optimum in about half
  // the Newton steps when the variance is small.
  const glm = logisticStart(data, 25, workspace.rows);
  start[0] = options.startTheta ?? thetaStart(data, glm, workspace.rows);
  start.set(glm, 1);

  // A decrement of 1e-14 |deviance| leaves the estimates within about 3e-5 standard errors of
  // the optimum even at 100,000 rows (distance^2 in SE units is about decrement / 2): far
  // inside the 1e-3 agreement with lme4.
  const result = newtonMinimise(
    objective,
    start,
    { maxIterations, decrementTolerance: 1e-12, relativeDecrementTolerance: 1e-14, exactHessian },
    (f, at, gradientAt) => firstHessian(data, workspace, f, at, gradientAt),
  );
  const x = result.x;
  // The deviance is even in theta; report the non-negative representative as lme4 does.
  // Flipping theta's sign flips the sign of its Hessian row and column, which leaves the
  // beta block of the inverse unchanged.
  if (x[0] < 0) x[0] = -x[0];
  let hessian = result.hessian;
  const gradient = new Float64Array(m);
  let deviance = objective(x, gradient);
  if (x[0] > 0 && x[0] < BOUNDARY_THETA) {
    // Like lme4's boundary check: a variance this close to zero that fits no better than
    // zero is reported as exactly zero (a singular fit), not as rounding noise.
    const atZero = Float64Array.from(x);
    atZero[0] = 0;
    const zeroGradient = new Float64Array(m);
    const devianceAtZero = objective(atZero, zeroGradient);
    if (devianceAtZero <= deviance + 1e-10) {
      x[0] = 0;
      hessian = null;
      deviance = devianceAtZero;
      gradient.set(zeroGradient);
    }
  }

  let message = result.message;
  let converged = result.converged && Number.isFinite(deviance);
  let covariance: Float64Array | null = null;
  if (converged) {
    // Reuse the Hessian that confirmed convergence at this very point; a new one (exact, or by
    // central differences) only when the point moved (to the boundary) after the optimiser stopped.
    hessian ??= exactHessian ? exactHessian(x) : hessianByDifferences(objective, x, gradient, true);
    covariance = betaCovariance(hessian, m, x[0] < 1e-4);
    if (!covariance) {
      converged = false;
      message = 'Hessian of the deviance is not positive definite at the last point (separation or an unidentified effect?)';
    }
  }

  if (converged) {
    const extreme = largestLinearPredictor(data, workspace.offset, workspace.modes, x[0], objective, x);
    if (extreme > SEPARATION_ETA) {
      converged = false;
      message =
        `fitted probabilities numerically 0 or 1 (largest |linear predictor| ${extreme.toFixed(1)}): ` +
        'complete or quasi-complete separation, so some coefficients have no finite estimate';
    }
  }

  const fixed: FixedEffectEstimate[] = data.termNames.map((term, k) => {
    const estimate = x[k + 1];
    const se = covariance ? Math.sqrt(covariance[k * p + k]) : NaN;
    const z = estimate / se;
    return {
      term,
      estimate,
      se,
      z,
      p: twoSidedP(z),
      oddsRatio: Math.exp(estimate),
      ciLow: Math.exp(estimate - Z_975 * se),
      ciHigh: Math.exp(estimate + Z_975 * se),
    };
  });
  const theta = x[0];
  return {
    fixed,
    random: { group: data.groupName, variance: theta * theta, sd: theta },
    logLik: -deviance / 2,
    deviance,
    nObs: data.y.length,
    nGroups: groupCount(data),
    nAGQ,
    converged,
    iterations: result.iterations,
    convergence: {
      converged,
      iterations: result.iterations,
      gradientMaxAbs: maxAbs(gradient),
      newtonDecrement: result.decrement,
      evaluations: result.evaluations,
      message,
    },
    singular: theta < 1e-4,
  };
}

/**
 * 2 [H^-1]_beta,beta from the Hessian in (theta, beta). At the boundary theta = 0 the
 * cross terms vanish by symmetry (the deviance is even in theta), so when the theta row is
 * flat there the beta block alone gives the same answer; anywhere else a Hessian that is not
 * positive definite means no minimum was reached.
 */
function betaCovariance(hessian: Float64Array, m: number, atBoundary: boolean): Float64Array | null {
  const p = m - 1;
  const full = cholesky(hessian, m);
  const out = new Float64Array(p * p);
  if (full) {
    const inverse = choleskyInverse(full, m);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) out[a * p + b] = 2 * inverse[(a + 1) * m + b + 1];
    return out;
  }
  if (!atBoundary) return null;
  const block = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) block[a * p + b] = hessian[(a + 1) * m + b + 1];
  const factor = cholesky(block, p);
  if (!factor) return null;
  const inverse = choleskyInverse(factor, p);
  for (let i = 0; i < p * p; i++) out[i] = 2 * inverse[i];
  return out;
}

/** Largest |X beta + theta u| at the conditional modes of the final parameters. */
function largestLinearPredictor(
  data: GlmmData,
  offset: Float64Array,
  modes: Float64Array,
  theta: number,
  objective: Objective,
  parameters: Float64Array,
): number {
  // Re-evaluate so offset and modes belong to these parameters, not a Hessian probe.
  objective(parameters);
  let largest = 0;
  for (let j = 0; j + 1 < data.groupStart.length; j++) {
    const b = theta * modes[j];
    for (let i = data.groupStart[j]; i < data.groupStart[j + 1]; i++) largest = Math.max(largest, Math.abs(offset[i] + b));
  }
  return largest;
}

/**
 * A first Hessian in (theta, beta) for one gradient evaluation instead of p + 1: the theta
 * row and column by a forward difference of the gradient, the beta block from the profiled
 * PIRLS information at the current modes.
 */
function firstHessian(
  data: GlmmData,
  workspace: DevianceWorkspace,
  f: Objective,
  at: Float64Array,
  gradientAt: Float64Array,
): Float64Array {
  const m = at.length;
  const p = m - 1;
  // Evaluate at `at` first so the workspace modes belong to it.
  f(at);
  const beta = profiledInformation(data, at, workspace);
  const hessian = new Float64Array(m * m);
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) hessian[(a + 1) * m + c + 1] = beta[a * p + c];
  const step = 1e-7 * Math.max(1, Math.abs(at[0]));
  const shifted = Float64Array.from(at);
  shifted[0] += step;
  const gradientShifted = new Float64Array(m);
  f(shifted, gradientShifted);
  for (let i = 0; i < m; i++) {
    const v = (gradientShifted[i] - gradientAt[i]) / step;
    hessian[i * m] = v;
    hessian[i] = v;
  }
  return hessian;
}
