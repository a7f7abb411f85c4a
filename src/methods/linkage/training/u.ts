/**
 * u (P(level | non-match)): the level shares among random pairs, which are almost never the
 * same person (about 1 in a million at scale 1), given that neither side is null.
 *
 * Exact where it can be computed. For a ladder of exact levels (exact on the comparison's
 * value, then exact on a coarser one such as the postcode district) the share of random pairs
 * agreeing on a set S of values is A(S) = sum over value tuples t of fL(t) * fR(t) (fL, fR the
 * tuples' shares among each side's records with the comparison's value present); a pair takes
 * the first level it passes, so level t's u is P(agree on its value, on no earlier one), by
 * inclusion-exclusion over the earlier levels' values. The `else` level takes the rest. A
 * comparison on one value with few distinct codes (initials, sex) is exact at every level:
 * each distinct (left code, right code) pair is compared once and weighed by its count.
 * When deduplicating, pairs are the unordered pairs of distinct records of one file: the
 * tuple sum becomes sum c(t) (c(t) - 1) over n (n - 1), the same record never paired with
 * itself.
 *
 * Only fuzzy levels on values with many codes (date of birth under a one-edit or transposed
 * level) are sampled: random pairs are drawn, in blocks, until each sampled level has seen
 * `minAgreeing` pairs (or `maxPairs` are drawn), and they share out the probability the exact
 * levels leave, in proportion to their counts (plus half a pair each, so none is zero).
 */
import { stream } from '../../../random/stream.ts';
import { ruleKeys } from '../blocking.ts';
import { determinedBy, type CompiledComparison } from '../comparisons.ts';
import type { Encoded } from '../encode.ts';
import type { LinkageSettings } from '../settings.ts';
import { PairTable } from '../pair-table.ts';

/** The records pairs are drawn from: two files, or one (deduplication, pairs i < j). */
export interface Population {
  nLeft: number;
  nRight: number;
  dedupe: boolean;
}

export type UMethod = 'exact' | 'sampled' | 'fixed' | 'null';

export interface UEstimate {
  u: number[][];
  /** How each level's u was found. */
  method: UMethod[][];
  /** Random pairs drawn per level (sampled levels only; 0 elsewhere). */
  counts: number[][];
  /** Random pairs drawn in all. */
  samplePairs: number;
  /** Sampled levels that saw fewer than the minimum of agreeing pairs. */
  warnings: string[];
}

export interface USampling {
  maxPairs: number;
  minAgreeing: number;
  seed: number;
  /** Largest number of distinct (left code, right code) pairs compared one by one (default 2^19). */
  enumerateMax?: number;
}

/** Largest number of distinct (left code, right code) pairs compared one by one for an exact u. */
const ENUMERATE_MAX = 1 << 19;
const U_BLOCK = 4096;

/** Rows that count for a comparison's u: those with its value present when it has a null level. */
function eligible(c: CompiledComparison, codes: Int32Array): (row: number) => boolean {
  return c.nullLevel >= 0 ? (row) => codes[row] >= 0 : () => true;
}

/** Ordered pairs of eligible records: nL * nR, or n (n - 1) when deduplicating. */
function eligiblePairs(c: CompiledComparison, population: Population): number {
  // Eligible: every record, or (with a null level) those with the value, counted by codeCounts.
  const size = c.main.dictionary.length;
  const nL = c.nullLevel >= 0 ? codeCounts(c.main.left, population.nLeft, size).withValue : population.nLeft;
  if (population.dedupe) return nL * (nL - 1);
  const nR = c.nullLevel >= 0 ? codeCounts(c.main.right, population.nRight, size).withValue : population.nRight;
  return nL * nR;
}

/**
 * Composite keys of `names` as ruleKeys gives them up to numbering (rows agree on the same
 * pairs): a value determined by another of the names (a postcode district by its sector) is
 * left out of the fold and only its nulls are carried over, which spares a table of combined
 * keys as large as the two dictionaries' product.
 */
function agreementKeys(encoded: Encoded, names: string[]): { left: Int32Array; right: Int32Array; size: number } {
  const values = names.map((name) => encoded.get(name));
  if (names.length < 2 || values.some((v) => v === undefined)) return ruleKeys(encoded, names);
  // A name is left out when a name not left out determines it. Determination is transitive, so
  // whatever a left-out name determined, a kept one does too; of names determining each other
  // the last is kept.
  const dropped = names.map(() => false);
  names.forEach((_, k) => {
    dropped[k] = names.some((_, m) => m !== k && !dropped[m] && determinedBy(values[m]!, values[k]!));
  });
  const kept = names.filter((_, k) => !dropped[k]);
  if (kept.length === names.length) return ruleKeys(encoded, names);
  const keys = ruleKeys(encoded, kept);
  for (const [k, name] of names.entries()) {
    if (kept.includes(name)) continue;
    const v = values[k]!;
    for (let i = 0; i < keys.left.length; i++) if (v.left[i] < 0) keys.left[i] = -1;
    if (keys.right !== keys.left) for (let j = 0; j < keys.right.length; j++) if (v.right[j] < 0) keys.right[j] = -1;
  }
  return keys;
}

/** Share of eligible ordered pairs that agree (non-null) on every value in `names`. */
export function agreementShare(c: CompiledComparison, encoded: Encoded, names: string[], population: Population): number {
  const keys = agreementKeys(encoded, names);
  const okL = eligible(c, c.main.left);
  const okR = eligible(c, c.main.right);
  const left = new Float64Array(keys.size);
  for (let i = 0; i < population.nLeft; i++) if (keys.left[i] >= 0 && okL(i)) left[keys.left[i]]++;
  let sum = 0;
  if (population.dedupe) {
    for (let k = 0; k < keys.size; k++) sum += left[k] * (left[k] - 1);
  } else {
    const right = new Float64Array(keys.size);
    for (let j = 0; j < population.nRight; j++) if (keys.right[j] >= 0 && okR(j)) right[keys.right[j]]++;
    for (let k = 0; k < keys.size; k++) sum += left[k] * right[k];
  }
  const total = eligiblePairs(c, population);
  return total === 0 ? NaN : sum / total;
}

/** Distinct codes of one side: their counts, a row holding each, and the rows with a code. */
interface CodeCounts {
  count: Float64Array;
  row: Int32Array;
  /** Codes present, in order of first sight. */
  present: number[];
  /** Rows with a code (not null). */
  withValue: number;
}

/** Counts of a side's codes, by codes array and row count: one u estimate asks for each several times. */
const countsCache = new WeakMap<Int32Array, Map<number, CodeCounts>>();

/** Distinct codes of one side with their counts and a row holding each (read only: they are shared). */
function codeCounts(codes: Int32Array, n: number, size: number): CodeCounts {
  let byRows = countsCache.get(codes);
  const cached = byRows?.get(n);
  if (cached && cached.count.length === size) return cached;
  const out = countCodes(codes, n, size);
  if (!byRows) countsCache.set(codes, (byRows = new Map()));
  byRows.set(n, out);
  return out;
}

function countCodes(codes: Int32Array, n: number, size: number): CodeCounts {
  const count = new Float64Array(size);
  const row = new Int32Array(size).fill(-1);
  const present: number[] = [];
  let withValue = 0;
  for (let i = 0; i < n; i++) {
    const a = codes[i];
    if (a < 0) continue;
    if (count[a] === 0) {
      row[a] = i;
      present.push(a);
    }
    count[a]++;
    withValue++;
  }
  return { count, row, present, withValue };
}

/** Every level's u of a one-value comparison by comparing each distinct code pair once; null when there are too many. */
function enumeratedU(c: CompiledComparison, population: Population, enumerateMax: number): number[] | null {
  const single = c.settings.levels.every((l) => l.column === undefined || l.column === c.settings.column);
  if (!single) return null;
  const size = c.main.dictionary.length;
  const L = codeCounts(c.main.left, population.nLeft, size);
  const R = population.dedupe ? L : codeCounts(c.main.right, population.nRight, size);
  if (L.present.length * R.present.length > enumerateMax) return null;
  const shares = c.levels.map(() => 0);
  let total = 0;
  for (const a of L.present) {
    for (const b of R.present) {
      const w = population.dedupe && a === b ? L.count[a] * (L.count[a] - 1) : L.count[a] * R.count[b];
      if (w === 0) continue;
      shares[c.levelOf(L.row[a], R.row[b])] += w;
      total += w;
    }
  }
  // Null codes: when the comparison has no null level they fall in the levels their tests give (else).
  if (c.nullLevel < 0) {
    const nullL = population.nLeft - L.present.reduce((s, a) => s + L.count[a], 0);
    const nullR = population.dedupe ? nullL : population.nRight - R.present.reduce((s, b) => s + R.count[b], 0);
    const nonNullL = population.nLeft - nullL;
    const nonNullR = population.dedupe ? nonNullL : population.nRight - nullR;
    const pairsWithNull = population.dedupe
      ? population.nLeft * (population.nLeft - 1) - nonNullL * (nonNullL - 1)
      : population.nLeft * population.nRight - nonNullL * nonNullR;
    shares[c.levels.length - 1] += pairsWithNull;
    total += pairsWithNull;
  }
  return shares.map((s, l) => (l === c.nullLevel ? NaN : total === 0 ? NaN : s / total));
}

/**
 * Share of eligible ordered pairs whose dates are the same but for day and month swapped
 * (day != month): the sum over dates of cL(y-m-d) * cR(y-d-m). Such pairs never agree
 * exactly, so after exact levels on the same value this is the level's u.
 */
function transposedShare(c: CompiledComparison, population: Population): number {
  const parts = c.main.dateParts;
  if (!parts) return NaN;
  const size = c.main.dictionary.length;
  const L = codeCounts(c.main.left, population.nLeft, size);
  const R = population.dedupe ? L : codeCounts(c.main.right, population.nRight, size);
  const codeOf = new Map<number, number>();
  for (let a = 0; a < size; a++) if (parts.year[a] !== 0) codeOf.set(parts.year[a] * 10000 + parts.month[a] * 100 + parts.day[a], a);
  let sum = 0;
  for (const a of L.present) {
    const { year, month, day } = { year: parts.year[a], month: parts.month[a], day: parts.day[a] };
    if (year === 0 || month === day) continue;
    const b = codeOf.get(year * 10000 + day * 100 + month);
    if (b !== undefined) sum += L.count[a] * R.count[b];
  }
  const total = eligiblePairs(c, population);
  return total === 0 ? NaN : sum / total;
}

/** Every text one edit (substitution, deletion, insertion over `alphabet`, and with `transposition` an adjacent swap) from `text`. */
function oneEditNeighbours(text: string, alphabet: string[], transposition: boolean, visit: (t: string) => void): void {
  for (let i = 0; i <= text.length; i++) {
    const head = text.slice(0, i);
    for (const ch of alphabet) visit(head + ch + text.slice(i));
    if (i === text.length) break;
    const tail = text.slice(i + 1);
    visit(head + tail);
    for (const ch of alphabet) if (ch !== text[i]) visit(head + ch + tail);
    if (transposition && i + 1 < text.length && text[i] !== text[i + 1]) visit(head + text[i + 1] + text[i] + text.slice(i + 2));
  }
}

/** Most one-edit neighbours generated for a comparison's values before sampling is cheaper. */
const NEIGHBOURS_MAX = 1_000_000;

/**
 * Keys of a text and of each of its one-character deletions, as numbers: a polynomial hash of
 * the UTF-16 code units modulo 2^32 (wrapping 32-bit products, where a prime modulus takes a
 * floating-point remainder a character), mixed, its top 25 bits with the length beside them: a
 * non-negative 31-bit integer. Equal texts always get equal keys; two different texts rarely
 * do, and when they do it only adds a candidate pair, which the level's own test then turns away.
 */
class OneEditKeys {
  private static readonly B = 131;
  private prefix = new Int32Array(64);
  private suffix = new Int32Array(64);
  private power = new Int32Array(64);
  private n = 0;

  of(text: string): void {
    const n = text.length;
    if (n + 1 > this.prefix.length) {
      this.prefix = new Int32Array(2 * (n + 1));
      this.suffix = new Int32Array(2 * (n + 1));
      this.power = new Int32Array(2 * (n + 1));
    }
    const { B } = OneEditKeys;
    this.n = n;
    this.power[0] = 1;
    this.prefix[0] = 0;
    for (let k = 0; k < n; k++) {
      this.power[k + 1] = Math.imul(this.power[k], B);
      this.prefix[k + 1] = (Math.imul(this.prefix[k], B) + text.charCodeAt(k)) | 0;
    }
    // suffix[k]: the hash of text[k..n), each character weighed as in the whole text.
    this.suffix[n] = 0;
    for (let k = n - 1; k >= 0; k--) this.suffix[k] = (Math.imul(text.charCodeAt(k), this.power[n - 1 - k]) + this.suffix[k + 1]) | 0;
  }

  private static key(hash: number, length: number): number {
    // Mixed first (a bijection of 32 bits): texts differing in their last characters differ in
    // the hash's low bits only, which the top 25 bits would not see.
    let h = hash ^ (hash >>> 16);
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return ((h >>> 7) << 6) | (length & 63);
  }

  /** The key of the whole text. */
  whole(): number {
    return OneEditKeys.key(this.prefix[this.n], this.n);
  }

  /** The key of the text without its character at i (hashed as if it had been written so). */
  without(i: number): number {
    const n = this.n;
    return OneEditKeys.key((Math.imul(this.prefix[i], this.power[n - 1 - i]) + this.suffix[i + 1]) | 0, n - 1);
  }
}

/**
 * u of a one-edit level (levenshtein or damerau_levenshtein with k = 1 on the comparison's own
 * value) right after levels frequencies gave: every pair that passes it is within one edit, so
 * the right values within one edit of each left value are all its pairs; each distinct pair is
 * given its level (earlier levels take theirs) and weighed by its counts. Null when the left
 * values' one-edit neighbours would be too many.
 *
 * Two values within one edit (substitution, insertion, deletion or adjacent swap) share a
 * one-character deletion, or one is a deletion of the other: so the right values are indexed
 * by themselves and by each of their deletions (the left values, when they are fewer), and
 * each value of the other side looks up itself and its own deletions: one lookup per
 * character, of a number, where spelling out every neighbour would take some twenty strings
 * per character. Text with surrogate pairs keeps the spelled-out neighbours, whose alphabet is
 * code points while the edit distances count code units.
 */
function oneEditShare(c: CompiledComparison, level: number, population: Population): number {
  const size = c.main.dictionary.length;
  const dict = c.main.dictionary;
  const L = codeCounts(c.main.left, population.nLeft, size);
  const R = population.dedupe ? L : codeCounts(c.main.right, population.nRight, size);
  // The right values' alphabet, counted in code units; in code points (as the neighbours are
  // spelled out) only when a surrogate pair makes the two differ.
  const unitSeen = new Uint8Array(65536);
  let units = 0;
  let plain = true;
  for (const b of R.present) {
    const text = dict[b];
    for (let k = 0; k < text.length; k++) {
      const unit = text.charCodeAt(k);
      if (unit >= 0xd800 && unit <= 0xdfff) plain = false;
      if (unitSeen[unit] === 0) {
        unitSeen[unit] = 1;
        units++;
      }
    }
  }
  let length = 0;
  for (const a of L.present) {
    const text = dict[a];
    length += text.length + 1;
    for (let k = 0; k < text.length && plain; k++) {
      const unit = text.charCodeAt(k);
      if (unit >= 0xd800 && unit <= 0xdfff) plain = false;
    }
  }
  const alphabet = plain ? [] : [...new Set(R.present.flatMap((b) => [...dict[b]]))];
  if (length * (2 * (plain ? units : alphabet.length) + 2) > NEIGHBOURS_MAX) return NaN;
  let sum = 0;
  const weigh = (a: number, b: number): void => {
    if (c.levelOf(L.row[a], R.row[b]) === level) sum += L.count[a] * R.count[b];
  };
  if (plain) {
    // The side with fewer values is indexed, the other looks its values up; within one edit is symmetric.
    const leftIndexed = L.present.length < R.present.length;
    const indexed = leftIndexed ? L.present : R.present;
    // Chained lists in flat arrays: head maps a key to its first entry, next links the rest.
    const entryCode = new Int32Array(indexed.reduce((n, y) => n + dict[y].length + 1, 0));
    const head = new PairTable(entryCode.length);
    const entryNext = new Int32Array(entryCode.length);
    // Where the entry's deletion was (-1: the whole value).
    const entryAt = new Int32Array(entryCode.length);
    let entries = 0;
    const add = (key: number, y: number, at: number): void => {
      entryCode[entries] = y;
      entryAt[entries] = at;
      entryNext[entries] = head.replace(key, 0, entries);
      entries++;
    };
    const hashes = new OneEditKeys();
    for (const y of indexed) {
      hashes.of(dict[y]);
      add(hashes.whole(), y, -1);
      for (let i = 0; i < dict[y].length; i++) add(hashes.without(i), y, i);
    }
    // The last value each indexed code was weighed with, so a pair found twice is weighed once.
    const lastSeen = new Int32Array(size).fill(-1);
    for (const x of leftIndexed ? R.present : L.present) {
      // x whole against y's deletions (y one longer); x without its character at `at` against y
      // whole (y one shorter), or against y without a character at the same place or one beside it
      // (a substitution, or an adjacent swap): deletions further apart are two edits.
      const look = (key: number, at: number): void => {
        for (let e = head.get(key, 0); e >= 0; e = entryNext[e]) {
          const y = entryCode[e];
          const yAt = entryAt[e];
          if (at < 0 ? yAt < 0 : yAt >= 0 && (yAt < at - 1 || yAt > at + 1)) continue;
          if (y === x || lastSeen[y] === x) continue;
          lastSeen[y] = x;
          if (leftIndexed) weigh(y, x);
          else weigh(x, y);
        }
      };
      hashes.of(dict[x]);
      look(hashes.whole(), -1);
      for (let i = 0; i < dict[x].length; i++) look(hashes.without(i), i);
    }
  } else {
    const rightCode = new Map<string, number>();
    for (const b of R.present) rightCode.set(dict[b], b);
    const transposition = c.settings.levels[level].type === 'damerau_levenshtein';
    for (const a of L.present) {
      const seen = new Set<number>();
      oneEditNeighbours(dict[a], alphabet, transposition, (t) => {
        const b = rightCode.get(t);
        if (b === undefined || b === a || seen.has(b)) return;
        seen.add(b);
        weigh(a, b);
      });
    }
  }
  const total = eligiblePairs(c, population);
  return total === 0 ? NaN : sum / total;
}

/**
 * The leading levels whose u frequencies give: exact levels, by inclusion-exclusion over the
 * earlier levels' values, a day-month transposition right after exact levels on the same
 * date, and a one-edit level on the same value after those. Returns their u and the index of
 * the first level that is none of these.
 */
function exactPrefixU(c: CompiledComparison, encoded: Encoded, population: Population): { u: number[]; next: number } {
  const u = c.levels.map(() => NaN);
  const columns: string[] = [];
  let transposed = false;
  let l = c.nullLevel + 1;
  for (; l < c.levels.length; l++) {
    const level = c.settings.levels[l];
    const own = level.column ?? c.settings.column;
    if (level.type === 'date_transposed' && !transposed && own === c.settings.column && columns.every((name) => name === own)) {
      u[l] = transposedShare(c, population);
      if (Number.isNaN(u[l])) break;
      transposed = true;
      continue;
    }
    if (
      (level.type === 'levenshtein' || level.type === 'damerau_levenshtein') &&
      level.k === 1 &&
      own === c.settings.column &&
      columns.every((name) => name === own)
    ) {
      // Exact and transposed levels on the same value come before it; any level after it is sampled.
      u[l] = oneEditShare(c, l, population);
      if (!Number.isNaN(u[l])) l++;
      break;
    }
    // After a transposition level the inclusion-exclusion over exact values no longer holds.
    if (level.type !== 'exact' || transposed) break;
    const earlier = [...new Set(columns)].filter((name) => name !== own);
    if (columns.includes(own)) {
      u[l] = 0; // Agreement on this value was already taken by an earlier level.
    } else {
      let share = 0;
      for (let mask = 0; mask < 1 << earlier.length; mask++) {
        const subset = earlier.filter((_, i) => mask & (1 << i));
        const sign = subset.length % 2 === 0 ? 1 : -1;
        share += sign * agreementShare(c, encoded, [own, ...subset], population);
      }
      u[l] = Math.max(0, share);
    }
    columns.push(own);
  }
  return { u, next: l };
}

/**
 * u of every comparison as the settings ask for it (exact where it can be computed, sampled
 * for the rest); comparisons whose u is given by hand are skipped. A pure function of the
 * records, so a worker thread can find it while the main thread blocks and compares (this
 * module loads little, for that worker's start-up).
 */
export function uOfSettings(settings: LinkageSettings, comparisons: CompiledComparison[], encoded: Encoded, population: Population): UEstimate {
  const t = settings.training;
  return estimateU(
    comparisons,
    encoded,
    population,
    { maxPairs: t.u_sample_pairs, minAgreeing: t.u_min_agreeing, seed: t.seed },
    comparisons.map((c) => c.settings.levels.some((l) => l.u !== undefined)),
  );
}

/** u for every comparison: exact where frequencies give it, sampled for the rest. `skip[k]` marks comparisons whose u is given by hand. */
export function estimateU(
  comparisons: CompiledComparison[],
  encoded: Encoded,
  population: Population,
  sampling: USampling,
  skip: boolean[] = comparisons.map(() => false),
): UEstimate {
  const u = comparisons.map((c) => c.levels.map(() => NaN));
  const method = comparisons.map((c) => c.levels.map((l): UMethod => (l.isNull ? 'null' : 'exact')));
  const counts = comparisons.map((c) => c.levels.map(() => 0));
  const warnings: string[] = [];
  const emptyPopulation = population.nLeft === 0 || population.nRight === 0 || (population.dedupe && population.nLeft < 2);
  /** Comparisons still needing a sample, with the first sampled level. */
  const toSample: { k: number; from: number; rest: number }[] = [];
  comparisons.forEach((c, k) => {
    if (skip[k]) {
      method[k] = method[k].map((m) => (m === 'null' ? m : 'fixed'));
      return;
    }
    if (emptyPopulation) return;
    const enumerated = enumeratedU(c, population, sampling.enumerateMax ?? ENUMERATE_MAX);
    if (enumerated) {
      u[k] = enumerated;
      return;
    }
    const prefix = exactPrefixU(c, encoded, population);
    u[k] = prefix.u;
    const taken = prefix.u.reduce((s, v) => (Number.isNaN(v) ? s : s + v), 0);
    const last = c.levels.length - 1;
    if (prefix.next === last) {
      u[k][last] = Math.max(0, 1 - taken);
      return;
    }
    for (let l = prefix.next; l < c.levels.length; l++) method[k][l] = 'sampled';
    toSample.push({ k, from: prefix.next, rest: Math.max(0, 1 - taken) });
  });
  let drawn = 0;
  if (toSample.length > 0) {
    const s = stream(sampling.seed, 'linkage.u');
    const { nLeft, nRight, dedupe } = population;
    // A comparison stops drawing once each of its sampled levels (but else) has its minimum.
    const short = (k: number, from: number): boolean => {
      for (let l = from; l < comparisons[k].levels.length - 1; l++) if (counts[k][l] < sampling.minAgreeing) return true;
      return false;
    };
    let active = toSample.filter(({ k, from }) => short(k, from));
    for (let block = 0; drawn < sampling.maxPairs && active.length > 0; block++) {
      // One generator per block of samples: deterministic, and cheap next to one per sample.
      const rng = s.at(block);
      const end = Math.min(sampling.maxPairs, drawn + U_BLOCK);
      const levelOf = active.map(({ k }) => comparisons[k].levelOf);
      const from = active.map((a) => a.from);
      const tally = active.map(({ k }) => counts[k]);
      for (; drawn < end; drawn++) {
        const i = rng.int(nLeft);
        let j = dedupe ? rng.int(nLeft - 1) : rng.int(nRight);
        if (dedupe && j >= i) j++;
        for (let a = 0; a < levelOf.length; a++) {
          const level = levelOf[a](i, j);
          if (level >= from[a]) tally[a][level]++;
        }
      }
      active = active.filter(({ k, from }) => short(k, from));
    }
    // Levels of a comparison that stopped early were drawn over fewer pairs than `drawn`; the
    // shares below are within each comparison's own draws, so that is harmless.
    for (const { k, from, rest } of toSample) {
      const c = comparisons[k];
      let total = 0;
      for (let l = from; l < c.levels.length; l++) total += counts[k][l] + 0.5;
      for (let l = from; l < c.levels.length; l++) u[k][l] = (rest * (counts[k][l] + 0.5)) / total;
      for (let l = from; l < c.levels.length - 1; l++) {
        if (counts[k][l] < sampling.minAgreeing) {
          warnings.push(
            `comparison "${c.name}" level "${c.levels[l].name}": u rests on ${counts[k][l]} agreeing random pairs of ${drawn} drawn (fewer than u_min_agreeing ${sampling.minAgreeing}); raise training.u_sample_pairs for a finer u`,
          );
        }
      }
    }
  }
  return { u, method, counts, samplePairs: drawn, warnings };
}

/**
 * u of a one-value comparison on few codes (sex, initials) among the pairs that agree on
 * `given`, one value of a training rule: sum over the given value's codes b of
 * sum over comparison codes (x, y) of cL(b, x) cR(b, y) at each level, over sum of nL(b) nR(b)
 * (records with both values present). An EM session's pairs all agree on its rule's values,
 * and a comparison correlated with one of them among non-matches (sex with the forename
 * initial) agrees there more often than among random pairs; held at the population's u, EM
 * hands the excess to the match class. Null when the comparison is not on one value, its
 * code pairs are too many to compare one by one, or fewer than `minPairs` pairs agree on
 * `given` (then matches would be a noticeable share of them and push u towards m).
 */
export function conditionalU(
  c: CompiledComparison,
  encoded: Encoded,
  given: string,
  population: Population,
  minPairs: number,
  enumerateMax = ENUMERATE_MAX,
): { u: number[]; pairs: number } | null {
  const single = c.settings.levels.every((l) => l.column === undefined || l.column === c.settings.column);
  if (!single || c.nullLevel < 0 || given === c.settings.column) return null;
  const groups = encoded.get(given);
  if (!groups) return null;
  const size = c.main.dictionary.length;
  // Few codes only (as enumeratedU): a date of birth has tens of thousands.
  if (size * size > enumerateMax) return null;
  const nKeys = groups.dictionary.length;
  // Pairs first, from per-key counts alone: most rule values (a date of birth) have too few
  // agreeing pairs, and this costs one pass over each file.
  const perKey = (codes: Int32Array, keys: Int32Array, n: number): Float64Array => {
    const out = new Float64Array(nKeys);
    for (let i = 0; i < n; i++) if (codes[i] >= 0 && keys[i] >= 0) out[keys[i]]++;
    return out;
  };
  const nL = perKey(c.main.left, groups.left, population.nLeft);
  const nR = population.dedupe ? nL : perKey(c.main.right, groups.right, population.nRight);
  let pairs = 0;
  for (let b = 0; b < nKeys; b++) pairs += population.dedupe ? nL[b] * (nL[b] - 1) : nL[b] * nR[b];
  if (pairs < minPairs || nKeys * size > 1 << 24) return null;
  const joint = (codes: Int32Array, keys: Int32Array, n: number): Float64Array => {
    const out = new Float64Array(nKeys * size);
    for (let i = 0; i < n; i++) if (codes[i] >= 0 && keys[i] >= 0) out[keys[i] * size + codes[i]]++;
    return out;
  };
  const jL = joint(c.main.left, groups.left, population.nLeft);
  const jR = population.dedupe ? jL : joint(c.main.right, groups.right, population.nRight);
  const present = (j: Float64Array, b: number): number[] => {
    const out: number[] = [];
    for (let x = 0; x < size; x++) if (j[b * size + x] > 0) out.push(x);
    return out;
  };
  const byKey: [number[], number[]][] = [];
  let work = 0;
  for (let b = 0; b < nKeys; b++) {
    if (nL[b] === 0 || nR[b] === 0) continue;
    const xs = present(jL, b);
    const ys = population.dedupe ? xs : present(jR, b);
    work += xs.length * ys.length;
    if (work > enumerateMax) return null;
    byKey.push([xs, ys]);
  }
  const rowL = codeCounts(c.main.left, population.nLeft, size).row;
  const rowR = population.dedupe ? rowL : codeCounts(c.main.right, population.nRight, size).row;
  const shares = c.levels.map(() => 0);
  let b = 0;
  for (let key = 0; key < nKeys; key++) {
    if (nL[key] === 0 || nR[key] === 0) continue;
    const [xs, ys] = byKey[b++];
    for (const x of xs) {
      const cx = jL[key * size + x];
      for (const y of ys) {
        const w = population.dedupe && x === y ? cx * (cx - 1) : cx * jR[key * size + y];
        if (w > 0) shares[c.levelOf(rowL[x], rowR[y])] += w;
      }
    }
  }
  return { u: shares.map((s, l) => (l === c.nullLevel ? NaN : s / pairs)), pairs };
}
