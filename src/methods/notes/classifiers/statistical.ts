/**
 * Multinomial naive Bayes on word unigrams and bigrams, trained on a labelled sample (in a
 * run: a manual-review sample of notes). Bigrams let it learn "not attended" apart from
 * "attended"; it knows nothing the labelled sample did not show it.
 */
import type { NoteClassifier, NoteExplanation, NoteLabel, NoteLabelValue, NoteText } from './types.ts';

export interface LabelledNote extends NoteText {
  label: NoteLabelValue;
}

export interface StatisticalClassifier extends NoteClassifier {
  train(labelled: readonly LabelledNote[]): void;
}

const TOKEN_SPLIT = /[^a-z0-9'&/]+/;

export function ngrams(text: string): string[] {
  const words = text.toLowerCase().split(TOKEN_SPLIT).filter((w) => w.length > 0);
  const out = words.slice();
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

interface Model {
  /** log P(engaged) - log P(not engaged). */
  priorLogOdds: number;
  /** Per n-gram: log P(w | engaged) - log P(w | not engaged), Laplace smoothed. */
  logOdds: Map<string, number>;
  /** Log-odds of an n-gram never seen in training (smoothing mass only); not used in scoring. */
  unseen: number;
}

/** A note's n-grams: `ngrams` of its text, or the same read from a caller's store when it scores one note many times. */
export type GramsOf = (note: NoteText) => readonly string[];

const gramsOfText: GramsOf = (note) => ngrams(note.text);

export function fitNaiveBayes(labelled: readonly LabelledNote[], alpha = 1, gramsOf: GramsOf = gramsOfText): Model {
  const counts = { engaged: new Map<string, number>(), not_engaged: new Map<string, number>() };
  const totals = { engaged: 0, not_engaged: 0 };
  const docs = { engaged: 0, not_engaged: 0 };
  for (const note of labelled) {
    docs[note.label]++;
    const map = counts[note.label];
    for (const gram of gramsOf(note)) {
      map.set(gram, (map.get(gram) ?? 0) + 1);
      totals[note.label]++;
    }
  }
  if (docs.engaged === 0 || docs.not_engaged === 0) {
    throw new Error(`statistical classifier needs both labels in training (engaged ${docs.engaged}, not engaged ${docs.not_engaged})`);
  }
  const vocabulary = new Set([...counts.engaged.keys(), ...counts.not_engaged.keys()]);
  const v = vocabulary.size + 1;
  const denomE = totals.engaged + alpha * v;
  const denomN = totals.not_engaged + alpha * v;
  const logOdds = new Map<string, number>();
  for (const gram of vocabulary) {
    const e = (counts.engaged.get(gram) ?? 0) + alpha;
    const n = (counts.not_engaged.get(gram) ?? 0) + alpha;
    logOdds.set(gram, Math.log(e / denomE) - Math.log(n / denomN));
  }
  return {
    priorLogOdds: Math.log(docs.engaged / docs.not_engaged),
    logOdds,
    unseen: Math.log(alpha / denomE) - Math.log(alpha / denomN),
  };
}

/** How many features an explanation names. */
const TOP_FEATURES = 3;

export function statisticalClassifier(gramsOf: GramsOf = gramsOfText): StatisticalClassifier {
  let model: Model | null = null;
  const fitted = (): Model => {
    if (model === null) throw new Error('statistical classifier used before train(labelled)');
    return model;
  };
  return {
    explain(notes: readonly NoteText[]): NoteExplanation[] {
      const m = fitted();
      return notes.map((note) => {
        let z = m.priorLogOdds;
        const weights = new Map<string, number>();
        for (const gram of gramsOf(note)) {
          const w = m.logOdds.get(gram);
          if (w === undefined) continue;
          z += w;
          weights.set(gram, (weights.get(gram) ?? 0) + w);
        }
        const score = 1 / (1 + Math.exp(-z));
        const engaged = score >= 0.5;
        // The features that pushed hardest towards the label given.
        const top = [...weights].filter(([, w]) => (engaged ? w > 0 : w < 0)).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, TOP_FEATURES);
        const cue = top.map(([gram, w]) => `"${gram}" ${w >= 0 ? '+' : ''}${w.toFixed(2)}`).join(', ');
        return { noteId: note.noteId, label: engaged ? 'engaged' : 'not_engaged', score, rule: 'largest weights', cue };
      });
    },
    name: 'statistical',
    train(labelled: readonly LabelledNote[]): void {
      model = fitNaiveBayes(labelled, 1, gramsOf);
    },
    classify(notes: readonly NoteText[]): NoteLabel[] {
      const fitted = model;
      if (fitted === null) throw new Error('statistical classifier used before train(labelled)');
      return notes.map((note) => {
        let z = fitted.priorLogOdds;
        // An n-gram never seen in training says nothing of the label: it is left out, as a
        // multinomial model leaves out words outside its vocabulary. Scoring it at the smoothing
        // mass alone pushed every long note in a new voice towards the label with fewer words.
        for (const gram of gramsOf(note)) z += fitted.logOdds.get(gram) ?? 0;
        const score = 1 / (1 + Math.exp(-z));
        return { noteId: note.noteId, label: score >= 0.5 ? 'engaged' : 'not_engaged', score };
      });
    },
  };
}
