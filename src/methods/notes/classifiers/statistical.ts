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
  /** `train` from the labelled notes' n-gram counts (countGrams), when the caller has them already. */
  trainOnCounts(counts: GramCounts): void;
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

/** N-gram counts of labelled notes, by label: what a naive Bayes model is made from. */
export interface GramCounts {
  counts: Record<NoteLabelValue, Map<string, number>>;
  /** N-grams counted under each label. */
  totals: Record<NoteLabelValue, number>;
  /** Notes of each label. */
  docs: Record<NoteLabelValue, number>;
}

export function countGrams(labelled: readonly LabelledNote[]): GramCounts {
  const counts = { engaged: new Map<string, number>(), not_engaged: new Map<string, number>() };
  const totals = { engaged: 0, not_engaged: 0 };
  const docs = { engaged: 0, not_engaged: 0 };
  for (const note of labelled) {
    docs[note.label]++;
    const map = counts[note.label];
    for (const gram of ngrams(note.text)) {
      map.set(gram, (map.get(gram) ?? 0) + 1);
      totals[note.label]++;
    }
  }
  return { counts, totals, docs };
}

/** The counts of several sets of notes together: what counting their notes in one set gives (counts are whole numbers, so exactly). */
export function mergeCounts(parts: readonly GramCounts[]): GramCounts {
  const out: GramCounts = { counts: { engaged: new Map(), not_engaged: new Map() }, totals: { engaged: 0, not_engaged: 0 }, docs: { engaged: 0, not_engaged: 0 } };
  for (const part of parts) {
    for (const label of ['engaged', 'not_engaged'] as const) {
      const map = out.counts[label];
      for (const [gram, n] of part.counts[label]) map.set(gram, (map.get(gram) ?? 0) + n);
      out.totals[label] += part.totals[label];
      out.docs[label] += part.docs[label];
    }
  }
  return out;
}

export function naiveBayesOf(grams: GramCounts, alpha = 1): Model {
  const { counts, totals, docs } = grams;
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

export function fitNaiveBayes(labelled: readonly LabelledNote[], alpha = 1): Model {
  return naiveBayesOf(countGrams(labelled), alpha);
}

/** How many features an explanation names. */
const TOP_FEATURES = 3;

export function statisticalClassifier(): StatisticalClassifier {
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
        for (const gram of ngrams(note.text)) {
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
      model = fitNaiveBayes(labelled);
    },
    trainOnCounts(counts: GramCounts): void {
      model = naiveBayesOf(counts);
    },
    classify(notes: readonly NoteText[]): NoteLabel[] {
      const fitted = model;
      if (fitted === null) throw new Error('statistical classifier used before train(labelled)');
      return notes.map((note) => {
        let z = fitted.priorLogOdds;
        // An n-gram never seen in training says nothing of the label: it is left out, as a
        // multinomial model leaves out words outside its vocabulary. Scoring it at the smoothing
        // mass alone pushed every long note in a new voice towards the label with fewer words.
        for (const gram of ngrams(note.text)) z += fitted.logOdds.get(gram) ?? 0;
        const score = 1 / (1 + Math.exp(-z));
        return { noteId: note.noteId, label: score >= 0.5 ? 'engaged' : 'not_engaged', score };
      });
    },
  };
}
