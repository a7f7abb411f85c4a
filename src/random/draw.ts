/** Small draws the generator composes: shares, lognormal durations, logistic and multinomial models. */
import type { Rng } from './stream.ts';

/** A category from shares (an object whose values sum to 1), by one uniform. */
export function drawShare<K extends string>(shares: Record<K, number>, u: number): K {
  let acc = 0;
  let last: K | undefined;
  for (const key of Object.keys(shares) as K[]) {
    acc += shares[key];
    last = key;
    if (u < acc) return key;
  }
  return last as K;
}

/**
 * `drawShare` for one set of shares drawn from many times: the keys and running totals are
 * taken once (the same sums in the same order, so the same category for every uniform).
 */
export function shareDrawer<K extends string>(shares: Record<K, number>): (u: number) => K {
  const keys = Object.keys(shares) as K[];
  const index = shareIndexDrawer(shares);
  return (u) => keys[index(u)];
}

/** shareDrawer's choice as the index of its key in `Object.keys(shares)` (for a loop that looks things up by it). */
export function shareIndexDrawer(shares: Record<string, number>): (u: number) => number {
  const totals = new Float64Array(Object.keys(shares).length);
  let acc = 0;
  Object.keys(shares).forEach((key, i) => (totals[i] = acc += shares[key]));
  const last = totals.length - 1;
  return (u) => {
    for (let i = 0; i < last; i++) if (u < totals[i]) return i;
    return last;
  };
}

/** Index from an array of shares. */
export function drawIndex(shares: readonly number[], u: number): number {
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i];
    if (u < acc) return i;
  }
  return shares.length - 1;
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng.next());
}

/** Draw from a multinomial logit: probabilities proportional to exp(score). */
export function drawMultinomialLogit<K extends string>(scores: Record<K, number>, u: number): K {
  const keys = Object.keys(scores) as K[];
  let total = 0;
  const weights = keys.map((k) => {
    const w = Math.exp(scores[k]);
    total += w;
    return w;
  });
  let acc = 0;
  for (let i = 0; i < keys.length; i++) {
    acc += weights[i] / total;
    if (u < acc) return keys[i];
  }
  return keys[keys.length - 1];
}

/** Poisson by inversion (small means only). */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
