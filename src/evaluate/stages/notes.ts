/**
 * The notes stage's evaluation: each classifier's figures beside who truly engaged in any
 * treatment while their requirement ran, and the manual reviewer the method is given.
 */
import type { NotesOutputs } from '../../methods/notes/stage.ts';
import type { Estimate } from '../../results/estimate.ts';
import { notesTruth } from '../notes.ts';
import type { TruthView } from '../view.ts';
import { withTruth } from '../with-truth.ts';
import { strings } from '../../io/table.ts';
import { outOfVoiceEstimates, voiceEstimates, type TruthNote } from '../note-voices.ts';

export async function evaluateNotes(truth: TruthView, outputs: NotesOutputs): Promise<Estimate[]> {
  const t = await notesTruth(truth, outputs.frame, outputs.sample);
  const estimates: Estimate[] = [];
  // The texts of the sample's notes (the method read them already), for the statistical classifier's out-of-voice folds.
  const observed = outputs.notes;
  const textOf = new Map<string, string>();
  const [ids, texts] = [strings(observed, 'note_id'), strings(observed, 'text')];
  for (let i = 0; i < observed.rowCount; i++) textOf.set(ids[i] ?? '', texts[i] ?? '');
  let keywordNotes: TruthNote[] | null = null;
  for (const run of outputs.runs) {
    const forRun = await t.forClassifier(run.analysis);
    // Truth is keyed by the study's ids; a classifier run apart carries its suffix.
    const keyed = new Map([...forRun].map(([key, v]) => [key.replace('\u0000', `${run.suffix}\u0000`), v]));
    estimates.push(...withTruth(run.figures, keyed, truth.facts.scale));
    estimates.push(...t.errorsByNoteKind(run.analysis, run.method, run.suffix));
    // Every run classifies the same keyword notes: scored by voice and hard case.
    const said = new Map<string, boolean>();
    const scored: TruthNote[] = [];
    for (const n of run.analysis.classified) {
      const known = t.notes.get(n.noteId);
      if (!n.keyword || !known) continue;
      said.set(n.noteId, n.label === 'engaged');
      scored.push({ noteId: n.noteId, text: textOf.get(n.noteId) ?? '', label: known.label === 'engaged' ? 'engaged' : 'not_engaged', voice: known.voice, hardCase: known.hardCase });
    }
    keywordNotes ??= scored;
    estimates.push(...voiceEstimates(said, scored, run.method, run.suffix));
  }
  // Three naive Bayes fits a world: not when nobody keeps them (a sweep or identify run keeping other estimands).
  if (keywordNotes && (truth.keeps?.('nlp.notes.out_of_voice.') ?? true)) estimates.push(...outOfVoiceEstimates(keywordNotes));
  return estimates;
}
