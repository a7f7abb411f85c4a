/**
 * Gauss-Hermite rules for the standard normal density: sum_k w_k f(z_k) approximates
 * E[f(Z)], Z ~ N(0, 1). A one-point rule (z = 0, w = 1) turns adaptive quadrature into the
 * Laplace approximation, which is how nAGQ = 1 is fitted.
 *
 * Nodes are the eigenvalues of the Jacobi matrix of the orthonormal Hermite polynomials
 * (zero diagonal, off-diagonal sqrt(k)), found by Sturm-sequence bisection because it is
 * exact to rounding without an eigenvector solver; weights are Christoffel numbers
 * 1 / sum_k p_k(z)^2.
 */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

export const MAX_NAGQ = 25;

/** How many eigenvalues of the Jacobi matrix of order n lie below x. */
function countBelow(x: number, n: number): number {
  let count = 0;
  let q = -x;
  if (q < 0) count++;
  for (let k = 1; k < n; k++) {
    const prev = q === 0 ? 1e-300 : q;
    q = -x - k / prev;
    if (q < 0) count++;
  }
  return count;
}

/** Orthonormal Hermite polynomials p_0..p_{n-1} at z, summed in square. */
function christoffelDenominator(z: number, n: number): number {
  let previous = 0;
  let current = 1;
  let sum = 1;
  for (let k = 1; k < n; k++) {
    const next = (z * current - Math.sqrt(k - 1) * previous) / Math.sqrt(k);
    previous = current;
    current = next;
    sum += current * current;
  }
  return sum;
}

export function gaussHermite(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > MAX_NAGQ) {
    throw new RangeError(`number of quadrature points must be an integer from 1 to ${MAX_NAGQ}, got ${n}`);
  }
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const bound = 2 * Math.sqrt(n) + 1;
  for (let i = 0; i < n; i++) {
    // The (i+1)-th smallest eigenvalue: the point where the count below passes i.
    let lo = -bound;
    let hi = bound;
    for (let iteration = 0; iteration < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); iteration++) {
      const mid = 0.5 * (lo + hi);
      if (countBelow(mid, n) > i) hi = mid;
      else lo = mid;
    }
    nodes[i] = 0.5 * (lo + hi);
  }
  // The rule is symmetric; enforce it exactly so an odd rule has its middle node at 0.
  for (let i = 0; i < n >> 1; i++) {
    const z = 0.5 * (nodes[n - 1 - i] - nodes[i]);
    nodes[i] = -z;
    nodes[n - 1 - i] = z;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    weights[i] = 1 / christoffelDenominator(nodes[i], n);
    total += weights[i];
  }
  for (let i = 0; i < n; i++) weights[i] /= total;
  return { nodes, weights };
}
