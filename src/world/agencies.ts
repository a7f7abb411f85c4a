/**
 * Treatment providers (agencies). Each local partnership (DAT) has a few; a person usually
 * returns to the same one, and a move to another means a new NDTMS client id.
 */
import { mix32 } from '../random/stream.ts';
import type { Person } from './types.ts';

export const AGENCIES_PER_DAT = 3;
const AGENCY_LETTERS = 'ABC';

/**
 * Agency codes by partnership, made once: a million episodes then share a few hundred strings,
 * which the records stage hashes and compares by identity rather than character by character.
 */
const codesByDat = new Map<string, string[]>();

function agencyCodes(datCode: string): string[] {
  let codes = codesByDat.get(datCode);
  if (!codes) {
    codes = [...AGENCY_LETTERS].map((letter) => `A${datCode.slice(1)}${letter}`);
    codesByDat.set(datCode, codes);
  }
  return codes;
}

/** The agency of a person's k-th provider choice: k = 0 is their usual one. */
export function agencyFor(person: Pick<Person, 'personId' | 'datCode'>, k: number): string {
  const slot = (mix32(person.personId * 2654435761) + k) % AGENCIES_PER_DAT;
  return agencyCodes(person.datCode)[slot];
}
