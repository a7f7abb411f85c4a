/**
 * The manual review (study section 2.6): a person reads the notes of some sampled
 * requirements and says which show engagement. It is the one place a method is told what the
 * notes truly say, so it is an explicit input the evaluation side supplies, never a table the
 * method could read: the method asks about the notes it chose and hears back only those.
 */
import { ints, strings, type Table } from '../../io/table.ts';
import type { LabelledNote } from './classifiers/index.ts';
import type { RequirementWindow } from './engagement.ts';
import { keywordFilter } from './keywords.ts';

export interface Reviewer {
  /** Of these notes (by note_id), the ones that truly show engagement with treatment. */
  engagedNotes(noteIds: readonly string[]): Promise<Set<string>>;
}

export interface Review {
  /** Per reviewed requirement: engaged when any of its notes in the window shows engagement. */
  byRequirement: Map<string, boolean>;
  /** The keyword notes the reviewer read, with their labels: training data for a classifier. */
  labelled: LabelledNote[];
}

/** Hand the reviewed requirements' notes to the reviewer and read back requirement statuses. */
export async function reviewRequirements(reviewer: Reviewer, reviewed: readonly RequirementWindow[], notes: Table, extraction: number): Promise<Review> {
  const ids = strings(notes, 'note_id');
  const crn = strings(notes, 'crn');
  const date = ints(notes, 'contact_date');
  const wanted = new Map<string, RequirementWindow[]>();
  for (const r of reviewed) wanted.set(r.crn, [...(wanted.get(r.crn) ?? []), r]);
  const noteIds: string[] = [];
  for (let i = 0; i < notes.rowCount; i++) if (wanted.has(crn[i] ?? '')) noteIds.push(ids[i] ?? '');
  const engagedNote = noteIds.length ? await reviewer.engagedNotes(noteIds) : new Set<string>();
  const byRequirement = new Map<string, boolean>();
  const labelled: LabelledNote[] = [];
  const keyword = keywordFilter();
  const text = strings(notes, 'text');
  for (const r of reviewed) byRequirement.set(r.requirementKey, false);
  for (let i = 0; i < notes.rowCount; i++) {
    const inWindow = (wanted.get(crn[i] ?? '') ?? []).filter((r) => date[i] >= r.start && date[i] <= Math.min(r.end ?? extraction, extraction));
    if (inWindow.length === 0) continue;
    const isEngaged = engagedNote.has(ids[i] ?? '');
    if (keyword.matches(text[i] ?? '')) labelled.push({ noteId: ids[i] ?? '', text: text[i] ?? '', label: isEngaged ? 'engaged' : 'not_engaged' });
    if (isEngaged) for (const r of inWindow) byRequirement.set(r.requirementKey, true);
  }
  return { byRequirement, labelled };
}
