/** The numeric form of a binomial GLMM with one random intercept, as the fitter sees it. */
export interface GlmmData {
  /** Outcome, 0 or 1, rows ordered so each group is contiguous. */
  y: Float64Array;
  /** Fixed-effects design, row-major: row i is x[i * p .. i * p + p). */
  x: Float64Array;
  /** Number of fixed effects (columns of x). */
  p: number;
  /** Rows of group j are groupStart[j] .. groupStart[j + 1] - 1. */
  groupStart: Int32Array;
  /** Names of the columns of x, as R names them. */
  termNames: string[];
  /** The grouping variable and its levels, in the order of groupStart. */
  groupName: string;
  groupLevels: string[];
}

export function rowCount(data: GlmmData): number {
  return data.y.length;
}

export function groupCount(data: GlmmData): number {
  return data.groupStart.length - 1;
}

/**
 * The nonzero entries of x, row by row (compressed sparse rows, columns ascending). Most
 * columns of a design are 0/1 contrasts, so a row has a few nonzeros of p; the fitter's sums
 * over a row's columns visit only these. A skipped entry would have added an exact zero, so
 * every sum is bit for bit the one the dense loop gives.
 */
export interface NonzeroRows {
  /** Row i's entries are at rowStart[i] .. rowStart[i + 1] - 1. */
  rowStart: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

export function nonzeroRows(data: GlmmData): NonzeroRows {
  const { x, p } = data;
  const n = data.y.length;
  const rowStart = new Int32Array(n + 1);
  let count = 0;
  for (let i = 0; i < n * p; i++) if (x[i] !== 0) count++;
  const column = new Int32Array(count);
  const value = new Float64Array(count);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let k = 0; k < p; k++) {
      const v = x[row + k];
      if (v === 0) continue;
      column[q] = k;
      value[q++] = v;
    }
    rowStart[i + 1] = q;
  }
  return { rowStart, column, value };
}

/** offset[i] = x_i' beta, beta read from parameters[1..p] (parameters[0] is theta). */
export function linearPredictor(rows: NonzeroRows, parameters: Float64Array, offset: Float64Array): void {
  const { rowStart, column, value } = rows;
  for (let i = 0; i + 1 < rowStart.length; i++) {
    let s = 0;
    for (let q = rowStart[i]; q < rowStart[i + 1]; q++) s += value[q] * parameters[column[q] + 1];
    offset[i] = s;
  }
}
