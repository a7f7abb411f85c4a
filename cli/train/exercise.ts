/**
 * Guided exercises for new analysts: each case is shown as an analyst would see it in the
 * records alone, takes an answer, then reveals the truth and explains it from the case's own
 * data. Cases are plain data so the Ink screen, the plain text and --json show the same.
 */

export const EXERCISES = ['linkage-pairs', 'notes', 'linked-rate', 'reconviction-timing'] as const;
export type ExerciseName = (typeof EXERCISES)[number];

export const EXERCISE_TITLES: Record<ExerciseName, string> = {
  'linkage-pairs': 'Linkage pairs: same person or not?',
  notes: 'Contact notes: engaged in treatment or not?',
  'linked-rate': 'Reading a linkage-based rate: which way is it biased, and why?',
  'reconviction-timing': 'Reconviction timing: reconvicted in 12 months or not?',
};

export interface Choice {
  key: string;
  label: string;
}

export interface Case {
  exercise: ExerciseName;
  id: string;
  /** What the records show (never the truth). */
  shown: string[];
  question: string;
  choices: Choice[];
  /** The right choice's key: the truth. */
  answer: string;
  /** What the truth was, in one line. */
  truth: string;
  /** Why, from this case's own data. */
  explanation: string[];
  /** The kind of case (the error it teaches, e.g. 'false match: doppelganger'). */
  kind: string;
}

/** A case as a trainee sees it before answering: the truth and its explanation left out. */
export function question(c: Case): Omit<Case, 'answer' | 'truth' | 'explanation' | 'kind'> {
  const { answer: _a, truth: _t, explanation: _e, kind: _k, ...rest } = c;
  return rest;
}

export interface Answered {
  id: string;
  kind: string;
  given: string;
  answer: string;
  correct: boolean;
}

export interface Score {
  correct: number;
  answered: number;
  total: number;
}

export function mark(c: Case, given: string): Answered {
  const key = given.trim().toLowerCase();
  return { id: c.id, kind: c.kind, given: key, answer: c.answer, correct: key === c.answer };
}

export function scoreOf(answers: readonly Answered[], total: number): Score {
  return { correct: answers.filter((a) => a.correct).length, answered: answers.length, total };
}

export function isChoice(c: Case, given: string): boolean {
  return c.choices.some((ch) => ch.key === given.trim().toLowerCase());
}
