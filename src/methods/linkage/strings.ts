/**
 * String similarity metrics used by comparison levels: Jaro, Jaro-Winkler, Levenshtein and
 * Damerau-Levenshtein (optimal string alignment). Pure functions over UTF-16 code units.
 *
 * The bounded variants stop as soon as the distance must exceed k: a comparison level only
 * asks "is it <= k?", and most candidate pairs are far apart, so they exit after a few rows.
 */

// Scratch buffers, grown on demand: these metrics run tens of millions of times in a link and
// allocating two arrays per call would dominate. They carry no state between calls.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensureScratch(n: number): void {
  if (flagsA.length >= n) return;
  const size = Math.max(n, flagsA.length * 2);
  flagsA = new Uint8Array(size);
  flagsB = new Uint8Array(size);
  rowA = new Int32Array(size);
  rowB = new Int32Array(size);
  rowC = new Int32Array(size);
}

/** Jaro similarity in [0, 1]; two empty strings are identical (1). */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  ensureScratch(Math.max(la, lb) + 1);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ca) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

/**
 * Jaro-Winkler similarity: Jaro boosted by a common prefix of up to 4 characters (scale 0.1),
 * applied only when Jaro exceeds 0.7, as in Winkler's definition (and DuckDB, which Splink uses).
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1, boostThreshold = 0.7): number {
  const j = jaro(a, b);
  if (j <= boostThreshold) return j;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * prefixScale * (1 - j);
}

/** Levenshtein distance (insert, delete, substitute, each cost 1). */
export function levenshtein(a: string, b: string): number {
  return levenshteinBounded(a, b, Number.MAX_SAFE_INTEGER);
}

/**
 * Levenshtein distance if it is <= k, else k + 1. Rows stop early once every cell of a row
 * exceeds k (the distance can only grow from there).
 */
export function levenshteinBounded(a: string, b: string, k: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > k) return k + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  ensureScratch(lb + 1);
  let prev = rowA;
  let curr = rowB;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j - 1] + cost;
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = curr[j - 1] + 1;
      if (ins < v) v = ins;
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k) return k + 1;
    const t = prev;
    prev = curr;
    curr = t;
  }
  const d = prev[lb];
  return d > k ? k + 1 : d;
}

/** Damerau-Levenshtein distance in its optimal-string-alignment form (adjacent transposition costs 1, no substring edited twice). */
export function damerauLevenshtein(a: string, b: string): number {
  return damerauLevenshteinBounded(a, b, Number.MAX_SAFE_INTEGER);
}

/** Optimal-string-alignment distance if it is <= k, else k + 1. */
export function damerauLevenshteinBounded(a: string, b: string, k: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > k) return k + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  ensureScratch(lb + 1);
  // Three rows: a transposition looks two rows back.
  let prev2 = rowC;
  let prev = rowA;
  let curr = rowB;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    curr[0] = i;
    // A whole row above k cannot come back down, except through a transposition that reads
    // the row before; so we stop only when two consecutive rows exceed k.
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = prev[j - 1] + cost;
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = curr[j - 1] + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && caPrev === cb) {
        const tr = prev2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k) {
      let prevMin = Number.MAX_SAFE_INTEGER;
      for (let j = 0; j <= lb; j++) if (prev[j] < prevMin) prevMin = prev[j];
      if (prevMin > k) return k + 1;
    }
    const t = prev2;
    prev2 = prev;
    prev = curr;
    curr = t;
  }
  const d = prev[lb];
  return d > k ? k + 1 : d;
}

/**
 * Whether a and b are within one edit: one substitution, insertion or deletion, or (when
 * `transposition`) one swap of adjacent characters. The k = 1 case of the bounded distances
 * without the table: a single scan that gives up at the second mismatch.
 */
export function withinOneEdit(a: string, b: string, transposition: boolean): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let first = -1;
    for (let i = 0; i < la; i++) {
      if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
      if (first < 0) {
        first = i;
        continue;
      }
      // Second mismatch: only an adjacent swap of the first pair can still make it one edit.
      if (!transposition || i !== first + 1) return false;
      if (a.charCodeAt(first) !== b.charCodeAt(i) || a.charCodeAt(i) !== b.charCodeAt(first)) return false;
      for (let j = i + 1; j < la; j++) if (a.charCodeAt(j) !== b.charCodeAt(j)) return false;
      return true;
    }
    return true;
  }
  if (Math.abs(la - lb) !== 1) return false;
  const [s, t] = la < lb ? [a, b] : [b, a];
  // t is s with one character inserted: skip the first mismatch in t once.
  let i = 0;
  let j = 0;
  let skipped = false;
  while (i < s.length && j < t.length) {
    if (s.charCodeAt(i) === t.charCodeAt(j)) {
      i++;
      j++;
    } else {
      if (skipped) return false;
      skipped = true;
      j++;
    }
  }
  return true;
}
