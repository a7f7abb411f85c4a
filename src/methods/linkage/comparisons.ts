/**
 * Comparison vectors: for every candidate pair, the index of the first level of each
 * comparison whose test the pair passes. Levels are tested in the order the settings give,
 * so "exact" before "jaro_winkler >= 0.9" before "else".
 */
import { damerauLevenshteinBounded, jaroWinkler, levenshteinBounded, withinOneEdit } from './strings.ts';
import type { Encoded, EncodedValue } from './encode.ts';
import type { ComparisonSettings, LevelSettings, LevelType } from './settings.ts';
import type { CandidatePairs } from './blocking.ts';

export interface LevelInfo {
  name: string;
  type: LevelType;
  isNull: boolean;
  /** The exact level of the comparison's own column: the one term-frequency adjustment applies to. */
  isExactOnMain: boolean;
}

export interface CompiledComparison {
  name: string;
  settings: ComparisonSettings;
  main: EncodedValue;
  levels: LevelInfo[];
  /** Index of the null level, or -1 when the comparison has none. */
  nullLevel: number;
  /** Level of the pair (left row i, right row j). */
  levelOf(i: number, j: number): number;
  /**
   * When levels are cached for every (left code, right code): the cache (UNKNOWN until first
   * asked) and its width, so a loop over millions of pairs can read it without a call a pair.
   */
  dense?: { table: Uint8Array; n: number };
}

type PairTest = (i: number, j: number) => boolean;

/** A readable default name for a level, e.g. `jaro_winkler >= 0.9` or `exact postcode_district`. */
export function levelName(level: LevelSettings, comparisonColumn: string): string {
  if (level.name) return level.name;
  const on = level.column && level.column !== comparisonColumn ? ` ${level.column}` : '';
  switch (level.type) {
    case 'jaro_winkler':
      return `jaro_winkler${on} >= ${level.threshold}`;
    case 'levenshtein':
    case 'damerau_levenshtein':
      return `${level.type}${on} <= ${level.k}`;
    default:
      return `${level.type}${on}`;
  }
}

/** The last Jaro-Winkler similarity computed on a value: a ladder of thresholds (0.92, then 0.8) computes it once per pair. */
interface JwMemo {
  a: number;
  b: number;
  similarity: number;
}

/** Character codes of a value whose every text has the same length (ISO dates), code by code. */
interface FixedWidth {
  width: number;
  chars: Uint16Array;
}

const fixedWidthCache = new WeakMap<EncodedValue, FixedWidth | null>();

/** The texts' characters in one typed array when they share a length of at most 32, else null. */
function fixedWidth(value: EncodedValue): FixedWidth | null {
  if (fixedWidthCache.has(value)) return fixedWidthCache.get(value)!;
  const dict = value.dictionary;
  const width = dict.length > 0 ? dict[0].length : 0;
  let out: FixedWidth | null = null;
  if (width > 0 && width <= 32 && dict.every((t) => t.length === width)) {
    const chars = new Uint16Array(dict.length * width);
    dict.forEach((t, c) => {
      for (let x = 0; x < width; x++) chars[c * width + x] = t.charCodeAt(x);
    });
    out = { width, chars };
  }
  fixedWidthCache.set(value, out);
  return out;
}

/**
 * Within one edit on texts of one length, as withinOneEdit decides it: an insertion needs a
 * deletion too, so only one substitution (or, with transposition, one adjacent swap) is left.
 * Reads the precomputed character codes instead of two strings per pair.
 */
function oneEditFixedWidth(L: Int32Array, R: Int32Array, fixed: FixedWidth, transposition: boolean): PairTest {
  const { width, chars } = fixed;
  return (i, j) => {
    const a = L[i];
    const b = R[j];
    if (a < 0 || b < 0) return false;
    if (a === b) return true;
    const x = a * width;
    const y = b * width;
    let first = -1;
    for (let t = 0; t < width; t++) {
      if (chars[x + t] === chars[y + t]) continue;
      if (first >= 0) {
        if (!transposition || t !== first + 1) return false;
        if (chars[x + first] !== chars[y + t] || chars[x + t] !== chars[y + first]) return false;
        for (let r = t + 1; r < width; r++) if (chars[x + r] !== chars[y + r]) return false;
        return true;
      }
      first = t;
    }
    return true;
  };
}

/**
 * Each text's characters in 32 classes (A-Z one each, any other character one of six more): a
 * mask of the classes present, and how many characters of each class (texts of 65,535
 * characters or more are marked long and never bounded).
 */
export interface CharacterClasses {
  mask: Int32Array;
  /** count[code * 32 + class]. */
  count: Uint16Array;
  long: Uint8Array;
}

const classesCache = new WeakMap<EncodedValue, CharacterClasses>();

const characterClass = (unit: number): number => (unit >= 65 && unit <= 90 ? unit - 65 : 26 + (unit % 6));

export function characterClasses(texts: readonly string[]): CharacterClasses {
  const mask = new Int32Array(texts.length);
  const count = new Uint16Array(texts.length * 32);
  const long = new Uint8Array(texts.length);
  texts.forEach((text, c) => {
    if (text.length >= 65535) {
      long[c] = 1;
      return;
    }
    let m = 0;
    for (let x = 0; x < text.length; x++) {
      const k = characterClass(text.charCodeAt(x));
      m |= 1 << k;
      count[c * 32 + k]++;
    }
    mask[c] = m;
  });
  return { mask, count, long };
}

function classesOf(value: EncodedValue): CharacterClasses {
  let classes = classesCache.get(value);
  if (!classes) classesCache.set(value, (classes = characterClasses(value.dictionary)));
  return classes;
}

/** Below the threshold by more than rounding could move it: the bound's float sums never err by 1e-9. */
const BOUND_MARGIN = 1e-9;

/**
 * An upper bound on jaroWinkler(a, b) (texts a and b of codes x and y), cheap next to it:
 * Jaro's matches pair equal characters, so they are at most the sum over character classes of
 * the fewer of the two texts' characters in it; Jaro is at most (m/|a| + m/|b| + 1) / 3 (no
 * transpositions), and the Winkler boost grows with Jaro. Most pairs of two name lists share
 * too few letters to come near a threshold, and are turned away without Jaro's table.
 */
export function jaroWinklerBound(a: string, b: string, x: number, y: number, classes: CharacterClasses): number {
  if (a === b || classes.long[x] === 1 || classes.long[y] === 1) return 1;
  const { mask, count } = classes;
  let m = 0;
  for (let shared = mask[x] & mask[y]; shared !== 0; shared &= shared - 1) {
    const k = 31 - Math.clz32(shared & -shared);
    const p = count[x * 32 + k];
    const q = count[y * 32 + k];
    m += p < q ? p : q;
  }
  if (m === 0) return 0;
  const la = a.length;
  const lb = b.length;
  const j = (m / la + m / lb + 1) / 3;
  if (j <= 0.7) return j;
  const limit = Math.min(4, la, lb);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

function levelTest(level: LevelSettings, value: EncodedValue, memo: JwMemo): PairTest {
  const L = value.left;
  const R = value.right;
  const dict = value.dictionary;
  switch (level.type) {
    case 'null':
      return (i, j) => L[i] < 0 || R[j] < 0;
    case 'else':
      return () => true;
    case 'exact':
      return (i, j) => {
        const a = L[i];
        return a >= 0 && a === R[j];
      };
    case 'jaro_winkler': {
      const t = level.threshold as number;
      const classes = classesOf(value);
      return (i, j) => {
        const a = L[i];
        const b = R[j];
        if (a < 0 || b < 0) return false;
        if (a === b) return true;
        if ((memo.a !== a || memo.b !== b) && jaroWinklerBound(dict[a], dict[b], a, b, classes) < t - BOUND_MARGIN) return false;
        if (memo.a !== a || memo.b !== b) {
          memo.a = a;
          memo.b = b;
          memo.similarity = jaroWinkler(dict[a], dict[b]);
        }
        return memo.similarity >= t;
      };
    }
    case 'levenshtein': {
      const k = level.k as number;
      const fixed = k === 1 ? fixedWidth(value) : null;
      if (fixed) return oneEditFixedWidth(L, R, fixed, false);
      if (k === 1) {
        return (i, j) => {
          const a = L[i];
          const b = R[j];
          return a >= 0 && b >= 0 && (a === b || withinOneEdit(dict[a], dict[b], false));
        };
      }
      return (i, j) => {
        const a = L[i];
        const b = R[j];
        return a >= 0 && b >= 0 && (a === b || levenshteinBounded(dict[a], dict[b], k) <= k);
      };
    }
    case 'damerau_levenshtein': {
      const k = level.k as number;
      const fixed = k === 1 ? fixedWidth(value) : null;
      if (fixed) return oneEditFixedWidth(L, R, fixed, true);
      if (k === 1) {
        return (i, j) => {
          const a = L[i];
          const b = R[j];
          return a >= 0 && b >= 0 && (a === b || withinOneEdit(dict[a], dict[b], true));
        };
      }
      return (i, j) => {
        const a = L[i];
        const b = R[j];
        return a >= 0 && b >= 0 && (a === b || damerauLevenshteinBounded(dict[a], dict[b], k) <= k);
      };
    }
    case 'initials_swapped':
      return (i, j) => {
        const a = L[i];
        const b = R[j];
        if (a < 0 || b < 0 || a === b) return false;
        const x = dict[a];
        const y = dict[b];
        return x.length === 2 && y.length === 2 && x[0] === y[1] && x[1] === y[0];
      };
    case 'date_transposed': {
      const parts = value.dateParts;
      if (!parts) throw new Error(`value ${value.name} has no date parts`);
      const { year, month, day } = parts;
      return (i, j) => {
        const a = L[i];
        const b = R[j];
        return (
          a >= 0 && b >= 0 && a !== b && year[a] === year[b] && month[a] === day[b] && day[a] === month[b] && year[a] !== 0
        );
      };
    }
    case 'date_placeholder': {
      // An unknown birthday entered as a fixed day and month (1 January): the same year, one
      // side on the placeholder, the other not (that would be an exact match).
      const parts = value.dateParts;
      if (!parts) throw new Error(`value ${value.name} has no date parts`);
      const { year, month, day } = parts;
      const [pm, pd] = (level.day_month ?? '01-01').split('-').map(Number);
      return (i, j) => {
        const a = L[i];
        const b = R[j];
        if (a < 0 || b < 0 || a === b || year[a] === 0 || year[a] !== year[b]) return false;
        return (month[a] === pm && day[a] === pd) !== (month[b] === pm && day[b] === pd);
      };
    }
    case 'year': {
      const parts = value.dateParts;
      if (!parts) throw new Error(`value ${value.name} has no date parts`);
      const { year } = parts;
      return (i, j) => {
        const a = L[i];
        const b = R[j];
        return a >= 0 && b >= 0 && year[a] !== 0 && year[a] === year[b];
      };
    }
  }
}

/** Largest dictionary for which a comparison caches its level for every (left code, right code). */
const DENSE_CACHE_MAX_CELLS = 1 << 22;
const UNKNOWN = 255;

const determinedCache = new WeakMap<EncodedValue, WeakMap<EncodedValue, boolean>>();

/** Whether `other`'s code is the same wherever `main`'s code is (both files' records). */
export function determinedBy(main: EncodedValue, other: EncodedValue): boolean {
  let byOther = determinedCache.get(main);
  const known = byOther?.get(other);
  if (known !== undefined) return known;
  const answer = findDeterminedBy(main, other);
  if (!byOther) determinedCache.set(main, (byOther = new WeakMap()));
  byOther.set(other, answer);
  return answer;
}

function findDeterminedBy(main: EncodedValue, other: EncodedValue): boolean {
  const seen = new Int32Array(main.dictionary.length).fill(-2);
  for (const [codes, others] of [
    [main.left, other.left],
    [main.right, other.right],
  ]) {
    if (codes.length !== others.length) return false;
    for (let r = 0; r < codes.length; r++) {
      const a = codes[r];
      if (a < 0) continue;
      if (seen[a] === -2) seen[a] = others[r];
      else if (seen[a] !== others[r]) return false;
    }
  }
  return true;
}

export function compileComparison(settings: ComparisonSettings, encoded: Encoded): CompiledComparison {
  const main = encoded.get(settings.column);
  if (!main) throw new Error(`value "${settings.column}" was not encoded`);
  const levels: LevelInfo[] = settings.levels.map((level) => ({
    name: levelName(level, settings.column),
    type: level.type,
    isNull: level.type === 'null',
    isExactOnMain: level.type === 'exact' && (level.column === undefined || level.column === settings.column),
  }));
  const memos = new Map<string, JwMemo>();
  const tests = settings.levels.map((level) => {
    const name = level.column ?? settings.column;
    const value = encoded.get(name);
    if (!value) throw new Error(`value "${level.column}" was not encoded`);
    if (!memos.has(name)) memos.set(name, { a: -1, b: -1, similarity: 0 });
    return levelTest(level, value, memos.get(name)!);
  });
  const nullLevel = levels.findIndex((l) => l.isNull);
  const last = tests.length - 1;
  const slowFrom = (from: number) => (i: number, j: number): number => {
    for (let l = from; l < last; l++) if (tests[l](i, j)) return l;
    return last;
  };
  const slow = slowFrom(0);
  const n = main.dictionary.length;
  // The dense cache keys on the main value's codes: sound when every other value a level reads
  // is a function of it (postcode area of a district), checked here on the records themselves.
  const singleColumn = settings.levels.every(
    (l) => l.column === undefined || l.column === settings.column || determinedBy(main, encoded.get(l.column)!),
  );
  let levelOf: (i: number, j: number) => number = slow;
  let dense: CompiledComparison['dense'];
  const L = main.left;
  const R = main.right;
  if (singleColumn && n * n <= DENSE_CACHE_MAX_CELLS && levels.length < UNKNOWN) {
    // Few distinct values (initials, sex): every distinct code pair is computed once.
    const table = new Uint8Array(n * n).fill(UNKNOWN);
    dense = { table, n };
    levelOf = (i, j) => {
      const a = L[i];
      const b = R[j];
      if (a < 0 || b < 0) return slow(i, j);
      const cell = a * n + b;
      let v = table[cell];
      if (v === UNKNOWN) {
        v = slow(i, j);
        table[cell] = v;
      }
      return v;
    };
  } else if (nullLevel === 0 && levels[1]?.isExactOnMain) {
    // The common shape null, exact, ...: answer the two cheap cases before the level loop.
    const rest = slowFrom(2);
    levelOf = (i, j) => {
      const a = L[i];
      const b = R[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      return rest(i, j);
    };
  }
  return { name: settings.name, settings, main, levels, nullLevel, levelOf, dense };
}

export function compileComparisons(comparisons: ComparisonSettings[], encoded: Encoded): CompiledComparison[] {
  return comparisons.map((c) => compileComparison(c, encoded));
}

/**
 * The comparison-vector matrix: gamma[p * K + k] is the level of comparison k for pair p.
 * Filled one comparison at a time so each loop calls one level function.
 */
export function comparePairs(
  pairs: { left: Int32Array; right: Int32Array; count: number },
  comparisons: CompiledComparison[],
): Uint8Array {
  const K = comparisons.length;
  const gamma = new Uint8Array(pairs.count * K);
  const { left, right, count } = pairs;
  for (let k = 0; k < K; k++) {
    const { levelOf, dense, main } = comparisons[k];
    if (dense) {
      // The cached levels read inline; only a first sight of a code pair or a null calls levelOf.
      const { table, n } = dense;
      const L = main.left;
      const R = main.right;
      for (let p = 0, at = k; p < count; p++, at += K) {
        const i = left[p];
        const j = right[p];
        const a = L[i];
        const b = R[j];
        const v = a >= 0 && b >= 0 ? table[a * n + b] : UNKNOWN;
        gamma[at] = v === UNKNOWN ? levelOf(i, j) : v;
      }
      continue;
    }
    for (let p = 0, at = k; p < count; p++, at += K) gamma[at] = levelOf(left[p], right[p]);
  }
  return gamma;
}

/** Comparison vectors of the candidate pairs. */
export function compareCandidates(pairs: CandidatePairs, comparisons: CompiledComparison[]): Uint8Array {
  return comparePairs(pairs, comparisons);
}
