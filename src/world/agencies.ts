/**
 * Treatment providers (agencies). Each local partnership (DAT) has a few; a person usually
 * returns to the same one, and a move to another means a new NDTMS client id.
 */
import { mix32 } from '../random/stream.ts';
import type { Person } from './types.ts';

export const AGENCIES_PER_DAT = 3;
const AGENCY_LETTERS = 'ABC';

/** The agency of a person's k-th provider choice: k = 0 is their usual one. */
export function agencyFor(person: Pick<Person, 'personId' | 'datCode'>, k: number): string {
  const slot = (mix32(person.personId * 2654435761) + k) % AGENCIES_PER_DAT;
  return `A${person.datCode.slice(1)}${AGENCY_LETTERS[slot]}`;
}
