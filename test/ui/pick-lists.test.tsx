import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import fc from 'fast-check';
import { parseCsvRows } from '../../src/io/csv-read.ts';
import { loadRunTables, type RunTables } from '../../cli/ui/run-tables.ts';
import { loadPickLists, entriesOf, type PickLists } from '../../cli/ui/pick-lists.ts';
import { falseMatchKind, missKind, ndeliusDepartures, ndtmsDepartures, sectorOf, type TrueIdentity } from '../../cli/ui/error-kinds.ts';
import { ExplorerScreen } from '../../cli/ui/explorer-screen.tsx';
import { App } from '../../cli/ui/app.tsx';
import { listScenarios } from '../../cli/ui/paths.ts';
import { printUi } from '../../cli/ui/open.tsx';
import { frameUntil, fullRun, KEY, ROOT, settle, tempDir, widestLine } from './fixture.ts';

type Row = Record<string, string>;

let dir: string;
let runsDir: string;
let tables: RunTables;
let lists: PickLists;

const read = new Map<string, Row[]>();

/** The run's CSV files read independently of the UI code (once each), to know what it should list. */
function csv(path: string): Row[] {
  let rows = read.get(path);
  if (!rows) {
    const [header, ...body] = parseCsvRows(readFileSync(join(dir, path), 'utf8'), path);
    rows = body.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    read.set(path, rows);
  }
  return rows;
}

beforeAll(async () => {
  runsDir = tempDir('pick');
  dir = await fullRun('full', runsDir);
  tables = await loadRunTables(dir);
  lists = await loadPickLists(tables);
}, 180_000);

const list = (name: string) => lists.lists.find((l) => l.name === name) as PickLists['lists'][number];

const TRUTH: TrueIdentity = { forename: 'William', surname: 'Hughes', alt_surname: 'Evans', dob: '1984-03-11', sex: 'M', postcode: 'CM18 0CS', previous_postcode: 'CM22 0MA', nhs_number: null };
const RIGHT = { initials: 'WH', dob: '1984-03-11', sex: 'M', postcode_sector: 'CM18 0' };

describe('kinds of error, named from the case', () => {
  it('names each departure of an NDTMS episode by the field and how it differs', () => {
    const kinds = (over: Partial<typeof RIGHT>) => ndtmsDepartures({ ...RIGHT, ...over }, TRUTH).map((d) => d.kind);
    expect(kinds({})).toEqual([]);
    expect(kinds({ postcode_sector: 'CM22 0' })).toEqual(['stale postcode']);
    expect(kinds({ postcode_sector: 'CM18 4' })).toEqual(['postcode mistyped']);
    expect(kinds({ postcode_sector: null as unknown as string })).toEqual(['postcode missing']);
    expect(kinds({ dob: '1984-11-03' })).toEqual(['transposed date']);
    expect(kinds({ dob: '1984-01-01' })).toEqual(['birth date defaulted to 1 January']);
    expect(kinds({ dob: '1994-03-11' })).toEqual(['birth date mistyped']);
    expect(kinds({ initials: 'BH' })).toEqual(['nickname']);
    expect(kinds({ initials: 'HW' })).toEqual(['names swapped']);
    expect(kinds({ initials: 'WE' })).toEqual(['surname changed']);
    expect(kinds({ sex: 'F' })).toEqual(['sex miscoded']);
    expect(kinds({ initials: 'BH', postcode_sector: 'CM22 0' })).toEqual(['nickname', 'stale postcode']);
  });

  it('names nDelius departures on the full names', () => {
    const record = { forename: 'William', surname: 'Hughes', dob: '1984-03-11', sex: 'M', postcode: 'CM18 0CS' };
    expect(ndeliusDepartures(record, TRUTH)).toEqual([]);
    expect(ndeliusDepartures({ ...record, forename: 'Bill' }, TRUTH).map((d) => d.kind)).toEqual(['nickname']);
    expect(ndeliusDepartures({ ...record, surname: 'Evans' }, TRUTH).map((d) => d.kind)).toEqual(['surname changed']);
    expect(ndeliusDepartures({ ...record, surname: 'Hughse' }, TRUTH).map((d) => d.kind)).toEqual(['name misspelt']);
    expect(ndeliusDepartures({ ...record, postcode: 'CM22 0MA' }, TRUTH).map((d) => d.kind)).toEqual(['stale postcode']);
  });

  it('property: day and month swapped is always a transposed date, and a record equal to the truth departs nowhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1930, max: 2005 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (y, m, d) => {
        fc.pre(m !== d);
        const iso = (a: number, b: number) => `${y}-${String(a).padStart(2, '0')}-${String(b).padStart(2, '0')}`;
        const truth = { ...TRUTH, dob: iso(m, d) };
        expect(ndtmsDepartures({ ...RIGHT, dob: iso(d, m) }, truth).map((x) => x.kind)).toEqual(['transposed date']);
        expect(ndtmsDepartures({ ...RIGHT, dob: iso(m, d) }, truth)).toEqual([]);
      }),
    );
  });

  it('a doppelganger is two people who truly share initials, birth date and sex', () => {
    const other: TrueIdentity = { ...TRUTH, forename: 'Wayne', surname: 'Hall', postcode: 'LS1 4VX', previous_postcode: null };
    const record = { forename: 'William', surname: 'Hughes', dob: TRUTH.dob, sex: 'M', postcode: TRUTH.postcode };
    expect(falseMatchKind(record, { ...RIGHT, postcode_sector: 'LS1 4' }, TRUTH, other).kind).toBe('doppelganger');
    const older: TrueIdentity = { ...other, dob: '1984-11-03' };
    // The other person's birth date entered day-first: the records agree where the people do not.
    expect(falseMatchKind(record, { ...RIGHT, dob: '1984-03-11', postcode_sector: 'LS1 4' }, TRUTH, older).kind).toBe('made alike by transposed date');
    expect(missKind(record, { ...RIGHT, postcode_sector: 'CM22 0' }, TRUTH).kind).toBe('stale postcode');
  });
});

describe('pick lists of a run', () => {
  it('lists every true pair the linkage missed and every false match, and no other pair', () => {
    const keys = new Map(csv('truth/truth_ndelius_requirements.csv').map((k) => [k.record_id, k.person_id]));
    const owner = new Map(csv('truth/truth_ndtms_community.csv').map((k) => [k.episode_id, k.person_id]));
    const links = new Set(csv('linkage/links.csv').map((l) => `${l.record_id} ${l.episode_id}`));
    const cohort = csv('linkage/requirements.csv').map((r) => r.record_id);
    const byPerson = new Map<string, string[]>();
    for (const [e, p] of owner) byPerson.set(p, [...(byPerson.get(p) ?? []), e]);
    const missed = cohort.flatMap((r) => (byPerson.get(keys.get(r) ?? '') ?? []).filter((e) => !links.has(`${r} ${e}`)).map((e) => `${r} ${e}`));
    const falses = [...links].filter((l) => {
      const [r, e] = l.split(' ');
      return owner.get(e) !== keys.get(r);
    });
    const pairs = (name: string) => list(name).kinds.flatMap((k) => k.entries.map((e) => `${e.recordId} ${e.focus}`));
    expect(pairs('Linkage misses').sort()).toEqual(missed.sort());
    expect(pairs('Linkage false matches').sort()).toEqual(falses.sort());
    expect(falses.length, 'the run made false matches').toBeGreaterThan(0);
  });

  it("names each miss from the records' own data: a stale postcode is the previous address", () => {
    const people = new Map(csv('truth/truth_people.csv').map((p) => [p.crn, p]));
    const episodes = new Map(csv('observed/ndtms_community.csv').map((e) => [e.episode_id, e]));
    const records = new Map(csv('observed/ndelius_requirements.csv').map((r) => [r.record_id, r]));
    const stale = list('Linkage misses').kinds.find((k) => k.kind === 'stale postcode');
    expect(stale?.entries.length, 'the run has misses from a stale postcode').toBeGreaterThan(0);
    for (const e of stale?.entries ?? []) {
      const person = people.get(e.crn as string) as Row;
      const episode = episodes.get(e.focus as string) as Row;
      const record = records.get(e.recordId) as Row;
      const ndtmsStale = episode.postcode_sector === sectorOf(person.previous_postcode) && episode.postcode_sector !== sectorOf(person.postcode);
      const ndeliusStale = record.postcode === person.previous_postcode && record.postcode !== person.postcode;
      expect(ndtmsStale || ndeliusStale, `${e.label}`).toBe(true);
    }
  });

  it('finds doppelgangers among the false matches: the two people share initials, birth date and sex', () => {
    const people = new Map(csv('truth/truth_people.csv').map((p) => [p.person_id, p]));
    const owner = new Map(csv('truth/truth_ndtms_community.csv').map((k) => [k.episode_id, k.person_id]));
    const crns = new Map(csv('truth/truth_people.csv').map((p) => [p.crn, p.person_id]));
    const dopp = list('Linkage false matches').kinds.find((k) => k.kind === 'doppelganger');
    expect(dopp?.entries.length, 'the run has a doppelganger').toBeGreaterThan(0);
    for (const e of dopp?.entries ?? []) {
      const a = people.get(crns.get(e.crn as string) as string) as Row;
      const b = people.get(owner.get(e.focus as string) as string) as Row;
      expect(a.person_id).not.toBe(b.person_id);
      expect([a.forename[0] + a.surname[0], a.dob, a.sex]).toEqual([b.forename[0] + b.surname[0], b.dob, b.sex]);
    }
  });

  it("groups the classifier's errors by the note's true kind", () => {
    const truth = new Map(csv('truth/truth_contact_notes.csv').map((n) => [n.note_id, n]));
    const fp = list('Classifier false positives');
    expect(entriesOf(fp)).toBeGreaterThan(0);
    const names: Record<string, string> = { plan: 'plan or referral', other_person: 'other person', historical: 'historical', non_engagement: 'negation', claimed_engagement: 'claimed engagement', substance_talk: 'substance talk', routine: 'routine' };
    for (const k of fp.kinds) {
      for (const e of k.entries) {
        const t = truth.get(e.focus as string) as Row;
        expect(t.true_label).toBe('not_engaged');
        expect(names[t.note_kind]).toBe(k.kind);
        expect(e.label).toMatch(/KW "[^"]+" · engaged \d\.\d\d/);
      }
    }
    for (const k of list('Classifier false negatives').kinds) for (const e of k.entries) expect(truth.get(e.focus as string)?.true_label).toBe('engaged');
  });

  it('lists reconvictions lost to the recording lag: truly reconvicted, the outcome after the extraction date', () => {
    const recorded = new Map(csv('reconviction/requirements.csv').map((r) => [r.record_id, r]));
    const keys = new Map(csv('truth/truth_ndelius_requirements.csv').map((k) => [k.record_id, k.requirement_id]));
    const reqs = new Map(csv('truth/truth_requirements.csv').map((r) => [r.requirement_id, r]));
    const cases = csv('truth/truth_court_cases.csv');
    const lag = list('Reconvictions the records got wrong').kinds.find((k) => k.kind === 'lost to the recording lag');
    expect(lag?.entries.length, 'the run lost reconvictions to the lag').toBeGreaterThan(0);
    for (const e of lag?.entries ?? []) {
      const recordId = e.recordId;
      expect(recorded.get(recordId)?.reconvicted).toBe('false');
      const req = keys.get(recordId) as string;
      expect(reqs.get(req)?.reconvicted).toBe('true');
      expect(cases.some((c) => c.requirement_id === req && c.outcome === 'guilty' && c.recorded === 'false' && c.outcome_date > '2023-03-31')).toBe(true);
      expect(e.section).toBe('conclusions');
    }
  });

  it('prints the lists as text and as JSON off a terminal', async () => {
    let out = '';
    const stdout = { write: (s: string) => ((out += s), true), isTTY: false } as unknown as NodeJS.WriteStream;
    await printUi({ run: dir, lists: true, runsDir }, stdout, stdout);
    expect(out).toMatch(/== Linkage misses \(\d+\) ==/);
    expect(out).toMatch(/\n\d+ doppelganger: two real people share initials/);
    expect(widestLine(out)).toBeLessThanOrEqual(100);
    out = '';
    await printUi({ run: dir, lists: true, json: true, runsDir }, stdout, stdout);
    const json = JSON.parse(out) as PickLists;
    expect(json.lists.map((l) => l.name)).toEqual(lists.lists.map((l) => l.name));
    expect(entriesOf(json.lists[1])).toBe(entriesOf(lists.lists[1]));
  });
});

describe('pick lists in the explorer', () => {
  it('at 80x24: a kind opens on its cases, a case opens its person on the candidate, l goes back to the same place', async () => {
    const { lastFrame, stdin, unmount } = render(<ExplorerScreen runDir={dir} width={80} height={21} active onLock={() => {}} initialLists />);
    const first = await frameUntil(lastFrame, (f) => /Misses \d+ · False matches \d+/.test(f), 60_000);
    expect(widestLine(first)).toBeLessThanOrEqual(80);
    expect(first.split('\n').length).toBeLessThanOrEqual(21);
    await settle();
    // The false matches; the doppelgangers, opened.
    stdin.write(KEY.right);
    await frameUntil(lastFrame, (f) => f.includes("links to someone else's episode"));
    const falses = list('Linkage false matches');
    const at = falses.kinds.findIndex((k) => k.kind === 'doppelganger');
    for (let i = 0; i < at; i++) {
      await settle();
      stdin.write(KEY.down);
    }
    await frameUntil(lastFrame, (f) => f.includes('› ▸') && f.includes('doppelganger'));
    await settle();
    stdin.write(KEY.enter);
    await frameUntil(lastFrame, (f) => f.includes('› ▾'));
    await settle();
    stdin.write(KEY.down);
    const entry = falses.kinds[at].entries[0];
    const chosen = await frameUntil(lastFrame, (f) => f.includes(`Enter opens ${entry.crn} on its candidate episodes`));
    expect(chosen).toContain('two real people share initials');
    const listView = chosen;
    await settle();
    stdin.write(KEY.enter);
    // The person, scrolled to the false match's candidate line (the waterfalls need a relink first).
    const person = await frameUntil(lastFrame, (f) => f.includes(`CRN ${entry.crn} ·`) || new RegExp(`✗ ${entry.focus}.* · FALSE MATCH`).test(f), 60_000);
    const candidate = person.includes('FALSE MATCH') ? person : await frameUntil(lastFrame, (f) => new RegExp(`✗ ${entry.focus}.* · FALSE MATCH · someone else`).test(f), 60_000);
    expect(candidate).toMatch(/prior\s+-\d+\.\d\d\s+=/);
    expect(widestLine(candidate)).toBeLessThanOrEqual(80);
    await settle();
    stdin.write('l');
    const back = await frameUntil(lastFrame, (f) => f.includes('› ') && f.includes('doppelganger'));
    expect(back).toBe(listView);
    unmount();
  }, 120_000);

  it('a note from the false positives opens on the notes with that note marked', async () => {
    const { lastFrame, stdin, unmount } = render(<ExplorerScreen runDir={dir} width={80} height={21} active onLock={() => {}} initialLists />);
    await frameUntil(lastFrame, (f) => /Misses \d+/.test(f), 60_000);
    for (let i = 0; i < 2; i++) {
      await settle();
      stdin.write(KEY.right);
    }
    await frameUntil(lastFrame, (f) => f.includes('classifier labelled engaged that are not'));
    await settle();
    stdin.write(KEY.enter);
    await settle();
    stdin.write(KEY.down);
    const entry = list('Classifier false positives').kinds[0].entries[0];
    await frameUntil(lastFrame, (f) => f.includes('on its contact notes'));
    await settle();
    stdin.write(KEY.enter);
    const notes = await frameUntil(lastFrame, (f) => f.includes(`${entry.label.slice(0, 10)}`) && f.includes('✗ false positive'), 60_000);
    // A note's line may wrap at 80 columns (a long keyword pushes its truth to the next line).
    expect(notes.replace(/\s+/g, ' ')).toMatch(/classifier: engaged \d\.\d\d · truth: not_engaged/);
    unmount();
  }, 120_000);

  it('keeps the list, the open kind and the cursor across ? and screen switches', async () => {
    const scenarios = listScenarios(join(ROOT, 'scenarios'));
    const { lastFrame, stdin, unmount } = render(<App scenarios={scenarios} runsDir={runsDir} runDir={dir} size={{ width: 80, height: 24 }} lists />);
    await frameUntil(lastFrame, (f) => /Misses \d+/.test(f), 60_000);
    await settle();
    stdin.write(KEY.right);
    await settle();
    stdin.write(KEY.right);
    await settle();
    stdin.write(KEY.enter);
    await settle();
    stdin.write(KEY.down);
    const before = await frameUntil(lastFrame, (f) => f.includes('on its contact notes'));
    expect(before).toContain('Enter show');
    await settle();
    stdin.write('?');
    await frameUntil(lastFrame, (f) => f.includes('Keys on the Explorer screen') && f.includes('another list'));
    await settle();
    stdin.write('x');
    await frameUntil(lastFrame, (f) => f === before);
    await settle();
    stdin.write('2');
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    await settle();
    stdin.write('3');
    const after = await frameUntil(lastFrame, (f) => f.includes('on its contact notes'));
    expect(after).toBe(before);
    unmount();
  }, 120_000);
});
