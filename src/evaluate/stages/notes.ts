/**
 * The notes stage's evaluation: each classifier's figures beside who truly engaged in any
 * treatment while their requirement ran, and the manual reviewer the method is given.
 */
import type { NotesOutputs } from '../../methods/notes/stage.ts';
import type { Estimate } from '../../results/estimate.ts';
import { notesTruth, type NotesTruth } from '../notes.ts';
import type { NotesAnalysis } from '../../methods/notes/analyse.ts';
import type { TruthView } from '../view.ts';
import { withTruth } from '../with-truth.ts';
import { outOfVoiceEstimates, voiceEstimates, type TruthNote } from '../note-voices.ts';

export async function evaluateNotes(truth: TruthView, outputs: NotesOutputs): Promise<Estimate[]> {
  const t = await notesTruth(truth, outputs.frame, outputs.sample);
  const estimates: Estimate[] = [];
  // The texts of the sample's keyword notes (as the method read them), for the statistical classifier's out-of-voice folds.
  const textOf = new Map(outputs.keywordNotes.map((n) => [n.noteId, n.text]));
  // Every run classifies the same keyword notes (the stage selects them once): what the truth says of them is gathered once.
  let keywordNotes: TruthNote[] | null = null;
  for (const run of outputs.runs) {
    const forRun = await t.forClassifier(run.analysis);
    // Truth is keyed by the study's ids; a classifier run apart carries its suffix.
    const keyed = new Map([...forRun].map(([key, v]) => [key.replace('\u0000', `${run.suffix}\u0000`), v]));
    estimates.push(...withTruth(run.figures, keyed, truth.facts.scale));
    estimates.push(...t.errorsByNoteKind(run.analysis, run.method, run.suffix));
    // Scored by voice and hard case.
    const said = new Map<string, boolean>();
    for (const n of run.analysis.classified) if (n.keyword && t.notes.has(n.noteId)) said.set(n.noteId, n.label === 'engaged');
    keywordNotes ??= truthNotes(run.analysis.classified, t.notes, textOf);
    estimates.push(...voiceEstimates(said, keywordNotes, run.method, run.suffix));
  }
  // Three naive Bayes fits a world: not when nobody keeps them (a sweep or identify run keeping other estimands).
  if (keywordNotes && (truth.keeps?.('nlp.notes.out_of_voice.') ?? true)) estimates.push(...outOfVoiceEstimates(keywordNotes));
  return estimates;
}

/** The sample's keyword notes with their text and what only the truth knows of them, in the order classified. */
function truthNotes(classified: NotesAnalysis['classified'], known: NotesTruth['notes'], textOf: ReadonlyMap<string, string>): TruthNote[] {
  const out: TruthNote[] = [];
  for (const n of classified) {
    const k = known.get(n.noteId);
    if (!n.keyword || !k) continue;
    out.push({ noteId: n.noteId, text: textOf.get(n.noteId) ?? '', label: k.label === 'engaged' ? 'engaged' : 'not_engaged', voice: k.voice, hardCase: k.hardCase });
  }
  return out;
}
