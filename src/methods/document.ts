/**
 * The methods document: every choice the method stages make, as data (Splink-style settings
 * beside Synthea-style knobs). It is the method side's only input besides the records: the
 * world and records side reads the scenario, the method side reads this, so a sweep can vary
 * a method knob without regenerating the world. One zod schema validates it; defaults are the
 * study's choices (`scenarios/methods/study.yaml` writes them out).
 */
import { z } from 'zod';
import { CLASSIFIER_NAMES } from './notes/classifiers/index.ts';
import { DEFAULT_SAMPLE_SIZE } from './notes/sample.ts';
import { DEFAULT_REVIEW_SIZE } from './notes/misclassification.ts';
import { WINDOW_DATES } from './reconviction/window.ts';
import type { LinkageSettings } from './linkage/settings.ts';

export const RESOLUTIONS = ['all', 'best', 'one-to-one'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const MODEL_OUTCOMES = ['linked', 'reconvicted'] as const;
export const MODEL_GROUPS = ['ATR', 'DRR', 'all'] as const;

const thresholdSchema = z.union([
  z.strictObject({ match_probability: z.number().gt(0).lt(1).describe('links are pairs whose match probability is at least this') }),
  z.strictObject({ match_weight: z.number().describe('links are pairs whose match weight (log2 Bayes factor) is at least this') }),
]);

const linkageSchema = z
  .strictObject({
    settings: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .default('default')
      .describe('nDelius -> NDTMS linkage settings (also used for CJIT): `default` (the built-in file), a settings file (relative to this document), or the settings written inline'),
    threshold: thresholdSchema.optional().describe("replaces the settings' threshold: `{match_probability: p}` with 0 < p < 1, or `{match_weight: w}`"),
    resolve: z.enum(RESOLUTIONS).default('all').describe('which pairs above the threshold count as links: all, the best per requirement, or one-to-one'),
  })
  .describe('identification in treatment (study sections 2.2-2.4)');

const notesSchema = z
  .strictObject({
    classifier: z.enum(CLASSIFIER_NAMES).default('no-plan-cues').describe("the classifier whose figures carry the study's ids"),
    also_run: z
      .array(z.enum(CLASSIFIER_NAMES))
      .default(['rules', 'negex', 'keyword'])
      .describe('classifiers also run, their figures under ids suffixed with their name'),
    sample: z.number().int().min(1).default(DEFAULT_SAMPLE_SIZE).describe('unlinked requirements sampled at scale 1 (scaled with the run, at least 50)'),
    review: z.number().int().min(1).default(DEFAULT_REVIEW_SIZE).describe('sampled requirements manually reviewed at scale 1 (scaled, at least 30)'),
    bootstrap: z.number().int().min(1).default(1000).describe('bootstrap replicates for the corrected interval'),
  })
  .describe('contact notes: sample, classify, extrapolate, correct (study sections 1.5, 2.5, 2.6)');

const windowSchema = z
  .strictObject({
    date: z.enum(WINDOW_DATES).default('offence').describe('which court date must fall in the window'),
    months: z.number().int().min(1).max(120).optional().describe('window length in calendar months (default 12 when days is not given)'),
    days: z.number().int().min(1).max(3660).optional().describe('window length in days, instead of months'),
  })
  .refine((w) => w.months === undefined || w.days === undefined, { message: 'give months or days, not both' })
  // One spelling of each window, so equal windows hash equally.
  .transform((w) => (w.days === undefined ? { date: w.date, months: w.months ?? 12 } : { date: w.date, days: w.days }));

const modelSchema = z.strictObject({
  outcome: z.enum(MODEL_OUTCOMES).describe('linked (identified in treatment) or reconvicted'),
  group: z.enum(MODEL_GROUPS).describe('ATR, DRR, or all (with a drr term)'),
});

const reconvictionSchema = z
  .strictObject({
    window: windowSchema.prefault({}).describe("the reconviction window after sentence (the study's footnote 3: 12 months)"),
    excluded_outcomes: z
      .array(z.string().min(1))
      .default(['not guilty'])
      .describe("court outcomes that are not a reconviction (the study's definition excludes not guilty only)"),
    models: z
      .array(modelSchema)
      .default([
        { outcome: 'linked', group: 'ATR' },
        { outcome: 'linked', group: 'DRR' },
        { outcome: 'linked', group: 'all' },
        { outcome: 'reconvicted', group: 'ATR' },
        { outcome: 'reconvicted', group: 'DRR' },
        { outcome: 'reconvicted', group: 'all' },
      ])
      .describe("the multilevel logistic regressions fitted (the study's six)"),
  })
  .describe('reconviction within 12 months and the multilevel regressions (study section 4)');

export const methodsSchema = z.strictObject({
  linkage: linkageSchema.prefault({}),
  notes: notesSchema.prefault({}),
  reconviction: reconvictionSchema.prefault({}),
});

/** The document as written (before its linkage settings are read). */
export type MethodsInput = z.infer<typeof methodsSchema>;

/**
 * The resolved document: the linkage settings read and validated, so the document alone says
 * what ran (it is what the manifest records and hashes).
 */
export interface MethodsDocument extends Omit<MethodsInput, 'linkage'> {
  linkage: Omit<MethodsInput['linkage'], 'settings'> & { settings: LinkageSettings };
}

/** The community settings with the document's threshold in place of the file's. */
export function communitySettings(methods: MethodsDocument): LinkageSettings {
  const { settings, threshold } = methods.linkage;
  return threshold ? { ...settings, threshold } : settings;
}
