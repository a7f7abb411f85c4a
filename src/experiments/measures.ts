/**
 * Performance measures of a simulation study with their Monte Carlo standard errors, as
 * Morris, White and Crowther (2019, table 6) define them. The truth may differ from replicate
 * to replicate (each has its own world), so bias and RMSE are of the per-replicate errors
 * (estimate - that replicate's truth); empirical SE is the spread of the estimates.
 */

export interface Replicate {
  estimate: number | null;
  truth: number | null;
  ci: [number, number] | null;
}

export interface Performance {
  n: number;
  mean_estimate: number | null;
  mean_truth: number | null;
  bias: number | null;
  bias_mcse: number | null;
  relative_bias: number | null;
  relative_bias_mcse: number | null;
  empirical_se: number | null;
  empirical_se_mcse: number | null;
  rmse: number | null;
  rmse_mcse: number | null;
  /** Replicates with an interval, and the share of them holding the truth. */
  n_ci: number;
  coverage: number | null;
  coverage_mcse: number | null;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sumSq = (xs: number[], m: number): number => xs.reduce((a, x) => a + (x - m) ** 2, 0);

export function performance(replicates: readonly Replicate[]): Performance {
  const both = replicates.filter((r): r is Replicate & { estimate: number; truth: number } => r.estimate !== null && r.truth !== null);
  const estimates = replicates.flatMap((r) => (r.estimate === null ? [] : [r.estimate]));
  const n = estimates.length;
  const meanEstimate = n > 0 ? mean(estimates) : null;
  const truths = both.map((r) => r.truth);
  const meanTruth = truths.length > 0 ? mean(truths) : null;
  const errors = both.map((r) => r.estimate - r.truth);
  const m = errors.length;
  const bias = m > 0 ? mean(errors) : null;
  const biasMcse = m > 1 && bias !== null ? Math.sqrt(sumSq(errors, bias) / (m * (m - 1))) : null;
  const relative = bias !== null && meanTruth !== null && meanTruth !== 0;
  const empSe = n > 1 && meanEstimate !== null ? Math.sqrt(sumSq(estimates, meanEstimate) / (n - 1)) : null;
  const mse = m > 0 ? mean(errors.map((e) => e * e)) : null;
  const mseMcse = m > 1 && mse !== null ? Math.sqrt(sumSq(errors.map((e) => e * e), mse) / (m * (m - 1))) : null;
  const rmse = mse === null ? null : Math.sqrt(mse);
  const withCi = both.filter((r) => r.ci !== null);
  const covered = withCi.filter((r) => r.ci![0] <= r.truth && r.truth <= r.ci![1]).length;
  const coverage = withCi.length > 0 ? covered / withCi.length : null;
  return {
    n,
    mean_estimate: meanEstimate,
    mean_truth: meanTruth,
    bias,
    bias_mcse: biasMcse,
    relative_bias: relative ? bias! / meanTruth! : null,
    relative_bias_mcse: relative && biasMcse !== null ? biasMcse / Math.abs(meanTruth!) : null,
    empirical_se: empSe,
    empirical_se_mcse: empSe !== null ? empSe / Math.sqrt(2 * (n - 1)) : null,
    rmse,
    // Delta method from the MSE's Monte Carlo SE.
    rmse_mcse: rmse !== null && mseMcse !== null && rmse > 0 ? mseMcse / (2 * rmse) : null,
    n_ci: withCi.length,
    coverage,
    coverage_mcse: coverage !== null ? Math.sqrt((coverage * (1 - coverage)) / withCi.length) : null,
  };
}
