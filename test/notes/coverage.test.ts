/**
 * The coverage experiment the issue asks for: over repeated samples from one synthetic
 * population, how often do the uncorrected (Wilson) and the Rogan-Gladen corrected
 * (bootstrap) 95% intervals cover the true engaged share among unlinked requirements?
 */
import { describe, expect, it } from 'vitest';
import { analyseNotes } from '../../src/methods/notes/analyse.ts';
import { createClassifier, type ClassifierName } from '../../src/methods/notes/classifiers/index.ts';
import { coverageExperiment, type CoverageResult } from './coverage.ts';
import { defaultNotesConfig } from '../../src/scenario/notes.ts';
import { demoSubjects, EXTRACTION_DAY } from '../fixtures/demo-subjects.ts';
import { generateNotes } from '../../src/records/notes/generate.ts';
import { trulyEngaged, windowOf } from '../../src/records/notes/truth.ts';

const subjects = demoSubjects(10_000, 5);
const { notes } = generateNotes(subjects, defaultNotesConfig(), 9);
const reviewed = subjects.map((s) => trulyEngaged(s, EXTRACTION_DAY));

function experiment(name: ClassifierName): CoverageResult {
  const analysis = analyseNotes({ notes, requirements: subjects.map(windowOf), classifier: createClassifier(name), extractionDay: EXTRACTION_DAY });
  const classified = analysis.requirements.map((r) => r.status === 'engaged');
  const result = coverageExperiment(
    { classified, reviewed },
    { replicates: 400, sampleSize: 1000, reviewSize: 324, bootstrap: 400, seed: 1 },
  );
  console.log(`coverage ${name}: ${JSON.stringify(result)}`);
  return result;
}

describe('coverage of the engagement-rate intervals (400 replicates, sample 1,000, review 324)', () => {
  it('a classifier that reads plans and history as engagement (NegEx only): uncorrected fails, corrected covers 93-97%', () => {
    const result = experiment('negex');
    expect(result.uncorrected.bias).toBeGreaterThan(0.1);
    expect(result.uncorrected.coverage).toBeLessThan(0.05);
    expect(result.undefinedIntervals).toBe(0);
    expect(result.corrected.coverage).toBeGreaterThanOrEqual(0.93);
    expect(result.corrected.coverage).toBeLessThanOrEqual(0.97);
  });

  it('the context-rule classifier: corrected covers 93-97%', () => {
    const result = experiment('rules');
    expect(result.corrected.coverage).toBeGreaterThanOrEqual(0.93);
    expect(result.corrected.coverage).toBeLessThanOrEqual(0.97);
  });
});
