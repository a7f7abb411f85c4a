/**
 * Conditional modes of the random intercepts.
 *
 * With one scalar random effect per group, the penalised likelihood separates: for group j,
 *   h_j(u) = sum_i log p(y_i | o_i + theta u) - u^2 / 2,
 * where o = X beta, is strictly concave (h'' = -(1 + theta^2 sum mu(1 - mu)) < 0), so a 1-D
 * Newton iteration per group finds the mode that lme4's PIRLS finds jointly.
 */

/** log p(y | eta) for a Bernoulli outcome with logit link, without overflow. */
export function bernoulliLogLik(y: number, eta: number): number {
  // log(1 + exp(-|eta|)) + max(0, ±eta) is the stable softplus.
  const t = y > 0.5 ? -eta : eta;
  return -(Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))));
}

export function logistic(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/**
 * Newton iteration for the mode of h_j over rows [start, end). `u0` is the warm start.
 * Returns the mode; throws only if the iteration cannot make progress, which a strictly
 * concave h rules out unless inputs are not finite.
 */
export function groupMode(
  y: Float64Array,
  offset: Float64Array,
  start: number,
  end: number,
  theta: number,
  u0: number,
): number {
  if (theta === 0) return 0;
  let previousU = NaN;
  let previousH = -Infinity;
  let lastStep = Infinity;
  let u = Number.isFinite(u0) ? u0 : 0;
  for (let iteration = 0; iteration < 400; iteration++) {
    // One pass gives h, its slope and its curvature at u.
    let h = -0.5 * u * u;
    let score = 0;
    let information = 0;
    const b = theta * u;
    for (let i = start; i < end; i++) {
      const eta = offset[i] + b;
      const t = y[i] > 0.5 ? -eta : eta;
      const e = Math.exp(-Math.abs(eta));
      h -= Math.max(t, 0) + Math.log1p(e);
      const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      score += y[i] - mu;
      information += mu * (1 - mu);
    }
    if (h < previousH - 1e-12 * Math.abs(previousH) && Number.isFinite(previousU)) {
      // Newton overshot on the flat logistic tail: halve the last step and re-evaluate.
      lastStep *= 0.5;
      u = previousU + lastStep;
      continue;
    }
    if (Math.abs(lastStep) <= 1e-13 * (1 + Math.abs(u))) return u;
    const step = (theta * score - u) / (1 + theta * theta * information);
    previousU = u;
    previousH = h;
    lastStep = step;
    u += step;
  }
  throw new Error('conditional mode iteration did not converge (non-finite data?)');
}

export function penalisedLogLik(
  y: Float64Array,
  offset: Float64Array,
  start: number,
  end: number,
  theta: number,
  u: number,
): number {
  let s = -0.5 * u * u;
  const b = theta * u;
  for (let i = start; i < end; i++) s += bernoulliLogLik(y[i], offset[i] + b);
  return s;
}
