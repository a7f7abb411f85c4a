/**
 * From scored candidate pairs to links. A left record (a requirement) may truly match several
 * right records (one person's several treatment episodes), so the caller picks the view:
 * every pair above the threshold, the best right record per left record, or a one-to-one
 * assignment (greedy by descending weight, each left and each right record used once).
 * Each returns indices into the candidate pairs, in descending weight order.
 */
import type { Predictions } from './predict.ts';

function byWeightDescending(indices: Int32Array, weight: Float64Array, right: Int32Array): Int32Array {
  // Ties broken by right row then pair index, so the result never depends on sort stability.
  return indices.sort((a, b) => weight[b] - weight[a] || right[a] - right[b] || a - b);
}

/** Pairs whose match weight is at least `threshold` (log2 odds). */
export function aboveThreshold(pairs: { right: Int32Array; count: number }, predictions: Predictions, threshold: number): Int32Array {
  const w = predictions.matchWeight;
  let n = 0;
  for (let p = 0; p < pairs.count; p++) if (w[p] >= threshold) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let p = 0; p < pairs.count; p++) if (w[p] >= threshold) out[n++] = p;
  return byWeightDescending(out, w, pairs.right);
}

/** For each left record, its highest-weight pair at or above the threshold (`above`: aboveThreshold's result, if already computed). */
export function bestPerLeft(
  pairs: { left: Int32Array; right: Int32Array; count: number },
  predictions: Predictions,
  threshold: number,
  above: Int32Array = aboveThreshold(pairs, predictions, threshold),
): Int32Array {
  const taken = new Set<number>();
  const out: number[] = [];
  for (const p of above) {
    const l = pairs.left[p];
    if (taken.has(l)) continue;
    taken.add(l);
    out.push(p);
  }
  return Int32Array.from(out);
}

/** Greedy one-to-one: walk pairs by descending weight, keep a pair when neither record is linked yet. */
export function oneToOne(
  pairs: { left: Int32Array; right: Int32Array; count: number },
  predictions: Predictions,
  threshold: number,
  above: Int32Array = aboveThreshold(pairs, predictions, threshold),
): Int32Array {
  const leftTaken = new Set<number>();
  const rightTaken = new Set<number>();
  const out: number[] = [];
  for (const p of above) {
    const l = pairs.left[p];
    const r = pairs.right[p];
    if (leftTaken.has(l) || rightTaken.has(r)) continue;
    leftTaken.add(l);
    rightTaken.add(r);
    out.push(p);
  }
  return Int32Array.from(out);
}

export type ResolveMode = 'all' | 'best' | 'one-to-one';
export const RESOLVE_MODES: readonly ResolveMode[] = ['all', 'best', 'one-to-one'];

export function resolveLinks(
  mode: ResolveMode,
  pairs: { left: Int32Array; right: Int32Array; count: number },
  predictions: Predictions,
  threshold: number,
): Int32Array {
  if (mode === 'all') return aboveThreshold(pairs, predictions, threshold);
  if (mode === 'best') return bestPerLeft(pairs, predictions, threshold);
  return oneToOne(pairs, predictions, threshold);
}
