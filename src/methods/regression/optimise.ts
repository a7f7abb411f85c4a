/**
 * Minimisation with an analytic gradient. With an exact Hessian (the Laplace deviance has one)
 * every step is a full Newton step. Without one, Newton steps whose Hessian comes from finite
 * differences of the gradient once, then from BFGS updates (each costs no evaluation), and is
 * recomputed by differences whenever the updated one claims convergence, so the optimum is
 * always confirmed with a true second-derivative matrix. Derivative-based rather than lme4's
 * Nelder-Mead because the gradient here is exact and cheap, so the optimum is reached to far
 * tighter tolerance with far fewer deviance evaluations.
 */
import { cholesky, choleskySolve, dot, maxAbs, symmetrise } from './linear-algebra.ts';

/** Objective value at x; when `gradient` is given it is filled with the gradient. */
export type Objective = (x: Float64Array, gradient?: Float64Array) => number;

export interface NewtonOptions {
  maxIterations: number;
  /**
   * Stop when the Newton decrement g' H^-1 g (objective units) falls below the larger of
   * this and relativeDecrementTolerance * |objective|.
   */
  decrementTolerance: number;
  relativeDecrementTolerance: number;
  /**
   * The exact Hessian at x (after the objective was evaluated there), used wherever a
   * differenced one would be: every step is then a full Newton step and no BFGS update is made.
   */
  exactHessian?: (x: Float64Array) => Float64Array;
}

export interface NewtonResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  converged: boolean;
  /** Newton decrement at the last point. */
  decrement: number;
  /** What stopped the iteration, in words. */
  message: string;
  /** Objective evaluations used (each with its gradient). */
  evaluations: number;
  /** On convergence, the exact or differenced Hessian at x that confirmed it; otherwise null. */
  hessian: Float64Array | null;
}

/**
 * Hessian by differences of the gradient, symmetrised. Central differences when `central`
 * (for standard errors: error O(h^2)), forward otherwise (for steps: half the cost).
 */
export function hessianByDifferences(
  f: Objective,
  x: Float64Array,
  gradientAtX: Float64Array,
  central: boolean,
): Float64Array {
  const m = x.length;
  const h = new Float64Array(m * m);
  const plus = new Float64Array(m);
  const minus = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const step = (central ? 1e-5 : 1e-7) * Math.max(1, Math.abs(x[k]));
    const xk = Float64Array.from(x);
    xk[k] = x[k] + step;
    f(xk, plus);
    if (central) {
      xk[k] = x[k] - step;
      f(xk, minus);
      for (let i = 0; i < m; i++) h[i * m + k] = (plus[i] - minus[i]) / (2 * step);
    } else {
      for (let i = 0; i < m; i++) h[i * m + k] = (plus[i] - gradientAtX[i]) / step;
    }
  }
  symmetrise(h, m);
  return h;
}

/** Cholesky of H, adding a growing ridge until it is positive definite. */
function dampedFactor(h: Float64Array, m: number): Float64Array | null {
  let factor = cholesky(h, m);
  if (factor) return factor;
  let scale = 0;
  for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(h[i * m + i]));
  let ridge = 1e-8 * Math.max(scale, 1);
  for (let attempt = 0; attempt < 40 && !factor; attempt++) {
    const damped = Float64Array.from(h);
    for (let i = 0; i < m; i++) damped[i * m + i] += ridge;
    factor = cholesky(damped, m);
    ridge *= 10;
  }
  return factor;
}

/**
 * A first Hessian at x (gradient given), cheaper than differencing; the optimiser still
 * confirms convergence with a differenced one. Receives the counted objective.
 */
export type InitialHessian = (f: Objective, x: Float64Array, gradient: Float64Array) => Float64Array;

export function newtonMinimise(
  objective: Objective,
  start: Float64Array,
  options: NewtonOptions,
  initialHessian?: InitialHessian,
): NewtonResult {
  const m = start.length;
  let evaluations = 0;
  const f: Objective = (at, gradient) => {
    evaluations++;
    return objective(at, gradient);
  };
  let x = Float64Array.from(start);
  let gradient = new Float64Array(m);
  let value = f(x, gradient);
  let decrement = Infinity;
  let hessian: Float64Array;
  let fresh = true;
  const stop = (iterations: number, converged: boolean, message: string): NewtonResult => ({
    x,
    value,
    gradient,
    iterations,
    converged,
    decrement,
    message,
    evaluations,
    hessian: converged && fresh ? hessian : null,
  });
  if (!Number.isFinite(value)) return stop(0, false, 'objective is not finite at the start');
  const exact = options.exactHessian;
  const trueHessian = (at: Float64Array, gradientAt: Float64Array): Float64Array => (exact ? exact(at) : hessianByDifferences(f, at, gradientAt, false));
  if (exact) {
    hessian = exact(x);
  } else if (initialHessian) {
    hessian = initialHessian(f, x, gradient);
    fresh = false;
  } else {
    hessian = trueHessian(x, gradient);
  }
  let lastFreshDecrement = Infinity;
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const factor = dampedFactor(hessian, m);
    if (!factor) return stop(iteration, false, 'Hessian could not be made positive definite');
    const direction = choleskySolve(factor, m, gradient);
    for (let i = 0; i < m; i++) direction[i] = -direction[i];
    const slope = dot(gradient, direction);
    decrement = -slope;
    const tolerance = Math.max(options.decrementTolerance, options.relativeDecrementTolerance * Math.abs(value));
    if (fresh) {
      if (decrement < tolerance) return stop(iteration, true, 'Newton decrement below tolerance');
      // Rounding in a sum over many groups sets a floor on the decrement; two true-Hessian
      // checks in a row that make no headway near tolerance mean the floor is reached.
      if (decrement < 1e3 * tolerance && decrement > 0.5 * lastFreshDecrement) {
        return stop(iteration, true, 'Newton decrement at the rounding floor');
      }
      lastFreshDecrement = decrement;
    } else if (decrement < tolerance) {
      // An updated Hessian may understate curvature: confirm with a differenced one.
      hessian = trueHessian(x, gradient);
      fresh = true;
      iteration--;
      continue;
    }
    let t = 1;
    let accepted = false;
    const trial = new Float64Array(m);
    const trialGradient = new Float64Array(m);
    let trialValue = NaN;
    for (let halving = 0; halving < 50; halving++) {
      for (let i = 0; i < m; i++) trial[i] = x[i] + t * direction[i];
      trialValue = f(trial, trialGradient);
      if (Number.isFinite(trialValue) && trialValue <= value + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      if (!fresh) {
        hessian = trueHessian(x, gradient);
        fresh = true;
        continue;
      }
      // No decrease along a true Newton direction: at the optimum to rounding, or stuck.
      const atFloor = decrement < 1e3 * options.decrementTolerance;
      return stop(iteration, atFloor, atFloor ? 'objective flat to rounding' : 'line search failed to decrease the objective');
    }
    // BFGS update of the Hessian from the step s and the change in gradient y.
    const s = new Float64Array(m);
    const y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      s[i] = trial[i] - x[i];
      y[i] = trialGradient[i] - gradient[i];
    }
    x = Float64Array.from(trial);
    gradient = Float64Array.from(trialGradient);
    value = trialValue;
    if (exact) {
      hessian = exact(x);
      fresh = true;
      continue;
    }
    const sy = dot(s, y);
    const hs = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let acc = 0;
      for (let k = 0; k < m; k++) acc += hessian[i * m + k] * s[k];
      hs[i] = acc;
    }
    const shs = dot(s, hs);
    if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y)) && shs > 0) {
      const updated = new Float64Array(m * m);
      for (let i = 0; i < m; i++) {
        for (let k = 0; k < m; k++) updated[i * m + k] = hessian[i * m + k] - (hs[i] * hs[k]) / shs + (y[i] * y[k]) / sy;
      }
      hessian = updated;
      fresh = false;
    } else {
      hessian = trueHessian(x, gradient);
      fresh = true;
    }
  }
  return stop(
    options.maxIterations,
    false,
    `iteration limit ${options.maxIterations} reached (largest gradient component ${maxAbs(gradient).toExponential(3)})`,
  );
}
