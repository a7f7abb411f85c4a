/**
 * `pathways score-links` in both modes on hand-computed cases: recall counts every true pair of
 * the truth given (not only the records the links file names), --min-probability and --group
 * apply in both modes, the two modes agree on the same links, and the bench's own
 * linkage/links.csv scores exactly as the linkage stage scored it in results.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../cli/in-process.ts';
import { smallRun } from '../cli/small-run.ts';
import { parseCsv } from '../../src/io/csv-read.ts';
import { readManifest } from '../../src/io/manifest.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { readRunTable } from '../../src/io/read-table.ts';
import { TABLES } from '../../src/records/tables.ts';
import { studyCohort } from '../../src/study/cohort.ts';
import { studyFacts } from '../../src/study/facts.ts';
import { strings } from '../../src/io/table.ts';
import type { Results } from '../../src/results/estimate.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathways-score-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function scores(args: string[]) {
  const r = await cliInProcess(['score-links', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('score-links, file mode, hand-computed', () => {
  // Truth: L1 is A (2 right records), L2 is B (1), L3 is C (none on the right), L4 has no entity.
  // True pairs: (L1,R1), (L1,R2), (L2,R3): 3; left records with a true match: L1, L2.
  const left = () => file('left.csv', 'id,entity,team\nL1,A,g1\nL2,B,g1\nL3,C,g2\nL4,,g2\n');
  const right = () => file('right.csv', 'id,entity\nR1,A\nR2,A\nR3,B\nR4,D\n');
  const links = () => file('links.csv', 'left_id,right_id,match_probability\nL1,R1,0.9\nL1,R3,0.4\nL2,R3,0.8\nL4,R4,0.95\n');
  const truth = () => ['--truth-left', left(), '--truth-right', right()];

  it('every link: 2 of 4 right, 2 of 3 true pairs found, both left records with a match found', async () => {
    const { overall } = await scores(['--links', links(), ...truth()]);
    expect(overall).toMatchObject({ predicted: 4, truePositives: 2, falsePositives: 2, truePairs: 3, falseNegatives: 1, precision: 0.5, falseMatchRate: 0.5 });
    expect(overall.recall).toBeCloseTo(2 / 3, 12);
    expect(overall.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), 12);
    expect(overall).toMatchObject({ leftWithTrueMatch: 2, leftFound: 2, leftRecall: 1 });
  });

  it('a links file naming a subset of the records: recall is still over every true pair', async () => {
    const { overall } = await scores(['--links', file('subset.csv', 'left_id,right_id\nL1,R1\n'), ...truth()]);
    expect(overall).toMatchObject({ predicted: 1, truePositives: 1, precision: 1, truePairs: 3, leftFound: 1, leftRecall: 0.5 });
    expect(overall.recall).toBeCloseTo(1 / 3, 12);
  });

  it('--min-probability 0.85 keeps (L1,R1) and (L4,R4); 2 is refused', async () => {
    const { overall } = await scores(['--links', links(), ...truth(), '--min-probability', '0.85']);
    expect(overall).toMatchObject({ predicted: 2, truePositives: 1, precision: 0.5, truePairs: 3 });
    expect(overall.recall).toBeCloseTo(1 / 3, 12);
    const refused = await cliInProcess(['score-links', '--links', links(), ...truth(), '--min-probability', '2']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('pathways: --min-probability: expected a number in [0, 1], got "2"\n');
  });

  it('--group team: g1 holds L1, L2 and three links; g2 holds L3, L4 and the one false link', async () => {
    const { byGroup } = await scores(['--links', links(), ...truth(), '--group', 'team']);
    expect(byGroup.g1).toMatchObject({ predicted: 3, truePositives: 2, truePairs: 3, leftWithTrueMatch: 2, leftFound: 2 });
    expect(byGroup.g1.precision).toBeCloseTo(2 / 3, 12);
    expect(byGroup.g1.recall).toBeCloseTo(2 / 3, 12);
    expect(byGroup.g2).toMatchObject({ predicted: 1, truePositives: 0, truePairs: 0, precision: 0 });
  });

  it('--out writes the scores, then refuses to replace them without --force, and never replaces an input', async () => {
    const out = join(dir, 'scores.json');
    rmSync(out, { force: true });
    expect((await cliInProcess(['score-links', '--links', links(), ...truth(), '--out', out])).status).toBe(0);
    const first = readFileSync(out, 'utf8');
    expect(JSON.parse(first).overall.predicted).toBe(4);
    const again = await cliInProcess(['score-links', '--links', links(), ...truth(), '--min-probability', '0.85', '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--out .*scores\.json: already exists \(use --force to replace it\)/);
    expect(readFileSync(out, 'utf8')).toBe(first);
    expect((await cliInProcess(['score-links', '--links', links(), ...truth(), '--min-probability', '0.85', '--out', out, '--force'])).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).overall.predicted).toBe(2);
    const linksPath = links();
    const onInput = await cliInProcess(['score-links', '--links', linksPath, ...truth(), '--out', linksPath, '--force']);
    expect(onInput.status).toBe(2);
    expect(onInput.stderr).toMatch(/would replace the input --links/);
    expect(readFileSync(linksPath, 'utf8')).toContain('L4,R4,0.95');
  });
});

describe('score-links, run mode, on a small run', () => {
  let run: string;
  let results: Results;
  let truthLeft: string;
  let truthRight: string;
  let totalTruePairs: number;
  const linksCsv = () => join(run, 'linkage', 'links.csv');

  beforeAll(async () => {
    ({ dir: run, results } = await smallRun(dir));
    // Truth files for file mode, written from the run's truth for the cohort the linkage links.
    const manifest = readManifest(run);
    const { scenario } = loadScenario(manifest.scenario.path);
    const ndelius = await readRunTable(run, 'observed', 'ndelius_requirements', TABLES.ndelius_requirements.columns);
    const selection = studyCohort(ndelius, studyFacts(scenario.window));
    const ids = strings(ndelius, 'record_id');
    const cohort = new Set(selection.rows.map((r) => ids[r]));
    const keys = parseCsv(readFileSync(join(run, 'truth', 'truth_ndelius_requirements.csv'), 'utf8'), 'keys');
    const [rid, pid] = ['record_id', 'person_id'].map((c) => keys.header.indexOf(c));
    const leftRows = keys.records.filter((r) => cohort.has(r.fields[rid])).map((r) => `${r.fields[rid]},${r.fields[pid]}`);
    truthLeft = file('run-left.csv', `id,entity\n${leftRows.join('\n')}\n`);
    const episodes = parseCsv(readFileSync(join(run, 'truth', 'truth_ndtms_community.csv'), 'utf8'), 'episodes');
    const [eid, epid] = ['episode_id', 'person_id'].map((c) => episodes.header.indexOf(c));
    truthRight = file('run-right.csv', `id,entity\n${episodes.records.map((r) => `${r.fields[eid]},${r.fields[epid]}`).join('\n')}\n`);
    // The true pairs, counted plainly: for each cohort record, its person's episodes.
    const episodesOf = new Map<string, number>();
    for (const r of episodes.records) episodesOf.set(r.fields[epid], (episodesOf.get(r.fields[epid]) ?? 0) + 1);
    totalTruePairs = keys.records.filter((r) => cohort.has(r.fields[rid])).reduce((n, r) => n + (episodesOf.get(r.fields[pid]) ?? 0), 0);
  });

  const estimate = (id: string, group = 'all') => results.estimates.find((e) => e.id === id && e.group === group)?.estimate;

  it("scores the bench's own links.csv (record_id,episode_id) as the linkage stage did", async () => {
    const { overall } = await scores(['--run', run, '--links', linksCsv()]);
    expect(overall.truePairs).toBe(totalTruePairs);
    expect(100 * overall.precision).toBeCloseTo(estimate('linkage.precision') as number, 9);
    expect(100 * overall.recall).toBeCloseTo(estimate('linkage.recall') as number, 9);
    expect(100 * overall.f1).toBeCloseTo(estimate('linkage.f1') as number, 9);
  });

  it('--group sex gives the stage\'s by-sex figures', async () => {
    const { byGroup } = await scores(['--run', run, '--links', linksCsv(), '--group', 'sex']);
    for (const sex of ['female', 'male']) {
      expect(100 * byGroup[sex].recall).toBeCloseTo(estimate('linkage.recall', `all|sex=${sex}`) as number, 9);
      expect(100 * byGroup[sex].precision).toBeCloseTo(estimate('linkage.precision', `all|sex=${sex}`) as number, 9);
    }
  });

  it('the two modes agree on the same links, with and without --min-probability', async () => {
    for (const extra of [[], ['--min-probability', '0.999']]) {
      const onRun = await scores(['--run', run, '--links', linksCsv(), ...extra]);
      const onFiles = await scores(['--links', linksCsv(), '--truth-left', truthLeft, '--truth-right', truthRight, ...extra]);
      expect(onRun).toEqual(onFiles);
    }
    const all = await scores(['--run', run, '--links', linksCsv()]);
    const strict = await scores(['--run', run, '--links', linksCsv(), '--min-probability', '0.999']);
    expect(strict.overall.predicted).toBeLessThan(all.overall.predicted);
  });

  it('ten correct links score recall 10 / all true pairs, not 1.0, in both modes', async () => {
    const links = parseCsv(readFileSync(linksCsv(), 'utf8'), 'links');
    const all = await scores(['--run', run, '--links', linksCsv()]);
    expect(all.overall.truePositives).toBeGreaterThan(10);
    // Keep ten links that are true, checked one by one against the run's truth.
    const entity = new Map(readFileSync(truthLeft, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
    const episodeEntity = new Map(readFileSync(truthRight, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
    const right = links.records.filter((r) => entity.get(r.fields[0]) === episodeEntity.get(r.fields[1])).slice(0, 10);
    const ten = file('ten.csv', `record_id,episode_id\n${right.map((r) => `${r.fields[0]},${r.fields[1]}`).join('\n')}\n`);
    for (const truth of [['--run', run], ['--truth-left', truthLeft, '--truth-right', truthRight]]) {
      const { overall } = await scores(['--links', ten, ...truth]);
      expect(overall).toMatchObject({ predicted: 10, truePositives: 10, precision: 1, truePairs: totalTruePairs });
      expect(overall.recall).toBeCloseTo(10 / totalTruePairs, 12);
    }
  });

  it('--min-probability 2 and an unknown --group are refused in run mode too', async () => {
    const min = await cliInProcess(['score-links', '--run', run, '--links', linksCsv(), '--min-probability', '2']);
    expect([min.status, min.stderr]).toEqual([2, 'pathways: --min-probability: expected a number in [0, 1], got "2"\n']);
    const group = await cliInProcess(['score-links', '--run', run, '--links', linksCsv(), '--group', 'shoe_size']);
    expect(group.status).toBe(2);
    expect(group.stderr).toMatch(/--group: with --run, one of sex, age, ethnicity, region, accommodation, got "shoe_size"/);
    expect(existsSync(join(run, 'scores.json'))).toBe(false);
  });
});
