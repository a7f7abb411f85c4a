/**
 * The classifiers on generated notes, scored against the notes' truth: the naive keyword
 * classifier must be fooled by the hard cases, the context rules must not be (much).
 */
import { describe, expect, it } from 'vitest';
import { analyseNotes, type NotesAnalysis } from '../../src/methods/notes/analyse.ts';
import { createClassifier, type ClassifierName, type LabelledNote } from '../../src/methods/notes/classifiers/index.ts';
import { defaultNotesConfig } from '../../src/scenario/notes.ts';
import { demoSubjects, EXTRACTION_DAY } from '../fixtures/demo-subjects.ts';
import { generateNotes } from '../../src/records/notes/generate.ts';
import { strings } from '../../src/io/table.ts';
import { trulyEngaged, truthByNoteId, windowOf } from '../../src/records/notes/truth.ts';
import { sampleIndices } from '../../src/methods/notes/sample.ts';

const subjects = demoSubjects(3000, 8, { lengthMonths: 5 });
const { notes, truth } = generateNotes(subjects, defaultNotesConfig(), 4);
const noteTruth = truthByNoteId(truth);
const windows = subjects.map(windowOf);
const engagedTruth = new Map(subjects.map((s) => [s.requirementId, trulyEngaged(s, EXTRACTION_DAY)]));

interface Scores {
  precision: number;
  recall: number;
  falsePositiveRate: number;
  sensitivity: number;
  specificity: number;
  engagedShare: number;
}

function score(analysis: NotesAnalysis): Scores {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const n of analysis.classified) {
    if (!n.keyword) continue;
    const t = noteTruth.get(n.noteId)!.label === 'engaged';
    const p = n.label === 'engaged';
    if (p && t) tp++; else if (p) fp++; else if (t) fn++; else tn++;
  }
  let TP = 0, FP = 0, FN = 0, TN = 0;
  for (const r of analysis.requirements) {
    const t = engagedTruth.get(r.requirementKey)!;
    const p = r.status === 'engaged';
    if (p && t) TP++; else if (p) FP++; else if (t) FN++; else TN++;
  }
  return {
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    falsePositiveRate: fp / (fp + tn),
    sensitivity: TP / (TP + FN),
    specificity: TN / (TN + FP),
    engagedShare: (TP + FP) / analysis.requirements.length,
  };
}

function run(name: ClassifierName, training?: LabelledNote[]): Scores {
  const analysis = analyseNotes({ notes, requirements: windows, classifier: createClassifier(name, { training }), extractionDay: EXTRACTION_DAY });
  const scores = score(analysis);
  console.log(`${name}: ${JSON.stringify(scores)}`);
  return scores;
}

const trueShare = [...engagedTruth.values()].filter(Boolean).length / subjects.length;

describe('classifiers on generated notes', () => {
  it('the naive keyword classifier is fooled: nearly every requirement looks engaged', () => {
    const s = run('keyword');
    expect(s.recall).toBe(1);
    expect(s.precision).toBeLessThan(0.4);
    expect(s.specificity).toBeLessThan(0.2);
    expect(s.engagedShare - trueShare).toBeGreaterThan(0.25);
  });

  it('the context-rule classifier keeps precision and recall high and the requirement share near the truth', () => {
    const s = run('rules');
    expect(s.precision).toBeGreaterThan(0.9);
    expect(s.recall).toBeGreaterThan(0.95);
    expect(s.falsePositiveRate).toBeLessThan(0.03);
    expect(Math.abs(s.engagedShare - trueShare)).toBeLessThan(0.08);
  });

  it('without context cues (NegEx only) plans, history and other people count as engagement', () => {
    const negex = run('negex');
    const rules = run('rules');
    expect(negex.falsePositiveRate).toBeGreaterThan(5 * rules.falsePositiveRate);
    expect(negex.specificity).toBeLessThan(rules.specificity);
  });

  it('naive Bayes trained on a reviewed sample beats the keyword baseline', () => {
    // Labels from a review of 324 requirements' notes: in this world the review reads truth.
    const reviewed = new Set(sampleIndices(subjects.length, 324, 77).map((i) => subjects[i].requirementId));
    const ids = strings(notes, 'note_id');
    const texts = strings(notes, 'text');
    const training: LabelledNote[] = [];
    for (let i = 0; i < notes.rowCount; i++) {
      const t = noteTruth.get(ids[i] as string)!;
      if (reviewed.has(t.requirementId)) training.push({ noteId: ids[i] as string, text: texts[i] as string, label: t.label });
    }
    const s = run('statistical', training);
    const k = run('keyword');
    expect(s.precision).toBeGreaterThan(k.precision + 0.3);
    expect(s.specificity).toBeGreaterThan(k.specificity);
  });
});
