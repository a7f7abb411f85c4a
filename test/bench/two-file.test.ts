/** The two-file benchmark's generator: the shape asked for, seeded, and its truth consistent. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateTwoFile } from '../../bench/two-file/generate.ts';
import { recordPerson, type NoiseRates } from '../../bench/two-file/noise.ts';
import { drawPerson, makeGeography } from '../../bench/two-file/population.ts';
import { rng } from '../../bench/two-file/random.ts';

const rows = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

describe('two-file generator', () => {
  it('writes the sizes asked for, exactly the true pairs asked for, and the same files for the same seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-two-file-test-'));
    try {
      const options = { leftPeople: 2_000, rightEpisodes: 20_000, truePairs: 1_000, seed: 7 };
      const a = generateTwoFile(join(dir, 'a'), options);
      const b = generateTwoFile(join(dir, 'b'), options);
      const c = generateTwoFile(join(dir, 'c'), { ...options, seed: 8 });
      for (const f of ['left.csv', 'right.csv', 'left_truth.csv', 'right_truth.csv']) {
        expect(readFileSync(join(a.dir, f), 'utf8')).toBe(readFileSync(join(b.dir, f), 'utf8'));
      }
      expect(readFileSync(c.right, 'utf8')).not.toBe(readFileSync(a.right, 'utf8'));

      const left = rows(a.left);
      const right = rows(a.right);
      expect(left).toHaveLength(2_000);
      expect(right).toHaveLength(20_000);
      for (const r of [...left, ...right]) expect(r).toHaveLength(5);
      const leftEntity = new Map(rows(a.leftTruth).map(([id, e]) => [id, e]));
      const rightEntity = rows(a.rightTruth).map(([, e]) => e);
      expect(new Set(left.map((r) => r[0])).size).toBe(2_000);
      const leftEntities = new Set(leftEntity.values());
      expect(leftEntities.size).toBe(2_000);
      // True pairs: episodes whose person is on the left.
      expect(rightEntity.filter((e) => leftEntities.has(e)).length).toBe(1_000);
      expect(a.leftInTreatment).toBeGreaterThan(700);
      expect(a.leftInTreatment).toBeLessThan(1_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with every noise rate zero a record is the person as they are', () => {
    const none = new Proxy({} as NoiseRates, { get: () => 0 });
    const geo = makeGeography(rng(1, 'geo'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const r = rng(seed, 'p');
        const p = drawPerson(r, geo);
        const rec = recordPerson(p, geo, none, r);
        expect(rec.initials).toBe(p.forename + p.surname);
        expect(rec.sex).toBe(p.sex);
        expect(rec.district).toBe(geo.districts[p.district]);
        expect(rec.dob).toBe(new Date(p.dob * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 200 },
    );
  });

  it('recorded dates of birth are always real dates', () => {
    const always = (key: keyof NoiseRates): NoiseRates => new Proxy({} as NoiseRates, { get: (_, k) => (k === key ? 1 : 0) });
    const geo = makeGeography(rng(2, 'geo'));
    for (const key of ['dobFirstOfJanuary', 'dobDayMonthSwapped', 'dobDayOffByOne', 'dobMonthOffByOne', 'dobYearOffByOne', 'dobYearDigitsSwapped'] as const) {
      const r = rng(3, key);
      for (let i = 0; i < 2_000; i++) {
        const rec = recordPerson(drawPerson(r, geo), geo, always(key), r);
        expect(rec.dob).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${rec.dob}T00:00:00Z`).toISOString().slice(0, 10), `${key}: ${rec.dob}`).toBe(rec.dob);
      }
    }
  });
});
