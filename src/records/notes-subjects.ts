/**
 * Each in-scope requirement as the notes generator needs it: its window, termination and the
 * person's true engagement of any kind (structured, CJIT, prison, unrecorded), which is what
 * practitioners write about.
 */
import { NULL_INT } from '../io/table.ts';
import type { CohortView } from '../world/types.ts';
import type { NoteSubject } from './notes/subject.ts';
import { TERMINATION_LABEL } from './labels.ts';


/** The notes need only the cohort and its journeys, not the NDTMS background. */
export function noteSubjects(world: CohortView): NoteSubject[] {
  const end = world.window.end;
  const byRequirement = new Map<number, NoteSubject['engagement']>();
  const add = (requirementId: number, e: NoteSubject['engagement'][number]) => {
    const list = byRequirement.get(requirementId);
    if (list) list.push(e);
    else byRequirement.set(requirementId, [e]);
  };
  for (const r of world.requirements) {
    if (r.structured) add(r.requirementId, { from: r.treatmentStart, to: r.treatmentEnd === NULL_INT ? end : r.treatmentEnd, kind: 'structured' });
  }
  for (const c of world.cjitContacts) add(c.requirementId, { from: c.contactDate, to: c.contactDate + 30, kind: 'cjit' });
  for (const s of world.secureEpisodes) add(s.requirementId, { from: s.triageDate, to: s.dischargeDate, kind: 'secure' });
  for (const o of world.otherTreatments) add(o.requirementId, { from: o.from, to: o.to, kind: 'other' });

  const subjects: NoteSubject[] = [];
  for (const r of world.requirements) {
    if (r.scope !== 'in_scope') continue;
    const running = r.terminationDate > end;
    subjects.push({
      requirementId: String(r.requirementId),
      crn: world.people[r.personId].crn ?? '',
      requirementType: r.type,
      regionCode: world.people[r.personId].regionCode,
      start: r.sentenceDate,
      end: running ? end : r.terminationDate,
      terminationReason: running ? null : TERMINATION_LABEL[r.terminationReason],
      engagement: byRequirement.get(r.requirementId) ?? [],
    });
  }
  return subjects;
}
