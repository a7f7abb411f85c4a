import { afterAll, describe, expect, it } from 'vitest';
import { blockPairs } from '../../src/methods/linkage/blocking.ts';
import { comparePairsParallel, compareThreads, startComparePool, stripes, uOnWorker } from '../../src/methods/linkage/compare-parallel.ts';
import { comparePairs, compileComparisons } from '../../src/methods/linkage/comparisons.ts';
import { defaultSettings } from '../../src/methods/linkage/default-settings.ts';
import { encodeAll } from '../../src/methods/linkage/encode.ts';
import { syntheticProblem } from '../../src/methods/linkage/synthetic.ts';
import { uOfSettings } from '../../src/methods/linkage/training/u.ts';

describe('the link split across threads', () => {
  const settings = defaultSettings();
  const { left, right } = syntheticProblem({ leftRows: 1500, rightRows: 12_000, seed: 7 });
  const encoded = encodeAll(settings, left, right);
  const pairs = blockPairs(encoded, settings.blocking_rules, settings.max_pairs);
  const pools = [startComparePool(2), startComparePool(3)];
  afterAll(async () => {
    for (const pool of pools) await pool.close();
  });

  it('gives the comparison vectors one thread gives, with 2 and 3 threads', async () => {
    expect(pairs.count).toBeGreaterThan(1000);
    const one = comparePairs(pairs, compileComparisons(settings.comparisons, encoded));
    for (const pool of pools) {
      // Fresh compiled comparisons: their level caches start empty, as in a real run.
      // Stripes of 100 pairs (and of the default size), so every thread gets many, and a short last one.
      for (const stripe of [100, undefined]) {
        const split = await comparePairsParallel(pairs, compileComparisons(settings.comparisons, encoded), encoded, pool, 0, stripe);
        expect(split.length).toBe(one.length);
        expect(Buffer.from(split).equals(Buffer.from(one))).toBe(true);
      }
    }
  });

  it('deals the pairs out in stripes, each pair to one thread, in turn', () => {
    const dealt = stripes(1050, 3, 100);
    expect(dealt.map((r) => r.length)).toEqual([4, 4, 3]);
    expect(dealt[0].slice(0, 2)).toEqual([[0, 100], [300, 400]]);
    expect(dealt[1].at(-1)).toEqual([1000, 1050]);
    const covered = dealt.flat().sort((a, b) => a[0] - b[0]);
    covered.forEach(([from, to], i) => {
      expect(from).toBe(i * 100);
      expect(to).toBe(Math.min(1050, from + 100));
    });
    expect(stripes(0, 2)).toEqual([[], []]);
  });

  it('leaves the candidate pairs as they were (the workers get copies)', async () => {
    const before = { left: pairs.left.slice(0, pairs.count), right: pairs.right.slice(0, pairs.count) };
    await comparePairsParallel(pairs, compileComparisons(settings.comparisons, encoded), encoded, pools[0], 0);
    expect(pairs.left.subarray(0, pairs.count)).toEqual(before.left);
    expect(pairs.right.subarray(0, pairs.count)).toEqual(before.right);
  });

  it('compares on the main thread when the pairs are few', async () => {
    const few = { ...pairs, left: pairs.left.subarray(0, 10), right: pairs.right.subarray(0, 10), count: 10 };
    const comparisons = compileComparisons(settings.comparisons, encoded);
    expect(await comparePairsParallel(few, comparisons, encoded, pools[0])).toEqual(comparePairs(few, comparisons));
  });

  it('finds on a worker the u the main thread finds (exact and sampled levels alike)', async () => {
    const population = { nLeft: left.rowCount, nRight: right.rowCount, dedupe: false };
    const here = uOfSettings(settings, compileComparisons(settings.comparisons, encoded), encoded, population);
    expect(here.method.flat()).toContain('sampled');
    expect(await uOnWorker(pools[0], settings, encoded, population)).toEqual(here);
    expect(uOnWorker(null, settings, encoded, population)).toBeNull();
  });

  it('uses a thread per free core by default (at most 4), and the settings\' threads when given', () => {
    expect(compareThreads(undefined, 2, 0.3)).toBe(2);
    expect(compareThreads(undefined, 2, 0.9)).toBe(2);
    expect(compareThreads(undefined, 2, 1.0)).toBe(1);
    expect(compareThreads(undefined, 2, 11)).toBe(1);
    expect(compareThreads(undefined, 16, 0)).toBe(4);
    expect(compareThreads(undefined, 1, 0)).toBe(1);
    expect(compareThreads(3, 2, 11)).toBe(3);
  });

  it('takes one thread by default on a worker thread (a sweep\'s), the settings\' threads when given', () => {
    expect(compareThreads(undefined, 2, 0, false)).toBe(1);
    expect(compareThreads(undefined, 16, 0, false)).toBe(1);
    expect(compareThreads(undefined, 16, 0, true)).toBe(4);
    expect(compareThreads(2, 2, 0, false)).toBe(2);
  });
});
