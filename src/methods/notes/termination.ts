/**
 * Engagement rate in the 12 weeks before termination, by termination reason (the study's
 * Fig 5): per requirement, engaged notes / ALL notes in (end - 84, end], then the mean over
 * requirements. Requirements with no note in that window have no rate and are left out of
 * the mean; they are counted so the reader can see how many.
 */
import type { ClassifiedNote, RequirementWindow } from './engagement.ts';
import { notesByCrn } from './engagement.ts';

export const TERMINATION_WINDOW_DAYS = 84;

export interface TerminationEngagement {
  reason: string;
  requirements: number;
  /** Requirements with at least one note in the window (the mean's denominator). */
  withNotes: number;
  /** Mean of per-requirement engaged-note shares, 0-1; null when no requirement had notes. */
  meanRate: number | null;
}

export function terminationEngagement(
  requirements: readonly RequirementWindow[],
  notes: readonly ClassifiedNote[],
  windowDays = TERMINATION_WINDOW_DAYS,
): TerminationEngagement[] {
  const byCrn = notesByCrn(notes);
  const groups = new Map<string, { requirements: number; withNotes: number; sum: number }>();
  for (const requirement of requirements) {
    if (requirement.end === null || requirement.terminationReason === null) continue;
    const reason = requirement.terminationReason;
    let group = groups.get(reason);
    if (!group) groups.set(reason, (group = { requirements: 0, withNotes: 0, sum: 0 }));
    group.requirements++;
    let all = 0;
    let engaged = 0;
    for (const note of byCrn.get(requirement.crn) ?? []) {
      if (note.contactDate <= requirement.end - windowDays || note.contactDate > requirement.end) continue;
      if (note.contactDate < requirement.start) continue;
      all++;
      if (note.keyword && note.label === 'engaged') engaged++;
    }
    if (all > 0) {
      group.withNotes++;
      group.sum += engaged / all;
    }
  }
  return [...groups.entries()].map(([reason, g]) => ({
    reason,
    requirements: g.requirements,
    withNotes: g.withNotes,
    meanRate: g.withNotes > 0 ? g.sum / g.withNotes : null,
  }));
}
