/**
 * The records stage: what each administrative system wrote down about the world. Observed
 * tables carry only what the system holds (its own ids, noisy identifiers); the keys back to
 * the truth live in separate truth tables, one row per observed row.
 *
 * Rows are ordered by what a system would sort on (dates, then ids), never by how the world
 * was generated, so row order leaks nothing about who is who.
 */
import type { Scenario } from '../scenario/schema.ts';
import { stream, mix32, hashString, type Rng } from '../random/stream.ts';
import { NULL_INT, type Table } from '../io/table.ts';
import { filledTable, tableBuilder, type Cell } from '../io/table-builder.ts';
import type { Accommodation, Person, Requirement, World } from '../world/types.ts';
import { identityRecorder, initials, type RecordedIdentity } from './noise/identity.ts';
import { postcodeSector } from '../world/identifiers.ts';
import { contactDetailsOf } from '../world/contact.ts';
import { streamFaker } from '../random/faker.ts';
import { TABLES } from './tables.ts';
import { agencyHash, ndtmsClients } from './ndtms-clients.ts';
import { TRUTH_TABLES } from './truth-tables.ts';
import { ACCOMMODATION_LABEL, TERMINATION_LABEL } from './labels.ts';
import { truthTables } from './truth.ts';

export interface RecordSet {
  observed: Table[];
  truth: Table[];
}



const NHS_ETHNIC: Record<string, string> = {
  'White British': 'A', 'White Irish': 'B', 'Gypsy/Traveller': 'C', 'White other': 'C',
  'Mixed White and Black Caribbean': 'D', 'Mixed White and Black African': 'E', 'Mixed White and Asian': 'F', 'Mixed other': 'G',
  Indian: 'H', Pakistani: 'J', Bangladeshi: 'K', 'Asian other': 'L', 'Black Caribbean': 'M', 'Black African': 'N',
  'Black other': 'P', Chinese: 'R', Arab: 'S', Other: 'S',
};

const DRUG1: Record<string, string[]> = {
  'alcohol only': ['alcohol'],
  'non-opiate and alcohol': ['cocaine', 'cannabis', 'alcohol'],
  opiate: ['heroin', 'heroin', 'methadone', 'crack'],
  'non-opiate only': ['cocaine', 'cannabis', 'crack', 'amphetamine'],
};

function pad(prefix: string, n: number, width = 8): string {
  return prefix + String(n).padStart(width, '0');
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Upper-case base 36 by hand: Number#toString(36) is slow for large values. */
function base36(value: number, minDigits: number): string {
  let out = '';
  do {
    out = BASE36[value % 36] + out;
    value = Math.floor(value / 36);
  } while (value > 0);
  return out.length < minDigits ? out.padStart(minDigits, '0') : out;
}

/**
 * An opaque provider client id, unique per (person, agency) and revealing neither: within one
 * agency the number is a bijection of the person id (xor with a constant, then the invertible
 * fmix32), so no two people share an id there, and one person's ids at two agencies look
 * unrelated. Stable: the same person at the same agency has the same id whatever else the world holds.
 */
function clientId(personId: number, agency: string, salt: number): string {
  const a = mix32((personId ^ agencyHash(agency) ^ salt) >>> 0);
  return `${agency}-${base36(a, 7)}`;
}

function sortedIndices(n: number, keys: (i: number) => (number | string)[]): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  const cache = idx.map(keys);
  idx.sort((a, b) => {
    const ka = cache[a];
    const kb = cache[b];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) return -1;
      if (ka[i] > kb[i]) return 1;
    }
    return 0;
  });
  return idx;
}

/**
 * Row order by day, then a tie-breaker (a 32-bit hash), then position: a counting sort on the
 * day (stable, so position order holds within a day) and, within each day, a native sort of
 * the tie-breaker packed with the row's place in its day. A million rows take a tenth of what
 * a comparator sort over all of them took.
 */
function orderByDay(n: number, day: (i: number) => number, tie: (i: number) => number): Uint32Array {
  const days = new Int32Array(n);
  const ties = new Uint32Array(n);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    days[i] = day(i);
    ties[i] = tie(i);
    if (days[i] < first) first = days[i];
    if (days[i] > last) last = days[i];
  }
  const order = new Uint32Array(n);
  if (n === 0) return order;
  const starts = new Uint32Array(last - first + 2);
  for (let i = 0; i < n; i++) starts[days[i] - first + 1]++;
  for (let d = 1; d < starts.length; d++) starts[d] += starts[d - 1];
  const next = starts.slice();
  for (let i = 0; i < n; i++) order[next[days[i] - first]++] = i;
  // tie * 2^21 + place is exact below 2^53, so a day may hold up to 2^21 rows.
  const PLACES = 2 ** 21;
  const packed = new Float64Array(n);
  const within = new Uint32Array(n);
  for (let d = 0; d + 1 < starts.length; d++) {
    const from = starts[d];
    const to = starts[d + 1];
    if (to - from < 2) continue;
    if (to - from > PLACES) throw new Error(`orderByDay: more than ${PLACES} rows on one day`);
    for (let k = from; k < to; k++) packed[k] = ties[order[k]] * PLACES + (k - from);
    packed.subarray(from, to).sort();
    for (let k = from; k < to; k++) within[k] = order[from + (packed[k] % PLACES)];
    for (let k = from; k < to; k++) order[k] = within[k];
  }
  return order;
}

/**
 * A tie-breaker for rows on the same day, from the row's stable identity (a case key; a
 * person, an agency and a day), never its position in the world's lists: adding or removing
 * other rows leaves it where it was, and it says nothing of how the world was generated. Rows
 * with the same identity fall back to their relative order in the world, which other rows do
 * not move either.
 */
function tieBreak(seed: number, a: number, b = 0, c = 0): number {
  let h = mix32((seed ^ 0x2545f491) >>> 0);
  h = mix32((h ^ a) >>> 0);
  h = mix32((h ^ b) >>> 0);
  h = mix32((h ^ c) >>> 0);
  return h;
}

interface Recorder {
  identity(person: Person, key: number, accommodation: Accommodation | null): RecordedIdentity;
  extra: (key: number) => Rng;
}

function recorder(scenario: Scenario, seed: number, system: 'ndelius' | 'ndtms' | 'pnomis' | 'courts'): Recorder {
  const draws = stream(seed, `records.${system}.noise`);
  const content = stream(seed, `records.${system}.noise-content`);
  const extra = stream(seed, `records.${system}.fields`);
  const record = identityRecorder(scenario, scenario.noise[system]);
  return {
    identity: (person, key, accommodation) => record(person, accommodation, draws.at(key), content.at(key)),
    extra: (key) => extra.at(key),
  };
}

export function buildRecords(scenario: Scenario, world: World, seed: number): RecordSet {
  const end = world.window.end;
  const people = world.people;
  // By person id (an array: NDTMS asks for each of ~675,000 clients, mostly people with none).
  const firstAccommodation: (Accommodation | null)[] = new Array(people.length).fill(null);
  for (const r of world.requirements) firstAccommodation[r.personId] ??= r.accommodation;
  const nhsOn = scenario.nhs_number.enabled;
  const completeness = scenario.nhs_number.completeness;

  // --- nDelius: one identity per person (the CRN record), one row per requirement record.
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

  // --- NDTMS: one identity per client (person at an agency); rows per episode / contact.
  // Every draw about a client is keyed by its stable key (person and agency, see
  // ndtms-clients.ts), never by the order clients are first met, so adding or removing an
  // episode anywhere leaves every other client recorded as it was. A client's identity is
  // recorded with the accommodation probation first knew the person by (as nDelius records
  // the CRN), not that of whichever requirement's episode happens to come first: that would
  // change when a retuned treatment model adds an earlier episode for another requirement.
  const nt = recorder(scenario, seed, 'ndtms');
  // A few thousand sectors shared by ~675,000 clients: one string each, not one per client.
  const sectors = new Map<string, string>();
  const sector = (postcode: string): string => {
    const text = postcodeSector(postcode);
    const known = sectors.get(text);
    if (known !== undefined) return known;
    sectors.set(text, text);
    return text;
  };
  const clientSalt = mix32(hashString('records.ndtms.client-id', seed >>> 0));
  const episodes = world.episodes.filter((e) => e.triageDate <= end);
  const clients = ndtmsClients(episodes.length + world.cjitContacts.length + world.secureEpisodes.length, people.length, {
    identity: (person, key) => nt.identity(person, key, firstAccommodation[person.personId]),
    nhsNumber: (person, key) => (nhsOn && person.nhsNumber && nt.extra(key).next() < completeness.ndtms ? person.nhsNumber : null),
    clientId: (person, agency) => clientId(person.personId, agency, clientSalt),
    initials: (id) => initials(id.forename, id.surname),
    // One address per person in the world: an old address in a record is the noise's doing.
    postcodeSector: (id) => (id.postcode === null ? null : sector(id.postcode)),
  });
  const client = (person: Person, agency: string): number => clients.clientOf(person, agency);
  const identityCells = (c: number, agency: string, person: Person): Cell[] => [
    clients.clientId[c], agency, clients.initials[c], clients.dob[c], clients.sex[c], clients.postcodeSector[c], person.datCode, clients.nhsNumber[c],
  ];

  const epOrder = orderByDay(episodes.length, (i) => episodes[i].triageDate, (i) => tieBreak(seed, episodes[i].personId, agencyHash(episodes[i].agencyCode), episodes[i].triageDate));
  const community = filledTable('ndtms_community', TABLES.ndtms_community.columns, episodes.length);
  const communityTruth = filledTable('truth_ndtms_community', TRUTH_TABLES.truth_ndtms_community.columns, episodes.length);
  const cc = community.columns;
  const ct = communityTruth.columns;
  // Rows are written where the order puts them, episodes read in the world's order: a person's
  // episodes sit together there, so the people and their clients are read from memory in
  // order rather than at random (the gather in row order stalled on every episode's person).
  const rowOf = new Uint32Array(epOrder.length);
  for (let row = 0; row < epOrder.length; row++) rowOf[epOrder[row]] = row;
  for (let i = 0; i < episodes.length; i++) {
    const e = episodes[i];
    const row = rowOf[i];
    const person = people[e.personId];
    const c = client(person, e.agencyCode);
    const episodeId = pad('E', row + 1);
    const accommodation = e.requirementId >= 0 ? world.requirements[e.requirementId].accommodation : null;
    const drugs = DRUG1[e.substanceGroup] ?? ['other'];
    cc.episode_id[row] = episodeId;
    cc.client_id[row] = clients.clientId[c];
    cc.agency_code[row] = e.agencyCode;
    cc.initials[row] = clients.initials[c];
    cc.dob[row] = clients.dob[c];
    cc.sex[row] = clients.sex[c];
    cc.postcode_sector[row] = clients.postcodeSector[c];
    cc.dat_code[row] = person.datCode;
    cc.nhs_number[row] = clients.nhsNumber[c];
    cc.ethnic[row] = NHS_ETHNIC[person.ethnicity] ?? 'Z';
    cc.accmneed[row] = accommodation === 'rough_sleeping' || accommodation === 'no_fixed_abode' ? 'NFA-urgent' : accommodation === 'other_unsettled' ? 'housing problem' : 'none';
    // The primary drug is the client's, stable across their episodes: a hash, not a draw.
    cc.drug1[row] = drugs[mix32((mix32(e.personId ^ 0x27d4eb2d) ^ agencyHash(e.agencyCode)) >>> 0) % drugs.length];
    cc.substance_group[row] = e.substanceGroup;
    cc.referral_source[row] = e.referralSource;
    cc.triage_date[row] = e.triageDate;
    cc.discharge_date[row] = e.dischargeDate;
    cc.discharge_reason[row] = e.dischargeReason;
    ct.episode_id[row] = episodeId;
    ct.person_id[row] = e.personId;
    if (e.requirementId >= 0) ct.requirement_id[row] = e.requirementId;
  }

  // A CJIT contact is one per requirement: the requirement is its stable identity.
  const cjitOrder = orderByDay(world.cjitContacts.length, (i) => world.cjitContacts[i].contactDate, (i) => tieBreak(seed, world.cjitContacts[i].requirementId));
  const cjit = tableBuilder('ndtms_cjit', TABLES.ndtms_cjit.columns, world.cjitContacts.length);
  const cjitTruth = tableBuilder('truth_ndtms_cjit', TRUTH_TABLES.truth_ndtms_cjit.columns, world.cjitContacts.length);
  cjitOrder.forEach((i, rowNumber) => {
    const contact = world.cjitContacts[i];
    const person = people[contact.personId];
    const agency = `J${contact.agencyCode.slice(1)}`;
    const c = client(person, agency);
    const contactId = pad('J', rowNumber + 1);
    cjit.push([contactId, ...identityCells(c, agency, person), contact.contactDate]);
    cjitTruth.push([contactId, contact.personId, contact.requirementId]);
  });

  // As is a secure-setting episode (one per requirement's prison spell).
  const secureOrder = orderByDay(world.secureEpisodes.length, (i) => world.secureEpisodes[i].triageDate, (i) => tieBreak(seed, world.secureEpisodes[i].requirementId));
  const secure = tableBuilder('ndtms_secure', TABLES.ndtms_secure.columns, world.secureEpisodes.length);
  const secureTruth = tableBuilder('truth_ndtms_secure', TRUTH_TABLES.truth_ndtms_secure.columns, world.secureEpisodes.length);
  secureOrder.forEach((i, rowNumber) => {
    const s = world.secureEpisodes[i];
    const person = people[s.personId];
    const c = client(person, s.agencyCode);
    const episodeId = pad('S', rowNumber + 1);
    secure.push([episodeId, ...identityCells(c, s.agencyCode, person), s.triageDate, s.dischargeDate > end ? null : s.dischargeDate]);
    secureTruth.push([episodeId, s.personId, s.requirementId]);
  });

  // --- p-NOMIS: one identity per prisoner, one row per spell.
  const pn = recorder(scenario, seed, 'pnomis');
  const pnIdentity = new Map<number, RecordedIdentity>();
  const spellOrder = sortedIndices(world.prisonSpells.length, (i) => [world.prisonSpells[i].receptionDate, people[world.prisonSpells[i].personId].prisonNumber ?? '']);
  const pnomis = tableBuilder('pnomis_spells', TABLES.pnomis_spells.columns, world.prisonSpells.length);
  const pnomisTruth = tableBuilder('truth_pnomis_spells', TRUTH_TABLES.truth_pnomis_spells.columns, world.prisonSpells.length);
  spellOrder.forEach((i, rowNumber) => {
    const spell = world.prisonSpells[i];
    const person = people[spell.personId];
    let id = pnIdentity.get(person.personId);
    if (!id) {
      id = pn.identity(person, person.personId, world.requirements[spell.requirementId].accommodation);
      pnIdentity.set(person.personId, id);
    }
    const spellId = pad('P', rowNumber + 1);
    pnomis.push([spellId, person.prisonNumber, id.pnc, id.forename, id.surname, id.dob, id.sex, spell.receptionDate, spell.releaseDate > end ? null : spell.releaseDate]);
    pnomisTruth.push([spellId, spell.personId, spell.requirementId]);
  });

  // --- Courts: each case is keyed afresh, by its stable key (requirement and kind of case), so a
  // case added or removed elsewhere moves no other case's noise or order; only outcomes recorded
  // by the extraction date exist.
  const co = recorder(scenario, seed, 'courts');
  const recorded = world.courtCases.filter((c) => c.outcomeDate <= end);
  const caseOrder = orderByDay(recorded.length, (k) => recorded[k].outcomeDate, (k) => tieBreak(seed, recorded[k].caseKey));
  const courts = tableBuilder('court_outcomes', TABLES.court_outcomes.columns, recorded.length);
  const courtsTruth = tableBuilder('truth_court_outcomes', TRUTH_TABLES.truth_court_outcomes.columns, recorded.length);
  const commonPlatformFrom = Date.UTC(2021, 0, 1) / 86_400_000;
  caseOrder.forEach((k, rowNumber) => {
    const c = recorded[k];
    const person = people[c.personId];
    const id = co.identity(person, c.caseKey, world.requirements[c.requirementId].accommodation);
    const system = c.outcomeDate >= commonPlatformFrom && co.extra(c.caseKey).next() < 0.7 ? 'Common Platform' : c.courtType === 'Crown' ? 'Xhibit' : 'Libra';
    const caseId = pad('C', rowNumber + 1);
    courts.push([caseId, system, c.courtType, id.pnc, id.forename, id.surname, id.dob, id.sex, c.offenceGroup, c.offenceDate, c.hearingDate, c.outcome, c.outcomeDate]);
    courtsTruth.push([caseId, c.personId, c.requirementId, c.caseKey]);
  });

  return {
    observed: [ndelius.finish(), community.finish(), cjit.finish(), secure.finish(), pnomis.finish(), courts.finish()],
    truth: [
      ...truthTables(world),
      ndeliusTruth.finish(),
      communityTruth.finish(),
      cjitTruth.finish(),
      secureTruth.finish(),
      pnomisTruth.finish(),
      courtsTruth.finish(),
    ],
  };
}
