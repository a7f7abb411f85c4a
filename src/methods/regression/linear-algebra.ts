/**
 * Small dense symmetric helpers for the p x p systems of the fitter (p is the number of
 * fixed effects plus one). Matrices are row-major Float64Array of length n * n.
 */

/**
 * Cholesky factor (lower, row-major) of a symmetric matrix, or null when it is not
 * positive definite. Null rather than a throw because the optimiser uses failure as the
 * signal to damp its step.
 */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solve (L L') x = b given the lower Cholesky factor. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix from its Cholesky factor. */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const column = choleskySolve(l, n, e);
    for (let i = 0; i < n; i++) inv[i * n + j] = column[i];
  }
  // Average with the transpose so rounding leaves an exactly symmetric result.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (inv[i * n + j] + inv[j * n + i]);
      inv[i * n + j] = v;
      inv[j * n + i] = v;
    }
  }
  return inv;
}

export function symmetrise(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * Columns of a cross-product matrix that are linear combinations of earlier columns, found
 * by a Cholesky that skips a column whose remaining variance is below `tolerance` of its own
 * (the same idea as R's pivot-free QR rank check: later columns are the ones dropped).
 */
export function aliasedColumns(crossProduct: Float64Array, n: number, tolerance = 1e-9): number[] {
  const l = new Float64Array(n * n);
  const aliased: number[] = [];
  const kept: number[] = [];
  for (let j = 0; j < n; j++) {
    let d = crossProduct[j * n + j];
    for (const k of kept) d -= l[j * n + k] * l[j * n + k];
    if (!(d > tolerance * crossProduct[j * n + j]) || crossProduct[j * n + j] === 0) {
      aliased.push(j);
      continue;
    }
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = crossProduct[i * n + j];
      for (const k of kept) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
    kept.push(j);
  }
  return aliased;
}
