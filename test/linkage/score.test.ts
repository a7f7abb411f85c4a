import { describe, expect, it } from 'vitest';
import { scoreLinks } from '../../src/methods/linkage/score.ts';

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
