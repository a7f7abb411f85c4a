/** The notes stage's options and defaults, apart from the stage so that the CLI's `--help` can show them without loading it. */
import type { ClassifierName, NoteLabel } from '../../methods/notes/classifiers/index.ts';
import { DEFAULT_SAMPLE_SIZE } from '../../methods/notes/sample.ts';
import { DEFAULT_REVIEW_SIZE } from '../../methods/notes/misclassification.ts';

export interface NotesStageOptions {
  /** The classifier whose figures carry the study's ids. */
  classifier: ClassifierName;
  /** Classifiers also run, their figures under ids suffixed with their name. */
  alsoRun: ClassifierName[];
  /** Sample and review sizes at scale 1; scaled with the run (at least 50 and 30). */
  sampleSize: number;
  reviewSize: number;
  bootstrap: number;
  /** For the external classifier: the labels its tool wrote for the sample's keyword notes. */
  externalLabels?: NoteLabel[];
  /** Write the sample's keyword notes as JSONL here, for an external tool to label. */
  exportNotes?: string;
}

export const DEFAULT_NOTES_OPTIONS: NotesStageOptions = {
  classifier: 'no-plan-cues',
  alsoRun: ['rules', 'negex', 'keyword'],
  sampleSize: DEFAULT_SAMPLE_SIZE,
  reviewSize: DEFAULT_REVIEW_SIZE,
  bootstrap: 1000,
};
