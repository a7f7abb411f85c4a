/** nDelius: one identity per person (the CRN record), one row per requirement record. */
import { stream } from '../../random/stream.ts';
import { tableBuilder } from '../../io/table-builder.ts';
import type { Requirement } from '../../world/types.ts';
import type { RecordedIdentity } from '../noise/identity.ts';
import { TABLES } from '../tables.ts';
import { TRUTH_TABLES } from '../truth-tables.ts';
import { ACCOMMODATION_LABEL, TERMINATION_LABEL } from '../labels.ts';
import { contactDetailsOf } from '../../world/contact.ts';
import { streamFaker } from '../../random/faker.ts';
import { pad, recorder, sortedIndices, type RecordsContext, type SystemRecords } from './common.ts';

export function ndeliusRecords(ctx: RecordsContext): SystemRecords {
  const { scenario, world, seed, end, people, firstAccommodation, nhsOn, completeness } = ctx;
  // One identity per person (the CRN record), one row per requirement record.
  const nd = recorder(scenario, seed, 'ndelius');
  const ndIdentity = new Map<number, RecordedIdentity>();
  const ndRows: { req: Requirement; duplicate: boolean }[] = [];
  const dupStream = stream(seed, 'records.ndelius.duplicates');
  for (const req of world.requirements) {
    ndRows.push({ req, duplicate: false });
    if (req.scope === 'in_scope' && dupStream.at(req.requirementId).next() < scenario.cohort.exclusions.duplicate_record) {
      ndRows.push({ req, duplicate: true });
    }
  }
  const ndOrder = sortedIndices(ndRows.length, (i) => [ndRows[i].req.sentenceDate, people[ndRows[i].req.personId].crn ?? '', ndRows[i].req.eventNumber, ndRows[i].duplicate ? 1 : 0]);
  const ndelius = tableBuilder('ndelius_requirements', TABLES.ndelius_requirements.columns, ndRows.length);
  const contact = contactDetailsOf(seed, streamFaker());
  const ndeliusTruth = tableBuilder('truth_ndelius_requirements', TRUTH_TABLES.truth_ndelius_requirements.columns, ndRows.length);
  ndOrder.forEach((i, rowNumber) => {
    const { req, duplicate } = ndRows[i];
    const person = people[req.personId];
    let id = ndIdentity.get(person.personId);
    if (!id) {
      id = nd.identity(person, person.personId, firstAccommodation[person.personId]);
      ndIdentity.set(person.personId, id);
    }
    const ongoing = req.terminationDate > end;
    const nhs = nhsOn && person.nhsNumber && nd.extra(person.personId).next() < completeness.ndelius ? person.nhsNumber : null;
    const recordId = pad('R', rowNumber + 1);
    const reach = contact(person.personId, person.postcode);
    ndelius.push([
      recordId, person.crn, req.eventNumber, id.pnc, id.forename, id.surname, id.dob, id.sex, id.postcode,
      person.regionCode, person.ethnicity, ACCOMMODATION_LABEL[req.accommodation], req.rsrBand, req.type, req.orderType,
      req.hasMhtr, req.courtType, req.offenceGroup, req.sentenceDate, req.lengthMonths,
      ongoing ? null : TERMINATION_LABEL[req.terminationReason], ongoing ? null : req.terminationDate, nhs,
      reach.addressLine, reach.town, reach.phone,
    ]);
    ndeliusTruth.push([recordId, req.requirementId, person.personId, duplicate]);
  });

  return { observed: [ndelius.finish()], truth: [ndeliusTruth.finish()] };
}
