/** The linkage evaluation's scores with the truth keys cut to the cohort's people equal those with every record's. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intColumn, makeTable, stringColumn } from '../../src/io/table.ts';
import { linkageScores, linkageTruthKeys } from '../../src/evaluate/treatment.ts';
import { scoreLinks } from '../../src/methods/linkage/score.ts';

const keysTable = (name: string, idColumn: string, rows: [string, number][]) =>
  makeTable(name, { [idColumn]: stringColumn(rows.map(([id]) => id)), person_id: intColumn(Int32Array.from(rows.map(([, p]) => p))) });

describe('linkageScores', () => {
  it('gives the scores of every record mapped to its person, with only the cohort people’s right records kept', () => {
    const person = fc.integer({ min: 0, max: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }).map((i) => `N${i}`), person), { minLength: 1, maxLength: 16 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }).map((i) => `E${i}`), person), { maxLength: 26 }),
        fc.array(fc.integer({ min: 0, max: 15 }).map((i) => `N${i}`), { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }).map((i) => `N${i}`), fc.integer({ min: 0, max: 25 }).map((i) => `E${i}`)), { maxLength: 30 }),
        (ndeliusRows, rightRows, cohortIds, linkPairs) => {
          const ndelius = keysTable('truth_ndelius_requirements', 'record_id', ndeliusRows);
          const right = keysTable('truth_ndtms_community', 'episode_id', rightRows);
          const links = { left: linkPairs.map(([l]) => l), right: linkPairs.map(([, r]) => r) };
          const groupOf = (id: string) => ({ half: Number(id.slice(1)) % 2 === 0 ? 'even' : 'odd', any: 'one' });
          const got = linkageScores(links, cohortIds, linkageTruthKeys(cohortIds, { ndelius, right, rightId: 'episode_id' }), groupOf);
          // Every record of both sides, the nDelius ones then cut to the cohort.
          const cohort = new Set(cohortIds);
          const full = { left: new Map(ndeliusRows.filter(([id]) => cohort.has(id)).map(([id, p]) => [id, String(p)])), right: new Map(rightRows.map(([id, p]) => [id, String(p)])) };
          const want = (group: string) => (id: string) => got.find((e) => e.id === id && e.group === group)?.estimate;
          const pct = (x: number) => (Number.isNaN(x) ? null : 100 * x);
          const overall = scoreLinks(links, full).overall;
          expect([want('all')('linkage.precision'), want('all')('linkage.recall'), want('all')('linkage.true_pairs')]).toEqual([pct(overall.precision), pct(overall.recall), overall.truePairs]);
          const half = scoreLinks(links, full, new Map(cohortIds.map((id) => [id, groupOf(id).half]))).byGroup ?? {};
          for (const [value, s] of Object.entries(half)) {
            if (value === '') continue;
            expect([want(`all|half=${value}`)('linkage.precision'), want(`all|half=${value}`)('linkage.f1'), want(`all|half=${value}`)('linkage.false_match_rate')]).toEqual([pct(s.precision), pct(s.f1), pct(s.falseMatchRate)]);
          }
        },
      ),
      { numRuns: 200, seed: 9 },
    );
  });
});
