/** The classifiers by name, behind the one NoteClassifier interface. */
import { externalClassifier } from './external.ts';
import { keywordClassifier } from './keyword.ts';
import { NEGEX_ONLY_SETTINGS, NO_PLAN_CUES_SETTINGS, rulesClassifier } from './rules.ts';
import { statisticalClassifier, type LabelledNote } from './statistical.ts';
import type { NoteClassifier, NoteLabel } from './types.ts';

export const CLASSIFIER_NAMES = ['rules', 'no-plan-cues', 'negex', 'keyword', 'statistical', 'external'] as const;
export type ClassifierName = (typeof CLASSIFIER_NAMES)[number];

export interface ClassifierOptions {
  /** statistical: the labelled sample to train on. */
  training?: readonly LabelledNote[];
  /** external: the labels the external tool wrote. */
  externalLabels?: readonly NoteLabel[];
  /** keyword: the keyword list. */
  keywords?: readonly string[];
}

export function createClassifier(name: ClassifierName, options: ClassifierOptions = {}): NoteClassifier {
  switch (name) {
    case 'rules':
      return rulesClassifier();
    case 'no-plan-cues':
      return rulesClassifier(NO_PLAN_CUES_SETTINGS, 'no-plan-cues');
    case 'negex':
      return rulesClassifier(NEGEX_ONLY_SETTINGS, 'negex');
    case 'keyword':
      return keywordClassifier(options.keywords);
    case 'statistical': {
      if (!options.training) throw new Error('the statistical classifier needs a labelled training sample');
      const classifier = statisticalClassifier();
      classifier.train(options.training);
      return classifier;
    }
    case 'external':
      if (!options.externalLabels) throw new Error('the external classifier needs the labels its tool wrote');
      return externalClassifier(options.externalLabels);
  }
}

export type { NoteClassifier, NoteExplanation, NoteLabel, NoteText, NoteLabelValue } from './types.ts';
export type { LabelledNote } from './statistical.ts';
