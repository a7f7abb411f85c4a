/**
 * Damped Newton minimisation with an analytic gradient and a Hessian by finite differences
 * of that gradient. Newton rather than lme4's derivative-free Nelder-Mead because the
 * gradient is exact and cheap here, so a handful of quadratically convergent steps reach the
 * optimum to far tighter tolerance than a simplex does.
 */
import { cholesky, choleskySolve, dot, maxAbs, symmetrise } from './linear-algebra.ts';

/** Objective value at x; when `gradient` is given it is filled with the gradient. */
export type Objective = (x: Float64Array, gradient?: Float64Array) => number;

export interface NewtonOptions {
  maxIterations: number;
  /** Stop when the Newton decrement g' H^-1 g (in objective units) falls below this. */
  decrementTolerance: number;
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

export function newtonMinimise(f: Objective, start: Float64Array, options: NewtonOptions): NewtonResult {
  const m = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(m);
  let value = f(x, gradient);
  let decrement = Infinity;
  if (!Number.isFinite(value)) {
    return { x, value, gradient, iterations: 0, converged: false, decrement, message: 'objective is not finite at the start' };
  }
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const hessian = hessianByDifferences(f, x, gradient, false);
    const factor = dampedFactor(hessian, m);
    if (!factor) {
      return { x, value, gradient, iterations: iteration, converged: false, decrement, message: 'Hessian could not be made positive definite' };
    }
    const direction = choleskySolve(factor, m, gradient);
    for (let i = 0; i < m; i++) direction[i] = -direction[i];
    const slope = dot(gradient, direction);
    decrement = -slope;
    if (decrement < options.decrementTolerance) {
      return { x, value, gradient, iterations: iteration, converged: true, decrement, message: 'Newton decrement below tolerance' };
    }
    let t = 1;
    let accepted = false;
    const trial = new Float64Array(m);
    const trialGradient = new Float64Array(m);
    for (let halving = 0; halving < 50; halving++) {
      for (let i = 0; i < m; i++) trial[i] = x[i] + t * direction[i];
      const trialValue = f(trial, trialGradient);
      if (Number.isFinite(trialValue) && trialValue <= value + 1e-4 * t * slope) {
        x = Float64Array.from(trial);
        gradient = Float64Array.from(trialGradient);
        value = trialValue;
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      // No decrease along a descent direction: at the optimum to rounding, or truly stuck.
      const atFloor = decrement < 1e3 * options.decrementTolerance;
      return {
        x,
        value,
        gradient,
        iterations: iteration,
        converged: atFloor,
        decrement,
        message: atFloor ? 'objective flat to rounding' : 'line search failed to decrease the objective',
      };
    }
  }
  return {
    x,
    value,
    gradient,
    iterations: options.maxIterations,
    converged: false,
    decrement,
    message: `iteration limit ${options.maxIterations} reached (largest gradient component ${maxAbs(gradient).toExponential(3)})`,
  };
}
