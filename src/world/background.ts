/**
 * The NDTMS background: adults in treatment who never had a requirement. About 300,000 a year
 * at scale 1, they are the people a linkage on initials + date of birth falsely matches, so
 * they are generated at full size and with the same name and date-of-birth frequencies.
 *
 * Below scale 1 the cohort is a sample of England's requirements, but the people they can be
 * confused with must not be: a smaller background would leave each cohort record fewer
 * lookalikes and make linkage easier the smaller the run. So every scale-1 background person's
 * date of birth is drawn (person i's from the same stream entry as at scale 1) and the person
 * is kept if it is shared with someone in the cohort (the neighbourhood the linkage's first
 * blocking rule, and its first training session, search); everyone else is thinned to the
 * scale. A cohort record then meets every scale-1 background person born the same day, and
 * the linkage's EM session on date of birth sees the same non-matches as at scale 1. Keeping
 * also those who share initials and birth year (the second blocking rule) kept three quarters
 * of the scale-1 background at scale 0.1; without them precision and recall at scale 0.1
 * still come within half a point of scale 1 (test/experiments/linkage-scale.test.ts), with 31%
 * kept. Keeping fewer of the same-day people (only those who also share sex, an initial or a
 * postcode district) is not enough: the EM session on date of birth then sees too few
 * non-matches and precision fell 6 points. The kept share falls with the scale, towards about
 * 3 x scale (the cohort's dates of birth cover fewer days).
 *
 * The date of birth and the keep decision come from a stream of their own, before anything
 * else about the person: whether someone is kept is known after five draws, and the rest of a
 * kept person (names, address, episodes) is drawn from the person's own stream exactly as at
 * scale 1. So a small world pays for the people it keeps, not for all 300,000 (at scale 0.1 the
 * background took about 1 s when every person was drawn whole to find their birthday). At
 * scale 1 and above nothing is thinned.
 */
import type { Scenario, RegionCode } from '../scenario/schema.ts';
import { stream } from '../random/stream.ts';
import { lognormal, shareDrawer, shareIndexDrawer } from '../random/draw.ts';
import { dayFromIso } from '../io/dates.ts';
import { NULL_INT } from '../io/table.ts';
import { REGIONS } from './geography.ts';
import { drawAddress } from './address.ts';
import { nameFor } from './names/index.ts';
import { agencyFor } from './agencies.ts';
import type { EthnicGroup, Person, Sex, TreatmentEpisode } from './types.ts';

const AGE_RANGES: Record<string, [number, number]> = { '18-29': [18, 29], '30-39': [30, 39], '40-49': [40, 49], '50+': [50, 75] };
// NDTMS discharge reasons (DISRSN) by how an episode ended, and referral sources with their
// weights as repeats: made once, not for each of a million episodes.
const COMPLETED = ['80', '81', '82'];
const DROPPED_OUT = ['85', '86', '88'];
const OTHER_ENDS = ['84', '87', '89'];
const REFERRAL_SOURCES = ['self', 'self', 'GP', 'other', 'arrest referral', 'probation'];
const ETHNICITY = { White: 0.87, Black: 0.04, Asian: 0.04, Mixed: 0.035, Other: 0.015 };

export function buildBackground(
  scenario: Scenario,
  scale: number,
  seed: number,
  firstPersonId: number,
  cohort: readonly Person[] = [],
): { people: Person[]; episodes: TreatmentEpisode[] } {
  const b = scenario.background;
  const thinned = scale < 1;
  const count = thinned ? Math.round(b.people) : Math.round(b.people * scale);
  const people: Person[] = [];
  const episodes: TreatmentEpisode[] = [];
  const personStream = stream(seed, 'world.background.person');
  // When the person starts treatment, how old they are and their birthday, then whether a
  // thinned world keeps them: the only draws every scale-1 person costs below scale 1.
  const birthStream = stream(seed, 'world.background.birth');
  const lookalike = thinned ? lookalikeTest(cohort) : null;
  const first = dayFromIso(b.first_start);
  const end = dayFromIso(scenario.window.end);
  const ageBand = ageBands(b.age_band);
  const ethnicity = shareDrawer(ETHNICITY);
  const region = shareDrawer(scenario.people.region);
  const substanceGroup = shareDrawer(b.substance_group);
  // Geometric number of episodes with the scenario's mean (at least one).
  const more = 1 - 1 / b.episodes_per_person_mean;

  // Below scale 1 this loop runs for every scale-1 person and keeps a few: the birth draws as
  // bare uniforms (no generator object), and the age band by its index, not its label.
  const birth = new Float64Array(5);
  for (let i = 0; i < count; i++) {
    birthStream.uniforms(i, birth);
    const firstStart = first + Math.floor(birth[0] * (end - first));
    const band = ageBand(birth[1]);
    const lo = ageBand.lo[band];
    const age = lo + Math.floor(birth[2] * (ageBand.hi[band] - lo + 1));
    const dob = firstStart - age * 365 - Math.floor(age / 4) - Math.floor(birth[3] * 365);
    const keep = birth[4];
    if (lookalike !== null && !lookalike(dob) && keep >= scale) continue;
    const rng = personStream.at(i);
    const sex: Sex = rng.next() < b.male_share ? 'M' : 'F';
    const ethnicGroup = ethnicity(rng.next()) as EthnicGroup;
    const regionCode = region(rng.next()) as RegionCode;
    const { postcode, previousPostcode, datCode } = drawAddress(rng, REGIONS[regionCode].areas);
    const names = nameFor(ethnicGroup, sex, rng);
    const person: Person = {
      personId: firstPersonId + people.length,
      cohort: false,
      forename: names.forename,
      surname: names.surname,
      altSurname: names.altSurname,
      sex,
      dob,
      ethnicGroup,
      ethnicity: names.ethnicity,
      regionCode,
      postcode,
      previousPostcode,
      datCode,
      pnc: null,
      crn: null,
      prisonNumber: null,
      nhsNumber: null,
      rsrBand: 'low',
    };
    people.push(person);

    const group = substanceGroup(rng.next());
    let start = firstStart;
    let provider = 0;
    for (let e = 0; e < 12 && start <= end; e++) {
      const discharge = start + Math.max(7, Math.round(lognormal(rng, b.episode.median_days, b.episode.sigma)));
      const open = discharge > end;
      const u = rng.next();
      episodes.push({
        personId: person.personId,
        requirementId: -1,
        agencyCode: agencyFor(person, provider),
        triageDate: start,
        dischargeDate: open ? NULL_INT : discharge,
        dischargeReason: open ? null : u < 0.45 ? rng.pick(COMPLETED) : u < 0.85 ? rng.pick(DROPPED_OUT) : u < 0.95 ? '83' : rng.pick(OTHER_ENDS),
        substanceGroup: group,
        referralSource: rng.pick(REFERRAL_SOURCES),
      });
      if (open || rng.next() > more) break;
      if (rng.next() < b.new_provider) provider++;
      start = discharge + 30 + Math.floor(rng.next() * 600);
    }
  }
  return { people, episodes };
}

/** Whether a background person shares a date of birth with someone in the cohort. */
export function lookalikeTest(cohort: readonly Person[]): (dob: number) => boolean {
  if (cohort.length === 0) return () => false;
  // A flag per day between the cohort's first and last birthday: asked for every scale-1
  // background person, it answers without hashing.
  let min = Infinity;
  let max = -Infinity;
  for (const p of cohort) {
    if (p.dob < min) min = p.dob;
    if (p.dob > max) max = p.dob;
  }
  const days = new Uint8Array(max - min + 1);
  for (const p of cohort) days[p.dob - min] = 1;
  return (dob) => dob >= min && dob <= max && days[dob - min] === 1;
}

/** The age-band drawer: the band's index from one uniform (as shareDrawer chooses), with each band's first and last age beside it. */
function ageBands(shares: Record<string, number>): ((u: number) => number) & { lo: Int32Array; hi: Int32Array } {
  const keys = Object.keys(shares);
  const lo = Int32Array.from(keys, (key) => AGE_RANGES[key][0]);
  const hi = Int32Array.from(keys, (key) => AGE_RANGES[key][1]);
  return Object.assign(shareIndexDrawer(shares), { lo, hi });
}
