/**
 * Who is in the two files: people with a sex, a date of birth, forename and surname initials
 * and a home postcode district (and an earlier one, for those who moved). Written for this
 * benchmark alone, apart from the bench's world (src/world), so that the engine is tried on
 * data it was not tuned to.
 *
 * Initial frequencies are rounded shares of first letters among English forenames (by sex,
 * people born 1945-2005) and surnames: they are what makes initials weak evidence, highly
 * skewed (J, S, B, H, M are common; Q, U, X, Z rare), so they are set out here as data.
 */
import { sampler, type Rng } from './random.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

// Shares (per 1,000) of each first letter, A to Z.
const MALE_FORENAME = [80, 30, 70, 100, 10, 10, 50, 10, 10, 170, 40, 30, 90, 20, 5, 60, 0.5, 60, 80, 40, 0.5, 2, 10, 0.2, 1, 2];
const FEMALE_FORENAME = [80, 20, 90, 40, 60, 10, 20, 50, 10, 100, 80, 90, 70, 40, 3, 20, 0.5, 50, 110, 30, 1, 20, 3, 0.2, 2, 5];
const SURNAME = [25, 90, 75, 45, 15, 30, 45, 80, 3, 35, 25, 40, 75, 15, 10, 50, 1, 45, 95, 45, 1, 4, 70, 0.2, 5, 2];

export const forenameInitial = { M: sampler(LETTERS, MALE_FORENAME), F: sampler(LETTERS, FEMALE_FORENAME) };
export const surnameInitial = sampler(LETTERS, SURNAME);

/**
 * Postcode areas (real area codes; their districts here are numbered 1..n and weighted at
 * random) with rough relative populations: the benchmark needs realistic numbers and sizes
 * of districts, not real places.
 */
const AREAS: [string, number][] = [
  ['B', 60], ['M', 45], ['L', 35], ['LS', 35], ['S', 35], ['BD', 20], ['NE', 30], ['NG', 30], ['LE', 30], ['CV', 25],
  ['BS', 30], ['CF', 25], ['SA', 20], ['NP', 15], ['G', 25], ['EH', 20], ['E', 30], ['N', 25], ['SE', 35], ['SW', 30],
  ['W', 20], ['NW', 20], ['EC', 3], ['WC', 2], ['BR', 10], ['CR', 15], ['DA', 10], ['EN', 10], ['HA', 15], ['IG', 12],
  ['KT', 15], ['RM', 15], ['SM', 8], ['TW', 12], ['UB', 12], ['WD', 8], ['AL', 6], ['BB', 15], ['BH', 15], ['BL', 10],
  ['BN', 25], ['CA', 10], ['CB', 15], ['CH', 15], ['CM', 20], ['CO', 12], ['CT', 15], ['CW', 12], ['DE', 20], ['DH', 12],
  ['DL', 10], ['DN', 20], ['DT', 6], ['DY', 15], ['EX', 15], ['FY', 8], ['GL', 15], ['GU', 20], ['HD', 10], ['HG', 4],
  ['HP', 12], ['HR', 5], ['HU', 15], ['HX', 6], ['IP', 15], ['LA', 10], ['LN', 10], ['LU', 8], ['ME', 20], ['MK', 12],
  ['NN', 15], ['NR', 20], ['OL', 12], ['OX', 15], ['PE', 25], ['PL', 12], ['PO', 20], ['PR', 12], ['RG', 20], ['RH', 15],
  ['SG', 12], ['SK', 15], ['SL', 10], ['SN', 12], ['SO', 15], ['SP', 6], ['SR', 8], ['SS', 15], ['ST', 20], ['SY', 10],
  ['TA', 8], ['TF', 6], ['TN', 15], ['TQ', 8], ['TR', 6], ['TS', 15], ['WA', 15], ['WF', 15], ['WN', 10], ['WR', 8],
  ['WS', 12], ['WV', 12], ['YO', 12], ['LL', 10], ['LD', 2], ['AB', 10], ['DD', 8], ['FK', 8], ['KY', 8], ['PA', 8],
];

export interface Geography {
  districts: string[];
  /** District index -> index of its area's first district and the area's district count. */
  areaStart: Int32Array;
  areaSize: Int32Array;
  draw: (r: Rng) => number;
}

/** 5 to 40 districts per area by its size, each with a lognormal share of the area's people. */
export function makeGeography(r: Rng): Geography {
  const districts: string[] = [];
  const weights: number[] = [];
  const areaStart: number[] = [];
  const areaSize: number[] = [];
  for (const [area, size] of AREAS) {
    const n = Math.max(5, Math.min(40, Math.round(size * 0.6 + r.int(8))));
    const start = districts.length;
    for (let k = 1; k <= n; k++) {
      districts.push(`${area}${k}`);
      weights.push((size / n) * Math.exp(0.6 * r.normal()));
      areaStart.push(start);
      areaSize.push(n);
    }
  }
  const indices = districts.map((_, i) => i);
  return { districts, areaStart: Int32Array.from(areaStart), areaSize: Int32Array.from(areaSize), draw: sampler(indices, weights) };
}

export interface Person {
  sex: 'M' | 'F';
  /** Days since 1970-01-01. */
  dob: number;
  forename: string;
  surname: string;
  /** Another forename initial some records use (Bill for William, a middle name used as a first name). */
  altForename: string | null;
  /** An earlier surname's initial (before marriage, say) some records keep. */
  altSurname: string | null;
  district: number;
  /** The district before the last move, or -1 for people who have not moved. */
  previousDistrict: number;
}

export const REFERENCE_DAY = Date.UTC(2024, 0, 1) / 86_400_000;

/**
 * One person. Ages at the reference date follow a treatment population: mostly 25 to 50
 * (mean 38, sd 11), 18 at the youngest, 85 at the oldest. A quarter moved district in the
 * period the records cover, two thirds of them within the same postcode area.
 */
export function drawPerson(r: Rng, geo: Geography): Person {
  const sex = r.chance(0.62) ? 'M' : 'F';
  let age = 38 + 11 * r.normal();
  while (age < 18 || age > 85) age = 38 + 11 * r.normal(); // truncated, not clamped: no spike of birthdays at 18
  const dob = Math.floor(REFERENCE_DAY - age * 365.25);
  const district = geo.draw(r);
  let previousDistrict = -1;
  if (r.chance(0.25)) {
    previousDistrict = r.chance(0.67) ? geo.areaStart[district] + r.int(geo.areaSize[district]) : geo.draw(r);
    if (previousDistrict === district) previousDistrict = -1;
  }
  return {
    sex,
    dob,
    forename: forenameInitial[sex](r),
    surname: surnameInitial(r),
    altForename: r.chance(0.05) ? forenameInitial[sex](r) : null,
    altSurname: sex === 'F' && r.chance(0.08) ? surnameInitial(r) : null,
    district,
    previousDistrict,
  };
}
