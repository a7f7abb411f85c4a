import { describe, expect, it } from 'vitest';
import { ints, strings, type Table } from '../../src/io/table.ts';
import { defaultNotesConfig, notesConfigSchema } from '../../src/scenario/notes.ts';
import { demoSubjects } from '../fixtures/demo-subjects.ts';
import { generateNotes, yearOf } from '../../src/records/notes/generate.ts';
import { partsFromDay } from '../../src/io/dates.ts';

const subjects = demoSubjects(400, 21);
const config = defaultNotesConfig();

function sameTable(a: Table, b: Table): void {
  expect(a.rowCount).toBe(b.rowCount);
  expect(Object.keys(a.columns)).toEqual(Object.keys(b.columns));
  for (const name of Object.keys(a.columns)) expect(a.columns[name].values).toEqual(b.columns[name].values);
}

describe('generateNotes', () => {
  const first = generateNotes(subjects, config, 5);

  it('is deterministic: the same seed gives identical tables', () => {
    const again = generateNotes(subjects, config, 5);
    sameTable(first.notes, again.notes);
    sameTable(first.truth, again.truth);
    const other = generateNotes(subjects, config, 6);
    expect(strings(other.notes, 'text')).not.toEqual(strings(first.notes, 'text'));
  });

  it('does not depend on how subjects are split between workers', () => {
    const a = generateNotes(subjects.slice(0, 150), config, 5, 0);
    const b = generateNotes(subjects.slice(150), config, 5, 150);
    expect([...strings(a.notes, 'note_id'), ...strings(b.notes, 'note_id')]).toEqual(strings(first.notes, 'note_id'));
    expect([...strings(a.notes, 'text'), ...strings(b.notes, 'text')]).toEqual(strings(first.notes, 'text'));
  });

  it('writes the observed and truth columns, every note with exactly one truth row', () => {
    expect(Object.keys(first.notes.columns)).toEqual(['note_id', 'crn', 'contact_date', 'contact_type', 'practitioner_id', 'text']);
    expect(Object.keys(first.truth.columns)).toEqual(['note_id', 'requirement_id', 'true_label', 'note_kind', 'voice', 'hard_case']);
    const ids = strings(first.notes, 'note_id');
    expect(new Set(ids).size).toBe(ids.length);
    expect(strings(first.truth, 'note_id')).toEqual(ids);
    expect(first.notes.rowCount).toBeGreaterThan(subjects.length * 10);
  });

  it('never writes the truth key into the observed table', () => {
    const keys = new Set(subjects.map((s) => s.requirementId));
    const leaked: string[] = [];
    for (const column of Object.values(first.notes.columns)) {
      if (column.kind !== 'string') continue;
      for (const v of column.values) if (keys.has(v as string) || [...keys].some((k) => (v as string).includes(k))) leaked.push(v as string);
    }
    expect(leaked).toEqual([]);
  });

  it('labels a note engaged only when it states engagement inside an engagement interval', () => {
    const byId = new Map(subjects.map((s) => [s.requirementId, s]));
    const dates = ints(first.notes, 'contact_date');
    const reqs = strings(first.truth, 'requirement_id');
    const labels = strings(first.truth, 'true_label');
    const kinds = strings(first.truth, 'note_kind');
    let engaged = 0;
    for (let i = 0; i < first.truth.rowCount; i++) {
      const subject = byId.get(reqs[i] as string)!;
      expect(dates[i]).toBeGreaterThanOrEqual(subject.start);
      expect(dates[i]).toBeLessThanOrEqual(subject.end);
      const inside = subject.engagement.some((e) => dates[i] >= e.from && dates[i] <= e.to);
      if (labels[i] === 'engaged') {
        engaged++;
        expect(kinds[i]).toBe('engagement');
        expect(inside).toBe(true);
      } else {
        expect(kinds[i]).not.toBe('engagement');
      }
      if (kinds[i] === 'claimed_engagement') expect(inside).toBe(false);
    }
    expect(engaged).toBeGreaterThan(0);
  });

  it('keeps dates and note kinds when only wording knobs change (common random numbers)', () => {
    const noisy = generateNotes(subjects, notesConfigSchema.parse({ typoRate: 0.2, abbreviationRate: 0.9 }), 5);
    expect(ints(noisy.notes, 'contact_date')).toEqual(ints(first.notes, 'contact_date'));
    expect(strings(noisy.truth, 'note_kind')).toEqual(strings(first.truth, 'note_kind'));
    expect(strings(noisy.notes, 'text')).not.toEqual(strings(first.notes, 'text'));
  });

  it('writes no notes at zero volume', () => {
    const none = generateNotes(subjects, notesConfigSchema.parse({ volume: { notesPerMonth: 0 } }), 5);
    expect(none.notes.rowCount).toBe(0);
    expect(none.truth.rowCount).toBe(0);
  });

  it('computes calendar years from day numbers', () => {
    for (let day = -20000; day < 60000; day += 97) expect(yearOf(day)).toBe(partsFromDay(day).year);
  });
});

describe('notesConfigSchema', () => {
  it('rejects probabilities outside [0, 1], unknown keys and shares not summing to 1', () => {
    expect(notesConfigSchema.safeParse({ typoRate: 1.5 }).success).toBe(false);
    expect(notesConfigSchema.safeParse({ keywordShare: { engaged: -0.1 } }).success).toBe(false);
    expect(notesConfigSchema.safeParse({ volume: { notesPerMonth: 9, extra: 1 } }).success).toBe(false);
    expect(notesConfigSchema.safeParse({ contactMix: { office: 0.9 } }).success).toBe(false);
    expect(notesConfigSchema.safeParse({ recording: { regionMultiplier: { N07: 1.4 } } }).success).toBe(true);
  });
});
