/** Where estimate meets truth: each method estimate beside its truth and the published figure. */
import { publishedValue } from './targets.ts';
import { estimateKey, type Estimate, type MethodEstimate } from '../results/estimate.ts';

/** Put the truth (by id + group) and the published value beside each method estimate. */
export function withTruth(estimates: MethodEstimate[], truth: Map<string, number>, scale: number): Estimate[] {
  return estimates.map((e) => {
    const t = truth.get(estimateKey(e));
    // A rate over an empty group (small scales) has no value: null, never NaN, and say why.
    const defined = e.estimate === null || Number.isFinite(e.estimate);
    const ci = e.ci && e.ci.every(Number.isFinite) ? e.ci : null;
    return {
      ...e,
      estimate: defined ? e.estimate : null,
      ci,
      ...(defined ? {} : { note: e.note ?? 'not defined on this run (an empty group or a zero denominator)' }),
      truth: t === undefined || !Number.isFinite(t) ? null : t,
      published: publishedValue(e.id, e.group, scale),
    };
  });
}
