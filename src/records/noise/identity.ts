/**
 * How one system records one person's identity: the truth passed through that system's noise.
 *
 * Every decision consumes the same draws whatever its rate (one uniform per noise type, and
 * the error's content from a second generator), so raising one rate only adds errors of that
 * kind: the same records stay wrong at a higher rate, and other fields do not move. That is
 * what makes noise sweeps smooth and recall fall monotonically as noise rises.
 */
import type { NoiseFactor, Scenario, SystemNoise } from '../../scenario/schema.ts';
import type { Rng } from '../../random/stream.ts';
import { NULL_INT } from '../../io/table.ts';
import { dayFromParts, isValidDate, partsFromDay } from '../../io/dates.ts';
import type { Accommodation, Person } from '../../world/types.ts';
import { keyboardTypo, nickname, phoneticVariant } from './variants.ts';

export interface RecordedIdentity {
  forename: string | null;
  surname: string | null;
  dob: number;
  sex: 'M' | 'F' | null;
  postcode: string | null;
  pnc: string | null;
}

type FactorGroup = keyof NoiseFactor;

/** The product of the scenario's multipliers for this person, per group of fields. */
export function noiseFactors(scenario: Scenario, person: Person, accommodation: Accommodation | null): Record<FactorGroup, number> {
  const out: Record<FactorGroup, number> = { names: 1, name_order: 1, dob: 1, postcode: 1, alias: 1 };
  const f = scenario.noise.factors;
  const applicable = [
    accommodation ? f.accommodation[accommodation] : undefined,
    f.ethnicity[person.ethnicGroup],
    person.cohort ? f.rsr_band[person.rsrBand] : undefined,
    f.sex[person.sex === 'M' ? 'male' : 'female'],
  ];
  for (const factor of applicable) {
    if (!factor) continue;
    for (const key of Object.keys(out) as FactorGroup[]) out[key] *= factor[key];
  }
  return out;
}

/**
 * noiseFactors depends on four attributes with a few values each, so a system recording a
 * million people computes each combination once.
 */
function cachedFactors(scenario: Scenario): (person: Person, accommodation: Accommodation | null) => Record<FactorGroup, number> {
  // Nested by attribute, each level keyed by a value the world already holds: no key string
  // is built for each of a million lookups (nor a closure: the levels are written out).
  type BySex = Map<string, Record<FactorGroup, number>>;
  const cache = new Map<Accommodation | null, Map<string, Map<string, BySex>>>();
  return (person, accommodation) => {
    let byEthnicity = cache.get(accommodation);
    if (byEthnicity === undefined) cache.set(accommodation, (byEthnicity = new Map()));
    let byRsr = byEthnicity.get(person.ethnicGroup);
    if (byRsr === undefined) byEthnicity.set(person.ethnicGroup, (byRsr = new Map()));
    const rsr = person.cohort ? person.rsrBand : '';
    let bySex = byRsr.get(rsr);
    if (bySex === undefined) byRsr.set(rsr, (bySex = new Map()));
    let factors = bySex.get(person.sex);
    if (factors === undefined) bySex.set(person.sex, (factors = noiseFactors(scenario, person, accommodation)));
    return factors;
  };
}

// Rates are base * multiplier * factor, in that order, so that the floating-point products (and
// so which records go wrong) do not depend on how the code groups them.
function noisyDob(dob: number, noise: SystemNoise['dob'], m: number, factor: number, draws: Rng, content: Rng): number {
  const uMissing = draws.next();
  const uTranspose = draws.next();
  const uDefault = draws.next();
  const uTypo = draws.next();
  // Written out rather than through a helper closure: this runs for every record of every system.
  if (uMissing < Math.min(1, noise.missing * m * factor)) return NULL_INT;
  const transpose = uTranspose < Math.min(1, noise.transpose * m * factor);
  const firstJanuary = uDefault < Math.min(1, noise.default_first_january * m * factor);
  const typo = uTypo < Math.min(1, noise.typo * m * factor);
  // Most dates are recorded as they are: no calendar arithmetic for them.
  if (!transpose && !firstJanuary && !typo) return dob;
  const p = partsFromDay(dob);
  let { year, month, day } = p;
  if (transpose && day <= 12 && day !== month) [day, month] = [month, day];
  if (firstJanuary) {
    day = 1;
    month = 1;
  }
  if (typo) {
    const kind = content.int(4);
    if (kind === 0) day = Math.max(1, day + (content.chance(0.5) ? 1 : -1) * (1 + content.int(3)));
    else if (kind === 1) month = Math.min(12, Math.max(1, month + (content.chance(0.5) ? 1 : -1)));
    else if (kind === 2) year += content.chance(0.5) ? 1 : -1;
    else year += content.chance(0.5) ? 10 : -10;
    if (!isValidDate(year, month, day)) day = 28;
  }
  return dayFromParts(year, month, day);
}

function noisyName(name: string, noise: { typo: number; phonetic: number; nickname: number; missing: number }, m: number, factor: number, draws: Rng, content: Rng): string | null {
  const uMissing = draws.next();
  const uNick = draws.next();
  const uPhonetic = draws.next();
  const uTypo = draws.next();
  if (uMissing < Math.min(1, noise.missing * m * factor)) return null;
  let out = name;
  if (uNick < Math.min(1, noise.nickname * m * factor)) out = nickname(out, content);
  if (uPhonetic < Math.min(1, noise.phonetic * m * factor)) out = phoneticVariant(out, content);
  if (uTypo < Math.min(1, noise.typo * m * factor)) out = keyboardTypo(out, content);
  return out;
}

/** Record a person in one system. `draws` decides which errors happen; `content` what they look like. */
export type IdentityRecorder = (person: Person, accommodation: Accommodation | null, draws: Rng, content: Rng) => RecordedIdentity;

/** How one system records identities: its noise settings applied to each person recorded. */
export function identityRecorder(scenario: Scenario, system: SystemNoise): IdentityRecorder {
  const factorsOf = cachedFactors(scenario);
  return (person, accommodation, draws, content) => recordIdentity(scenario, system, factorsOf(person, accommodation), person, draws, content);
}

function recordIdentity(scenario: Scenario, system: SystemNoise, f: Record<FactorGroup, number>, person: Person, draws: Rng, content: Rng): RecordedIdentity {
  const m = scenario.noise.multiplier;

  let forename: string | null = person.forename;
  let surname: string | null = person.surname;
  const names = system.names;
  const uSwap = draws.next();
  const uChanged = draws.next();
  if (names) {
    forename = noisyName(person.forename, names.forename, m, f.names, draws, content);
    if (uChanged < Math.min(1, names.surname.changed * m * f.alias)) surname = person.altSurname;
    surname = surname === null ? null : noisyName(surname, names.surname, m, f.names, draws, content);
    if (uSwap < Math.min(1, names.swapped * m * f.name_order)) [forename, surname] = [surname, forename];
  }

  const dob = noisyDob(person.dob, system.dob, m, f.dob, draws, content);

  const uSexMissing = draws.next();
  const uSexMiscoded = draws.next();
  let sex: 'M' | 'F' | null = person.sex;
  if (uSexMiscoded < Math.min(1, system.sex.miscoded * m)) sex = sex === 'M' ? 'F' : 'M';
  if (uSexMissing < Math.min(1, system.sex.missing * m)) sex = null;

  let postcode: string | null = person.postcode;
  const uPostMissing = draws.next();
  const uPostStale = draws.next();
  const uPostTypo = draws.next();
  if (system.postcode) {
    if (uPostStale < Math.min(1, system.postcode.stale * m * f.postcode)) postcode = person.previousPostcode;
    if (uPostTypo < Math.min(1, system.postcode.typo * m * f.postcode) && postcode) {
      // A slip in the sector digit: the district survives, the sector does not.
      const at = postcode.indexOf(' ') + 1;
      postcode = postcode.slice(0, at) + String((Number(postcode[at]) + 1 + content.int(8)) % 10) + postcode.slice(at + 1);
    }
    if (uPostMissing < Math.min(1, system.postcode.missing * m * f.postcode)) postcode = null;
  } else {
    postcode = null;
  }

  const uPnc = draws.next();
  const pnc = system.pnc && uPnc >= Math.min(1, system.pnc.missing * m) ? person.pnc : null;

  return { forename, surname, dob, sex, postcode, pnc };
}
