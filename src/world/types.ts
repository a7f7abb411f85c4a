/**
 * Ground truth: who the people are and what really happened to them. Only the records stage
 * (to record it) and evaluation (to score against it) may read these; methods never do.
 */
import type { RegionCode, RequirementType } from '../scenario/schema.ts';

export type Sex = 'M' | 'F';
export type EthnicGroup = 'White' | 'Black' | 'Asian' | 'Mixed' | 'Other';
export type Accommodation = 'settled' | 'no_fixed_abode' | 'rough_sleeping' | 'other_unsettled' | 'unknown';
export type RsrBand = 'low' | 'medium' | 'high';
export type Scope = 'in_scope' | 'wales' | 'mental_health_requirement' | 'outside_window';
/** Status of the structured journey at the end of observation (five end states of Figs 2-3). */
export type StructuredStatus = 'completed' | 'remained' | 'dropout' | 'prison' | 'died' | 'not_treated';
export type StartBand = 'already' | 'within3w' | '3-6w' | '6-12w' | '>12w';

export interface Person {
  personId: number;
  /** True for people with at least one requirement; false for the NDTMS background. */
  cohort: boolean;
  forename: string;
  surname: string;
  /** A second surname some people are also known by (marriage, alias). */
  altSurname: string;
  sex: Sex;
  dob: number;
  ethnicGroup: EthnicGroup;
  /** Census 2011 label as nDelius records it. */
  ethnicity: string;
  regionCode: RegionCode | 'WPT';
  postcode: string;
  previousPostcode: string;
  datCode: string;
  pnc: string | null;
  crn: string | null;
  prisonNumber: string | null;
  nhsNumber: string | null;
  rsrBand: RsrBand;
}

export interface Requirement {
  requirementId: number;
  personId: number;
  scope: Scope;
  type: RequirementType;
  eventNumber: number;
  orderType: 'CO' | 'SSO';
  hasMhtr: boolean;
  courtType: 'Crown' | 'Magistrates';
  offenceGroup: string;
  sentenceDate: number;
  ageAtSentence: number;
  lengthMonths: number;
  lengthBand: string;
  accommodation: Accommodation;
  rsrBand: RsrBand;
  /** Termination as it really happened; a date after the window end means still running. */
  terminationReason: 'completed' | 'revoked' | 'ssa' | 'expired' | 'died' | 'other';
  terminationDate: number;

  /** Truly in structured community treatment while the requirement ran. */
  structured: boolean;
  startBand: StartBand | null;
  treatmentStart: number;
  /** Day the structured journey ended (NULL_INT while it goes on past the window). */
  treatmentEnd: number;
  status: StructuredStatus;
  cjit: boolean;
  otherTreatment: boolean;
  /** Any engagement in treatment of any kind while the requirement ran. */
  anyTreatment: boolean;
  prisonWithin12m: boolean;
  secureTreatment: boolean;
  /** Convicted of an offence committed within 12 months of sentence. */
  reconvicted: boolean;
  died: boolean;
}

export interface TreatmentEpisode {
  personId: number;
  /** The requirement this episode is the structured journey of, or -1 (history, background). */
  requirementId: number;
  agencyCode: string;
  triageDate: number;
  /** NULL_INT while in treatment at extraction. */
  dischargeDate: number;
  /** NDTMS DISRSN code, null while in treatment. */
  dischargeReason: string | null;
  substanceGroup: string;
  referralSource: string;
}

export interface CjitContact {
  personId: number;
  requirementId: number;
  agencyCode: string;
  contactDate: number;
}

export interface SecureEpisode {
  personId: number;
  requirementId: number;
  agencyCode: string;
  triageDate: number;
  dischargeDate: number;
}

export interface PrisonSpell {
  personId: number;
  requirementId: number;
  receptionDate: number;
  releaseDate: number;
}

export interface CourtCase {
  /**
   * Stable identity of the case: its requirement and which of the requirement's (at most three)
   * cases it is (`caseKey` in journeys.ts). The records stage keys its noise and row order by
   * it, so a case that appears or disappears elsewhere (a reconviction flipped by a retuned
   * model) leaves every other case recorded as it was.
   */
  caseKey: number;
  personId: number;
  requirementId: number;
  offenceGroup: string;
  offenceDate: number;
  courtType: 'Crown' | 'Magistrates';
  outcome: 'guilty' | 'not guilty' | 'withdrawn';
  hearingDate: number;
  outcomeDate: number;
}

export interface OtherTreatment {
  personId: number;
  requirementId: number;
  kind: 'mutual aid' | 'GP' | 'other service';
  from: number;
  to: number;
}

export interface World {
  people: Person[];
  requirements: Requirement[];
  episodes: TreatmentEpisode[];
  cjitContacts: CjitContact[];
  secureEpisodes: SecureEpisode[];
  prisonSpells: PrisonSpell[];
  courtCases: CourtCase[];
  otherTreatments: OtherTreatment[];
  window: { start: number; end: number };
}

/** The people with requirements and what happened to them, without the NDTMS background. */
export type CohortView = Pick<World, 'people' | 'requirements' | 'cjitContacts' | 'secureEpisodes' | 'otherTreatments' | 'window'>;
