import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreLinks, scoreLinksGrouped } from '../../src/methods/linkage/score.ts';

describe('scoreLinks', () => {
  // Left L1..L4 -> entities A, B, C, D. Right: A has two records, B one, C one, D none, plus Z.
  const truth = {
    left: new Map([
      ['L1', 'A'],
      ['L2', 'B'],
      ['L3', 'C'],
      ['L4', 'D'],
    ]),
    right: new Map([
      ['R1', 'A'],
      ['R2', 'A'],
      ['R3', 'B'],
      ['R4', 'C'],
      ['R5', 'Z'],
    ]),
  };

  it('counts precision, recall, F1 and false-match rate by hand', () => {
    // True pairs: (L1,R1) (L1,R2) (L2,R3) (L3,R4) = 4. Predicted: 3 right, 2 wrong, one duplicate.
    const links = {
      left: ['L1', 'L1', 'L2', 'L3', 'L4', 'L1'],
      right: ['R1', 'R3', 'R3', 'R5', 'R5', 'R1'],
    };
    const { overall } = scoreLinks(links, truth);
    expect(overall.predicted).toBe(5);
    expect(overall.truePositives).toBe(2);
    expect(overall.falsePositives).toBe(3);
    expect(overall.truePairs).toBe(4);
    expect(overall.falseNegatives).toBe(2);
    expect(overall.precision).toBeCloseTo(2 / 5, 12);
    expect(overall.recall).toBeCloseTo(2 / 4, 12);
    expect(overall.f1).toBeCloseTo((2 * 0.4 * 0.5) / 0.9, 12);
    expect(overall.falseMatchRate).toBeCloseTo(3 / 5, 12);
    // Left records with a true match: L1, L2, L3; found: L1, L2.
    expect(overall.leftWithTrueMatch).toBe(3);
    expect(overall.leftFound).toBe(2);
    expect(overall.leftRecall).toBeCloseTo(2 / 3, 12);
  });

  it('breaks down by group', () => {
    const group = new Map([
      ['L1', 'north'],
      ['L2', 'north'],
      ['L3', 'south'],
      ['L4', 'south'],
    ]);
    const links = { left: ['L1', 'L2', 'L4'], right: ['R2', 'R3', 'R4'] };
    const result = scoreLinks(links, truth, group);
    expect(result.byGroup!.north).toMatchObject({ predicted: 2, truePositives: 2, truePairs: 3, precision: 1 });
    expect(result.byGroup!.north.recall).toBeCloseTo(2 / 3, 12);
    expect(result.byGroup!.south).toMatchObject({ predicted: 1, truePositives: 0, truePairs: 1, precision: 0, recall: 0, f1: 0 });
    expect(result.overall.precision).toBeCloseTo(2 / 3, 12);
  });

  it('no links: precision undefined (NaN), recall 0', () => {
    const { overall } = scoreLinks({ left: [], right: [] }, truth);
    expect(Number.isNaN(overall.precision)).toBe(true);
    expect(overall.recall).toBe(0);
  });
});

/** The definitions, pair by pair: what every grouping of scoreLinksGrouped must give. */
function reference(links: { left: string[]; right: string[] }, truth: { left: Map<string, string>; right: Map<string, string> }, inGroup: (leftId: string) => boolean) {
  const distinct = [...new Set(links.left.map((l, i) => `${l}\u0000${links.right[i]}`))].map((k) => k.split('\u0000'));
  const mine = distinct.filter(([l]) => inGroup(l));
  const correct = mine.filter(([l, r]) => truth.left.get(l) !== undefined && truth.left.get(l) !== '' && truth.left.get(l) === truth.right.get(r));
  let truePairs = 0;
  let leftWithTrue = 0;
  for (const [l, e] of truth.left) {
    if (!inGroup(l) || e === '') continue;
    const n = [...truth.right.values()].filter((x) => x === e).length;
    truePairs += n;
    if (n > 0) leftWithTrue++;
  }
  return { predicted: mine.length, truePositives: correct.length, truePairs, leftWithTrueMatch: leftWithTrue, leftFound: new Set(correct.map(([l]) => l)).size };
}

describe('scoreLinksGrouped', () => {
  it('gives, for every grouping at once, the counts of the definitions group by group', () => {
    const id = (prefix: string, n: number) => fc.integer({ min: 0, max: n }).map((i) => `${prefix}${i}`);
    const entity = fc.constantFrom('', 'A', 'B', 'C', 'D', 'E');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id('L', 12), entity), { maxLength: 14 }),
        fc.array(fc.tuple(id('R', 12), entity), { maxLength: 14 }),
        fc.array(fc.tuple(id('L', 14), id('R', 14)), { maxLength: 30 }),
        fc.array(fc.array(fc.tuple(id('L', 14), fc.constantFrom('x', 'y', 'z', '')), { maxLength: 12 }), { maxLength: 3 }),
        (leftRows, rightRows, linkPairs, groupingRows) => {
          const truth = { left: new Map(leftRows), right: new Map(rightRows) };
          const links = { left: linkPairs.map(([l]) => l), right: linkPairs.map(([, r]) => r) };
          const groupings = Object.fromEntries(groupingRows.map((rows, k) => [`g${k}`, new Map(rows)]));
          const scored = scoreLinksGrouped(links, truth, groupings);
          expect(scored.overall).toMatchObject(reference(links, truth, () => true));
          for (const [name, group] of Object.entries(groupings)) {
            const values = new Set([...truth.left.keys(), ...links.left].map((l) => group.get(l) ?? ''));
            expect(Object.keys(scored.byGrouping[name])).toEqual([...values].sort());
            for (const value of values) expect(scored.byGrouping[name][value], `${name}=${value}`).toMatchObject(reference(links, truth, (l) => (group.get(l) ?? '') === value));
            // One grouping alone (scoreLinks) gives the same as alongside the others.
            expect(scoreLinks(links, truth, group).byGroup).toEqual(scored.byGrouping[name]);
          }
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
