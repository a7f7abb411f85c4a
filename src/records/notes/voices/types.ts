/**
 * What a voice is: its own template set for every case a note can be, written apart from the
 * other voices and from the bench's first writer (writer.ts), so a classifier built on one
 * voice can be scored on another. Slots in braces are filled from the treatment vocabulary
 * (src/study/treatment-vocabulary.ts) by the voice engine (engine.ts):
 * {pop} the person, {svc} the treatment service (for an engagement note, the one they are in),
 * {provider} any community provider, {mutual} a mutual-aid group, {session} a session-like
 * intervention, {script} a substitute prescription, {residential} detox or rehab, {harm} a
 * harm-reduction intervention, {test} a drug test, {worker} a treatment worker, {rel} someone
 * else, {drug}, {day}, {date}, {year}, {n}, {prison}.
 */

/** The cases a note can be, each with its true label: the writer's unit of wording. */
export const VOICE_CASES = [
  'engaged',
  'engaged_mutual',
  'third_party',
  'unverified_claim',
  'contradicted',
  'negation',
  'plan',
  'other_person',
  'historical',
  'substance',
  'routine',
  'acceptable_absence',
] as const;
export type VoiceCase = (typeof VOICE_CASES)[number];

/** The hard-case type a note is recorded with in the truth (new column `hard_case`). */
export const HARD_CASES = [
  'none',
  'negation',
  'plan',
  'other_person',
  'historical',
  'contradicted',
  'unverified_claim',
  'third_party',
  'spelling',
  'acceptable_absence',
] as const;
export type HardCase = (typeof HARD_CASES)[number];

export type VoiceTemplates = Readonly<Record<VoiceCase, readonly string[]>>;

export interface VoiceStyle {
  /** Capitalise the first letter of the note. */
  capitalise: boolean;
  /** Chance a term is written in a short form (its first variant) rather than its full name. */
  abbreviate: number;
  /** How this voice writes the person. */
  people: readonly string[];
  /** Misspellings this voice's writers make of the act words, for the spelling hard case. */
  misspellings: Readonly<Record<string, readonly string[]>>;
}

export interface Voice {
  name: string;
  description: string;
  style: VoiceStyle;
  templates: VoiceTemplates;
}
