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

/** Why a note was read as it was: the rule (or model) that decided it and the cue it acted on. */
export interface NoteExplanation extends NoteLabel {
  /** e.g. 'engagement', 'plan', 'negation', 'claim not borne out', 'keyword', 'largest weights'. */
  rule: string;
  /** The matched phrase, or the features with the largest weights; '' when nothing matched. */
  cue: string;
}

export interface NoteClassifier {
  readonly name: string;
  classify(notes: readonly NoteText[]): NoteLabel[];
  /** The same labels, each with the cue that decided it. */
  explain(notes: readonly NoteText[]): NoteExplanation[];
}
