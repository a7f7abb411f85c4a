/**
 * Stage: contact notes. The method samples unlinked requirements, classifies their notes and
 * extrapolates; the manual reviewer it is given (a person reading each note, who takes some
 * notes the wrong way at the scenario's manual_review rates) is supplied by the evaluation
 * side. Evaluation compares each figure with who truly engaged in any treatment.
 */
import { makeNotesMethod, type NotesFiles, type NotesInputs, type NotesOutputs } from '../../methods/notes/stage.ts';
import { evaluateNotes } from '../../evaluate/stages/notes.ts';
import { manualReviewer } from '../../evaluate/notes.ts';
import type { Stage } from '../stage.ts';

export function makeNotesStage(files: NotesFiles = {}): Stage<NotesOutputs, NotesInputs> {
  return {
    ...makeNotesMethod(files),
    inputs: (records, truth) => ({ ...records, facts: records.facts, progress: records.progress, reviewer: manualReviewer(truth) }),
    evaluate: evaluateNotes,
  };
}

export const notesStage = makeNotesStage();
