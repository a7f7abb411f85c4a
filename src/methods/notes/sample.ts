/** The random sample of unlinked requirements whose notes are analysed (study: 5,271). */
import { stream } from '../../random/stream.ts';

export const DEFAULT_SAMPLE_SIZE = 5271;

/**
 * `size` distinct indices of [0, n), in increasing order, by a partial Fisher-Yates shuffle
 * on a named stream. The whole frame is taken when it is no larger than `size`.
 */
export function sampleIndices(n: number, size: number, seed: number, name = 'methods.notes.sample'): number[] {
  if (size >= n) return Array.from({ length: n }, (_, i) => i);
  const rng = stream(seed, name).at(0);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return Array.from(pool.subarray(0, size)).sort((a, b) => a - b);
}

export function sampleRequirements<T>(frame: readonly T[], size: number = DEFAULT_SAMPLE_SIZE, seed: number, name?: string): T[] {
  return sampleIndices(frame.length, size, seed, name).map((i) => frame[i]);
}
