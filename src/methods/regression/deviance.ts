/**
 * The approximate deviance lme4 minimises for a binomial GLMM with one random intercept,
 * and its exact gradient in (theta, beta).
 *
 * For group j, with o = X beta, u the spherical random effect (b = theta u) and
 * h_j(u) = sum_i log p(y_i | o_i + theta u) - u^2 / 2, the marginal likelihood is
 *   I_j = (2 pi)^(-1/2) integral exp(h_j(u)) du.
 * Adaptive Gauss-Hermite quadrature centres the rule at the mode a_j and scales it by
 * s_j = 1 / L_j, L_j^2 = -h_j''(a_j) = 1 + theta^2 sum_i mu_i (1 - mu_i):
 *   log I_j ~ -log L_j + log sum_k w_k exp(h_j(a_j + z_k s_j) + z_k^2 / 2).
 * With the one-point rule this is lme4's Laplace deviance (ldL2 + ||u||^2 + sum of deviance
 * residuals), and with nAGQ points it is lme4's AGQ deviance; deviance = -2 sum_j log I_j.
 * For 0/1 outcomes the binomial deviance residuals are exactly -2 log p(y), so no saturated-
 * model constant separates the two definitions.
 *
 * The gradient differentiates the approximation itself, including how the mode a_j and scale
 * s_j move with the parameters (implicit function theorem on h_j'(a_j) = 0), so that the
 * optimiser and lme4 minimise the same function.
 */
import { groupMode } from './conditional-modes.ts';
import { linearPredictor, nonzeroRows, type GlmmData, type NonzeroRows } from './model.ts';
import type { QuadratureRule } from './quadrature.ts';

/** Reusable buffers and the warm-start modes for one fit; owned by the caller, not shared. */
export interface DevianceWorkspace {
  /** x's nonzeros by row: every sum over a row's columns runs over these. */
  rows: NonzeroRows;
  modes: Float64Array;
  offset: Float64Array;
  /** The parameters `modes` and `offset` belong to (the last deviance evaluation's), or NaN. */
  modesAt: Float64Array;
  nodeMu: Float64Array;
  vectorA: Float64Array;
  vectorB: Float64Array;
  vectorC: Float64Array;
  dModeDBeta: Float64Array;
  dScaleDBeta: Float64Array;
  dLDBeta: Float64Array;
}

export function createWorkspace(data: GlmmData, rule: QuadratureRule): DevianceWorkspace {
  let largest = 0;
  for (let j = 0; j + 1 < data.groupStart.length; j++) {
    largest = Math.max(largest, data.groupStart[j + 1] - data.groupStart[j]);
  }
  const p = data.p;
  return {
    rows: nonzeroRows(data),
    modes: new Float64Array(data.groupStart.length - 1),
    offset: new Float64Array(data.y.length),
    modesAt: new Float64Array(p + 1).fill(NaN),
    nodeMu: new Float64Array(rule.nodes.length > 1 ? rule.nodes.length * largest : 0),
    vectorA: new Float64Array(p),
    vectorB: new Float64Array(p),
    vectorC: new Float64Array(p),
    dModeDBeta: new Float64Array(p),
    dScaleDBeta: new Float64Array(p),
    dLDBeta: new Float64Array(p),
  };
}

/**
 * Approximate deviance at parameters [theta, beta_1..beta_p]. When `gradient` is given
 * (length p + 1) it receives d deviance / d parameters.
 */
export function approximateDeviance(
  data: GlmmData,
  rule: QuadratureRule,
  parameters: Float64Array,
  workspace: DevianceWorkspace,
  gradient?: Float64Array,
): number {
  const { y, p, groupStart } = data;
  const theta = parameters[0];
  const { offset, modes, nodeMu } = workspace;
  const { rowStart, column, value } = workspace.rows;
  linearPredictor(workspace.rows, parameters, offset);
  if (gradient) gradient.fill(0);
  const laplace = rule.nodes.length === 1;
  const sumWX = workspace.vectorA;
  const sumWPrimeX = workspace.vectorB;
  const sumResidualX = workspace.vectorC;
  const dModeDBeta = workspace.dModeDBeta;
  const dScaleDBeta = workspace.dScaleDBeta;
  const dLDBeta = workspace.dLDBeta;
  const K = rule.nodes.length;
  const logWeights = Array.from(rule.weights, (w) => Math.log(w));
  const nodeLog = new Float64Array(K);
  const nodeResidual = new Float64Array(K);
  const nodeU = new Float64Array(K);
  let deviance = 0;

  for (let j = 0; j + 1 < groupStart.length; j++) {
    const start = groupStart[j];
    const end = groupStart[j + 1];
    const a = groupMode(y, offset, start, end, theta, modes[j]);
    modes[j] = a;

    // At the mode: curvature and, for the gradient, its derivatives.
    let information = 0;
    let sumWPrime = 0;
    let residual = 0;
    let logLikAtMode = 0;
    if (gradient) {
      sumWX.fill(0);
      sumWPrimeX.fill(0);
      if (laplace) sumResidualX.fill(0);
    }
    const bMode = theta * a;
    for (let i = start; i < end; i++) {
      const eta = offset[i] + bMode;
      const e = Math.exp(-Math.abs(eta));
      const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const t = y[i] > 0.5 ? -eta : eta;
      logLikAtMode -= Math.max(t, 0) + Math.log1p(e);
      const w = mu * (1 - mu);
      information += w;
      residual += y[i] - mu;
      if (gradient) {
        const wPrime = w * (1 - 2 * mu);
        sumWPrime += wPrime;
        if (laplace) {
          const r = y[i] - mu;
          for (let q = rowStart[i]; q < rowStart[i + 1]; q++) {
            const k = column[q];
            const xv = value[q];
            sumWX[k] += w * xv;
            sumWPrimeX[k] += wPrime * xv;
            sumResidualX[k] += r * xv;
          }
        } else {
          for (let q = rowStart[i]; q < rowStart[i + 1]; q++) {
            const k = column[q];
            const xv = value[q];
            sumWX[k] += w * xv;
            sumWPrimeX[k] += wPrime * xv;
          }
        }
      }
    }
    const L2 = 1 + theta * theta * information;
    const L = Math.sqrt(L2);
    const scale = 1 / L;

    let logIntegral: number;
    let dModeDTheta = 0;
    let dLDTheta = 0;
    let dScaleDTheta = 0;
    if (gradient) {
      dModeDTheta = (residual - theta * information * a) / L2;
      for (let k = 0; k < p; k++) dModeDBeta[k] = (-theta * sumWX[k]) / L2;
      const theta2 = theta * theta;
      dLDTheta = (2 * theta * information + theta2 * sumWPrime * (a + theta * dModeDTheta)) / (2 * L);
      dScaleDTheta = -dLDTheta / L2;
      for (let k = 0; k < p; k++) {
        dLDBeta[k] = (theta2 * (sumWPrimeX[k] + theta * sumWPrime * dModeDBeta[k])) / (2 * L);
        dScaleDBeta[k] = -dLDBeta[k] / L2;
      }
    }

    if (laplace) {
      logIntegral = -Math.log(L) + logLikAtMode - 0.5 * a * a;
      if (gradient) {
        // h'(a) is zero to rounding at the mode, so only the direct partials remain.
        const slope = theta * residual - a;
        gradient[0] -= 2 * (-dLDTheta / L + residual * a + slope * dModeDTheta);
        for (let k = 0; k < p; k++) {
          gradient[k + 1] -= 2 * (-dLDBeta[k] / L + sumResidualX[k] + slope * dModeDBeta[k]);
        }
      }
    } else {
      const size = end - start;
      let maxLog = -Infinity;
      for (let q = 0; q < K; q++) {
        const z = rule.nodes[q];
        const u = a + z * scale;
        nodeU[q] = u;
        const b = theta * u;
        let h = -0.5 * u * u;
        let r = 0;
        const base = q * size - start;
        for (let i = start; i < end; i++) {
          const eta = offset[i] + b;
          const e = Math.exp(-Math.abs(eta));
          const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
          const t = y[i] > 0.5 ? -eta : eta;
          h -= Math.max(t, 0) + Math.log1p(e);
          r += y[i] - mu;
          if (gradient) nodeMu[base + i] = mu;
        }
        nodeResidual[q] = r;
        nodeLog[q] = logWeights[q] + h + 0.5 * z * z;
        if (nodeLog[q] > maxLog) maxLog = nodeLog[q];
      }
      let total = 0;
      for (let q = 0; q < K; q++) total += Math.exp(nodeLog[q] - maxLog);
      const logSum = maxLog + Math.log(total);
      logIntegral = -Math.log(L) + logSum;
      if (gradient) {
        // pi_q: each node's share of the quadrature sum.
        let dATheta = 0;
        let meanSlope = 0;
        let meanSlopeZ = 0;
        for (let q = 0; q < K; q++) {
          const share = Math.exp(nodeLog[q] - logSum);
          nodeLog[q] = share;
          const slope = theta * nodeResidual[q] - nodeU[q];
          dATheta += share * (nodeResidual[q] * nodeU[q] + slope * (dModeDTheta + rule.nodes[q] * dScaleDTheta));
          meanSlope += share * slope;
          meanSlopeZ += share * slope * rule.nodes[q];
        }
        sumResidualX.fill(0);
        for (let i = start; i < end; i++) {
          let fitted = 0;
          for (let q = 0; q < K; q++) fitted += nodeLog[q] * nodeMu[q * size + i - start];
          const r = y[i] - fitted;
          for (let q = rowStart[i]; q < rowStart[i + 1]; q++) sumResidualX[column[q]] += r * value[q];
        }
        gradient[0] -= 2 * (-dLDTheta / L + dATheta);
        for (let k = 0; k < p; k++) {
          const dA = sumResidualX[k] + meanSlope * dModeDBeta[k] + meanSlopeZ * dScaleDBeta[k];
          gradient[k + 1] -= 2 * (-dLDBeta[k] / L + dA);
        }
      }
    }
    deviance -= 2 * logIntegral;
  }
  workspace.modesAt.set(parameters);
  return deviance;
}

/**
 * The beta-beta block of the deviance Hessian without the log L_j terms, at the conditional
 * modes the last call of approximateDeviance left in `workspace` (call it at the same
 * parameters first): 2 sum_j [X_j' W_j X_j - theta^2 (X_j' w_j)(w_j' X_j) / L_j^2], the
 * PIRLS information with u profiled out. It misses only O(groups) of O(rows) curvature, so
 * it is a cheap first Hessian for the optimiser; it never sets a standard error.
 */
export function profiledInformation(data: GlmmData, parameters: Float64Array, workspace: DevianceWorkspace): Float64Array {
  const { p, groupStart } = data;
  const theta = parameters[0];
  const { offset, modes } = workspace;
  const { rowStart, column, value } = workspace.rows;
  const information = new Float64Array(p * p);
  const sumWX = new Float64Array(p);
  for (let j = 0; j + 1 < groupStart.length; j++) {
    sumWX.fill(0);
    let sumW = 0;
    const b = theta * modes[j];
    for (let i = groupStart[j]; i < groupStart[j + 1]; i++) {
      const eta = offset[i] + b;
      const e = Math.exp(-Math.abs(eta));
      const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const w = mu * (1 - mu);
      sumW += w;
      const first = rowStart[i];
      for (let q = first; q < rowStart[i + 1]; q++) {
        const a = column[q];
        const wa = w * value[q];
        sumWX[a] += wa;
        if (wa === 0) continue;
        for (let r = first; r <= q; r++) information[a * p + column[r]] += wa * value[r];
      }
    }
    const shrink = (theta * theta) / (1 + theta * theta * sumW);
    for (let a = 0; a < p; a++) for (let c = 0; c <= a; c++) information[a * p + c] -= shrink * sumWX[a] * sumWX[c];
  }
  for (let a = 0; a < p; a++) {
    for (let c = 0; c <= a; c++) {
      information[a * p + c] *= 2;
      information[c * p + a] = information[a * p + c];
    }
  }
  return information;
}

/**
 * The exact Hessian in (theta, beta) of the Laplace deviance (the one-point rule), row-major
 * (p + 1) x (p + 1). Per group, D_j = log Q_j - 2 h_j(a_j) with Q_j = L_j^2 = 1 + theta^2 W_j,
 * W_j = sum_i w_i at the mode a_j; both terms are differentiated twice through the mode:
 * da/dp from h'(a) = 0 and d2a/dp dq from differentiating that identity again, which brings
 * in w' = w (1 - 2 mu) and w'' = w (1 - 6 w). The rows' p x p outer products enter only
 * through one weighted sum per group (2 w - theta^4 W'/Q^2 w' + theta^2/Q w''), so the cost
 * is one pass over the rows with a p x p update each, against p + 1 gradient evaluations (each
 * with its mode searches) for a differenced Hessian. Works at theta = 0 (the boundary) too.
 */
export function laplaceHessian(data: GlmmData, parameters: Float64Array, workspace: DevianceWorkspace): Float64Array {
  const { y, p, groupStart } = data;
  const m = p + 1;
  const theta = parameters[0];
  const theta2 = theta * theta;
  const { offset, modes } = workspace;
  const { rowStart, column, value } = workspace.rows;
  // The optimiser asks for the Hessian where it has just evaluated the deviance: the offset and
  // the modes are then already those of these parameters.
  const current = workspace.modesAt.every((v, k) => v === parameters[k]);
  if (!current) linearPredictor(workspace.rows, parameters, offset);
  const hessian = new Float64Array(m * m);
  // Per group: sums of w, w', w'' times x, and m-vectors indexed 0 = theta, 1..p = beta.
  const S = new Float64Array(p);
  const S1 = new Float64Array(p);
  const S2 = new Float64Array(p);
  const hu = new Float64Array(m); // d2h / dp du at the mode
  const gu = new Float64Array(m); // d3h / dp du2
  const da = new Float64Array(m); // da / dp
  const c = new Float64Array(m); // d(theta a) / dp: each row's d eta / dp less its x
  const dQ = new Float64Array(m);
  const sw1 = new Float64Array(m); // sum_i w'_i d eta_i / dp
  const d2a = new Float64Array(m * m);
  for (let j = 0; j + 1 < groupStart.length; j++) {
    const start = groupStart[j];
    const end = groupStart[j + 1];
    const a = current ? modes[j] : groupMode(y, offset, start, end, theta, modes[j]);
    modes[j] = a;
    const b = theta * a;
    S.fill(0);
    S1.fill(0);
    S2.fill(0);
    let W = 0;
    let W1 = 0;
    let W2 = 0;
    let r = 0;
    for (let i = start; i < end; i++) {
      const eta = offset[i] + b;
      const e = Math.exp(-Math.abs(eta));
      const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const w = mu * (1 - mu);
      const w1 = w * (1 - 2 * mu);
      const w2 = w * (1 - 6 * w);
      W += w;
      W1 += w1;
      W2 += w2;
      r += y[i] - mu;
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) {
        const k = column[q];
        const xv = value[q];
        S[k] += w * xv;
        S1[k] += w1 * xv;
        S2[k] += w2 * xv;
      }
    }
    const Q = 1 + theta2 * W;
    // The rows' outer products: -2 h's -M, log Q's theta^2 M''/Q and, through d2a, -theta^4 W' M'/Q^2.
    const cw = 2;
    const cw1 = (-theta2 * theta2 * W1) / (Q * Q);
    const cw2 = theta2 / Q;
    for (let i = start; i < end; i++) {
      const eta = offset[i] + b;
      const e = Math.exp(-Math.abs(eta));
      const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const w = mu * (1 - mu);
      const v = cw * w + cw1 * w * (1 - 2 * mu) + cw2 * w * (1 - 6 * w);
      if (v === 0) continue;
      const first = rowStart[i];
      for (let q = first; q < rowStart[i + 1]; q++) {
        const vk = v * value[q];
        if (vk === 0) continue;
        const out = (column[q] + 1) * m + 1;
        for (let r = first; r <= q; r++) hessian[out + column[r]] += vk * value[r];
      }
    }
    // h_pu, h_puu and the mode's first derivatives.
    hu[0] = r - theta * a * W;
    gu[0] = -2 * theta * W - theta2 * a * W1;
    for (let k = 0; k < p; k++) {
      hu[k + 1] = -theta * S[k];
      gu[k + 1] = -theta2 * S1[k];
    }
    const guu = -theta2 * theta * W1;
    for (let q = 0; q < m; q++) da[q] = hu[q] / Q;
    // h_pq and h_puq without their row-matrix parts (those went into the outer products above).
    const hpq = (q: number, s: number): number => (q === 0 ? (s === 0 ? -a * a * W : -a * S[s - 1]) : s === 0 ? -a * S[q - 1] : 0);
    const gpq = (q: number, s: number): number =>
      q === 0 ? (s === 0 ? -2 * a * W - theta * a * a * W1 : -S[s - 1] - theta * a * S1[s - 1]) : s === 0 ? -S[q - 1] - theta * a * S1[q - 1] : 0;
    for (let q = 0; q < m; q++) {
      for (let s = 0; s <= q; s++) d2a[q * m + s] = (gpq(q, s) + gu[q] * da[s] + gu[s] * da[q] + guu * da[q] * da[s]) / Q;
    }
    c[0] = a + theta * da[0];
    for (let k = 1; k < m; k++) c[k] = theta * da[k];
    sw1[0] = c[0] * W1;
    for (let k = 1; k < m; k++) sw1[k] = c[k] * W1 + S1[k - 1];
    for (let q = 0; q < m; q++) dQ[q] = (q === 0 ? 2 * theta * W : 0) + theta2 * sw1[q];
    for (let q = 0; q < m; q++) {
      for (let s = 0; s <= q; s++) {
        const s2q = q === 0 ? 0 : S2[q - 1];
        const s2s = s === 0 ? 0 : S2[s - 1];
        const etaQS = (q === 0 ? da[s] : 0) + (s === 0 ? da[q] : 0) + theta * d2a[q * m + s];
        const d2Q =
          (q === 0 && s === 0 ? 2 * W : 0) +
          (q === 0 ? 2 * theta * sw1[s] : 0) +
          (s === 0 ? 2 * theta * sw1[q] : 0) +
          theta2 * (c[q] * c[s] * W2 + c[q] * s2s + c[s] * s2q + W1 * etaQS);
        const logQ = d2Q / Q - (dQ[q] * dQ[s]) / (Q * Q);
        const h = hpq(q, s) + (hu[q] * hu[s]) / Q;
        hessian[q * m + s] += logQ - 2 * h;
      }
    }
  }
  for (let q = 0; q < m; q++) for (let s = 0; s < q; s++) hessian[s * m + q] = hessian[q * m + s];
  return hessian;
}
