import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamFaker } from '../../src/random/faker.ts';
import { stream } from '../../src/random/stream.ts';
import { contactDetailsOf } from '../../src/world/contact.ts';
import { REGIONS, WALES } from '../../src/world/geography.ts';
import { POST_TOWNS } from '../../src/world/post-towns.ts';

describe('faker bound to the streams', () => {
  it('draws from the stream it is given: the same entity gives the same value, whatever was drawn before (property)', () => {
    const shared = streamFaker();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (seed, a, b) => {
        const people = stream(seed, 'test.faker');
        const alone = streamFaker().use(people.at(a)).phone.number({ style: 'mobile' });
        shared.use(people.at(b)).location.street();
        expect(shared.use(people.at(a)).phone.number({ style: 'mobile' })).toBe(alone);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses faker.seed(), which would bypass the streams', () => {
    const faker = streamFaker().use(stream(1, 'x').at(0));
    expect(() => faker.seed(3)).toThrow(/seeds faker through its streams/);
  });
});

describe('contact details', () => {
  it('gives every postcode area of the geography a post town', () => {
    const areas = [...Object.values(REGIONS).flatMap((r) => r.areas), ...WALES.areas];
    expect(areas.filter((area) => !(area in POST_TOWNS))).toEqual([]);
  });

  it('are fixed by seed and person, read the town off the postcode, and look British (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 1e7 }), fc.constantFrom('LS6 2CX', 'M14 5QJ', 'SW9 1VF', 'B3 7CN'), (seed, person, postcode) => {
        const once = contactDetailsOf(seed, streamFaker())(person, postcode);
        const other = contactDetailsOf(seed, streamFaker());
        other(person + 1, 'NE1 1AA');
        expect(other(person, postcode)).toEqual(once);
        expect(once.town).toBe({ 'LS6 2CX': 'Leeds', 'M14 5QJ': 'Manchester', 'SW9 1VF': 'London', 'B3 7CN': 'Birmingham' }[postcode]);
        expect(once.addressLine).toMatch(/^\d{1,3} [A-Z][A-Za-z' -]+$/);
        expect(once.phone).toMatch(/^07\d{9}$/);
      }),
      { numRuns: 200 },
    );
  });

  it('differ between people: a thousand people share few streets and no phone', () => {
    const contact = contactDetailsOf(42, streamFaker());
    const details = Array.from({ length: 1000 }, (_, i) => contact(i, 'LS6 2CX'));
    expect(new Set(details.map((d) => d.phone)).size).toBe(1000);
    expect(new Set(details.map((d) => d.addressLine)).size).toBeGreaterThan(950);
  });
});
