/**
 * Where a person can be reached: the street line of the home address, its town, and a mobile
 * number. Street and number are made by faker (en_GB locale) from streams of the person's own,
 * so they are fixed by the master seed and the person and move no other draw.
 *
 * The street comes from faker's en_GB list of British street names ("Albion Street") rather
 * than `location.street()`: en_GB has no person names, so two times in three that pattern puts
 * an American first or last name before a suffix ("Jalyn Fields"). The town is the post town of
 * the postcode's area (post-towns.ts), not faker's: its en_GB towns are built from the same
 * American surnames ("Old Wunsch-Kulaswick") and would not agree with the postcode. Only
 * records carry these fields; no method reads them.
 */
import type { StreamFaker } from '../random/faker.ts';
import { stream } from '../random/stream.ts';
import { POST_TOWNS } from './post-towns.ts';

export interface ContactDetails {
  /** House number and street, e.g. "27 Albion Street". */
  addressLine: string;
  town: string;
  /** A UK mobile number, e.g. "07700900123". */
  phone: string;
}

/** The letters of a postcode's area: `LS6 2CX` -> `LS`. */
function areaOf(postcode: string): string {
  let end = 0;
  while (end < postcode.length && postcode.charCodeAt(end) >= 65) end++;
  return postcode.slice(0, end);
}

/** A function from (person id, home postcode) to the person's contact details. */
export function contactDetailsOf(seed: number, faker: StreamFaker): (personId: number, postcode: string) => ContactDetails {
  const streets = stream(seed, 'world.contact.street');
  const phones = stream(seed, 'world.contact.phone');
  let streetNames: readonly string[] | null = null;
  return (personId, postcode) => {
    const f = faker.use(streets.at(personId));
    streetNames ??= f.definitions.location.street_name;
    // Most streets are short: house numbers up to 120 cover nearly all of them.
    const addressLine = `${f.number.int({ min: 1, max: 120 })} ${f.helpers.arrayElement(streetNames)}`;
    const town = POST_TOWNS[areaOf(postcode)];
    if (town === undefined) throw new Error(`no post town for the postcode area of ${postcode}`);
    const phone = faker.use(phones.at(personId)).phone.number({ style: 'mobile' });
    return { addressLine, town, phone };
  };
}
