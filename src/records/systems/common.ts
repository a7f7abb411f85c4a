/**
 * What every system's record builder shares: the run's world and scenario, row ids, row
 * orders that leak nothing of how the world was generated, and a recorder of identities
 * with the system's own noise.
 */
import type { Scenario } from '../../scenario/schema.ts';
import { stream, mix32, type Rng } from '../../random/stream.ts';
import type { Table } from '../../io/table.ts';
import type { Accommodation, Person, World } from '../../world/types.ts';
import { identityRecorder, type RecordedIdentity } from '../noise/identity.ts';

/** What one system wrote: its observed tables and, apart, their keys to the truth. */
export interface SystemRecords {
  observed: Table[];
  truth: Table[];
}

/** What every builder reads. */
export interface RecordsContext {
  scenario: Scenario;
  world: World;
  seed: number;
  /** The extraction date. */
  end: number;
  people: World['people'];
  /** Each person's accommodation when probation first knew them (by person id). */
  firstAccommodation: (Accommodation | null)[];
  nhsOn: boolean;
  completeness: Scenario['nhs_number']['completeness'];
}

export function recordsContext(scenario: Scenario, world: World, seed: number): RecordsContext {
  const people = world.people;
  // By person id (an array: NDTMS asks for each of ~675,000 clients, mostly people with none).
  const firstAccommodation: (Accommodation | null)[] = new Array(people.length).fill(null);
  for (const r of world.requirements) firstAccommodation[r.personId] ??= r.accommodation;
  return { scenario, world, seed, end: world.window.end, people, firstAccommodation, nhsOn: scenario.nhs_number.enabled, completeness: scenario.nhs_number.completeness };
}

/** A row id: the prefix, then n zero-padded to `width` digits (`pad('E', 12)` is `E00000012`). */
export function pad(prefix: string, n: number, width = 8): string {
  // The usual case (a one-letter prefix, eight digits) as one string from its character codes:
  // a million ids then cost one allocation each rather than the three of String, padStart and +.
  if (width === 8 && prefix.length === 1 && n >= 0 && n < 1e8 && Number.isInteger(n)) {
    return String.fromCharCode(
      prefix.charCodeAt(0),
      48 + (Math.floor(n / 1e7) % 10), 48 + (Math.floor(n / 1e6) % 10), 48 + (Math.floor(n / 1e5) % 10), 48 + (Math.floor(n / 1e4) % 10),
      48 + (Math.floor(n / 1e3) % 10), 48 + (Math.floor(n / 100) % 10), 48 + (Math.floor(n / 10) % 10), 48 + (n % 10),
    );
  }
  return prefix + String(n).padStart(width, '0');
}

export function sortedIndices(n: number, keys: (i: number) => (number | string)[]): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  const cache = idx.map(keys);
  idx.sort((a, b) => {
    const ka = cache[a];
    const kb = cache[b];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) return -1;
      if (ka[i] > kb[i]) return 1;
    }
    return 0;
  });
  return idx;
}

/**
 * Row order by day, then a tie-breaker (a 32-bit hash), then position: a counting sort on the
 * day (stable, so position order holds within a day) and, within each day, a native sort of
 * the tie-breaker packed with the row's place in its day. A million rows take a tenth of what
 * a comparator sort over all of them took.
 */
export function orderByDay(n: number, day: (i: number) => number, tie: (i: number) => number): Uint32Array {
  const days = new Int32Array(n);
  const ties = new Uint32Array(n);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    days[i] = day(i);
    ties[i] = tie(i);
    if (days[i] < first) first = days[i];
    if (days[i] > last) last = days[i];
  }
  const order = new Uint32Array(n);
  if (n === 0) return order;
  const starts = new Uint32Array(last - first + 2);
  for (let i = 0; i < n; i++) starts[days[i] - first + 1]++;
  for (let d = 1; d < starts.length; d++) starts[d] += starts[d - 1];
  const next = starts.slice();
  for (let i = 0; i < n; i++) order[next[days[i] - first]++] = i;
  // tie * 2^21 + place is exact below 2^53, so a day may hold up to 2^21 rows.
  const PLACES = 2 ** 21;
  const packed = new Float64Array(n);
  const within = new Uint32Array(n);
  for (let d = 0; d + 1 < starts.length; d++) {
    const from = starts[d];
    const to = starts[d + 1];
    if (to - from < 2) continue;
    if (to - from > PLACES) throw new Error(`orderByDay: more than ${PLACES} rows on one day`);
    for (let k = from; k < to; k++) packed[k] = ties[order[k]] * PLACES + (k - from);
    packed.subarray(from, to).sort();
    for (let k = from; k < to; k++) within[k] = order[from + (packed[k] % PLACES)];
    for (let k = from; k < to; k++) order[k] = within[k];
  }
  return order;
}

/**
 * A tie-breaker for rows on the same day, from the row's stable identity (a case key; a
 * person, an agency and a day), never its position in the world's lists: adding or removing
 * other rows leaves it where it was, and it says nothing of how the world was generated. Rows
 * with the same identity fall back to their relative order in the world, which other rows do
 * not move either.
 */
export function tieBreak(seed: number, a: number, b = 0, c = 0): number {
  let h = mix32((seed ^ 0x2545f491) >>> 0);
  h = mix32((h ^ a) >>> 0);
  h = mix32((h ^ b) >>> 0);
  h = mix32((h ^ c) >>> 0);
  return h;
}

export interface Recorder {
  identity(person: Person, key: number, accommodation: Accommodation | null): RecordedIdentity;
  extra: (key: number) => Rng;
}

export function recorder(scenario: Scenario, seed: number, system: 'ndelius' | 'ndtms' | 'pnomis' | 'courts'): Recorder {
  const draws = stream(seed, `records.${system}.noise`);
  const content = stream(seed, `records.${system}.noise-content`);
  const extra = stream(seed, `records.${system}.fields`);
  const record = identityRecorder(scenario, scenario.noise[system]);
  const recordContent = content.reusableLazy();
  return {
    // What an error looks like is drawn from a generator made only when one happens (a few
    // records in a hundred); a record's draws end with its identity, so one handle, re-pointed
    // per record, serves them all.
    identity: (person, key, accommodation) => record(person, accommodation, draws.at(key), recordContent.reseed(key)),
    extra: (key) => extra.at(key),
  };
}
