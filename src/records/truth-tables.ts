/**
 * Truth tables: the world as it was, and for each observed table the key from each of its rows
 * back to the person (and requirement) it is about. Only evaluation reads these.
 */
import type { TableSpec } from './tables.ts';

export const TRUTH_TABLES = {
  truth_people: {
    name: 'truth_people',
    side: 'truth',
    description: 'Every person: requirement holders and the NDTMS background, with true identifiers',
    columns: {
      person_id: 'int', cohort: 'bool', forename: 'string', surname: 'string', alt_surname: 'string', sex: 'string',
      dob: 'date', ethnic_group: 'string', ethnicity: 'string', region_code: 'string', postcode: 'string',
      previous_postcode: 'string', dat_code: 'string', pnc: 'string', crn: 'string', prison_number: 'string',
      nhs_number: 'string', rsr_band: 'string',
    },
  },
  truth_requirements: {
    name: 'truth_requirements',
    side: 'truth',
    description: 'Every requirement and what really happened while it ran',
    columns: {
      requirement_id: 'int', person_id: 'int', scope: 'string', requirement_type: 'string', event_number: 'int',
      order_type: 'string', court_type: 'string', offence_group: 'string', sentence_date: 'date', age_at_sentence: 'int',
      length_months: 'int', length_band: 'string', accommodation: 'string', rsr_band: 'string',
      termination_reason: 'string', termination_date: 'date', structured: 'bool', start_band: 'string',
      treatment_start: 'date', treatment_end: 'date', status: 'string', cjit: 'bool', other_treatment: 'bool',
      any_treatment: 'bool', engaged_in_window: 'bool', prison_within_12m: 'bool', secure_treatment: 'bool', reconvicted: 'bool', died: 'bool',
    },
  },
  truth_court_cases: {
    name: 'truth_court_cases',
    side: 'truth',
    description: 'Every court case, including outcomes recorded after the extraction date (case_key: requirement and kind of case, stable across scenarios)',
    columns: {
      case_key: 'int', person_id: 'int', requirement_id: 'int', offence_group: 'string', offence_date: 'date',
      court_type: 'string', outcome: 'string', outcome_date: 'date', recorded: 'bool',
    },
  },
  truth_other_treatment: {
    name: 'truth_other_treatment',
    side: 'truth',
    description: 'Treatment that no NDTMS dataset records (mutual aid, GP, other services)',
    columns: { person_id: 'int', requirement_id: 'int', kind: 'string', from_date: 'date', to_date: 'date' },
  },
  truth_ndelius_requirements: {
    name: 'truth_ndelius_requirements',
    side: 'truth',
    description: 'Key from each nDelius record to its requirement and person',
    columns: { record_id: 'string', requirement_id: 'int', person_id: 'int', duplicate: 'bool' },
  },
  truth_ndtms_community: {
    name: 'truth_ndtms_community',
    side: 'truth',
    description: 'Key from each NDTMS community episode to its person (and requirement, for requirement journeys)',
    columns: { episode_id: 'string', person_id: 'int', requirement_id: 'int' },
  },
  truth_ndtms_cjit: {
    name: 'truth_ndtms_cjit',
    side: 'truth',
    description: 'Key from each CJIT contact to its person and requirement',
    columns: { contact_id: 'string', person_id: 'int', requirement_id: 'int' },
  },
  truth_ndtms_secure: {
    name: 'truth_ndtms_secure',
    side: 'truth',
    description: 'Key from each secure-setting episode to its person and requirement',
    columns: { episode_id: 'string', person_id: 'int', requirement_id: 'int' },
  },
  truth_pnomis_spells: {
    name: 'truth_pnomis_spells',
    side: 'truth',
    description: 'Key from each prison spell to its person and requirement',
    columns: { spell_id: 'string', person_id: 'int', requirement_id: 'int' },
  },
  truth_court_outcomes: {
    name: 'truth_court_outcomes',
    side: 'truth',
    description: 'Key from each recorded court outcome to its person, requirement and case',
    columns: { case_id: 'string', person_id: 'int', requirement_id: 'int', case_key: 'int' },
  },
  truth_contact_notes: {
    name: 'truth_contact_notes',
    side: 'truth',
    description: 'The true label of each contact note (engaged: the person\'s own current treatment), its kind, the voice it is written in and its hard-case type',
    columns: { note_id: 'string', requirement_id: 'string', true_label: 'string', note_kind: 'string', voice: 'string', hard_case: 'string' },
  },
} as const satisfies Record<string, TableSpec>;

export type TruthTableName = keyof typeof TRUTH_TABLES;
