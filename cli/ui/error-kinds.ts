/**
 * What kind of error a case is, named from the case's own data: which identifier a record got
 * wrong and how (a stale postcode, a transposed date, a nickname), whether two different people
 * truly look alike (a doppelganger), what a misread note was about. Evaluation side: it reads
 * the truth, and the pick lists and the exercises use it to teach.
 */
import { initials } from '../../src/records/initials.ts';
import { nicknamesOf } from '../../src/records/noise/variants.ts';

/** The true identity of a person, as truth_people holds it (ISO dates). */
export interface TrueIdentity {
  forename: string | null;
  surname: string | null;
  alt_surname?: string | null;
  dob: string | null;
  sex: string | null;
  postcode: string | null;
  previous_postcode: string | null;
  nhs_number?: string | null;
}

/** One way a recorded identifier departs from the truth. */
export interface Departure {
  field: 'name' | 'dob' | 'sex' | 'postcode' | 'nhs';
  kind: string;
  /** What the record holds and what is true, in a few words. */
  shows: string;
}

/** Day and month swapped, or two neighbouring digits swapped: a typing slip, not another date. */
export function isTransposed(recorded: string | null, truth: string | null): boolean {
  if (!recorded || !truth || recorded === truth || recorded.length !== truth.length) return false;
  const [ry, rm, rd] = recorded.split('-');
  const [ty, tm, td] = truth.split('-');
  if (ry === ty && rm === td && rd === tm) return true;
  const diff = [...recorded].flatMap((ch, i) => (ch !== truth[i] ? [i] : []));
  return diff.length === 2 && diff[1] === diff[0] + 1 && recorded[diff[0]] === truth[diff[1]] && recorded[diff[1]] === truth[diff[0]];
}

/** NDTMS holds a postcode sector: the outward code and the first digit of the inward code. */
export function sectorOf(postcode: string | null): string | null {
  if (!postcode) return null;
  const [outward, inward] = postcode.trim().split(/\s+/);
  return inward ? `${outward} ${inward[0]}` : outward;
}

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').toUpperCase() === (b ?? '').toUpperCase();
const upper = (s: string | null | undefined) => (s ?? '').toUpperCase();

function dobDeparture(recorded: string | null, truth: TrueIdentity): Departure | null {
  if (same(recorded, truth.dob) || !truth.dob) return null;
  const shows = `born ${recorded ?? '–'}, truly ${truth.dob}`;
  if (!recorded) return { field: 'dob', kind: 'birth date missing', shows };
  if (isTransposed(recorded, truth.dob)) return { field: 'dob', kind: 'transposed date', shows };
  if (recorded.endsWith('-01-01')) return { field: 'dob', kind: 'birth date defaulted to 1 January', shows };
  return { field: 'dob', kind: 'birth date mistyped', shows };
}

function sexDeparture(recorded: string | null, truth: TrueIdentity): Departure | null {
  if (same(recorded, truth.sex) || !truth.sex) return null;
  return { field: 'sex', kind: recorded ? 'sex miscoded' : 'sex missing', shows: `sex ${recorded ?? '–'}, truly ${truth.sex}` };
}

/** A postcode or a sector (`asSector`) against the person's current and previous address. */
function postcodeDeparture(recorded: string | null, truth: TrueIdentity, asSector: boolean): Departure | null {
  const now = asSector ? sectorOf(truth.postcode) : truth.postcode;
  const before = asSector ? sectorOf(truth.previous_postcode) : truth.previous_postcode;
  if (same(recorded, now) || !now) return null;
  const what = asSector ? 'sector' : 'postcode';
  if (!recorded) return { field: 'postcode', kind: 'postcode missing', shows: `no ${what}; lives in ${now}` };
  if (before && same(recorded, before)) return { field: 'postcode', kind: 'stale postcode', shows: `${what} ${recorded} is the previous address; lives in ${now}` };
  return { field: 'postcode', kind: 'postcode mistyped', shows: `${what} ${recorded}, truly ${now}` };
}

function nhsDeparture(recorded: string | null | undefined, truth: TrueIdentity): Departure | null {
  // Most systems hold no NHS number at all: only a wrong one is a departure.
  if (!recorded || !truth.nhs_number || same(recorded, truth.nhs_number)) return null;
  return { field: 'nhs', kind: 'NHS number wrong', shows: `NHS ${recorded}, truly ${truth.nhs_number}` };
}

/** One of the forename's nicknames, as recorded or with a slip after its first letters (Bil for Bill). */
function isNickname(recorded: string, forename: string | null): boolean {
  return nicknamesOf(forename ?? '').some((n) => same(n, recorded) || (upper(recorded).slice(0, 2) === upper(n).slice(0, 2) && upper(recorded).slice(0, 2) !== upper(forename).slice(0, 2)));
}

/** How NDTMS's initials depart from the person's: missing, swapped, a nickname, a changed surname. */
function initialsDepartures(recorded: string | null, truth: TrueIdentity): Departure[] {
  const real = initials(truth.forename, truth.surname);
  if (!real || same(recorded, real)) return [];
  const shows = `initials ${recorded ?? '–'}, truly ${real} (${truth.forename} ${truth.surname})`;
  if (!recorded) return [{ field: 'name', kind: 'initials missing', shows }];
  const r = upper(recorded);
  if (r === real[1] + real[0]) return [{ field: 'name', kind: 'names swapped', shows }];
  const out: Departure[] = [];
  if (r[0] !== real[0]) {
    const nick = nicknamesOf(truth.forename ?? '').find((n) => n[0].toUpperCase() === r[0]);
    out.push(nick ? { field: 'name', kind: 'nickname', shows: `initials ${r}: ${truth.forename} recorded as ${nick}` } : { field: 'name', kind: 'name misspelt', shows });
  }
  if (r[1] !== real[1]) {
    const alt = truth.alt_surname ? upper(truth.alt_surname[0]) : null;
    out.push(r[1] === alt ? { field: 'name', kind: 'surname changed', shows: `initials ${r}: surname ${truth.alt_surname}, truly ${truth.surname}` } : { field: 'name', kind: 'name misspelt', shows });
  }
  return out;
}

/** How nDelius's (or any full-name system's) names depart from the person's. */
function nameDepartures(forename: string | null, surname: string | null, truth: TrueIdentity): Departure[] {
  if (same(forename, truth.forename) && same(surname, truth.surname)) return [];
  const shows = `${forename ?? '–'} ${surname ?? '–'}, truly ${truth.forename} ${truth.surname}`;
  if (same(forename, truth.surname) && same(surname, truth.forename)) return [{ field: 'name', kind: 'names swapped', shows }];
  const out: Departure[] = [];
  if (!same(forename, truth.forename)) {
    if (!forename) out.push({ field: 'name', kind: 'forename missing', shows });
    else if (isNickname(forename, truth.forename)) {
      out.push({ field: 'name', kind: 'nickname', shows: `${forename} for ${truth.forename}` });
    } else out.push({ field: 'name', kind: 'name misspelt', shows });
  }
  if (!same(surname, truth.surname)) {
    if (!surname) out.push({ field: 'name', kind: 'surname missing', shows });
    else if (truth.alt_surname && upper(surname)[0] === upper(truth.alt_surname)[0] && upper(surname)[0] !== upper(truth.surname)[0]) out.push({ field: 'name', kind: 'surname changed', shows });
    else if (truth.alt_surname && same(surname, truth.alt_surname)) out.push({ field: 'name', kind: 'surname changed', shows });
    else out.push({ field: 'name', kind: 'name misspelt', shows });
  }
  return out;
}

export interface NdtmsIdentity {
  initials: string | null;
  dob: string | null;
  sex: string | null;
  postcode_sector: string | null;
  nhs_number?: string | null;
}

export interface NdeliusIdentity {
  forename: string | null;
  surname: string | null;
  dob: string | null;
  sex: string | null;
  postcode: string | null;
  nhs_number?: string | null;
}

const unique = (list: (Departure | null)[]) => {
  const out: Departure[] = [];
  for (const d of list) if (d && !out.some((o) => o.kind === d.kind)) out.push(d);
  return out;
};

export function ndtmsDepartures(episode: NdtmsIdentity, truth: TrueIdentity): Departure[] {
  return unique([
    ...initialsDepartures(episode.initials, truth),
    dobDeparture(episode.dob, truth),
    sexDeparture(episode.sex, truth),
    postcodeDeparture(episode.postcode_sector, truth, true),
    nhsDeparture(episode.nhs_number, truth),
  ]);
}

export function ndeliusDepartures(record: NdeliusIdentity, truth: TrueIdentity): Departure[] {
  return unique([
    ...nameDepartures(record.forename, record.surname, truth),
    dobDeparture(record.dob, truth),
    sexDeparture(record.sex, truth),
    postcodeDeparture(record.postcode, truth, false),
    nhsDeparture(record.nhs_number, truth),
  ]);
}

const FIELD_ORDER: Departure['field'][] = ['name', 'dob', 'sex', 'postcode', 'nhs'];

/** A group's name: the kinds of error, in field order, once each ("stale postcode", "nickname + transposed date"). */
export function kindOf(departures: Departure[], none: string): string {
  const kinds: string[] = [];
  for (const f of FIELD_ORDER) for (const d of departures) if (d.field === f && !kinds.includes(d.kind)) kinds.push(d.kind);
  return kinds.length ? kinds.join(' + ') : none;
}

/** A miss: the same person on both sides, not linked. Its kind is what the two records got wrong. */
export function missKind(record: NdeliusIdentity, episode: NdtmsIdentity, truth: TrueIdentity): { kind: string; departures: { side: 'nDelius' | 'NDTMS'; departure: Departure }[] } {
  const departures = [
    ...ndeliusDepartures(record, truth).map((departure) => ({ side: 'nDelius' as const, departure })),
    ...ndtmsDepartures(episode, truth).map((departure) => ({ side: 'NDTMS' as const, departure })),
  ];
  return { kind: kindOf(departures.map((d) => d.departure), 'no recording error'), departures };
}

/**
 * A false match: two people linked. A doppelganger when they truly share initials, birth date
 * and sex (the records are right and still agree); otherwise what made their records agree.
 */
export function falseMatchKind(record: NdeliusIdentity, episode: NdtmsIdentity, mine: TrueIdentity, theirs: TrueIdentity): { kind: string; shows: string[] } {
  const myInitials = initials(mine.forename, mine.surname);
  const theirInitials = initials(theirs.forename, theirs.surname);
  const truly = {
    initials: same(myInitials, theirInitials),
    dob: same(mine.dob, theirs.dob),
    sex: same(mine.sex, theirs.sex),
    sector: same(sectorOf(mine.postcode), sectorOf(theirs.postcode)),
  };
  const recorded = {
    initials: same(initials(record.forename, record.surname), episode.initials),
    dob: same(record.dob, episode.dob),
    sex: same(record.sex, episode.sex),
    sector: same(sectorOf(record.postcode), episode.postcode_sector),
  };
  const people = `${mine.forename} ${mine.surname} (${mine.dob}, ${mine.sex}, ${sectorOf(mine.postcode)}) and ${theirs.forename} ${theirs.surname} (${theirs.dob}, ${theirs.sex}, ${sectorOf(theirs.postcode)})`;
  if (truly.initials && truly.dob && truly.sex) return { kind: 'doppelganger', shows: [`two people: ${people}`] };
  const names = { initials: 'initials', dob: 'birth date', sex: 'sex', sector: 'postcode sector' } as const;
  // Fields the records agree on although the people differ there: noise made them alike.
  const madeAlike = (Object.keys(names) as (keyof typeof names)[]).filter((f) => recorded[f] && !truly[f] && f !== 'sex');
  if (madeAlike.length > 0) {
    const departures = [...ndeliusDepartures(record, mine), ...ndtmsDepartures(episode, theirs)].filter((d) =>
      madeAlike.some((f) => (f === 'initials' ? d.field === 'name' : f === 'sector' ? d.field === 'postcode' : d.field === f)),
    );
    return { kind: `made alike by ${kindOf(departures, 'recording noise')}`, shows: [`two people: ${people}`, ...departures.map((d) => d.shows)] };
  }
  const shared = (Object.keys(names) as (keyof typeof names)[]).filter((f) => truly[f]).map((f) => names[f]);
  return { kind: shared.length ? `truly share ${shared.join(', ')} only` : 'share nothing', shows: [`two people: ${people}`] };
}

/** What each kind of note teaches: the study's classifier meets all of them. */
export const NOTE_LESSONS: Record<string, string> = {
  plan: 'a plan or a referral is not engagement: nothing has been attended yet',
  other_person: "about someone else (a partner, a relative): not this person's treatment",
  historical: "treatment in the past, not in this requirement's window",
  non_engagement: 'treatment is named but negated: missed, refused, not attended',
  claimed_engagement: 'the person says they attend; the practitioner records a claim',
  engagement: 'current treatment, attended: engagement',
  substance_talk: 'talk of substances or risk, not of treatment',
  routine: 'a routine contact that happens to hold a keyword',
};

/** The study's words for the note kinds (non_engagement is a negation). */
export const NOTE_KIND_NAMES: Record<string, string> = {
  plan: 'plan or referral',
  other_person: 'other person',
  historical: 'historical',
  non_engagement: 'negation',
  claimed_engagement: 'claimed engagement',
  engagement: 'engagement',
  substance_talk: 'substance talk',
  routine: 'routine',
};

/** What each kind of identifier error does to the linkage. */
export const LINKAGE_LESSONS: Record<string, string> = {
  'stale postcode': 'the record holds the address the person had before: the postcode counts against a true pair',
  'postcode mistyped': 'a slip in the sector digit: the district may still agree',
  'postcode missing': 'no postcode: the comparison falls in the null level and gives no evidence',
  'transposed date': 'day and month swapped: only the weaker transposed level agrees',
  'birth date mistyped': 'one digit wrong: a weaker level than exact, or none',
  'birth date defaulted to 1 January': 'an unknown birth date entered as 1 January: only the year agrees',
  'birth date missing': 'no birth date: the strongest field gives no evidence and the dob blocking rule cannot propose the pair',
  nickname: 'a nickname (Bill for William) changes the forename initial',
  'names swapped': 'forename and surname entered the wrong way round',
  'surname changed': 'recorded under another surname (marriage, an alias)',
  'name misspelt': 'a spelling variant or a keying slip in a name',
  'initials missing': 'no initials: the comparison gives no evidence',
  'forename missing': 'no forename: the initials cannot be compared',
  'surname missing': 'no surname: the initials cannot be compared',
  'sex miscoded': 'the other sex recorded: a strong disagreement',
  'sex missing': 'no sex recorded',
  'NHS number wrong': 'a wrong NHS number: a strong disagreement',
  'no recording error': 'both records are right and the model still said no: weak evidence (common initials, a move) against a small prior',
  doppelganger: 'two real people share initials, birth date and sex: the records are right and still agree',
};

/** The lesson of a group: each of its kinds' lessons. */
export function lessonOf(kind: string): string {
  if (kind.startsWith('made alike by ')) return `two people whose records came to agree through recording errors (${kind.slice('made alike by '.length)})`;
  if (kind.startsWith('truly share ')) return `two people who agree on part of what is compared (${kind.slice('truly share '.length)}): enough, with the rest missing or weak, to pass the threshold`;
  return kind
    .split(' + ')
    .map((k) => LINKAGE_LESSONS[k] ?? k)
    .join('; ');
}
