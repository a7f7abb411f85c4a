/** The true m of a link: level shares among the true pairs, for tests that check what EM learned. */
import { comparePairs } from '../../src/methods/linkage/comparisons.ts';
import type { LinkResult } from '../../src/methods/linkage/index.ts';

/** Level shares of the true pairs (every left and right row of one entity): the true m. */
export function trueAgreement(
  result: LinkResult,
  leftEntity: (string | null)[],
  rightEntity: (string | null)[],
  dedupe = false,
): Map<string, { truth: number; m: number }> {
  const byEntity = new Map<string, number[]>();
  leftEntity.forEach((e, i) => e && (byEntity.get(e) ?? byEntity.set(e, []).get(e)!).push(i));
  const tl: number[] = [];
  const tr: number[] = [];
  rightEntity.forEach((e, j) => {
    for (const i of (e && byEntity.get(e)) || []) if (!dedupe || i < j) (tl.push(i), tr.push(j));
  });
  const gamma = comparePairs({ left: Int32Array.from(tl), right: Int32Array.from(tr), count: tl.length }, result.comparisons);
  const K = result.comparisons.length;
  const out = new Map<string, { truth: number; m: number }>();
  result.comparisons.forEach((c, k) => {
    const counts = c.levels.map(() => 0);
    for (let p = 0; p < tl.length; p++) counts[gamma[p * K + k]]++;
    const nonNull = counts.reduce((a, n, l) => (l === c.nullLevel ? a : a + n), 0);
    if (nonNull === 0) return;
    c.levels.forEach((level, l) => {
      if (l !== c.nullLevel) out.set(`${c.name}/${level.name}`, { truth: counts[l] / nonNull, m: result.model.comparisons[k].levels[l].m });
    });
  });
  return out;
}

