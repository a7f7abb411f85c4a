/**
 * Label-free error estimates, as fastLink reports them (Enamorado, Fifield and Imai 2019):
 * with no truth at hand, the model's own posterior match probabilities say how many of the
 * links are expected to be false and how many true matches were left unlinked.
 *
 * Over the candidate pairs with probabilities p_i and the links L (pairs at or above the
 * threshold):
 *   expected true links      TP = sum over L of p_i
 *   false-discovery rate     FDR = sum over L of (1 - p_i) / |L|       precision = 1 - FDR
 *   expected true matches    M = sum over all candidates of p_i
 *   false-negative rate      FNR = sum outside L of p_i / M             recall = TP / M
 * Intervals (95%) treat each pair's match status as an independent Bernoulli(p_i) draw (a
 * Poisson-binomial count, normal approximation; recall by the delta method). They carry the
 * uncertainty of which pairs match GIVEN the model, not the model's own error: when m, u or
 * lambda are wrong, so are these figures and their intervals. Matches the blocking never
 * proposed have no probability and are missing from M: recall is the recall among candidates.
 */
import type { Population } from './training/u.ts';

export interface RateEstimate {
  estimate: number;
  /** 95% interval, or null when undefined (no links, no expected matches). */
  ci: [number, number] | null;
}

export interface ExpectedErrors {
  links: number;
  /** Expected true links among the links. */
  truePositives: RateEstimate;
  /** Expected true matches among the candidate pairs. */
  trueMatches: RateEstimate;
  precision: RateEstimate;
  recall: RateEstimate;
  falseDiscoveryRate: RateEstimate;
  falseNegativeRate: RateEstimate;
  f1: number;
  /** Expected matches among all pairs of the population by the model's prior (lambda x pairs). */
  priorMatches: number;
}

const Z95 = 1.959963984540054;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

function interval(mean: number, variance: number, lo = 0, hi = Infinity): [number, number] {
  const half = Z95 * Math.sqrt(Math.max(0, variance));
  return [Math.max(lo, mean - half), Math.min(hi, mean + half)];
}

/** Expected errors of the links `linked` (indices into the candidate pairs) from the pairs' match probabilities. */
export function expectedErrors(probability: Float64Array, linked: Int32Array, lambda: number, population: Population): ExpectedErrors {
  const isLinked = new Uint8Array(probability.length);
  for (const p of linked) isLinked[p] = 1;
  let tp = 0;
  let tpVar = 0;
  let fn = 0;
  let fnVar = 0;
  for (let i = 0; i < probability.length; i++) {
    const p = probability[i];
    if (isLinked[i]) {
      tp += p;
      tpVar += p * (1 - p);
    } else {
      fn += p;
      fnVar += p * (1 - p);
    }
  }
  const n = linked.length;
  const matches = tp + fn;
  const precision = n === 0 ? NaN : tp / n;
  const recall = matches === 0 ? NaN : tp / matches;
  // Recall = A / (A + B) with A, B independent sums: var ~ (B^2 var A + A^2 var B) / (A + B)^4.
  const recallVar = matches === 0 ? NaN : (fn * fn * tpVar + tp * tp * fnVar) / Math.pow(matches, 4);
  const precisionCi = n === 0 ? null : interval(precision, tpVar / (n * n), 0, 1);
  const recallCi = matches === 0 ? null : interval(recall, recallVar, 0, 1);
  const pairs = population.dedupe ? (population.nLeft * (population.nLeft - 1)) / 2 : population.nLeft * population.nRight;
  return {
    links: n,
    truePositives: { estimate: tp, ci: interval(tp, tpVar) },
    trueMatches: { estimate: matches, ci: interval(matches, tpVar + fnVar) },
    precision: { estimate: precision, ci: precisionCi },
    recall: { estimate: recall, ci: recallCi },
    falseDiscoveryRate: { estimate: 1 - precision, ci: precisionCi ? [clamp01(1 - precisionCi[1]), clamp01(1 - precisionCi[0])] : null },
    falseNegativeRate: { estimate: 1 - recall, ci: recallCi ? [clamp01(1 - recallCi[1]), clamp01(1 - recallCi[0])] : null },
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    priorMatches: lambda * pairs,
  };
}

/** The label-free estimates as results.json entries (percentages; true matches as a count), truth left to evaluation. */
export function expectedErrorEstimates(
  e: ExpectedErrors,
  method: string,
): { id: string; group: string; estimate: number | null; ci: [number, number] | null; unit: 'pct' | 'count'; method: string; note: string }[] {
  const pct = (r: RateEstimate) => ({
    estimate: Number.isNaN(r.estimate) ? null : 100 * r.estimate,
    ci: r.ci ? ([100 * r.ci[0], 100 * r.ci[1]] as [number, number]) : null,
  });
  const note = 'label-free: from the match probabilities alone (fastLink); truth is the same figure scored against the people';
  const how = `${method}; expected from posterior match probabilities`;
  return [
    { id: 'linkage.precision.expected', group: 'all', ...pct(e.precision), unit: 'pct', method: how, note },
    { id: 'linkage.recall.expected', group: 'all', ...pct(e.recall), unit: 'pct', method: how, note },
    { id: 'linkage.false_discovery_rate.expected', group: 'all', ...pct(e.falseDiscoveryRate), unit: 'pct', method: how, note },
    { id: 'linkage.false_negative_rate.expected', group: 'all', ...pct(e.falseNegativeRate), unit: 'pct', method: how, note },
    { id: 'linkage.true_pairs.expected', group: 'all', estimate: e.trueMatches.estimate, ci: e.trueMatches.ci, unit: 'count', method: how, note },
  ];
}
