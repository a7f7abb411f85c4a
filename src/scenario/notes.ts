/**
 * Every knob of contact-note generation, validated by one zod schema. Defaults are the
 * baseline calibration (see README "Contact notes"): for unlinked requirements of 4-6 months
 * they give about 19 keyword notes per requirement with any, about 2% with none, and hard
 * cases frequent enough that a keyword classifier over-counts engagement as the study did.
 */
import { z } from 'zod';
import { REGION_CODES } from '../study/vocabulary.ts';

const probability = z.number().min(0).max(1);

function sumsToOne(shares: Record<string, number>): boolean {
  return Math.abs(Object.values(shares).reduce((a, b) => a + b, 0) - 1) < 1e-6;
}
const multiplier = z.number().min(0);

export const CONTACT_TYPES = ['office', 'phone', 'home_visit', 'review', 'appointment'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

export const PRACTITIONER_STYLES = ['terse', 'standard', 'detailed', 'shorthand'] as const;
export type PractitionerStyle = (typeof PRACTITIONER_STYLES)[number];

/**
 * The voices a practitioner may write in: `original` is the bench's first template set (its
 * wording in four practitioner styles); the others are template sets written apart from it
 * (src/records/notes/voices): terse officer shorthand, full narrative, case-management entries.
 */
export const NOTE_VOICES = ['original', 'officer', 'narrative', 'casework'] as const;
export type NoteVoice = (typeof NOTE_VOICES)[number];

const voicesSchema = z
  .object({
    mix: z
      .object({
        original: probability.default(0.55).describe('The bench\'s first template set, in the four practitioner styles (recording.styleMix).'),
        officer: probability.default(0.15).describe('Terse officer shorthand: lower case, abbreviations, DNA / FTA / AA / WL.'),
        narrative: probability.default(0.15).describe('Full narrative: first person, whole sentences, what was said and checked.'),
        casework: probability.default(0.15).describe('Case-management entries: fields separated by " | ", an Outcome field about the probation contact.'),
      })
      .strict()
      .refine(sumsToOne, { message: 'voice shares must sum to 1' })
      .prefault({})
      .describe('Share of practitioners writing in each voice (a practitioner keeps one voice); sum to 1.'),
    hardCases: z
      .object({
        thirdParty: probability.default(0.2).describe('Share of engagement notes (in a service) written as confirmation by a third party: a letter, a call with the keyworker.'),
        spelling: probability.default(0.1).describe('Share of engagement notes written with variant spellings of every term and a misspelt act word.'),
        contradicted: probability.default(0.25).describe('Share of non-engagement notes written as a claim the provider contradicts.'),
        acceptableAbsence: probability.default(0.01).describe('Share of routine notes recording an acceptable absence as "AA" (the ambiguous shorthand).'),
      })
      .strict()
      .prefault({})
      .describe('Hard cases within the note kinds, in the voices other than original. The shares of plans, history, other people and negation are the kind mixes (engagedMix, notEngagedMix).'),
    spellingNoise: probability.default(0.05).describe('Chance per vocabulary term, in the voices other than original, of a variant or misspelt form (CRI for Change Grow Live, Pheonix Futures).'),
  })
  .strict();


/** Kinds of keyword note while the person is truly engaged; shares sum to 1. */
const engagedMixSchema = z
  .object({
    engagement: probability.default(0.46),
    nonEngagement: probability.default(0.08),
    plan: probability.default(0.08),
    otherPerson: probability.default(0.04),
    substanceTalk: probability.default(0.26),
    historical: probability.default(0.08),
  })
  .strict();

/**
 * Kinds of keyword note while the person is not engaged; shares sum to 1. `claimedEngagement`
 * is an engagement statement with no engagement behind it (self-report not borne out, a
 * stale record): its true label is not engaged, and no text cue can tell it apart.
 */
const notEngagedMixSchema = z
  .object({
    claimedEngagement: probability.default(0.012),
    nonEngagement: probability.default(0.2),
    plan: probability.default(0.22),
    otherPerson: probability.default(0.06),
    substanceTalk: probability.default(0.38),
    historical: probability.default(0.128),
  })
  .strict();


const contactMixSchema = z
  .object({
    office: probability.default(0.45),
    phone: probability.default(0.25),
    home_visit: probability.default(0.1),
    review: probability.default(0.08),
    appointment: probability.default(0.12),
  })
  .strict()
  .refine(sumsToOne, { message: 'contact type shares must sum to 1' });

const regionMultiplierSchema = z
  .object(Object.fromEntries(REGION_CODES.map((code) => [code, multiplier.default(1)])) as Record<
    (typeof REGION_CODES)[number],
    z.ZodDefault<z.ZodNumber>
  >)
  .strict();

export const notesConfigSchema = z
  .object({
    volume: z
      .object({
        notesPerMonth: z.number().min(0).default(11).describe('Mean contact notes per requirement-month before style, region and person multipliers.'),
        /**
         * Gamma shape of a per-requirement multiplier on volume (mean 1): smaller is more
         * uneven. It is what leaves some requirements with no keyword note at all.
         */
        personShape: z.number().positive().default(1.8),
        practitionersPerRegion: z.number().int().min(1).default(60).describe('Practitioners per probation region; each requirement gets one.'),
        typeMultiplier: z.object({ ATR: multiplier.default(1), DRR: multiplier.default(1) }).strict().prefault({}).describe('Multiplier on volume by requirement type: how much practitioners write for each kind of order.'),
      })
      .strict()
      .prefault({}),
    contactMix: contactMixSchema.prefault({}),
    keywordShare: z
      .object({
        engaged: probability.default(0.55).describe('Share of notes with a treatment keyword while truly engaged.'),
        notEngaged: probability.default(0.38).describe('... and while not engaged.'),
      })
      .strict()
      .prefault({}),
    engagedMix: engagedMixSchema.refine(sumsToOne, { message: 'engaged note kind shares must sum to 1' }).prefault({}),
    notEngagedMix: notEngagedMixSchema
      .refine(sumsToOne, { message: 'not-engaged note kind shares must sum to 1' })
      .prefault({}),
    secondHardSentence: probability.default(0.15).describe('Chance a note carries a second sentence of another (not-engaged) hard-case kind.'),
    implicitEngagement: probability.default(0.15).describe('Chance an engagement note omits any explicit attendance verb ("CGL - script 60ml").'),
    recording: z
      .object({
        styleMix: z
          .object({
            terse: probability.default(0.25),
            standard: probability.default(0.4),
            detailed: probability.default(0.2),
            shorthand: probability.default(0.15),
          })
          .strict()
          .refine(sumsToOne, { message: 'style shares must sum to 1' })
          .prefault({})
          .describe('Practitioner style shares; sum to 1.'),
        styleMultiplier: z
          .object({
            terse: multiplier.default(0.7),
            standard: multiplier.default(1),
            detailed: multiplier.default(1.3),
            shorthand: multiplier.default(0.9),
          })
          .strict()
          .prefault({})
          .describe('Multiplier on note volume by practitioner style: how much each style records.'),
        regionMultiplier: regionMultiplierSchema.prefault({}).describe('Multiplier on note volume by probation region.'),
      })
      .strict()
      .prefault({}),
    voices: voicesSchema.prefault({}).describe('Who writes the notes: the voice mix, the hard cases within each kind, and spelling noise.'),
    typoRate: probability.default(0.012).describe('Chance per word of a keyboard typo.'),
    abbreviationRate: probability.default(0.35).describe('Chance per abbreviable phrase of its abbreviation, before the style adds its own.'),
  })
  .strict();

export type NotesConfig = z.infer<typeof notesConfigSchema>;
export type NotesConfigInput = z.input<typeof notesConfigSchema>;

/** The baseline configuration: every default. */
export function defaultNotesConfig(): NotesConfig {
  return notesConfigSchema.parse({});
}
