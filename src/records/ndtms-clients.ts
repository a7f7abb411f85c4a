/**
 * NDTMS clients: a person at an agency, with one client id and the identity NDTMS recorded
 * for them, shared by all their episodes, CJIT contacts and secure-estate episodes there.
 *
 * Kept as columns indexed by client number, with a chain of a person's clients through
 * typed arrays: at scale 1 there are ~675,000 clients looked up a million times, and as
 * objects (one per client, a list per person) they cost more in garbage collection than the
 * identities themselves cost to draw.
 *
 * The client number is only where the columns keep a client: it follows the order clients are
 * first met, which moves whenever an episode is added or removed anywhere. Everything recorded
 * about a client (its identity noise, NHS number, id) is keyed by `clientKey`, the person and the
 * agency, so retuning treatment leaves every client present in both worlds recorded the same
 * (common random numbers).
 */
import { hashString } from '../random/stream.ts';
import type { Person } from '../world/types.ts';
import type { RecordedIdentity } from './noise/identity.ts';

const agencyHashes = new Map<string, number>();

/** FNV-1a of an agency code, cached: a million rows share a few hundred codes. */
export function agencyHash(agency: string): number {
  let h = agencyHashes.get(agency);
  if (h === undefined) {
    h = hashString(agency);
    agencyHashes.set(agency, h);
  }
  return h;
}

const AGENCY_BITS = 21;

/**
 * The stable key of a client: personId * 2^21 + the top 21 bits of the agency code's hash, an
 * exact integer below 2^53 (person ids stay below 2^32), and a valid stream index. Two clients
 * of different people never share a key; two agencies of one person share one only if their
 * hashes agree in those 21 bits (odds of one in two million for each pair of agencies one
 * person attends), and then that person's two clients share their noise draws, nothing worse.
 */
export function clientKey(personId: number, agency: string, hash = agencyHash(agency)): number {
  return personId * 2 ** AGENCY_BITS + (hash >>> (32 - AGENCY_BITS));
}

export interface NdtmsClients {
  /** The client number of `person` at `agency` (whose `agencyHash` is `hash`), registered (its identity recorded) on first sight. */
  clientOf(person: Person, agency: string, hash?: number): number;
  readonly clientId: string[];
  readonly initials: (string | null)[];
  readonly dob: Int32Array;
  readonly sex: ('M' | 'F' | null)[];
  readonly postcodeSector: (string | null)[];
  readonly nhsNumber: (string | null)[];
}

/** How a client is recorded: each a function of the person, the agency and the stable `key` only. */
export interface ClientRecording {
  identity(person: Person, key: number): RecordedIdentity;
  nhsNumber(person: Person, key: number): string | null;
  clientId(person: Person, agency: string, agencyHash: number): string;
  initials(identity: RecordedIdentity): string | null;
  postcodeSector(identity: RecordedIdentity): string | null;
}

/** `capacity`: the most clients there can be (one per row that names one); `people`: the world's size. */
export function ndtmsClients(capacity: number, people: number, recording: ClientRecording): NdtmsClients {
  const firstOf = new Int32Array(people).fill(-1);
  const nextOf = new Int32Array(capacity).fill(-1);
  const agencyOf: string[] = new Array(capacity);
  const clients = {
    clientId: new Array<string>(capacity),
    initials: new Array<string | null>(capacity),
    dob: new Int32Array(capacity),
    sex: new Array<'M' | 'F' | null>(capacity),
    postcodeSector: new Array<string | null>(capacity),
    nhsNumber: new Array<string | null>(capacity),
  };
  let count = 0;
  return {
    ...clients,
    clientOf(person, agency, hash = agencyHash(agency)) {
      let last = -1;
      for (let c = firstOf[person.personId]; c >= 0; c = nextOf[c]) {
        if (agencyOf[c] === agency) return c;
        last = c;
      }
      if (count >= capacity) throw new Error(`ndtmsClients: more than ${capacity} clients`);
      const c = count++;
      if (last < 0) firstOf[person.personId] = c;
      else nextOf[last] = c;
      agencyOf[c] = agency;
      const key = clientKey(person.personId, agency, hash);
      const id = recording.identity(person, key);
      clients.clientId[c] = recording.clientId(person, agency, hash);
      clients.initials[c] = recording.initials(id);
      clients.dob[c] = id.dob;
      clients.sex[c] = id.sex;
      clients.postcodeSector[c] = recording.postcodeSector(id);
      clients.nhsNumber[c] = recording.nhsNumber(person, key);
      return c;
    },
  };
}
