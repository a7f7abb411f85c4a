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
  if (!group) return { overall: scoreLinksGrouped(links, truth, {}).overall };
  const scored = scoreLinksGrouped(links, truth, { group });
  return { overall: scored.overall, byGroup: scored.byGrouping.group };
}

/**
 * scoreLinks with several breakdowns at once (name -> left id -> group), in one pass over the
 * truth and the links: what scoreLinks gives for each grouping, number for number.
 */
export function scoreLinksGrouped(
  links: { left: readonly string[]; right: readonly string[] },
  truth: TruthKeys,
  groupings: Record<string, ReadonlyMap<string, string>>,
): { overall: LinkScore; byGrouping: Record<string, Record<string, LinkScore>> } {
  const newTally = (): Tally => ({ predicted: 0, tp: 0, truePairs: 0, leftWithTrue: 0, found: new Set() });
  const overall = newTally();
  const named = Object.entries(groupings).map(([name, group]) => ({ name, group, tallies: new Map<string, Tally>() }));
  // The tally of each grouping a left id falls in, made on first sight.
  const talliesOf = (leftId: string): Tally[] => {
    const out = [overall];
    for (const g of named) {
      const value = g.group.get(leftId) ?? '';
      let t = g.tallies.get(value);
      if (!t) {
        t = newTally();
        g.tallies.set(value, t);
      }
      out.push(t);
    }
    return out;
  };
  // True pairs: each left record's entity has this many right records.
  const rightPerEntity = new Map<string, number>();
  for (const entity of truth.right.values()) {
    if (entity !== '') rightPerEntity.set(entity, (rightPerEntity.get(entity) ?? 0) + 1);
  }
  for (const [leftId, entity] of truth.left) {
    const n = entity === '' ? 0 : (rightPerEntity.get(entity) ?? 0);
    for (const t of talliesOf(leftId)) {
      t.truePairs += n;
      if (n > 0) t.leftWithTrue++;
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
    for (const t of talliesOf(l)) {
      t.predicted++;
      if (correct) {
        t.tp++;
        t.found.add(l);
      }
    }
  }
  const byGrouping: Record<string, Record<string, LinkScore>> = {};
  for (const g of named) {
    const scores: Record<string, LinkScore> = {};
    for (const value of [...g.tallies.keys()].sort()) scores[value] = finish(g.tallies.get(value)!);
    byGrouping[g.name] = scores;
  }
  return { overall: finish(overall), byGrouping };
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
