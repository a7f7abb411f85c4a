/** The one interface every note classifier implements, so a run can swap them by name. */
export type NoteLabelValue = 'engaged' | 'not_engaged';

export interface NoteText {
  noteId: string;
  text: string;
}

export interface NoteLabel {
  noteId: string;
  label: NoteLabelValue;
  /** Higher means more confident the note indicates engagement, in [0, 1]. */
  score: number;
}

export interface NoteClassifier {
  readonly name: string;
  classify(notes: readonly NoteText[]): NoteLabel[];
}
