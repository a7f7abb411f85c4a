/**
 * The scenario: every knob of the world and of how each system records it, as data.
 *
 * One schema validates every scenario file. Objects are strict (an unknown key is an error,
 * so a typo never silently falls back to a default), probabilities live in [0, 1] and every
 * set of shares must sum to 1.
 */
import { z } from 'zod';
import { notesConfigSchema } from './notes.ts';
import { reviewerSchema } from './review.ts';
import { REQUIREMENT_TYPES, REGION_CODES, LENGTH_BANDS, LENGTH_RANGES, lengthBandOf, type RequirementType, type RegionCode } from '../study/vocabulary.ts';

const SHARE_TOLERANCE = 1e-6;

export const prob = z.number().min(0).max(1);
const positive = z.number().positive();
const nonNegative = z.number().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** Shares over named categories: each in [0, 1], together summing to 1. */
function shares<K extends string>(keys: readonly [K, ...K[]]) {
  const shape = Object.fromEntries(keys.map((k) => [k, prob])) as Record<K, typeof prob>;
  return z.strictObject(shape).superRefine((value, ctx) => {
    const total = Object.values<number>(value as Record<string, number>).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > SHARE_TOLERANCE) {
      ctx.addIssue({ code: 'custom', message: `shares must sum to 1, got ${round(total)}` });
    }
  });
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A value per requirement type. */
function perType<T extends z.ZodType>(schema: T) {
  return z.strictObject({ ATR: schema, DRR: schema });
}

export { REQUIREMENT_TYPES, REGION_CODES, LENGTH_BANDS, LENGTH_RANGES, lengthBandOf };
export type { RequirementType, RegionCode };

export const AGE_BANDS = ['18-29', '30-39', '40-49', '50+'] as const;
export const ETHNIC_GROUPS = ['White', 'Black', 'Asian', 'Mixed', 'Other'] as const;
export const ACCOMMODATION = ['settled', 'no_fixed_abode', 'rough_sleeping', 'other_unsettled', 'unknown'] as const;
export const RSR_BANDS = ['low', 'medium', 'high'] as const;
export const OFFENCE_GROUPS = [
  'violence',
  'sexual',
  'robbery',
  'theft',
  'criminal_damage',
  'drug',
  'weapons',
  'public_order',
  'misc_against_society',
  'fraud',
  'summary_non_motoring',
  'summary_motoring',
] as const;
export const TERMINATION_REASONS = ['completed', 'revoked', 'ssa', 'expired', 'died', 'other'] as const;
export const EXIT_REASONS = ['completed', 'dropout', 'prison', 'died', 'transferred'] as const;
export const START_BANDS = ['already', 'within3w', '3-6w', '6-12w', '>12w'] as const;

/**
 * A coefficient of a logistic model: one number shared by both requirement types, or one per
 * type (`{ ATR: x, DRR: y }`) where the effect differs between them.
 */
const coefficient = z.union([z.number(), perType(z.number())]);
export type Coefficient = z.infer<typeof coefficient>;

/** A coefficient's value for one requirement type. */
export function coefficientFor(value: Coefficient, type: RequirementType): number {
  return typeof value === 'number' ? value : value[type];
}

/** A logistic model: intercept per requirement type, named coefficients, per-region intercepts. */
const logisticModel = <C extends string>(coefficients: readonly [C, ...C[]]) =>
  z.strictObject({
    intercept: perType(z.number()),
    coefficients: z.strictObject(Object.fromEntries(coefficients.map((c) => [c, coefficient])) as Record<C, typeof coefficient>),
    region_effects: perType(z.strictObject(Object.fromEntries(REGION_CODES.map((r) => [r, z.number()])) as Record<RegionCode, z.ZodNumber>)).describe('Realised region random intercepts, per type (the model\'s u_j).'),
  });

export const STRUCTURED_COEFFICIENTS = [
  'female',
  'age_50_plus',
  'age_18_29',
  'rsr_low',
  'theft',
  'asian_or_mixed',
  'settled',
  'rough_sleeping',
  'no_fixed_abode',
  'length_months',
  'crown_court',
] as const;

export const RECONVICTION_COEFFICIENTS = [
  'male',
  'rsr_medium_or_high',
  'theft',
  'length_months',
  /** A requirement of 1-3 months (the study's shortest band): a step beside the linear length effect. */
  'short_requirement',
  'not_settled',
  'black_atr',
  'london_drr',
  'status_completed',
  'status_remained',
  'status_dropout',
] as const;

const durationSchema = z.strictObject({
  median_days: positive.describe('Median days from treatment start to exit.'),
  sigma: positive.describe('Log-scale spread of a lognormal duration.'),
});

/** A court's recording delay: as a duration, but 0 (no delay) is allowed, so a test can take the delay away. */
const recordingDelaySchema = durationSchema.extend({ median_days: nonNegative });

/** What shifts the exit-reason scores: who the person is and when treatment began. */
export const EXIT_EFFECTS = [
  'already',
  'female',
  'age_18_29',
  'age_50_plus',
  'start_within3w',
  'start_3_6w',
  'start_gt12w',
] as const;

/** Exit-reason scores for a multinomial logit: base per reason, plus additive effects. */
const exitModel = z.strictObject({
  base: z.strictObject(Object.fromEntries(EXIT_REASONS.map((r) => [r, z.number()])) as Record<(typeof EXIT_REASONS)[number], z.ZodNumber>),
  effects: z.partialRecord(z.enum(EXIT_EFFECTS), z.partialRecord(z.enum(EXIT_REASONS), z.number())),
  durations: z.strictObject(Object.fromEntries(EXIT_REASONS.map((r) => [r, durationSchema])) as Record<(typeof EXIT_REASONS)[number], typeof durationSchema>).describe('Time in treatment after sentence (or after the later start), by exit reason.'),
  already_duration_multiplier: positive.describe('Long-standing clients (already in treatment at sentence) stay longer: durations are multiplied by this.'),
  female_duration_multiplier: positive.default(1).describe('Women stay in treatment longer than men whichever way they leave: their durations are multiplied by this (with the already multiplier when both apply).'),
});

const fieldNoise = z.strictObject({
  typo: prob.default(0),
  phonetic: prob.default(0),
  nickname: prob.default(0),
  missing: prob.default(0),
});
const nameNoise = z.strictObject({
  forename: fieldNoise,
  surname: fieldNoise.extend({ changed: prob.default(0) }),
  swapped: prob.default(0).describe('Forename and surname recorded the other way round.'),
});
const dobNoise = z.strictObject({
  transpose: prob.default(0).describe('Day and month exchanged (where both are <= 12).'),
  default_first_january: prob.default(0).describe('Recorded as 1 January of the right year.'),
  typo: prob.default(0).describe('One part off by a small amount (a keying error).'),
  missing: prob.default(0),
});
const sexNoise = z.strictObject({ miscoded: prob.default(0), missing: prob.default(0) });
const postcodeNoise = z.strictObject({
  missing: prob.default(0),
  stale: prob.default(0).describe('A previous address recorded instead of the current one.'),
  typo: prob.default(0),
});
const pncNoise = z.strictObject({ missing: prob.default(0) });

const systemNoise = z.strictObject({
  names: nameNoise.optional(),
  dob: dobNoise,
  sex: sexNoise,
  postcode: postcodeNoise.optional(),
  pnc: pncNoise.optional(),
});

/** Multipliers on noise rates tied to a person's attributes (noise depends on the person). */
const noiseFactor = z.strictObject({
  names: positive.default(1),
  name_order: positive.default(1),
  dob: positive.default(1),
  postcode: positive.default(1),
  alias: positive.default(1),
});

export const scenarioSchema = z.strictObject({
  name: z.string().min(1).describe('The scenario\'s name (recorded in the manifest and results).'),
  description: z.string().default('').describe('One line for a reader.'),
  window: z
    .strictObject({
      start: isoDate.describe('First sentence date in the cohort.'),
      end: isoDate.describe('End of observation: last sentence date, and the day NDTMS and courts were extracted.'),
    })
    .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['start'] }),
  cohort: z.strictObject({
    requirements: z.number().int().positive().describe('Requirements after exclusions at scale 1.'),
    type_share: shares(REQUIREMENT_TYPES).describe('Shares of ATRs and DRRs among the requirements; sum to 1.'),
    requirements_per_person: z.array(prob).min(1).superRefine((v, ctx) => {
      const total = v.reduce((a, b) => a + b, 0);
      if (Math.abs(total - 1) > SHARE_TOLERANCE) ctx.addIssue({ code: 'custom', message: `shares must sum to 1, got ${round(total)}` });
    }),
    exclusions: z
      .strictObject({
        wales: nonNegative,
        mental_health_requirement: nonNegative,
        outside_window: nonNegative,
        duplicate_record: nonNegative,
      })
      .describe('Extra records received but excluded, each as a fraction of the in-scope requirements.'),
    lockdown_volume: positive.describe('Sentencing volume multiplier during the first lockdown (April-June 2020).'),
  }),
  people: z.strictObject({
    male_share: perType(prob).describe('Share of men, per requirement type.'),
    age_band: perType(shares(AGE_BANDS)).describe('Age band shares at sentence, per type.'),
    ethnicity: perType(shares(ETHNIC_GROUPS)).describe('Ethnic group shares, per type.'),
    region: shares(REGION_CODES).describe('Probation region shares (the 11 English regions).'),
    accommodation: perType(shares(ACCOMMODATION)).describe('Accommodation status shares, per type.'),
    rsr_band: perType(shares(RSR_BANDS)).describe('Risk of serious recidivism band shares, per type.'),
    pnc_known: prob.describe('Chance that nDelius holds the person\'s PNC number.'),
  }),
  requirements: z.strictObject({
    sso_share: prob.describe('Share of requirements on a suspended sentence order (the rest community orders).'),
    crown_court_share: perType(prob).describe('Share sentenced at the Crown Court, per type.'),
    length_band: perType(shares(LENGTH_BANDS)).describe('Requirement length band shares, per type (study section 3.4).'),
    offence_group: perType(shares(OFFENCE_GROUPS)).describe('Index offence group shares, per type.'),
    termination: perType(shares(TERMINATION_REASONS)).describe('How requirements end (nDelius termination reasons), per type.'),
  }),
  treatment: z.strictObject({
    structured: logisticModel(STRUCTURED_COEFFICIENTS).describe('TRUE structured community treatment during the requirement: a logistic model (logit scale).'),
    already_in_treatment: perType(prob).describe('Chance that someone in treatment was already in it at sentence, per type.'),
    already_by_age: perType(z.strictObject({ age_18_29: z.number().default(0), age_50_plus: z.number().default(0) }))
      .default({ ATR: { age_18_29: 0, age_50_plus: 0 }, DRR: { age_18_29: 0, age_50_plus: 0 } })
      .describe('Shift on the log-odds of already being in treatment at sentence for people aged 18-29 and 50+, per type: long-standing clients (opioid substitution above all) are older.'),
    time_to_start: perType(
      z.strictObject({ bands: shares(['within3w', '3-6w', '6-12w', '>12w'] as const), tail_mean_days: positive }),
    ).describe("Days from sentence to start for those not already in treatment: band shares and the tail's mean beyond 12 weeks."),
    exit: perType(exitModel).describe('How a structured journey ends (a multinomial logit over exit reasons) and how long it lasts, per type.'),
    transfer_continues: prob.describe('Chance that a transferred journey continues with a new provider (a new client id).'),
    history: z.strictObject({ earlier_episode: prob, later_episode: prob }).describe('Earlier and later NDTMS episodes of people with a requirement, outside the requirement.'),
    cjit_contact: perType(prob).describe('Chance of a Criminal Justice Intervention Team contact in the first year, per type.'),
    other_treatment: perType(prob).describe('Treatment that no NDTMS dataset records: mutual aid, GP, other services.'),
    secure_treatment_in_prison: prob.describe('Chance that a prison spell holds secure-setting treatment (NDTMS secure).'),
  }),
  prison: z.strictObject({
    within_12_months: logisticModel(['male', 'rsr_medium_or_high', 'not_settled', 'theft'] as const).describe('A prison spell within 12 months of sentence: a logistic model.'),
    median_spell_days: positive.describe('Median length of a prison spell, days.'),
  }),
  reconviction: z.strictObject({
    model: logisticModel(RECONVICTION_COEFFICIENTS).describe('TRUE offending within 12 months that ends in a court outcome: a logistic model.'),
    not_guilty_share: prob.describe('Court cases that end not guilty, as a share of cases.'),
    withdrawn_share: prob.describe('Court cases withdrawn or dismissed, as a share of cases.'),
    outcome_delay: z.strictObject({ magistrates: recordingDelaySchema, crown: recordingDelaySchema, crown_share: prob }).describe('Days from offence to a recorded outcome (lognormal), by court; median 0 records it the same day.'),
    later_offence: prob.describe('Chance of a further offence after the 12-month window (recorded but outside the measure).'),
  }),
  background: z.strictObject({
    people: z.number().int().nonnegative().describe('People in NDTMS treatment with no requirement, at scale 1 (below it, those sharing a date of birth with the cohort are all kept and the rest thinned to the scale).'),
    episodes_per_person_mean: z.number().min(1).describe('Mean NDTMS episodes per background person over the window.'),
    first_start: isoDate.describe('Earliest background episode start.'),
    substance_group: shares(['opiate', 'non-opiate only', 'non-opiate and alcohol', 'alcohol only'] as const).describe('NDTMS substance group shares of the background.'),
    male_share: prob,
    age_band: shares(AGE_BANDS),
    episode: durationSchema.describe('Episode length (lognormal).'),
    new_provider: prob.describe('Chance a new episode is with a different provider (a new client id).'),
  }),
  notes: notesConfigSchema.prefault({}).describe('Probation contact notes: volume, practitioner styles, and the hard cases a classifier must read.'),
  manual_review: reviewerSchema.prefault({}).describe('The study\'s manual reviewers of contact notes (section 1.3.2): how often a reader takes a note of each kind as showing engagement.'),
  nhs_number: z.strictObject({
    enabled: z.boolean(),
    completeness: z.strictObject({ ndelius: prob, ndtms: prob }).describe('Share of records holding the NHS number, per system.'),
  }),
  noise: z.strictObject({
    multiplier: nonNegative.describe('Scales every noise rate: 0 is perfect recording, 1 the rates as written.'),
    ndelius: systemNoise.describe('Identifier noise in nDelius records (base rates per field).'),
    ndtms: systemNoise.describe('Identifier noise in NDTMS records.'),
    pnomis: systemNoise.describe('Identifier noise in p-NOMIS records.'),
    courts: systemNoise.describe('Identifier noise in court records.'),
    factors: z.strictObject({
      accommodation: z.partialRecord(z.enum(ACCOMMODATION), noiseFactor).default({}),
      ethnicity: z.partialRecord(z.enum(ETHNIC_GROUPS), noiseFactor).default({}),
      rsr_band: z.partialRecord(z.enum(RSR_BANDS), noiseFactor).default({}),
      sex: z.partialRecord(z.enum(["male", "female"]), noiseFactor).default({}),
    }),
  }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type SystemNoise = z.infer<typeof systemNoise>;
export type NoiseFactor = z.infer<typeof noiseFactor>;
export type LogisticModel = Scenario['treatment']['structured'];
export type ExitModel = z.infer<typeof exitModel>;
export type Duration = z.infer<typeof durationSchema>;
