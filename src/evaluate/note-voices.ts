/**
 * How well a classifier reads notes it was not built on: accuracy, sensitivity and
 * specificity by the voice a note is written in and by its hard-case type, and the
 * statistical classifier trained on two voices and scored on the third. Truth meets the
 * classifiers' labels here only (evaluation): the notes' true labels come from the truth table.
 */
import type { ClassifierName, NoteClassifier } from '../methods/notes/classifiers/index.ts';
import { countGrams, mergeCounts, statisticalClassifier, type GramCounts } from '../methods/notes/classifiers/statistical.ts';
import type { Estimate } from '../results/estimate.ts';

/** A note with what only the truth knows about it. */
export interface TruthNote {
  noteId: string;
  text: string;
  label: 'engaged' | 'not_engaged';
  voice: string;
  hardCase: string;
}

export interface NoteScore {
  notes: number;
  /** Shares in [0, 1]; null where the group has no note of that true label. */
  accuracy: number;
  sensitivity: number | null;
  specificity: number | null;
}

/** The voices written apart from the generator's first templates: the out-of-voice folds. */
export const HELD_OUT_VOICES = ['officer', 'narrative', 'casework'] as const;

export function scoreNotes(said: ReadonlyMap<string, boolean>, notes: readonly TruthNote[]): NoteScore {
  let tp = 0, fn = 0, tn = 0, fp = 0;
  for (const note of notes) {
    const engaged = said.get(note.noteId) ?? false;
    if (note.label === 'engaged') engaged ? tp++ : fn++;
    else engaged ? fp++ : tn++;
  }
  const n = tp + fn + tn + fp;
  return {
    notes: n,
    accuracy: n === 0 ? 0 : (tp + tn) / n,
    sensitivity: tp + fn === 0 ? null : tp / (tp + fn),
    specificity: tn + fp === 0 ? null : tn / (tn + fp),
  };
}

/** Scores by the value of `key`, in sorted order of the values. */
export function scoreBy(said: ReadonlyMap<string, boolean>, notes: readonly TruthNote[], key: 'voice' | 'hardCase'): Map<string, NoteScore> {
  const groups = new Map<string, TruthNote[]>();
  for (const note of notes) {
    const list = groups.get(note[key]) ?? [];
    list.push(note);
    groups.set(note[key], list);
  }
  const out = new Map<string, NoteScore>();
  for (const value of [...groups.keys()].sort()) out.set(value, scoreNotes(said, groups.get(value) ?? []));
  return out;
}

export function labelsOf(classifier: NoteClassifier, notes: readonly TruthNote[]): Map<string, boolean> {
  return new Map(classifier.classify(notes).map((l) => [l.noteId, l.label === 'engaged']));
}

/**
 * The statistical classifier trained on the true labels of two voices' notes, scored on the
 * third's, for each voice in turn. A voice with no note of either label is skipped (naive
 * Bayes needs both labels to train).
 */
export function statisticalOutOfVoice(notes: readonly TruthNote[], voices: readonly string[] = HELD_OUT_VOICES): Map<string, NoteScore> {
  const out = new Map<string, NoteScore>();
  // Each fold trains on two voices: each voice's n-grams are counted once and the two added
  // (counts are whole numbers, so the model is the one counting the two voices' notes gives).
  const distinct = [...new Set(voices)];
  const counted = new Map(distinct.map((voice) => [voice, countGrams(notes.filter((n) => n.voice === voice))]));
  for (const held of voices) {
    const training = mergeCounts(distinct.filter((v) => v !== held).map((v) => counted.get(v) as GramCounts));
    const test = notes.filter((n) => n.voice === held);
    if (test.length === 0 || training.docs.engaged === 0 || training.docs.not_engaged === 0) continue;
    const classifier = statisticalClassifier();
    classifier.trainOnCounts(training);
    out.set(held, scoreNotes(labelsOf(classifier, test), test));
  }
  return out;
}

/** The rule-based classifiers scored by voice: none of them learns from data. */
export const RULE_CLASSIFIERS: readonly ClassifierName[] = ['rules', 'no-plan-cues', 'negex', 'keyword'];

/** A score as estimates: accuracy, sensitivity and specificity (%) under `id` prefixes, for one group. */
function scoreEstimates(prefix: string, suffix: string, group: string, s: NoteScore, method: string, what: string): Estimate[] {
  const note = `${s.notes} ${what}; the share read right (accuracy), of those truly engaged read engaged (sensitivity), of the rest read not engaged (specificity)`;
  const row = (measure: string, value: number | null): Estimate[] =>
    value === null ? [] : [{ id: `${prefix}.${measure}.pct${suffix}`, group, estimate: 100 * value, ci: null, truth: null, published: null, unit: 'pct', method, note }];
  return [...row('accuracy', s.accuracy), ...row('sensitivity', s.sensitivity), ...row('specificity', s.specificity)];
}

/**
 * One classifier's note-level accuracy, sensitivity and specificity on the sample's keyword
 * notes, by voice and by hard-case type (ids `nlp.notes.{accuracy,sensitivity,specificity}.pct`
 * with the run's suffix; groups `all|voice=...`, `all|hard_case=...`).
 */
export function voiceEstimates(said: ReadonlyMap<string, boolean>, notes: readonly TruthNote[], method: string, suffix: string): Estimate[] {
  const out: Estimate[] = [];
  for (const key of ['voice', 'hardCase'] as const) {
    const name = key === 'voice' ? 'voice' : 'hard_case';
    for (const [value, s] of scoreBy(said, notes, key)) out.push(...scoreEstimates('nlp.notes', suffix, `all|${name}=${value}`, s, method, `keyword notes of the sample in this ${name === 'voice' ? 'voice' : 'hard-case type'}`));
  }
  return out;
}

/** The statistical classifier trained on two voices' notes (their true labels), scored on the third: `nlp.notes.out_of_voice.*`. */
export function outOfVoiceEstimates(notes: readonly TruthNote[]): Estimate[] {
  const method = 'statistical classifier (naive Bayes) trained on the true labels of the sample\'s keyword notes in two voices, scored on the third';
  return [...statisticalOutOfVoice(notes)].flatMap(([voice, s]) => scoreEstimates('nlp.notes.out_of_voice', '.statistical', `all|voice=${voice}`, s, method, 'keyword notes of the sample in the held-out voice'));
}
