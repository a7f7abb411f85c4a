/**
 * The scenario: every knob of the world and of how each system records it, as data.
 *
 * One schema validates every scenario file. Objects are strict (an unknown key is an error,
 * so a typo never silently falls back to a default), probabilities live in [0, 1] and every
 * set of shares must sum to 1.
 */
import { z } from 'zod';
import { notesConfigSchema } from './notes.ts';
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
    /** Realised region random intercepts, per type (the model's u_j). */
    region_effects: perType(z.strictObject(Object.fromEntries(REGION_CODES.map((r) => [r, z.number()])) as Record<RegionCode, z.ZodNumber>)),
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
  /** Median days from treatment start to exit. */
  median_days: positive,
  /** Log-scale spread of a lognormal duration. */
  sigma: positive,
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
  /** Time in treatment after sentence (or after the later start), by exit reason. */
  durations: z.strictObject(Object.fromEntries(EXIT_REASONS.map((r) => [r, durationSchema])) as Record<(typeof EXIT_REASONS)[number], typeof durationSchema>),
  /** Long-standing clients (already in treatment at sentence) stay longer: durations are multiplied by this. */
  already_duration_multiplier: positive,
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
  /** Forename and surname recorded the other way round. */
  swapped: prob.default(0),
});
const dobNoise = z.strictObject({
  /** Day and month exchanged (where both are <= 12). */
  transpose: prob.default(0),
  /** Recorded as 1 January of the right year. */
  default_first_january: prob.default(0),
  /** One part off by a small amount (a keying error). */
  typo: prob.default(0),
  missing: prob.default(0),
});
const sexNoise = z.strictObject({ miscoded: prob.default(0), missing: prob.default(0) });
const postcodeNoise = z.strictObject({
  missing: prob.default(0),
  /** A previous address recorded instead of the current one. */
  stale: prob.default(0),
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
  name: z.string().min(1),
  description: z.string().default(''),
  window: z
    .strictObject({
      /** First sentence date in the cohort. */
      start: isoDate,
      /** End of observation: last sentence date, and the day NDTMS and courts were extracted. */
      end: isoDate,
    })
    .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['start'] }),
  cohort: z.strictObject({
    /** Requirements after exclusions at scale 1. */
    requirements: z.number().int().positive(),
    type_share: shares(REQUIREMENT_TYPES),
    requirements_per_person: z.array(prob).min(1).superRefine((v, ctx) => {
      const total = v.reduce((a, b) => a + b, 0);
      if (Math.abs(total - 1) > SHARE_TOLERANCE) ctx.addIssue({ code: 'custom', message: `shares must sum to 1, got ${round(total)}` });
    }),
    /** Extra records received but excluded, each as a fraction of the in-scope requirements. */
    exclusions: z.strictObject({
      wales: nonNegative,
      mental_health_requirement: nonNegative,
      outside_window: nonNegative,
      duplicate_record: nonNegative,
    }),
    /** Sentencing volume multiplier during the first lockdown (April-June 2020). */
    lockdown_volume: positive,
  }),
  people: z.strictObject({
    male_share: perType(prob),
    age_band: perType(shares(AGE_BANDS)),
    ethnicity: perType(shares(ETHNIC_GROUPS)),
    region: shares(REGION_CODES),
    accommodation: perType(shares(ACCOMMODATION)),
    rsr_band: perType(shares(RSR_BANDS)),
    pnc_known: prob,
  }),
  requirements: z.strictObject({
    sso_share: prob,
    crown_court_share: perType(prob),
    length_band: perType(shares(LENGTH_BANDS)),
    offence_group: perType(shares(OFFENCE_GROUPS)),
    termination: perType(shares(TERMINATION_REASONS)),
  }),
  treatment: z.strictObject({
    structured: logisticModel(STRUCTURED_COEFFICIENTS),
    already_in_treatment: perType(prob),
    /** Days from sentence to start for those not already in treatment: band shares and the tail's mean beyond 12 weeks. */
    time_to_start: perType(
      z.strictObject({ bands: shares(['within3w', '3-6w', '6-12w', '>12w'] as const), tail_mean_days: positive }),
    ),
    exit: perType(exitModel),
    /** Chance that a transferred journey continues with a new provider (a new client id). */
    transfer_continues: prob,
    /** Earlier and later NDTMS episodes of people with a requirement, outside the requirement. */
    history: z.strictObject({ earlier_episode: prob, later_episode: prob }),
    cjit_contact: perType(prob),
    /** Treatment that no NDTMS dataset records: mutual aid, GP, other services. */
    other_treatment: perType(prob),
    secure_treatment_in_prison: prob,
  }),
  prison: z.strictObject({
    within_12_months: logisticModel(['male', 'rsr_medium_or_high', 'not_settled', 'theft'] as const),
    median_spell_days: positive,
  }),
  reconviction: z.strictObject({
    model: logisticModel(RECONVICTION_COEFFICIENTS),
    /** Court cases that end not guilty, as a share of cases. */
    not_guilty_share: prob,
    withdrawn_share: prob,
    /** Days from offence to a recorded outcome (lognormal), by court; median 0 records it the same day. */
    outcome_delay: z.strictObject({ magistrates: recordingDelaySchema, crown: recordingDelaySchema, crown_share: prob }),
    /** Chance of a further offence after the 12-month window (recorded but outside the measure). */
    later_offence: prob,
  }),
  background: z.strictObject({
    /** People in NDTMS treatment with no requirement, at scale 1. */
    people: z.number().int().nonnegative(),
    episodes_per_person_mean: z.number().min(1),
    first_start: isoDate,
    substance_group: shares(['opiate', 'non-opiate only', 'non-opiate and alcohol', 'alcohol only'] as const),
    male_share: prob,
    age_band: shares(AGE_BANDS),
    /** Episode length (lognormal). */
    episode: durationSchema,
    /** Chance a new episode is with a different provider (a new client id). */
    new_provider: prob,
  }),
  /** Probation contact notes: volume, practitioner styles, and the hard cases a classifier must read. */
  notes: notesConfigSchema.prefault({}),
  nhs_number: z.strictObject({
    enabled: z.boolean(),
    /** Share of records holding the NHS number, per system. */
    completeness: z.strictObject({ ndelius: prob, ndtms: prob }),
  }),
  noise: z.strictObject({
    /** Scales every noise rate: 0 is perfect recording, 1 the rates as written. */
    multiplier: nonNegative,
    ndelius: systemNoise,
    ndtms: systemNoise,
    pnomis: systemNoise,
    courts: systemNoise,
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
