/**
 * Truth-side views of note subjects, for evaluation, tests and the benchmark (never for
 * methods): the records-side requirement window a subject yields, and whether the person
 * was truly engaged inside it.
 */
import { strings, type Table } from '../../io/table.ts';
import type { NoteSubject } from './subject.ts';
import type { RequirementWindow } from '../../methods/notes/engagement.ts';


/** What nDelius holds about the requirement: the notes method's view of it. */
export function windowOf(subject: NoteSubject): RequirementWindow {
  return {
    requirementKey: subject.requirementId,
    crn: subject.crn,
    requirementType: subject.requirementType,
    start: subject.start,
    end: subject.terminationReason === null ? null : subject.end,
    terminationReason: subject.terminationReason,
  };
}

/** Truly engaged in some treatment at some point inside the notes window. */
export function trulyEngaged(subject: NoteSubject, extractionDay: number): boolean {
  const to = Math.min(subject.end, extractionDay);
  return subject.engagement.some((spell) => spell.from <= to && spell.to >= subject.start);
}

export interface NoteTruth {
  label: 'engaged' | 'not_engaged';
  kind: string;
  requirementId: string;
}

export function truthByNoteId(truth: Table): Map<string, NoteTruth> {
  const ids = strings(truth, 'note_id');
  const labels = strings(truth, 'true_label');
  const kinds = strings(truth, 'note_kind');
  const reqs = strings(truth, 'requirement_id');
  const map = new Map<string, NoteTruth>();
  for (let i = 0; i < truth.rowCount; i++) {
    map.set(ids[i] as string, { label: labels[i] as NoteTruth['label'], kind: kinds[i] as string, requirementId: reqs[i] as string });
  }
  return map;
}
