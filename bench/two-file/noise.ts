/**
 * How each file records a person: a different error model from the bench's records stage.
 * Errors act on the recorded fields as a clerk's would (not on a name that is then reduced to
 * initials): a nickname or earlier surname some records use, initials written surname first,
 * a wrong key; a date of birth with day and month swapped, a day or month out by one, a year
 * out by one or with its last two digits swapped, or an unknown date entered as 1 January;
 * sex miscoded; the postcode district of an earlier address; any field left empty.
 */
import type { Geography, Person } from './population.ts';
import type { Rng } from './random.ts';

export interface NoiseRates {
  /** A record uses the person's alternative forename (or earlier surname) initial, when there is one. */
  alternativeInitial: number;
  initialsReversed: number;
  initialMistyped: number;
  initialsMissing: number;
  dobMissing: number;
  dobFirstOfJanuary: number;
  dobDayMonthSwapped: number;
  dobDayOffByOne: number;
  dobMonthOffByOne: number;
  dobYearOffByOne: number;
  dobYearDigitsSwapped: number;
  sexMiscoded: number;
  sexMissing: number;
  /** For people who moved: the record holds the earlier district. */
  districtStale: number;
  districtMissing: number;
}

/** The left file: one record per person, kept up to date (a case management system). */
export const LEFT_NOISE: NoiseRates = {
  alternativeInitial: 0.3,
  initialsReversed: 0.005,
  initialMistyped: 0.003,
  initialsMissing: 0.005,
  dobMissing: 0.005,
  dobFirstOfJanuary: 0.005,
  dobDayMonthSwapped: 0.008,
  dobDayOffByOne: 0.005,
  dobMonthOffByOne: 0.003,
  dobYearOffByOne: 0.004,
  dobYearDigitsSwapped: 0.002,
  sexMiscoded: 0.005,
  sexMissing: 0.003,
  districtStale: 0.2,
  districtMissing: 0.02,
};

/** The right file: treatment episodes, each entered afresh at a service, noisier. */
export const RIGHT_NOISE: NoiseRates = {
  alternativeInitial: 0.5,
  initialsReversed: 0.01,
  initialMistyped: 0.008,
  initialsMissing: 0.015,
  dobMissing: 0.015,
  dobFirstOfJanuary: 0.015,
  dobDayMonthSwapped: 0.02,
  dobDayOffByOne: 0.012,
  dobMonthOffByOne: 0.006,
  dobYearOffByOne: 0.01,
  dobYearDigitsSwapped: 0.004,
  sexMiscoded: 0.015,
  sexMissing: 0.01,
  districtStale: 0.45,
  districtMissing: 0.05,
};

/** Neighbouring keys on a QWERTY keyboard: the letter a slip of the finger gives instead. */
const KEY_ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
function neighbourKey(letter: string, r: Rng): string {
  for (const row of KEY_ROWS) {
    const i = row.indexOf(letter);
    if (i < 0) continue;
    const options = [row[i - 1], row[i + 1]].filter((x): x is string => x !== undefined);
    return options[r.int(options.length)];
  }
  return letter;
}

export interface RecordFields {
  initials: string;
  dob: string;
  sex: string;
  district: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The recorded date of birth, at most one error per record. */
function recordDob(dob: number, rates: NoiseRates, r: Rng): string {
  const d = new Date(dob * 86_400_000);
  let [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  // One draw picks the error (or none), so the rates add rather than compound.
  let x = r.next();
  const take = (p: number) => (x < p ? true : ((x -= p), false));
  if (take(rates.dobMissing)) return '';
  if (take(rates.dobFirstOfJanuary)) return isoDate(year, 1, 1);
  if (take(rates.dobDayMonthSwapped)) {
    if (day <= 12 && day !== month) [day, month] = [month, day];
  } else if (take(rates.dobDayOffByOne)) {
    day = Math.min(daysIn(year, month), Math.max(1, day + (r.chance(0.5) ? 1 : -1)));
  } else if (take(rates.dobMonthOffByOne)) {
    month = Math.min(12, Math.max(1, month + (r.chance(0.5) ? 1 : -1)));
    day = Math.min(day, daysIn(year, month));
  } else if (take(rates.dobYearOffByOne)) {
    year += r.chance(0.5) ? 1 : -1;
  } else if (take(rates.dobYearDigitsSwapped)) {
    const swapped = Math.floor(year / 100) * 100 + (year % 10) * 10 + Math.floor((year % 100) / 10);
    if (swapped <= 2006) year = swapped;
  }
  return isoDate(year, month, Math.min(day, daysIn(year, month)));
}

export function recordPerson(p: Person, geo: Geography, rates: NoiseRates, r: Rng): RecordFields {
  let forename = p.altForename && r.chance(rates.alternativeInitial) ? p.altForename : p.forename;
  const surname = p.altSurname && r.chance(rates.alternativeInitial) ? p.altSurname : p.surname;
  if (r.chance(rates.initialMistyped)) forename = neighbourKey(forename, r);
  let initials = r.chance(rates.initialsReversed) ? surname + forename : forename + surname;
  if (r.chance(rates.initialsMissing)) initials = '';

  const dob = recordDob(p.dob, rates, r);

  let sex: string = p.sex;
  if (r.chance(rates.sexMiscoded)) sex = p.sex === 'M' ? 'F' : 'M';
  if (r.chance(rates.sexMissing)) sex = '';

  const stale = p.previousDistrict >= 0 && r.chance(rates.districtStale);
  let district = geo.districts[stale ? p.previousDistrict : p.district];
  if (r.chance(rates.districtMissing)) district = '';
  return { initials, dob, sex, district };
}
