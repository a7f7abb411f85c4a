/**
 * The names contact notes give other people and places: partners and relatives by first name
 * ("partner Jodie"), keyworkers and other service staff by name ("keyworker Sam Hughes",
 * "KW Sam"), and the venues services are seen at ("the recovery service on Albion Street").
 * Made by faker (en_GB locale; first and last names come from faker's en lists, en_GB having
 * none) drawing from one bench stream per list at a fixed seed: like the rest of the note
 * vocabulary they are the same in every run, and a note still takes one draw per slot.
 *
 * Kept to plain ASCII words: the CSV writer is fastest on one-byte strings, and the shorthand
 * writer rewrites " and ", " with " and ". ", which a name must not contain.
 */
import { streamFaker } from '../../random/faker.ts';
import { stream, type Rng } from '../../random/stream.ts';

/** The vocabulary's own seed: these lists are data, the same whatever the run's master seed. */
const VOCABULARY_SEED = 2018;

const FEMALE = new Set(['wife', 'girlfriend', 'mum', 'mother', 'sister', 'daughter']);
const MALE = new Set(['husband', 'boyfriend', 'dad', 'brother', 'son']);

function plainWord(text: string): boolean {
  return /^[A-Za-z][A-Za-z' -]*$/.test(text) && !/ and | with |\. /i.test(` ${text} `);
}

/** `count` values from `make`, each from its own entity of the stream, skipping any that are not plain words. */
function listOf<T>(name: string, count: number, make: (rng: Rng) => T, words: (value: T) => string[]): T[] {
  const entities = stream(VOCABULARY_SEED, `records.notes.names.${name}`);
  const out: T[] = [];
  for (let k = 0; out.length < count; k++) {
    const value = make(entities.at(k));
    if (words(value).every(plainWord)) out.push(value);
  }
  return out;
}

/** Relations with a first name that fits them: "mum Linda", "partner Alex". */
export function namedRelations(relations: readonly string[], count: number): string[] {
  const faker = streamFaker();
  return listOf('relations', count, (rng) => {
    const f = faker.use(rng);
    const relation = f.helpers.arrayElement(relations);
    const sex = FEMALE.has(relation) ? 'female' : MALE.has(relation) ? 'male' : undefined;
    return `${relation} ${f.person.firstName(sex)}`;
  }, (value) => [value]);
}

/** Service staff by role and name, in full and abbreviated forms: ["keyworker Sam Hughes", "KW Sam"]. */
export function namedWorkers(workers: readonly (readonly [string, string])[], count: number): [string, string][] {
  const faker = streamFaker();
  return listOf('workers', count, (rng) => {
    const f = faker.use(rng);
    const [role, short] = f.helpers.arrayElement(workers);
    const first = f.person.firstName();
    return [`${role} ${first} ${f.person.lastName()}`, `${short} ${first}`] as [string, string];
  }, (pair) => pair);
}

/**
 * Venues on streets from faker's en_GB list of British street names (not `location.street()`,
 * which two times in three builds one from an en surname: "Rolfson-Waelchi Fold").
 */
export function venues(count: number): [string, string][] {
  const faker = streamFaker();
  return listOf('venues', count, (rng) => {
    const f = faker.use(rng);
    const street = f.helpers.arrayElement(f.definitions.location.street_name);
    return [`the recovery service on ${street}`, `recovery service ${street}`] as [string, string];
  }, (pair) => pair);
}
