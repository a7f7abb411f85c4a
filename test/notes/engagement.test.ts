import { describe, expect, it } from 'vitest';
import { requirementEngagement, summariseByType, type ClassifiedNote, type RequirementWindow } from '../../src/methods/notes/engagement.ts';
import { terminationEngagement } from '../../src/methods/notes/termination.ts';
import { sampleIndices } from '../../src/methods/notes/sample.ts';

const requirement = (key: string, crn: string, start: number, end: number | null, reason: string | null = null, type: 'ATR' | 'DRR' = 'DRR'): RequirementWindow => ({
  requirementKey: key,
  crn,
  requirementType: type,
  start,
  end,
  terminationReason: reason,
});
const note = (crn: string, contactDate: number, keyword: boolean, engaged: boolean): ClassifiedNote => ({
  crn,
  contactDate,
  keyword,
  label: engaged ? 'engaged' : 'not_engaged',
});

describe('requirement status from note labels', () => {
  const requirements = [
    requirement('r1', 'A', 100, 200, 'Completed', 'ATR'),
    requirement('r2', 'B', 100, 200),
    requirement('r3', 'C', 100, 200),
    // Same person, a later requirement: only notes in its own window count.
    requirement('r4', 'A', 300, null),
  ];
  const notes = [
    note('A', 150, true, true),
    note('A', 320, true, false),
    note('A', 500, true, true), // after the extraction day
    note('B', 150, true, false),
    note('B', 250, true, true), // after r2 ended
    note('C', 150, false, false),
  ];
  const results = requirementEngagement(requirements, notes, 400);

  it('engaged with any engaged note in the window, not engaged with keyword notes but none, counted apart with none', () => {
    expect(results.map((r) => r.status)).toEqual(['engaged', 'not_engaged', 'no_keyword_notes', 'not_engaged']);
    expect(results.map((r) => r.keywordNotes)).toEqual([1, 1, 0, 1]);
    const summary = summariseByType(results);
    expect(summary.all).toMatchObject({ requirements: 4, engaged: 1, notEngaged: 2, noKeywordNotes: 1, keywordNotes: 3, requirementsWithKeywordNotes: 3 });
    expect(summary.ATR.requirements).toBe(1);
    expect(summary.DRR.engaged).toBe(0);
  });
});

describe('termination-reason engagement rate', () => {
  it('is the mean over requirements of engaged / all notes in the last 84 days', () => {
    const requirements = [
      requirement('r1', 'A', 0, 200, 'Completed'),
      requirement('r2', 'B', 0, 200, 'Completed'),
      requirement('r3', 'C', 0, 200, 'Revoked'),
      requirement('r4', 'D', 0, 200, 'Revoked'),
      requirement('r5', 'E', 0, null, null),
    ];
    const notes = [
      note('A', 190, true, true),
      note('A', 180, false, false),
      note('A', 116, true, true), // exactly 84 days before: outside (end - 84, end]
      note('B', 150, true, false),
      note('C', 199, true, true),
      note('C', 198, true, false),
      note('C', 197, true, false),
      note('C', 196, false, false),
      note('E', 100, true, true),
    ];
    const rates = Object.fromEntries(terminationEngagement(requirements, notes).map((t) => [t.reason, t]));
    expect(rates.Completed).toEqual({ reason: 'Completed', requirements: 2, withNotes: 2, meanRate: (0.5 + 0) / 2 });
    expect(rates.Revoked).toEqual({ reason: 'Revoked', requirements: 2, withNotes: 1, meanRate: 0.25 });
    expect(Object.keys(rates)).toHaveLength(2);
  });
});

describe('sample of unlinked requirements', () => {
  it('draws distinct sorted indices, reproducibly', () => {
    const a = sampleIndices(23307, 5271, 4);
    expect(a).toHaveLength(5271);
    expect(new Set(a).size).toBe(5271);
    expect(a.every((v, i) => i === 0 || v > a[i - 1])).toBe(true);
    expect(sampleIndices(23307, 5271, 4)).toEqual(a);
    expect(sampleIndices(23307, 5271, 5)).not.toEqual(a);
    expect(sampleIndices(10, 50, 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
