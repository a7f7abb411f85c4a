/** The world itself as truth tables (people, requirements, every court case, unrecorded treatment). */
import { NULL_INT, type Table } from '../io/table.ts';
import { filledTable, tableBuilder } from '../io/table-builder.ts';
import type { World } from '../world/types.ts';
import { TRUTH_TABLES } from './truth-tables.ts';
import { noteSubjects } from './notes-subjects.ts';
import { trulyEngaged } from './notes/truth.ts';

const orNull = (day: number) => (day === NULL_INT ? null : day);

export function truthTables(world: World): Table[] {
  const people = filledTable('truth_people', TRUTH_TABLES.truth_people.columns, world.people.length);
  const pc = people.columns;
  world.people.forEach((p, i) => {
    pc.person_id[i] = p.personId;
    pc.cohort[i] = p.cohort ? 1 : 0;
    pc.forename[i] = p.forename;
    pc.surname[i] = p.surname;
    pc.alt_surname[i] = p.altSurname;
    pc.sex[i] = p.sex;
    pc.dob[i] = p.dob;
    pc.ethnic_group[i] = p.ethnicGroup;
    pc.ethnicity[i] = p.ethnicity;
    pc.region_code[i] = p.regionCode;
    pc.postcode[i] = p.postcode;
    pc.previous_postcode[i] = p.previousPostcode;
    pc.dat_code[i] = p.datCode;
    pc.pnc[i] = p.pnc;
    pc.crn[i] = p.crn;
    pc.prison_number[i] = p.prisonNumber;
    pc.nhs_number[i] = p.nhsNumber;
    pc.rsr_band[i] = p.rsrBand;
  });
  // Engaged in any treatment while the requirement ran (to its end or the extraction date):
  // what the notes method's "engaged" is an estimate of.
  const engagedInWindow = new Map(noteSubjects(world).map((s) => [Number(s.requirementId), trulyEngaged(s, world.window.end)]));
  const requirements = tableBuilder('truth_requirements', TRUTH_TABLES.truth_requirements.columns, world.requirements.length);
  for (const r of world.requirements) {
    requirements.push([
      r.requirementId, r.personId, r.scope, r.type, r.eventNumber, r.orderType, r.courtType, r.offenceGroup, r.sentenceDate,
      r.ageAtSentence, r.lengthMonths, r.lengthBand, r.accommodation, r.rsrBand, r.terminationReason, r.terminationDate,
      r.structured, r.startBand, r.structured ? r.treatmentStart : null, r.structured ? orNull(r.treatmentEnd) : null, r.status,
      r.cjit, r.otherTreatment, r.anyTreatment, engagedInWindow.get(r.requirementId) ?? null, r.prisonWithin12m, r.secureTreatment, r.reconvicted, r.died,
    ]);
  }
  const cases = tableBuilder('truth_court_cases', TRUTH_TABLES.truth_court_cases.columns, world.courtCases.length);
  for (const c of world.courtCases) {
    cases.push([c.caseKey, c.personId, c.requirementId, c.offenceGroup, c.offenceDate, c.courtType, c.outcome, c.outcomeDate, c.outcomeDate <= world.window.end]);
  }
  const other = tableBuilder('truth_other_treatment', TRUTH_TABLES.truth_other_treatment.columns, world.otherTreatments.length);
  for (const o of world.otherTreatments) other.push([o.personId, o.requirementId, o.kind, o.from, o.to]);
  return [people.finish(), requirements.finish(), cases.finish(), other.finish()];
}
