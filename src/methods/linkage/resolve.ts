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

/** Each record of one side with its highest-weight pair among `above` (pairs by descending weight). */
function bestPerRecord(side: 'left' | 'right', pairs: { left: Int32Array; right: Int32Array }, above: Int32Array): Int32Array {
  const record = pairs[side];
  const taken = new Set<number>();
  const out: number[] = [];
  for (const p of above) {
    if (taken.has(record[p])) continue;
    taken.add(record[p]);
    out.push(p);
  }
  return Int32Array.from(out);
}

/** For each left record, its highest-weight pair at or above the threshold. */
export function bestPerLeft(
  pairs: { left: Int32Array; right: Int32Array; count: number },
  predictions: Predictions,
  threshold: number,
  above: Int32Array = aboveThreshold(pairs, predictions, threshold),
): Int32Array {
  return bestPerRecord('left', pairs, above);
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

/** For each right record, its highest-weight pair at or above the threshold (a right record links to one left record at most). */
export function bestPerRight(
  pairs: { left: Int32Array; right: Int32Array; count: number },
  predictions: Predictions,
  threshold: number,
  above: Int32Array = aboveThreshold(pairs, predictions, threshold),
): Int32Array {
  return bestPerRecord('right', pairs, above);
}

/** Cluster labels: the records joined by pairs at or above the threshold, transitively (connected components). */
export interface Clusters {
  /** Cluster of each left record; of each right record (the same array when deduplicating). */
  left: Int32Array;
  right: Int32Array;
  /** Number of clusters (singletons included). */
  count: number;
}

/**
 * Connected components of the graph whose edges are the pairs at or above the threshold.
 * Records are nodes: left rows 0..nLeft-1 and, when linking two files, right rows after them;
 * when deduplicating, left and right rows are the same records. Labels are numbered in order
 * of each cluster's first record.
 */
export function clusters(
  pairs: { left: Int32Array; right: Int32Array; count: number },
  above: Int32Array,
  nLeft: number,
  nRight: number,
  dedupe: boolean,
): Clusters {
  const n = dedupe ? nLeft : nLeft + nRight;
  const offset = dedupe ? 0 : nLeft;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const p of above) {
    const a = find(pairs.left[p]);
    const b = find(offset + pairs.right[p]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const label = new Int32Array(n).fill(-1);
  const out = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if (label[root] < 0) label[root] = count++;
    out[i] = label[root];
  }
  return { left: out.subarray(0, nLeft), right: dedupe ? out.subarray(0, nLeft) : out.subarray(nLeft), count };
}

/** Every (left row, right row) pair within one cluster: the links a clustering implies (i < j when deduplicating). */
export function clusterPairs(c: Clusters, dedupe: boolean): { left: Int32Array; right: Int32Array; count: number } {
  const members = new Map<number, { l: number[]; r: number[] }>();
  const group = (label: number) => {
    let g = members.get(label);
    if (!g) members.set(label, (g = { l: [], r: [] }));
    return g;
  };
  c.left.forEach((label, i) => group(label).l.push(i));
  if (!dedupe) c.right.forEach((label, j) => group(label).r.push(j));
  const left: number[] = [];
  const right: number[] = [];
  for (const { l, r } of members.values()) {
    if (dedupe) {
      for (let a = 0; a < l.length; a++) for (let b = a + 1; b < l.length; b++) (left.push(l[a]), right.push(l[b]));
    } else {
      for (const i of l) for (const j of r) (left.push(i), right.push(j));
    }
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right), count: left.length };
}

export type ResolveMode = 'all' | 'best' | 'best-right' | 'one-to-one' | 'clusters';
export const RESOLVE_MODES: readonly ResolveMode[] = ['all', 'best', 'best-right', 'one-to-one', 'clusters'];

export function resolveLinks(
  mode: ResolveMode,
  pairs: { left: Int32Array; right: Int32Array; count: number },
  predictions: Predictions,
  threshold: number,
): Int32Array {
  if (mode === 'all') return aboveThreshold(pairs, predictions, threshold);
  if (mode === 'best') return bestPerLeft(pairs, predictions, threshold);
  if (mode === 'best-right') return bestPerRight(pairs, predictions, threshold);
  // Clusters are labels, not a subset of pairs: their edges are the pairs above the threshold.
  if (mode === 'clusters') return aboveThreshold(pairs, predictions, threshold);
  return oneToOne(pairs, predictions, threshold);
}
