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
