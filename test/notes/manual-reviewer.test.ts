/**
 * The simulated manual reviewer (study section 1.3.2): a person who takes notes as showing
 * engagement at the scenario's rates by each note's true kind. Perfect rates give back the true
 * labels; higher rates only ever add notes (common random numbers); answers are the note's own.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeTable, stringColumn, strings, type Table } from '../../src/io/table.ts';
import { manualReviewer, perfectReviewer, PERFECT_READER, type ReadsAsEngaged } from '../../src/evaluate/notes.ts';
import type { TruthView } from '../../src/evaluate/view.ts';
import { NOTE_KINDS } from '../../src/records/notes/writer.ts';
import { reviewerSchema } from '../../src/scenario/review.ts';
import { scenario } from '../helpers.ts';

const notes = Array.from({ length: 4000 }, (_, i) => ({ id: `N${i}`, kind: NOTE_KINDS[i % NOTE_KINDS.length] }));
const table = makeTable('truth_contact_notes', {
  note_id: stringColumn(notes.map((n) => n.id)),
  note_kind: stringColumn(notes.map((n) => n.kind)),
  true_label: stringColumn(notes.map((n) => (n.kind === 'engagement' ? 'engaged' : 'not_engaged'))),
});

function view(seed: number): TruthView {
  const where = (t: Table, ids: readonly string[]) => {
    const wanted = new Set(ids);
    const id = strings(t, 'note_id');
    const rows = notes.map((_, i) => i).filter((i) => wanted.has(id[i] ?? ''));
    return makeTable(t.name, Object.fromEntries(['note_id', 'note_kind', 'true_label'].map((c) => [c, stringColumn(rows.map((r) => strings(t, c)[r]))])));
  };
  return {
    facts: { seed } as TruthView['facts'],
    scenario: scenario('baseline'),
    records: {} as TruthView['records'],
    truth: async () => table,
    truthWhere: async (_name, filter) => where(table, filter.in),
  };
}

const ids = notes.map((n) => n.id);
const rate = fc.double({ min: 0, max: 1, noNaN: true });
const rates = fc.record(Object.fromEntries(Object.keys(PERFECT_READER).map((k) => [k, rate])) as Record<keyof ReadsAsEngaged, typeof rate>);

describe('manual reviewer', () => {
  it('reads every note as its true label with the perfect rates', async () => {
    const engaged = await perfectReviewer(view(42)).engagedNotes(ids);
    expect([...engaged].sort()).toEqual(notes.filter((n) => n.kind === 'engagement').map((n) => n.id).sort());
  });

  it('takes each kind as engaged at about its rate (the scenario defaults)', async () => {
    const defaults = reviewerSchema.parse({}).reads_as_engaged;
    const engaged = await manualReviewer(view(7), defaults).engagedNotes(ids);
    for (const kind of NOTE_KINDS) {
      const ofKind = notes.filter((n) => n.kind === kind);
      const share = ofKind.filter((n) => engaged.has(n.id)).length / ofKind.length;
      const expected = defaults[kind];
      // 500 notes a kind: within four standard errors.
      expect(Math.abs(share - expected)).toBeLessThanOrEqual(4 * Math.sqrt((expected * (1 - expected)) / ofKind.length) + 1e-9);
    }
  });

  it('takes every note a lower-rate reviewer took, and answers each note the same whichever others are asked', async () => {
    await fc.assert(
      fc.asyncProperty(rates, rates, fc.integer({ min: 0, max: 2 ** 32 - 1 }), async (a, b, seed) => {
        const low = Object.fromEntries(Object.keys(a).map((k) => [k, Math.min(a[k as keyof ReadsAsEngaged], b[k as keyof ReadsAsEngaged])])) as ReadsAsEngaged;
        const high = Object.fromEntries(Object.keys(a).map((k) => [k, Math.max(a[k as keyof ReadsAsEngaged], b[k as keyof ReadsAsEngaged])])) as ReadsAsEngaged;
        const some = ids.slice(0, 400);
        const lowSet = await manualReviewer(view(seed), low).engagedNotes(some);
        const highSet = await manualReviewer(view(seed), high).engagedNotes(some);
        for (const id of lowSet) expect(highSet.has(id)).toBe(true);
        const alone = await manualReviewer(view(seed), low).engagedNotes(some.slice(0, 50));
        expect([...alone].sort()).toEqual([...lowSet].filter((id) => some.slice(0, 50).includes(id)).sort());
      }),
      { numRuns: 30 },
    );
  });

  it('is read from the scenario: a scenario with a stricter reader gives fewer engaged notes', async () => {
    const strict = { ...scenario('baseline'), manual_review: { reads_as_engaged: PERFECT_READER } };
    const lenient = await manualReviewer(view(3)).engagedNotes(ids);
    const exact = await manualReviewer({ ...view(3), scenario: strict }).engagedNotes(ids);
    expect(exact.size).toBeLessThan(lenient.size);
  });
});
