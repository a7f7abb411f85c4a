/**
 * Scoring predicted links against truth keys. A predicted link (left id, right id) is true
 * when both records carry the same truth entity. Pair-level: precision, recall over all true
 * (left, right) pairs, F1, false-match rate (share of predicted links that are false).
 * Left-level: of the left records that have at least one true right record, the share found
 * by at least one correct link (the study's "found in treatment" question).
 */

export interface LinkScore {
  predicted: number;
  truePositives: number;
  falsePositives: number;
  /** All (left, right) pairs sharing an entity. */
  truePairs: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  falseMatchRate: number;
  leftWithTrueMatch: number;
  leftFound: number;
  leftRecall: number;
}

export interface TruthKeys {
  /** left id -> entity; a left id absent or mapped to '' has no entity. */
  left: Map<string, string>;
  right: Map<string, string>;
}

export interface ScoreResult {
  overall: LinkScore;
  /** Present when a grouping (left id -> group) is given. */
  byGroup?: Record<string, LinkScore>;
}

function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

interface Tally {
  predicted: number;
  tp: number;
  truePairs: number;
  leftWithTrue: number;
  found: Set<string>;
}

function finish(t: Tally): LinkScore {
  const precision = ratio(t.tp, t.predicted);
  const recall = ratio(t.tp, t.truePairs);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    predicted: t.predicted,
    truePositives: t.tp,
    falsePositives: t.predicted - t.tp,
    truePairs: t.truePairs,
    falseNegatives: t.truePairs - t.tp,
    precision,
    recall,
    f1,
    falseMatchRate: ratio(t.predicted - t.tp, t.predicted),
    leftWithTrueMatch: t.leftWithTrue,
    leftFound: t.found.size,
    leftRecall: ratio(t.found.size, t.leftWithTrue),
  };
}

/**
 * Score links. Duplicate links count once. `group` maps a left id to its group for the
 * breakdown; links and true pairs of left ids without a group go to group "".
 */
export function scoreLinks(
  links: { left: readonly string[]; right: readonly string[] },
  truth: TruthKeys,
  group?: Map<string, string>,
): ScoreResult {
  const newTally = (): Tally => ({ predicted: 0, tp: 0, truePairs: 0, leftWithTrue: 0, found: new Set() });
  const overall = newTally();
  const groups = new Map<string, Tally>();
  const tallyOf = (leftId: string): Tally | null => {
    if (!group) return null;
    const g = group.get(leftId) ?? '';
    let t = groups.get(g);
    if (!t) {
      t = newTally();
      groups.set(g, t);
    }
    return t;
  };
  // True pairs: each left record's entity has this many right records.
  const rightPerEntity = new Map<string, number>();
  for (const entity of truth.right.values()) {
    if (entity !== '') rightPerEntity.set(entity, (rightPerEntity.get(entity) ?? 0) + 1);
  }
  for (const [leftId, entity] of truth.left) {
    const n = entity === '' ? 0 : (rightPerEntity.get(entity) ?? 0);
    const g = tallyOf(leftId);
    overall.truePairs += n;
    if (g) g.truePairs += n;
    if (n > 0) {
      overall.leftWithTrue++;
      if (g) g.leftWithTrue++;
    }
  }
  const seen = new Set<string>();
  for (let i = 0; i < links.left.length; i++) {
    const l = links.left[i];
    const r = links.right[i];
    const key = `${l}\u0000${r}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const el = truth.left.get(l);
    const er = truth.right.get(r);
    const correct = el !== undefined && el !== '' && el === er;
    const g = tallyOf(l);
    for (const t of g ? [overall, g] : [overall]) {
      t.predicted++;
      if (correct) {
        t.tp++;
        t.found.add(l);
      }
    }
  }
  const result: ScoreResult = { overall: finish(overall) };
  if (group) {
    result.byGroup = {};
    for (const name of [...groups.keys()].sort()) result.byGroup[name] = finish(groups.get(name)!);
  }
  return result;
}

/**
 * Score deduplication links: each link an unordered pair of two records of one file, true when
 * both carry the same entity. True pairs are every unordered pair within an entity (C(k, 2)
 * for an entity with k records); a pair given in both orders, or twice, counts once. The
 * "left" figures are over records: those with another record of their entity, and those found
 * in at least one correct link.
 */
export function scoreDedupe(links: { left: readonly string[]; right: readonly string[] }, truth: Map<string, string>): LinkScore {
  const perEntity = new Map<string, number>();
  for (const entity of truth.values()) if (entity !== '') perEntity.set(entity, (perEntity.get(entity) ?? 0) + 1);
  const t: Tally = { predicted: 0, tp: 0, truePairs: 0, leftWithTrue: 0, found: new Set() };
  for (const k of perEntity.values()) {
    t.truePairs += (k * (k - 1)) / 2;
    if (k > 1) t.leftWithTrue += k;
  }
  const seen = new Set<string>();
  for (let i = 0; i < links.left.length; i++) {
    const [a, b] = links.left[i] < links.right[i] ? [links.left[i], links.right[i]] : [links.right[i], links.left[i]];
    if (a === b) continue;
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    t.predicted++;
    const ea = truth.get(a);
    if (ea !== undefined && ea !== '' && ea === truth.get(b)) {
      t.tp++;
      t.found.add(a);
      t.found.add(b);
    }
  }
  return finish(t);
}
