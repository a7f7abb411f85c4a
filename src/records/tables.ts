/**
 * The names and columns of every table a run writes: the contract between the records stage
 * (which writes them), the methods (which read the observed ones only) and evaluation (which
 * also reads the truth ones). Dates are ISO `YYYY-MM-DD` in CSV and DATE in Parquet.
 */
import type { ColumnKind } from '../io/table.ts';

export interface TableSpec {
  name: string;
  /** Observed tables are what a system holds; truth tables are ground truth and keys. */
  side: 'observed' | 'truth';
  description: string;
  columns: Record<string, ColumnKind>;
}

const ndtmsIdentity = {
  /** The provider's client id: one person at two providers is two clients. */
  client_id: 'string',
  agency_code: 'string',
  /** Forename initial + surname initial, as NDTMS holds no names. */
  initials: 'string',
  dob: 'date',
  /** M or F. */
  sex: 'string',
  /** Postcode sector (`LS6 2`), null when not recorded. */
  postcode_sector: 'string',
  /** Drug and alcohol team (local partnership) code; always recorded. */
  dat_code: 'string',
  /** NHS number, only where the scenario turns it on (999 test range). */
  nhs_number: 'string',
} as const satisfies Record<string, ColumnKind>;

export const TABLES = {
  ndelius_requirements: {
    name: 'ndelius_requirements',
    side: 'observed',
    description: 'nDelius: one row per ATR/DRR record sent to DHSC (before exclusions)',
    columns: {
      record_id: 'string',
      /** Case reference number: one letter + 6 digits. */
      crn: 'string',
      /** Event (order) number within the CRN. */
      event_number: 'int',
      pnc: 'string',
      forename: 'string',
      surname: 'string',
      dob: 'date',
      sex: 'string',
      postcode: 'string',
      /** Probation provider code, N07 ... N59 (England) or WPT (Wales). */
      region_code: 'string',
      ethnicity: 'string',
      accommodation: 'string',
      rsr_band: 'string',
      /** ATR or DRR. */
      requirement_type: 'string',
      /** CO or SSO. */
      order_type: 'string',
      /** Whether the order also carries a Mental Health Treatment Requirement. */
      has_mhtr: 'bool',
      court_type: 'string',
      offence_group: 'string',
      sentence_date: 'date',
      length_months: 'int',
      /** Completed, Revoked, Suspended Sentence Activated, Expired (Normal), Died, Other; null if ongoing. */
      termination_reason: 'string',
      termination_date: 'date',
      nhs_number: 'string',
      /** Contact details as recorded: house number and street, post town, mobile number (src/world/contact.ts). */
      address: 'string',
      town: 'string',
      phone: 'string',
    },
  },
  ndtms_community: {
    name: 'ndtms_community',
    side: 'observed',
    description: 'NDTMS adult community structured treatment: one row per treatment episode',
    columns: {
      episode_id: 'string',
      ...ndtmsIdentity,
      ethnic: 'string',
      accmneed: 'string',
      drug1: 'string',
      /** Substance group: opiate, non-opiate only, non-opiate and alcohol, alcohol only. */
      substance_group: 'string',
      referral_source: 'string',
      /** TRIAGED: treatment start. */
      triage_date: 'date',
      /** DISD: discharge date, null while in treatment at extraction. */
      discharge_date: 'date',
      /** DISRSN: discharge reason code (80-89), null while in treatment. */
      discharge_reason: 'string',
    },
  },
  ndtms_cjit: {
    name: 'ndtms_cjit',
    side: 'observed',
    description: 'NDTMS criminal justice intervention team (unstructured) contacts',
    columns: {
      contact_id: 'string',
      ...ndtmsIdentity,
      contact_date: 'date',
    },
  },
  ndtms_secure: {
    name: 'ndtms_secure',
    side: 'observed',
    description: 'NDTMS adult secure setting (prison) treatment episodes',
    columns: {
      episode_id: 'string',
      ...ndtmsIdentity,
      triage_date: 'date',
      discharge_date: 'date',
    },
  },
  pnomis_spells: {
    name: 'pnomis_spells',
    side: 'observed',
    description: 'p-NOMIS: one row per prison spell (reception to release)',
    columns: {
      spell_id: 'string',
      /** Prison number: letter, 4 digits, 2 letters. */
      prison_number: 'string',
      pnc: 'string',
      forename: 'string',
      surname: 'string',
      dob: 'date',
      sex: 'string',
      reception_date: 'date',
      release_date: 'date',
    },
  },
  court_outcomes: {
    name: 'court_outcomes',
    side: 'observed',
    description: 'Courts (Libra, Xhibit, Common Platform): one row per offence outcome recorded by the extraction date',
    columns: {
      case_id: 'string',
      /** Libra, Xhibit or Common Platform. */
      court_system: 'string',
      court_type: 'string',
      pnc: 'string',
      forename: 'string',
      surname: 'string',
      dob: 'date',
      sex: 'string',
      offence_group: 'string',
      offence_date: 'date',
      hearing_date: 'date',
      /** guilty, not guilty, withdrawn, dismissed. */
      outcome: 'string',
      outcome_date: 'date',
    },
  },
  contact_notes: {
    name: 'contact_notes',
    side: 'observed',
    description: 'nDelius contact notes of in-scope requirements (written by practitioners)',
    columns: {
      note_id: 'string',
      crn: 'string',
      contact_date: 'date',
      contact_type: 'string',
      practitioner_id: 'string',
      text: 'string',
    },
  },
} as const satisfies Record<string, TableSpec>;

export type ObservedTableName = keyof typeof TABLES;
