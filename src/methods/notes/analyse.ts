/**
 * The study's notes method end to end on the records: keep the notes of the sampled
 * requirements' CRNs, filter by keyword, classify the keyword notes, then derive each
 * requirement's status and the termination-reason engagement rates.
 */
import { ints, strings, type Table } from '../../io/table.ts';
import type { NoteClassifier, NoteLabel, NoteText } from './classifiers/types.ts';
import {
  requirementEngagement,
  summariseByType,
  type ClassifiedNote,
  type EngagementSummary,
  type RequirementEngagement,
  type RequirementWindow,
} from './engagement.ts';
import { DEFAULT_KEYWORDS, keywordFilter } from './keywords.ts';
import { terminationEngagement, type TerminationEngagement } from './termination.ts';

export interface NotesAnalysisInput {
  /** The observed `contact_notes` table. */
  notes: Table;
  /** The sampled requirements (nDelius records). */
  requirements: readonly RequirementWindow[];
  classifier: NoteClassifier;
  extractionDay: number;
  keywords?: readonly string[];
}

export interface NotesAnalysis {
  /** Every note of the sampled CRNs, keyword flag and label attached. */
  classified: (ClassifiedNote & { noteId: string; score: number })[];
  requirements: RequirementEngagement[];
  summary: Record<'all' | 'ATR' | 'DRR', EngagementSummary>;
  termination: TerminationEngagement[];
}

/**
 * The notes of the sampled requirements' CRNs and which of them pass the keyword filter: the
 * same for every classifier, so a stage running several selects once.
 */
export interface NoteSelection {
  /** Rows of the notes table kept (the sampled CRNs'), in table order. */
  kept: number[];
  /** Whether each kept note passes the keyword filter. */
  isKeyword: boolean[];
  /** The keyword notes, what a classifier reads. */
  keywordRows: NoteText[];
}

export function selectNotes(notes: Table, requirements: readonly RequirementWindow[], keywords: readonly string[] = DEFAULT_KEYWORDS): NoteSelection {
  const crns = new Set(requirements.map((r) => r.crn));
  const noteIds = strings(notes, 'note_id');
  const noteCrns = strings(notes, 'crn');
  const texts = strings(notes, 'text');
  const filter = keywordFilter(keywords);
  const kept: number[] = [];
  const keywordRows: NoteText[] = [];
  const isKeyword: boolean[] = [];
  for (let i = 0; i < notes.rowCount; i++) {
    const crn = noteCrns[i];
    if (crn === null || !crns.has(crn)) continue;
    kept.push(i);
    const text = texts[i] ?? '';
    const hit = filter.matches(text);
    isKeyword.push(hit);
    if (hit) keywordRows.push({ noteId: noteIds[i] ?? '', text });
  }
  return { kept, isKeyword, keywordRows };
}

/** `selection`: selectNotes(notes, requirements, keywords) when the caller made it already. */
export function analyseNotes(input: NotesAnalysisInput, selection: NoteSelection = selectNotes(input.notes, input.requirements, input.keywords)): NotesAnalysis {
  const { notes, requirements, classifier, extractionDay } = input;
  const { kept, isKeyword, keywordRows } = selection;
  const noteIds = strings(notes, 'note_id');
  const noteCrns = strings(notes, 'crn');
  const dates = ints(notes, 'contact_date');
  const labels = new Map<string, NoteLabel>();
  for (const label of classifier.classify(keywordRows)) labels.set(label.noteId, label);
  const classified = kept.map((row, k) => {
    const noteId = noteIds[row] ?? '';
    const label = isKeyword[k] ? labels.get(noteId) : undefined;
    return {
      noteId,
      crn: noteCrns[row] as string,
      contactDate: dates[row],
      keyword: isKeyword[k],
      label: label?.label ?? ('not_engaged' as const),
      score: label?.score ?? 0,
    };
  });
  const results = requirementEngagement(requirements, classified, extractionDay);
  return {
    classified,
    requirements: results,
    summary: summariseByType(results),
    termination: terminationEngagement(requirements, classified),
  };
}
