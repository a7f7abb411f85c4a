/**
 * The notes stage's evaluation: each classifier's figures beside who truly engaged in any
 * treatment while their requirement ran, and the manual reviewer the method is given.
 */
import type { NotesOutputs } from '../../methods/notes/stage.ts';
import type { Estimate } from '../../results/estimate.ts';
import { notesTruth } from '../notes.ts';
import type { TruthView } from '../view.ts';
import { withTruth } from '../with-truth.ts';

export async function evaluateNotes(truth: TruthView, outputs: NotesOutputs): Promise<Estimate[]> {
  const t = await notesTruth(truth, outputs.frame, outputs.sample);
  const estimates: Estimate[] = [];
  for (const run of outputs.runs) {
    const forRun = await t.forClassifier(run.analysis);
    // Truth is keyed by the study's ids; a classifier run apart carries its suffix.
    const keyed = new Map([...forRun].map(([key, v]) => [key.replace('\u0000', `${run.suffix}\u0000`), v]));
    estimates.push(...withTruth(run.figures, keyed, truth.facts.scale));
    estimates.push(...t.errorsByNoteKind(run.analysis, run.method, run.suffix));
  }
  return estimates;
}
