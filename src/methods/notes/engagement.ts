/**
 * Requirement-level status from note labels, as the study counted it: engaged if at least
 * one keyword note in the requirement's window is labelled engaged; keyword notes but none
 * engaged -> not engaged; no keyword note at all -> not engaged too, counted separately.
 */
import type { NoteLabelValue } from './classifiers/types.ts';

/** One requirement as nDelius records it: the sample frame and its notes window. */
export interface RequirementWindow {
  /** The nDelius requirement record id (records side, never a truth key). */
  requirementKey: string;
  crn: string;
  requirementType: 'ATR' | 'DRR';
  start: number;
  /** Termination date, or null while the requirement runs. */
  end: number | null;
  terminationReason: string | null;
}

/** A contact note after the keyword filter and the classifier (non-keyword notes: not engaged). */
export interface ClassifiedNote {
  crn: string;
  contactDate: number;
  keyword: boolean;
  label: NoteLabelValue;
}

export type RequirementStatus = 'engaged' | 'not_engaged' | 'no_keyword_notes';

export interface RequirementEngagement {
  requirementKey: string;
  requirementType: 'ATR' | 'DRR';
  status: RequirementStatus;
  notes: number;
  keywordNotes: number;
  engagedNotes: number;
}

/** Notes of each CRN, for scanning one requirement's window without touching the rest. */
export function notesByCrn<T extends { crn: string }>(notes: readonly T[]): Map<string, T[]> {
  const byCrn = new Map<string, T[]>();
  for (const note of notes) {
    let list = byCrn.get(note.crn);
    if (!list) byCrn.set(note.crn, (list = []));
    list.push(note);
  }
  return byCrn;
}

/** The study's notes window: requirement start to end, capped at the extraction date. */
export function notesWindow(requirement: RequirementWindow, extractionDay: number): [number, number] {
  return [requirement.start, Math.min(requirement.end ?? extractionDay, extractionDay)];
}

export function requirementEngagement(
  requirements: readonly RequirementWindow[],
  notes: readonly ClassifiedNote[],
  extractionDay: number,
): RequirementEngagement[] {
  const byCrn = notesByCrn(notes);
  return requirements.map((requirement) => {
    const [from, to] = notesWindow(requirement, extractionDay);
    let count = 0;
    let keywordNotes = 0;
    let engagedNotes = 0;
    for (const note of byCrn.get(requirement.crn) ?? []) {
      if (note.contactDate < from || note.contactDate > to) continue;
      count++;
      if (note.keyword) keywordNotes++;
      if (note.keyword && note.label === 'engaged') engagedNotes++;
    }
    const status: RequirementStatus = engagedNotes > 0 ? 'engaged' : keywordNotes > 0 ? 'not_engaged' : 'no_keyword_notes';
    return { requirementKey: requirement.requirementKey, requirementType: requirement.requirementType, status, notes: count, keywordNotes, engagedNotes };
  });
}

export interface EngagementSummary {
  requirements: number;
  engaged: number;
  notEngaged: number;
  noKeywordNotes: number;
  keywordNotes: number;
  requirementsWithKeywordNotes: number;
}

export function summariseEngagement(results: readonly RequirementEngagement[]): EngagementSummary {
  const summary: EngagementSummary = {
    requirements: results.length,
    engaged: 0,
    notEngaged: 0,
    noKeywordNotes: 0,
    keywordNotes: 0,
    requirementsWithKeywordNotes: 0,
  };
  for (const r of results) {
    if (r.status === 'engaged') summary.engaged++;
    else if (r.status === 'not_engaged') summary.notEngaged++;
    else summary.noKeywordNotes++;
    summary.keywordNotes += r.keywordNotes;
    if (r.keywordNotes > 0) summary.requirementsWithKeywordNotes++;
  }
  return summary;
}

/** Summaries overall and by requirement type, as the study reports them. */
export function summariseByType(results: readonly RequirementEngagement[]): Record<'all' | 'ATR' | 'DRR', EngagementSummary> {
  return {
    all: summariseEngagement(results),
    ATR: summariseEngagement(results.filter((r) => r.requirementType === 'ATR')),
    DRR: summariseEngagement(results.filter((r) => r.requirementType === 'DRR')),
  };
}
