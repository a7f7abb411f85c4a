/**
 * NDTMS clients: a person at an agency, with one client id and the identity NDTMS recorded
 * for them, shared by all their episodes, CJIT contacts and secure-estate episodes there.
 *
 * Kept as columns indexed by client number, with a chain of a person's clients through
 * typed arrays: at scale 1 there are ~675,000 clients looked up a million times, and as
 * objects (one per client, a list per person) they cost more in garbage collection than the
 * identities themselves cost to draw.
 */
import type { Accommodation, Person } from '../world/types.ts';
import type { RecordedIdentity } from './noise/identity.ts';

export interface NdtmsClients {
  /** The client number of `person` at `agency`, registered (its identity recorded) on first sight. */
  clientOf(person: Person, agency: string, accommodation: () => Accommodation | null): number;
  readonly clientId: string[];
  readonly initials: (string | null)[];
  readonly dob: Int32Array;
  readonly sex: ('M' | 'F' | null)[];
  readonly postcodeSector: (string | null)[];
  readonly nhsNumber: (string | null)[];
}

export interface ClientRecording {
  identity(person: Person, client: number, accommodation: Accommodation | null): RecordedIdentity;
  nhsNumber(person: Person, client: number): string | null;
  clientId(agency: string, client: number): string;
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
    clientOf(person, agency, accommodation) {
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
      const id = recording.identity(person, c, accommodation());
      clients.clientId[c] = recording.clientId(agency, c);
      clients.initials[c] = recording.initials(id);
      clients.dob[c] = id.dob;
      clients.sex[c] = id.sex;
      clients.postcodeSector[c] = recording.postcodeSector(id);
      clients.nhsNumber[c] = recording.nhsNumber(person, c);
      return c;
    },
  };
}
