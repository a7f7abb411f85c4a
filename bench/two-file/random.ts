/**
 * The two-file benchmark's own random numbers (independent of the bench's src/random): a
 * small counter-free generator (sfc32) seeded per named stream, so that each part of the data
 * (people, left records, right episodes) draws from its own stream and the files are the same
 * for the same seed in any process.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Standard normal (Box-Muller). */
  normal(): number;
}

/** FNV-1a of the seed and the stream's name: four 32-bit words for sfc32's state. */
function seedWords(seed: number, name: string): [number, number, number, number] {
  const words: number[] = [];
  for (let k = 0; k < 4; k++) {
    let h = 0x811c9dc5 ^ k;
    for (const ch of `${seed}:${name}:${k}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    words.push(h >>> 0);
  }
  return words as [number, number, number, number];
}

export function rng(seed: number, name: string): Rng {
  let [a, b, c, d] = seedWords(seed, name);
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next(); // let the seed's bits spread
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

/** Draws from a fixed discrete distribution in O(log n): cumulative weights, binary search. */
export function sampler<T>(items: readonly T[], weights: readonly number[]): (r: Rng) => T {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (cumulative[i] = total += w));
  return (r) => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

/** Fisher-Yates, in place. */
export function shuffle<T>(items: T[], r: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
