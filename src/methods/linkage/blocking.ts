/**
 * Candidate pairs: for each blocking rule a hash join of the two sides on the rule's keys,
 * the rules' pairs unioned without duplicates. As in Splink, rule r emits a pair only if no
 * earlier rule would have emitted it, so the union needs no set of seen pairs: a check of
 * the earlier rules' keys on the pair decides it.
 */
import { InputError } from '../../errors.ts';
import type { Encoded, EncodedValue } from './encode.ts';
import { PairTable } from './pair-table.ts';

/** One side's composite key per row for one rule: dense ids shared by both sides, -1 when any key is null. */
export interface RuleKeys {
  rule: string[];
  left: Int32Array;
  right: Int32Array;
  /** Number of distinct composite ids. */
  size: number;
}

export interface CandidatePairs {
  left: Int32Array;
  right: Int32Array;
  /** Index of the (first) rule that emitted each pair. */
  rule: Uint8Array;
  count: number;
  /** Pairs each rule emitted into the union (after removing earlier rules' pairs). */
  emittedByRule: number[];
  /** Pairs each rule matches on its own (before the union). */
  matchedByRule: number[];
  /** The rules' composite keys, reusable by training sessions on the same rules. */
  keys: RuleKeys[];
}

function valueOf(encoded: Encoded, key: string): EncodedValue {
  const value = encoded.get(key);
  if (!value) throw new Error(`value "${key}" was not encoded`);
  return value;
}

/** Composite key ids for one rule: fold the keys' codes pairwise and re-number densely after each fold. */
export function ruleKeys(encoded: Encoded, rule: string[]): RuleKeys {
  const first = valueOf(encoded, rule[0]);
  let left: Int32Array = Int32Array.from(first.left);
  let right: Int32Array = Int32Array.from(first.right);
  let size = first.dictionary.length;
  for (let k = 1; k < rule.length; k++) {
    const value = valueOf(encoded, rule[k]);
    const width = value.dictionary.length;
    // A flat table when the combined key space is small (initials x year, sector x sex), a
    // hash table otherwise (initials x date of birth); both number the combinations densely in
    // order of first sight.
    const flat = size * width <= 1 << 24 ? new Int32Array(size * width).fill(-1) : null;
    const hashed = flat ? null : new PairTable(left.length + right.length);
    let next = 0;
    const fold = (ids: Int32Array, codes: Int32Array): Int32Array => {
      const out = new Int32Array(ids.length);
      for (let i = 0; i < ids.length; i++) {
        const a = ids[i];
        const b = codes[i];
        if (a < 0 || b < 0) {
          out[i] = -1;
          continue;
        }
        if (hashed) {
          out[i] = hashed.getOrSet(a, b, next);
          if (out[i] === next) next++;
          continue;
        }
        const combined = a * width + b;
        let id = flat![combined];
        if (id < 0) {
          id = next++;
          flat![combined] = id;
        }
        out[i] = id;
      }
      return out;
    };
    left = fold(left, value.left);
    right = fold(right, value.right);
    size = next;
  }
  return { rule, left, right, size };
}

/** Right rows grouped by composite id (compressed sparse rows): rows of id k are order[start[k] .. start[k+1]), ascending. */
export interface Buckets {
  start: Int32Array;
  order: Int32Array;
}

export function bucketRight(keys: RuleKeys): Buckets {
  const start = new Int32Array(keys.size + 1);
  for (const id of keys.right) if (id >= 0) start[id + 1]++;
  for (let k = 0; k < keys.size; k++) start[k + 1] += start[k];
  const fill = start.slice(0, keys.size);
  const order = new Int32Array(start[keys.size]);
  const right = keys.right;
  for (let j = 0; j < right.length; j++) {
    const id = right[j];
    if (id >= 0) order[fill[id]++] = j;
  }
  return { start, order };
}

/**
 * Pairs a rule matches on its own: sum over left rows of the size of their bucket; when
 * deduplicating (left and right the same records), each unordered pair of a bucket once.
 */
export function countRulePairs(keys: RuleKeys, buckets: Buckets, dedupe = false): number {
  let total = 0;
  if (dedupe) {
    for (let k = 0; k < keys.size; k++) {
      const n = buckets.start[k + 1] - buckets.start[k];
      total += (n * (n - 1)) / 2;
    }
    return total;
  }
  for (const id of keys.left) if (id >= 0) total += buckets.start[id + 1] - buckets.start[id];
  return total;
}

/**
 * Visit every pair (i, j) a rule matches, i over the left rows in order; when deduplicating
 * only pairs with i < j (each unordered pair of distinct records once).
 */
export function forEachRulePair(keys: RuleKeys, buckets: Buckets, dedupe: boolean, visit: (i: number, j: number) => void): void {
  const { start, order } = buckets;
  const leftIds = keys.left;
  for (let i = 0; i < leftIds.length; i++) {
    const id = leftIds[i];
    if (id < 0) continue;
    let p = start[id];
    const end = start[id + 1];
    if (dedupe) while (p < end && order[p] <= i) p++;
    for (; p < end; p++) visit(i, order[p]);
  }
}

/** Whether any of the first `upTo` rules matches pair (i, j). */
function earlierRuleMatches(all: RuleKeys[], upTo: number, i: number, j: number): boolean {
  for (let r = 0; r < upTo; r++) {
    const a = all[r].left[i];
    if (a >= 0 && a === all[r].right[j]) return true;
  }
  return false;
}

/**
 * Candidate pairs of the union of the rules, each pair once. Throws an InputError naming the
 * rule when the rules together would emit more than maxPairs pairs.
 */
export function blockPairs(encoded: Encoded, rules: string[][], maxPairs: number, dedupe = false): CandidatePairs {
  if (rules.length > 255) throw new InputError(`settings.blocking_rules: at most 255 rules, got ${rules.length}`);
  const keys = rules.map((rule) => ruleKeys(encoded, rule));
  const buckets = keys.map(bucketRight);
  const matchedByRule = keys.map((k, r) => countRulePairs(k, buckets[r], dedupe));
  let upperBound = 0;
  for (let r = 0; r < rules.length; r++) {
    upperBound += matchedByRule[r];
    if (upperBound > maxPairs) {
      throw new InputError(
        `settings.blocking_rules[${r}]: rule [${rules[r].join(', ')}] brings the candidate pairs to ${upperBound} (before removing duplicates), over max_pairs ${maxPairs}; make the rule stricter or raise max_pairs`,
      );
    }
  }
  const left = new Int32Array(upperBound);
  const right = new Int32Array(upperBound);
  const rule = new Uint8Array(upperBound);
  const emittedByRule: number[] = [];
  let count = 0;
  for (let r = 0; r < rules.length; r++) {
    const before = count;
    const { start, order } = buckets[r];
    const leftIds = keys[r].left;
    for (let i = 0; i < leftIds.length; i++) {
      const id = leftIds[i];
      if (id < 0) continue;
      let from = start[id];
      if (dedupe) while (from < start[id + 1] && order[from] <= i) from++;
      for (let p = from; p < start[id + 1]; p++) {
        const j = order[p];
        if (r > 0 && earlierRuleMatches(keys, r, i, j)) continue;
        left[count] = i;
        right[count] = j;
        rule[count] = r;
        count++;
      }
    }
    emittedByRule.push(count - before);
  }
  // Views, not copies: the spare tail (pairs removed as duplicates) is small next to a copy.
  return {
    left: left.subarray(0, count),
    right: right.subarray(0, count),
    rule: rule.subarray(0, count),
    count,
    emittedByRule,
    matchedByRule,
    keys,
  };
}

/**
 * Mask of the candidate pairs a rule matches on its own, whether or not it emitted them.
 * When the rule is blocking rule r, pairs emitted by r match it and pairs emitted by a later
 * rule cannot (r would have emitted them first), so only earlier rules' pairs are checked.
 */
export function pairsMatchingRule(pairs: CandidatePairs, keys: RuleKeys): Uint8Array {
  const out = new Uint8Array(pairs.count);
  const r = pairs.keys.indexOf(keys);
  for (let p = 0; p < pairs.count; p++) {
    if (r >= 0) {
      const emittedBy = pairs.rule[p];
      if (emittedBy === r) {
        out[p] = 1;
        continue;
      }
      if (emittedBy > r) continue;
    }
    const a = keys.left[pairs.left[p]];
    out[p] = a >= 0 && a === keys.right[pairs.right[p]] ? 1 : 0;
  }
  return out;
}
