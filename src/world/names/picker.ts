/** Weighted picking from a name pool by cumulative weights and binary search. */
import type { Rng } from '../../random/stream.ts';

export interface NamePool {
  names: string[];
  weights: number[];
}

export interface Picker {
  pick(rng: Rng): string;
}

export function weightedPicker(pool: NamePool): Picker {
  const cumulative = new Float64Array(pool.weights.length);
  let total = 0;
  pool.weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  return {
    pick(rng: Rng): string {
      const target = rng.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      return pool.names[lo];
    },
  };
}

