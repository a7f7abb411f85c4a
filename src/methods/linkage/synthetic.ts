/**
 * Small self-contained linkage problems with known truth, for the engine's tests and
 * benchmark: a left table shaped like nDelius requirements and a right table shaped like
 * NDTMS episodes (initials, dob, sex, postcode sector), each row keyed to a `person_id`.
 * Noise rates are set per field, independently, so tests can state what EM should recover.
 * It is NOT the bench's world generator; it only gives the engine a problem of the same
 * shape (British-like initial frequencies, births 1950-2004, ~10,000 postcode sectors).
 */
import { dayFromParts, isValidDate, partsFromDay } from '../../io/dates.ts';
import { dateColumn, makeTable, stringColumn, type Table } from '../../io/table.ts';
import { stream, type Rng } from '../../random/stream.ts';

export interface SyntheticNoise {
  /** Per right record: one initial replaced by another letter. */
  initials: number;
  /** Per right record: forename and surname initials swapped. */
  initialsSwap: number;
  /** Per right record: day and month transposed (when both <= 12 and differ), else one digit changed. */
  dob: number;
  /** Per right record: sex flipped. */
  sex: number;
  /** Per right record: postcode sector missing. */
  postcodeMissing: number;
  /** Per right record: a different postcode sector (an old or another address). */
  postcodeMoved: number;
}

export const NO_NOISE: SyntheticNoise = { initials: 0, initialsSwap: 0, dob: 0, sex: 0, postcodeMissing: 0, postcodeMoved: 0 };

export interface SyntheticOptions {
  leftRows: number;
  rightRows: number;
  seed: number;
  noise: SyntheticNoise;
  /** Share of left records whose person has episodes on the right. */
  matchShare: number;
  /** Episodes per matched person: 1 + a draw in 0..extraEpisodes. */
  extraEpisodes: number;
  /** Number of distinct postcode sectors. */
  sectors: number;
}

export const DEFAULT_SYNTHETIC: SyntheticOptions = {
  leftRows: 2000,
  rightRows: 20000,
  seed: 1,
  noise: { initials: 0.03, initialsSwap: 0.01, dob: 0.04, sex: 0.01, postcodeMissing: 0.15, postcodeMoved: 0.2 },
  matchShare: 0.5,
  extraEpisodes: 1,
  sectors: 10000,
};

// Rough shares of first letters of English forenames and surnames (per mille): skewed the
// way real initials are, so "JS" is common and "XQ" almost never seen.
const FORENAME_LETTERS = 'JMDSACPRLKTBGEHNWIOFVYZUQX';
const FORENAME_WEIGHTS = [150, 110, 90, 80, 80, 70, 60, 60, 50, 45, 40, 35, 30, 30, 25, 20, 15, 10, 8, 8, 6, 4, 3, 2, 1, 1];
const SURNAME_LETTERS = 'SBHMWCPRTGDLJKFNAEOYVIUZQX';
const SURNAME_WEIGHTS = [100, 95, 85, 80, 75, 70, 60, 50, 45, 45, 40, 40, 30, 25, 25, 22, 20, 18, 10, 8, 8, 5, 4, 2, 1, 1];
const AREAS = [
  'B', 'BD', 'BL', 'BN', 'BR', 'BS', 'CB', 'CF', 'CH', 'CM', 'CO', 'CR', 'CV', 'CW', 'DA', 'DE', 'DH', 'DN', 'DY',
  'E', 'EN', 'EX', 'GL', 'GU', 'HA', 'HD', 'HG', 'HP', 'HU', 'HX', 'IG', 'IP', 'KT', 'L', 'LA', 'LE', 'LN', 'LS',
  'LU', 'M', 'ME', 'MK', 'N', 'NE', 'NG', 'NN', 'NR', 'NW', 'OL', 'OX', 'PE', 'PL', 'PO', 'PR', 'RG', 'RM', 'S',
  'SE', 'SG', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SW', 'TF', 'TN', 'TQ', 'TS', 'TW', 'UB', 'W', 'WA',
  'WD', 'WF', 'WN', 'WR', 'WS', 'WV', 'YO',
];

function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}
const FORENAME_CUM = cumulative(FORENAME_WEIGHTS);
const SURNAME_CUM = cumulative(SURNAME_WEIGHTS);

function pickWeighted(rng: Rng, letters: string, cum: Float64Array): string {
  const x = rng.next();
  let i = 0;
  while (i < cum.length - 1 && cum[i] < x) i++;
  return letters[i];
}

const FIRST_BIRTH = dayFromParts(1950, 1, 1);
const LAST_BIRTH = dayFromParts(2004, 12, 31);

interface Person {
  forename: string;
  surname: string;
  dob: number;
  sex: string;
  sector: number;
}

function sectorText(index: number, count: number): string {
  // A deterministic spread of sectors over areas and districts: `LS6 2`.
  const perArea = Math.ceil(count / AREAS.length);
  const area = AREAS[Math.floor(index / perArea) % AREAS.length];
  const within = index % perArea;
  return `${area}${1 + Math.floor(within / 10)} ${within % 10}`;
}

function makePerson(rng: Rng, sectors: number): Person {
  // Forenames and surnames are a letter plus a tag: only their initials reach NDTMS.
  return {
    forename: pickWeighted(rng, FORENAME_LETTERS, FORENAME_CUM) + 'name',
    surname: pickWeighted(rng, SURNAME_LETTERS, SURNAME_CUM) + 'surname',
    dob: FIRST_BIRTH + rng.int(LAST_BIRTH - FIRST_BIRTH + 1),
    sex: rng.chance(0.8) ? 'M' : 'F',
    sector: rng.int(sectors),
  };
}

function noisyDob(rng: Rng, dob: number): number {
  const p = partsFromDay(dob);
  if (p.day <= 12 && p.day !== p.month && rng.chance(0.5)) return dayFromParts(p.year, p.day, p.month);
  // One digit of day or month or the year's last digit changed, kept a valid date.
  for (let tries = 0; tries < 10; tries++) {
    const which = rng.int(3);
    const y = which === 0 ? p.year - (p.year % 10) + rng.int(10) : p.year;
    const m = which === 1 ? 1 + rng.int(12) : p.month;
    const d = which === 2 ? p.day - (p.day % 10) + rng.int(10) : p.day;
    if ((y !== p.year || m !== p.month || d !== p.day) && isValidDate(y, m, d)) return dayFromParts(y, m, d);
  }
  return dob + 1;
}

function otherLetter(rng: Rng, letter: string, letters: string, cum: Float64Array): string {
  for (;;) {
    const l = pickWeighted(rng, letters, cum);
    if (l !== letter) return l;
  }
}

export interface SyntheticProblem {
  left: Table;
  right: Table;
}

/** A left and a right table with `person_id` truth columns. */
export function syntheticProblem(options: Partial<SyntheticOptions> = {}): SyntheticProblem {
  const o: SyntheticOptions = { ...DEFAULT_SYNTHETIC, ...options, noise: { ...DEFAULT_SYNTHETIC.noise, ...options.noise } };
  const people = stream(o.seed, 'synthetic.person');
  const draws = stream(o.seed, 'synthetic.records');
  const n = o.noise;
  const leftPeople: Person[] = [];
  for (let i = 0; i < o.leftRows; i++) leftPeople.push(makePerson(people.at(i), o.sectors));
  const rightPerson: number[] = [];
  for (let i = 0; i < o.leftRows && rightPerson.length < o.rightRows; i++) {
    const rng = draws.at(i);
    if (!rng.chance(o.matchShare)) continue;
    const episodes = 1 + rng.int(o.extraEpisodes + 1);
    for (let e = 0; e < episodes && rightPerson.length < o.rightRows; e++) rightPerson.push(i);
  }
  const background = o.rightRows - rightPerson.length;
  const rightPeople: Person[] = [];
  for (let b = 0; b < background; b++) rightPeople.push(makePerson(people.at(o.leftRows + b), o.sectors));

  const sector = (s: number): string => sectorText(s, o.sectors);
  const left = makeTable('left', {
    record_id: stringColumn(leftPeople.map((_, i) => `L${i}`)),
    forename: stringColumn(leftPeople.map((p) => p.forename)),
    surname: stringColumn(leftPeople.map((p) => p.surname)),
    dob: dateColumn(Int32Array.from(leftPeople, (p) => p.dob)),
    sex: stringColumn(leftPeople.map((p) => p.sex)),
    postcode: stringColumn(leftPeople.map((p, i) => `${sector(p.sector)}${'ABDEFGHJ'[i % 8]}${'LNPQRSTU'[(i >> 3) % 8]}`)),
    nhs_number: stringColumn(leftPeople.map(() => null)),
    person_id: stringColumn(leftPeople.map((_, i) => `P${i}`)),
  });

  const rows = o.rightRows;
  const initials: (string | null)[] = new Array(rows);
  const dob = new Int32Array(rows);
  const sex: (string | null)[] = new Array(rows);
  const postcodeSector: (string | null)[] = new Array(rows);
  const personId: string[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const matched = r < rightPerson.length;
    const p = matched ? leftPeople[rightPerson[r]] : rightPeople[r - rightPerson.length];
    personId[r] = matched ? `P${rightPerson[r]}` : `B${r}`;
    const rng = draws.at(o.leftRows + r);
    let f = p.forename[0];
    let s = p.surname[0];
    if (rng.chance(n.initials)) {
      if (rng.chance(0.5)) f = otherLetter(rng, f, FORENAME_LETTERS, FORENAME_CUM);
      else s = otherLetter(rng, s, SURNAME_LETTERS, SURNAME_CUM);
    }
    if (rng.chance(n.initialsSwap) && f !== s) [f, s] = [s, f];
    initials[r] = f + s;
    dob[r] = rng.chance(n.dob) ? noisyDob(rng, p.dob) : p.dob;
    sex[r] = rng.chance(n.sex) ? (p.sex === 'M' ? 'F' : 'M') : p.sex;
    if (rng.chance(n.postcodeMissing)) postcodeSector[r] = null;
    else if (rng.chance(n.postcodeMoved)) {
      // Half of moves stay in the same district (sectors of a district are 10 consecutive indices).
      const base = p.sector - (p.sector % 10);
      const nearby = base + ((p.sector % 10) + 1 + rng.int(9)) % 10;
      postcodeSector[r] = sector(rng.chance(0.5) && nearby < o.sectors ? nearby : (p.sector + 1 + rng.int(o.sectors - 1)) % o.sectors);
    }
    else postcodeSector[r] = sector(p.sector);
  }
  const right = makeTable('right', {
    episode_id: stringColumn(Array.from({ length: rows }, (_, r) => `R${r}`)),
    initials: stringColumn(initials),
    dob: dateColumn(dob),
    sex: stringColumn(sex),
    postcode_sector: stringColumn(postcodeSector),
    dat_code: stringColumn(Array.from({ length: rows }, () => 'E0800000')),
    nhs_number: stringColumn(Array.from({ length: rows }, () => null)),
    person_id: stringColumn(personId),
  });
  return { left, right };
}

