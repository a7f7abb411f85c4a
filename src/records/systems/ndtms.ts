/** NDTMS: community episodes, CJIT contacts and secure-setting episodes, one identity per client (a person at an agency). */
import { mix32, hashString } from '../../random/stream.ts';
import { filledTable, tableBuilder, type Cell } from '../../io/table-builder.ts';
import type { Person } from '../../world/types.ts';
import { postcodeSector } from '../../world/identifiers.ts';
import { initials } from '../initials.ts';
import { TABLES } from '../tables.ts';
import { TRUTH_TABLES } from '../truth-tables.ts';
import { agencyHash, ndtmsClients } from '../ndtms-clients.ts';
import { orderByDay, pad, recorder, tieBreak, type RecordsContext, type SystemRecords } from './common.ts';

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

/** Base-36 digits, upper case, by value. */
const BASE36 = Array.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (ch) => ch.charCodeAt(0));

/** `${agency}-` for each agency: a few hundred strings, made once. */
const clientIdPrefixes = new Map<string, string>();

/**
 * An opaque provider client id, unique per (person, agency) and revealing neither: within one
 * agency the number is a bijection of the person id (xor with a constant, then the invertible
 * fmix32), so no two people share an id there, and one person's ids at two agencies look
 * unrelated. Stable: the same person at the same agency has the same id whatever else the world holds.
 * `hash` is the agency's agencyHash, which the caller has already looked up.
 */
function clientId(personId: number, agency: string, hash: number, salt: number): string {
  const a = mix32((personId ^ hash ^ salt) >>> 0);
  let prefix = clientIdPrefixes.get(agency);
  if (prefix === undefined) clientIdPrefixes.set(agency, (prefix = `${agency}-`));
  // Seven upper-case base-36 digits, zero-padded (2^32 < 36^7, so never more), from their
  // character codes at once: Number#toString(36) and a string built digit by digit were slow.
  return (
    prefix +
    String.fromCharCode(
      BASE36[Math.floor(a / 36 ** 6) % 36], BASE36[Math.floor(a / 36 ** 5) % 36], BASE36[Math.floor(a / 36 ** 4) % 36], BASE36[Math.floor(a / 36 ** 3) % 36],
      BASE36[Math.floor(a / 36 ** 2) % 36], BASE36[Math.floor(a / 36) % 36], BASE36[a % 36],
    )
  );
}

/**
 * A postcode's sector (`LS6 2CX` -> `LS6 2`), one string per sector however many clients share
 * it (a few thousand sectors for ~675,000 clients), found in a table by a hash of the
 * postcode's characters: no sector text is cut out just to look it up with. A sector whose slot
 * another holds is found by its text.
 */
export function sectorCache(): (postcode: string) => string {
  const slots: (string | undefined)[] = new Array<string | undefined>(1 << 16).fill(undefined);
  const others = new Map<string, string>();
  return (postcode) => {
    const length = postcode.length - 2;
    const slot = hashString(postcode, undefined, length) >>> 16;
    const known = slots[slot];
    if (known !== undefined && known.length === length && postcode.startsWith(known)) return known;
    const text = postcodeSector(postcode);
    if (known === undefined) {
      slots[slot] = text;
      return text;
    }
    const shared = others.get(text);
    if (shared !== undefined) return shared;
    others.set(text, text);
    return text;
  };
}

export function ndtmsRecords(ctx: RecordsContext): SystemRecords {
  const { scenario, world, seed, end, people, firstAccommodation, nhsOn, completeness } = ctx;
  // One identity per client (person at an agency); rows per episode / contact.
  // Every draw about a client is keyed by its stable key (person and agency, see
  // ndtms-clients.ts), never by the order clients are first met, so adding or removing an
  // episode anywhere leaves every other client recorded as it was. A client's identity is
  // recorded with the accommodation probation first knew the person by (as nDelius records
  // the CRN), not that of whichever requirement's episode happens to come first: that would
  // change when a retuned treatment model adds an earlier episode for another requirement.
  const nt = recorder(scenario, seed, 'ndtms');
  const sector = sectorCache();
  const clientSalt = mix32(hashString('records.ndtms.client-id', seed >>> 0));
  const episodes = world.episodes.filter((e) => e.triageDate <= end);
  const clients = ndtmsClients(episodes.length + world.cjitContacts.length + world.secureEpisodes.length, people.length, {
    identity: (person, key) => nt.identity(person, key, firstAccommodation[person.personId]),
    nhsNumber: (person, key) => (nhsOn && person.nhsNumber && nt.extra(key).next() < completeness.ndtms ? person.nhsNumber : null),
    clientId: (person, agency, hash) => clientId(person.personId, agency, hash, clientSalt),
    initials: (id) => initials(id.forename, id.surname),
    // One address per person in the world: an old address in a record is the noise's doing.
    postcodeSector: (id) => (id.postcode === null ? null : sector(id.postcode)),
  });
  const client = (person: Person, agency: string): number => clients.clientOf(person, agency);
  const identityCells = (c: number, agency: string, person: Person): Cell[] => [
    clients.clientId[c], agency, clients.initials[c], clients.dob[c], clients.sex[c], clients.postcodeSector[c], person.datCode, clients.nhsNumber[c],
  ];

  // Each episode's agency hash, looked up once for its tie-breaker and its drug: a person's
  // episodes sit together and mostly share an agency, so most are the previous one's.
  const episodeAgencyHash = new Uint32Array(episodes.length);
  let lastAgency = '';
  let lastHash = 0;
  for (let i = 0; i < episodes.length; i++) {
    const agency = episodes[i].agencyCode;
    if (agency !== lastAgency) {
      lastAgency = agency;
      lastHash = agencyHash(agency);
    }
    episodeAgencyHash[i] = lastHash;
  }
  const epOrder = orderByDay(episodes.length, (i) => episodes[i].triageDate, (i) => tieBreak(seed, episodes[i].personId, episodeAgencyHash[i], episodes[i].triageDate));
  const community = filledTable('ndtms_community', TABLES.ndtms_community.columns, episodes.length);
  const communityTruth = filledTable('truth_ndtms_community', TRUTH_TABLES.truth_ndtms_community.columns, episodes.length);
  const cc = community.columns;
  const ct = communityTruth.columns;
  // The clients are met in the world's order, where a person's episodes sit together (their
  // person and clients then come from memory in order); the rows are then written in row order,
  // a gather from the episodes: twenty columns written at random rows cost more than the few
  // reads of an episode, its person and its client at random.
  const clientOfEpisode = new Int32Array(episodes.length);
  for (let i = 0; i < episodes.length; i++) clientOfEpisode[i] = clients.clientOf(people[episodes[i].personId], episodes[i].agencyCode, episodeAgencyHash[i]);
  for (let row = 0; row < episodes.length; row++) {
    const i = epOrder[row];
    const e = episodes[i];
    const person = people[e.personId];
    const c = clientOfEpisode[i];
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
    cc.drug1[row] = drugs[mix32((mix32(e.personId ^ 0x27d4eb2d) ^ episodeAgencyHash[i]) >>> 0) % drugs.length];
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

  return { observed: [community.finish(), cjit.finish(), secure.finish()], truth: [communityTruth.finish(), cjitTruth.finish(), secureTruth.finish()] };
}
