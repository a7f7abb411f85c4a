import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Box, renderToString } from 'ink';
import { render } from 'ink-testing-library';
import { parseCsvRows } from '../../src/io/csv-read.ts';
import { loadRunTables, type RunTables } from '../../cli/ui/run-tables.ts';
import { findPersonByCrn, initialsOf, loadPersonView, postcodeSector, requirementRows } from '../../cli/ui/person-model.ts';
import { personLines } from '../../cli/ui/person-lines.tsx';
import { ExplorerScreen } from '../../cli/ui/explorer-screen.tsx';
import { frameUntil, settle, smallRun, tempDir, widestLine } from './fixture.ts';

type Row = Record<string, string>;

/** The run's CSV files read independently of the UI code, to know what it should show. */
function csv(dir: string, side: string, name: string): Row[] {
  const [header, ...rows] = parseCsvRows(readFileSync(join(dir, side, `${name}.csv`), 'utf8'), name);
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

let dir: string;
let tables: RunTables;
let people: Map<string, Row>;
let requirements: Row[];

beforeAll(async () => {
  dir = await smallRun('explore');
  tables = await loadRunTables(dir);
  people = new Map(csv(dir, 'truth', 'truth_people').map((p) => [p.person_id, p]));
  requirements = csv(dir, 'truth', 'truth_requirements');
});

/** Which of the person's requirements (as the explorer orders them) is this one. */
function indexOf(personId: number, requirementId: string): number {
  const ids = requirementRows(tables, personId).map((r) => String((tables.requirements.columns.requirement_id.values as Int32Array)[r]));
  return ids.indexOf(requirementId);
}

describe('person model', () => {
  it('finds a person by CRN, case and spaces aside', () => {
    const person = [...people.values()].find((p) => p.crn !== '') as Row;
    expect(findPersonByCrn(tables, ` ${person.crn.toLowerCase()} `)).toBe(Number(person.person_id));
    expect(findPersonByCrn(tables, 'Z000000')).toBeNull();
  });

  it('marks the nDelius fields that differ from the truth, and only those', async () => {
    const keys = new Map(csv(dir, 'truth', 'truth_ndelius_requirements').map((k) => [k.record_id, k]));
    const noisy = csv(dir, 'observed', 'ndelius_requirements').find((r) => {
      const p = people.get(keys.get(r.record_id)?.person_id ?? '');
      return p && r.surname !== p.surname && r.forename === p.forename && keys.get(r.record_id)?.duplicate === 'false';
    }) as Row;
    expect(noisy, 'the run has an nDelius record with a wrong surname').toBeDefined();
    const key = keys.get(noisy.record_id) as Row;
    const personId = Number(key.person_id);
    const view = await loadPersonView(tables, personId, indexOf(personId, key.requirement_id));
    const row = view?.groups[0].rows.find((r) => r.id === noisy.record_id);
    expect(row?.cells.surname).toEqual({ value: noisy.surname || null, differs: true });
    expect(row?.cells.forename.differs).toBe(false);
    expect(row?.cells.dob).toEqual({ value: noisy.dob || null, differs: noisy.dob !== people.get(key.person_id)?.dob });
    const text = renderToString(<Box flexDirection="column">{personLines(view!)}</Box>, { columns: 80 });
    expect(text).toContain(`${noisy.surname}*`.slice(0, 10));
    expect(text).toContain(`T truth`);
    expect(widestLine(text)).toBeLessThanOrEqual(80);
  });

  it('compares NDTMS initials and postcode sector with the true name and postcode', async () => {
    const episodes = new Map(csv(dir, 'observed', 'ndtms_community').map((e) => [e.episode_id, e]));
    const keyed = csv(dir, 'truth', 'truth_ndtms_community').find((k) => {
      const p = people.get(k.person_id);
      return k.requirement_id !== '' && p && episodes.get(k.episode_id)?.initials !== initialsOf(p.forename, p.surname);
    }) as Row;
    expect(keyed, 'the run has an NDTMS episode with wrong initials').toBeDefined();
    const truth = people.get(keyed.person_id) as Row;
    const personId = Number(keyed.person_id);
    const view = await loadPersonView(tables, personId, indexOf(personId, keyed.requirement_id));
    const ndtms = view?.groups.find((g) => g.system === 'ndtms');
    expect(ndtms?.truth.initials).toBe(`${truth.forename[0]}${truth.surname[0]}`);
    expect(ndtms?.truth.postcode_sector).toBe(postcodeSector(truth.postcode));
    const row = ndtms?.rows.find((r) => r.id === keyed.episode_id);
    expect(row).toMatchObject({ otherPerson: false, thisRequirement: true, link: null });
    expect(row?.cells.initials).toEqual({ value: episodes.get(keyed.episode_id)?.initials || null, differs: true });
    // The true timeline lists the episode next to the sentence.
    expect(view?.timeline.some((e) => e.what.includes(keyed.episode_id) && e.source === 'ndtms')).toBe(true);
    expect(view?.timeline.some((e) => e.what.startsWith('sentenced:'))).toBe(true);
  });

  it('shows the links made for the requirement, true and false, from linkage/links.csv', async () => {
    const keyed = csv(dir, 'truth', 'truth_ndtms_community').filter((k) => k.requirement_id !== '');
    const mine = keyed[0];
    const other = keyed.find((k) => k.person_id !== mine.person_id) as Row;
    const record = csv(dir, 'truth', 'truth_ndelius_requirements').find((k) => k.requirement_id === mine.requirement_id) as Row;
    const linked = join(tempDir('links'), 'run');
    // A copy of the run with a links file: one true link and one to someone else's episode.
    await import('node:fs').then((fs) => fs.cpSync(dir, linked, { recursive: true }));
    mkdirSync(join(linked, 'linkage'));
    writeFileSync(
      join(linked, 'linkage', 'links.csv'),
      `record_id,episode_id,match_weight,match_probability\n${record.record_id},${mine.episode_id},12.5,0.999\n${record.record_id},${other.episode_id},3.5,0.61\n`,
    );
    const withLinks = await loadRunTables(linked);
    const personId = Number(mine.person_id);
    const view = await loadPersonView(withLinks, personId, indexOf(personId, mine.requirement_id));
    const trueEpisodes = keyed.filter((k) => k.requirement_id === mine.requirement_id).length;
    expect(view?.linkage).toEqual({ present: true, links: 2, trueLinks: 1, falseLinks: 1, missed: trueEpisodes - 1 });
    const rows = view?.groups.find((g) => g.system === 'ndtms')?.rows ?? [];
    expect(rows.find((r) => r.id === other.episode_id)).toMatchObject({ otherPerson: true, link: { weight: 3.5, probability: 0.61 } });
    const text = renderToString(<Box flexDirection="column">{personLines(view!)}</Box>, { columns: 80 });
    expect(text).toMatch(new RegExp(`✗ ${other.episode_id}.*3\\.5 0\\.610`));
    expect(text).toMatch(/Linkage: 2 links · 1 true · 1 false · \d+ of this requirement's episodes missed/);
    const without = await loadPersonView(tables, personId, indexOf(personId, mine.requirement_id));
    expect(without?.linkage.present).toBe(false);
  });

  it('reads the same person from CSV-only and Parquet run folders', async () => {
    const csvRun = await smallRun('explore-csv', 'csv');
    const csvTables = await loadRunTables(csvRun);
    const personId = Number(requirements.find((r) => r.scope === 'in_scope' && r.structured === 'true')?.person_id);
    const a = await loadPersonView(tables, personId, 0);
    const b = await loadPersonView(csvTables, personId, 0);
    expect(a?.groups.reduce((n, g) => n + g.rows.length, 0)).toBeGreaterThan(1);
    expect(b).toEqual(a);
  });
});

describe('explorer screen', () => {
  const twoRequirements = () => {
    const counts = new Map<string, number>();
    for (const r of requirements) counts.set(r.person_id, (counts.get(r.person_id) ?? 0) + 1);
    return [...counts].find(([, n]) => n >= 2)?.[0] as string;
  };

  it('opens on a random requirement, finds a CRN typed after /, and says when there is none', async () => {
    const locks: boolean[] = [];
    const { lastFrame, stdin, unmount } = render(<ExplorerScreen runDir={dir} width={80} height={21} active onLock={(l) => locks.push(l)} random={() => 0} />);
    await frameUntil(lastFrame, (f) => /Person \d+ · CRN/.test(f));
    const target = [...people.values()].filter((p) => p.crn !== '')[5];
    await settle();
    stdin.write('/');
    await frameUntil(lastFrame, (f) => f.includes('CRN:'));
    // Typing a CRN must not switch screens: the app's keys are locked while the field is open.
    await frameUntil(() => String(locks.at(-1)), (v) => v === 'true');
    await settle();
    stdin.write(target.crn);
    await frameUntil(lastFrame, (f) => f.includes(target.crn));
    await settle();
    stdin.write('\r');
    const found = await frameUntil(lastFrame, (f) => f.includes(`Person ${target.person_id} · CRN ${target.crn}`));
    expect(found).toContain(`${target.forename} ${target.surname}`);
    await frameUntil(() => String(locks.at(-1)), (v) => v === 'false');
    expect(found.split('\n').length).toBeLessThanOrEqual(21);
    expect(widestLine(found)).toBeLessThanOrEqual(80);

    stdin.write('/');
    await frameUntil(lastFrame, (f) => f.includes('CRN:'));
    await settle();
    stdin.write('Q999999');
    await frameUntil(lastFrame, (f) => f.includes('Q999999'));
    // The input's Enter handler sees the typed text only once its effect has re-attached.
    await settle();
    stdin.write('\r');
    await frameUntil(lastFrame, (f) => f.includes('No person with CRN Q999999 in this run'));
    unmount();
  });

  it('moves between a person’s requirements with the arrow keys and picks another at random with r', async () => {
    const personId = twoRequirements();
    const crn = people.get(personId)?.crn as string;
    const draws = [0.999, 0];
    const { lastFrame, stdin, unmount } = render(<ExplorerScreen runDir={dir} width={80} height={21} active onLock={() => {}} initialCrn={crn} random={() => draws.shift() ?? 0} />);
    await frameUntil(lastFrame, (f) => f.includes(`CRN ${crn} · requirement 1 of`));
    await settle();
    stdin.write('\u001B[C');
    await frameUntil(lastFrame, (f) => f.includes(`CRN ${crn} · requirement 2 of`));
    stdin.write('r');
    const random = await frameUntil(lastFrame, (f) => !f.includes(`CRN ${crn} ·`) && /Person \d+/.test(f));
    expect(random).toMatch(/Person \d+ · CRN [A-Z]\d{6} · requirement \d of \d/);
    unmount();
  });
});
