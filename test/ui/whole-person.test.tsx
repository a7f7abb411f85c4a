import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Box, renderToString } from 'ink';
import { render } from 'ink-testing-library';
import { parseCsvRows } from '../../src/io/csv-read.ts';
import { keywordFilter } from '../../src/methods/notes/keywords.ts';
import { loadRunTables, type RunTables } from '../../cli/ui/run-tables.ts';
import { loadPersonView, requirementRows, type PersonView } from '../../cli/ui/person-model.ts';
import { loadPersonExtras, type PersonExtras } from '../../cli/ui/person-extras.ts';
import { formatProbability, personLines, wrapText } from '../../cli/ui/person-lines.tsx';
import { ExplorerScreen } from '../../cli/ui/explorer-screen.tsx';
import { App } from '../../cli/ui/app.tsx';
import { listScenarios } from '../../cli/ui/paths.ts';
import { frameUntil, fullRun, KEY, pressUntil, ROOT, settle, tempDir, widestLine } from './fixture.ts';

type Row = Record<string, string>;

function csv(dir: string, path: string): Row[] {
  const [header, ...rows] = parseCsvRows(readFileSync(join(dir, path), 'utf8'), path);
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

let dir: string;
let runsDir: string;
let tables: RunTables;
/** A link the run made to someone else's episode, on its person's first requirement. */
let falseMatch: { recordId: string; episodeId: string; personId: number; crn: string; requirementId: string };
let view: PersonView;
let extras: PersonExtras;

beforeAll(async () => {
  runsDir = tempDir('whole');
  dir = await fullRun('full', runsDir);
  tables = await loadRunTables(dir);
  const records = new Map(csv(dir, 'truth/truth_ndelius_requirements.csv').map((k) => [k.record_id, k]));
  const episodes = new Map(csv(dir, 'truth/truth_ndtms_community.csv').map((k) => [k.episode_id, k.person_id]));
  const crns = new Map(csv(dir, 'truth/truth_people.csv').map((p) => [p.person_id, p.crn]));
  const found = csv(dir, 'linkage/links.csv').flatMap((l) => {
    const key = records.get(l.record_id);
    if (!key || episodes.get(l.episode_id) === key.person_id) return [];
    const personId = Number(key.person_id);
    const first = requirementRows(tables, personId)[0];
    const firstId = String((tables.requirements.columns.requirement_id.values as Int32Array)[first]);
    return firstId === key.requirement_id ? [{ recordId: l.record_id, episodeId: l.episode_id, personId, crn: crns.get(key.person_id) as string, requirementId: key.requirement_id }] : [];
  });
  expect(found.length, 'the run made a false match').toBeGreaterThan(0);
  falseMatch = found[0];
  view = (await loadPersonView(tables, falseMatch.personId, 0)) as PersonView;
  extras = await loadPersonExtras(tables, view);
}, 180_000);

describe('the whole person', () => {
  it('shows the false match among the candidates with explain’s waterfall, summing to its weight', () => {
    const c = extras.candidates.find((x) => x.recordId === falseMatch.recordId && x.explanation.rightId === falseMatch.episodeId);
    expect(c, 'the false match is a candidate').toBeDefined();
    expect(c?.samePerson).toBe(false);
    expect(c?.linked).toBe(true);
    const steps = c!.explanation.steps;
    expect(steps[0].label).toBe('prior');
    expect(steps.at(-1)?.label).toBe('total');
    const sum = steps.slice(0, -1).reduce((s, x) => s + x.weight, 0);
    expect(sum).toBeCloseTo(c!.explanation.matchWeight, 6);
    const text = renderToString(<Box flexDirection="column">{personLines(view, extras, { width: 80 })}</Box>, { columns: 80 });
    expect(text).toMatch(new RegExp(`✗ ${falseMatch.episodeId}( \\(R\\d+\\))? · w -?\\d+\\.\\d\\d · p \\S+ · FALSE MATCH · someone else`));
    expect(text).toMatch(/prior\s+-\d+\.\d\d\s+=/);
    expect(widestLine(text)).toBeLessThanOrEqual(80);
    // Each waterfall step keeps explain's columns at 80 (values too long go to the next line).
    const stepLines = text.split('\n').filter((l) => /^ {4}\S+\s+[+-]\d+\.\d\d\s+=/.test(l));
    expect(stepLines.length).toBeGreaterThan(0);
    for (const l of stepLines) expect(l, l).toMatch(/^ {4}\S+ +[+-]\d+\.\d\d {2}= +-?\d+\.\d\d( {2}|$)/);
    expect(text).toContain(`match probability ${formatProbability(c!.explanation.matchProbability)}`);
  });

  it('lists the notes of the requirement window with the filter, the classifier and the truth', () => {
    const record = csv(dir, 'observed/ndelius_requirements.csv').find((r) => r.record_id === falseMatch.recordId) as Row;
    const from = view.requirement.sentence_date as string;
    const to = [view.requirement.termination_date ?? '2023-03-31', '2023-03-31'].sort()[0];
    const truth = new Map(csv(dir, 'truth/truth_contact_notes.csv').map((n) => [n.note_id, n]));
    const expected = csv(dir, 'observed/contact_notes.csv').filter((n) => n.crn === record.crn && n.contact_date >= from && n.contact_date <= to);
    expect(extras.notes.map((n) => n.noteId).sort()).toEqual(expected.map((n) => n.note_id).sort());
    const filter = keywordFilter();
    for (const n of extras.notes) {
      expect(n.keyword).toBe(filter.matches(n.text));
      expect(n.trueLabel).toBe(truth.get(n.noteId)?.true_label);
      expect(n.kind).toBe(truth.get(n.noteId)?.note_kind);
      if (!n.keyword) expect(n.label).toBe('not_engaged');
    }
  });

  it('gives the methods’ conclusions beside the truth, from the run’s own outputs', () => {
    const linked = csv(dir, 'linkage/requirements.csv').find((r) => r.record_id === falseMatch.recordId) as Row;
    const reconvicted = csv(dir, 'reconviction/requirements.csv').find((r) => r.record_id === falseMatch.recordId) as Row;
    const truth = csv(dir, 'truth/truth_requirements.csv').find((r) => r.requirement_id === falseMatch.requirementId) as Row;
    const by = new Map(extras.conclusions.map((c) => [c.question, c]));
    expect(by.get('linked to structured treatment?')).toMatchObject({ method: linked.linked === 'true' ? 'yes' : 'no', truth: truth.structured === 'true' ? 'yes' : 'no' });
    expect(by.get('status at 31 March 2023')?.method).toBe(linked.status || 'not_linked');
    expect(by.get('reconvicted in 12 months?')?.method).toBe(reconvicted.reconvicted === 'true' ? 'yes' : 'no');
    expect(by.get('reconvicted in 12 months?')?.truth.startsWith(truth.reconvicted === 'true' ? 'yes' : 'no')).toBe(true);
    expect(by.get('engaged in notes (window)?')?.truth).toBe(truth.engaged_in_window === 'true' ? 'yes' : 'no');
  });

  it('keeps a probability’s distinguishing digits and wraps without losing words', () => {
    expect(formatProbability(0.9999999924)).toBe('1−7.6e-9');
    expect(formatProbability(0.61)).toBe('0.610');
    expect(formatProbability(3.4e-7)).toBe('3.4e-7');
    const text = 'Encouraged the PoP to attend SMART Recovery meetings at the hub on Tuesdays and Thursdays';
    const lines = wrapText(text, 20);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines.join(' ')).toBe(text);
  });
});

describe('explorer screen on a known false match', () => {
  it('jumps with n to the waterfall, the notes and the conclusions, at 80 columns', async () => {
    const { lastFrame, stdin, unmount } = render(<ExplorerScreen runDir={dir} width={80} height={21} active onLock={() => {}} initialCrn={falseMatch.crn} />);
    await frameUntil(lastFrame, (f) => f.includes(`CRN ${falseMatch.crn} · requirement 1 of`));
    await settle();
    // The waterfalls need the cohort linked again: wait for the last section to be there.
    await pressUntil(stdin, 'G', lastFrame, (f) => f.includes('reconvicted in 12 months?'));
    await settle();
    stdin.write('g');
    await frameUntil(lastFrame, (f) => f.includes('True timeline'));
    const seen: string[] = [];
    for (const want of ['True timeline', 'Records, field by field', 'Candidate NDTMS episodes', 'Contact notes', 'Conclusions for this requirement']) {
      await settle();
      stdin.write('n');
      // A section jumped to is the first line under the explorer's own line.
      const frame = await frameUntil(lastFrame, (f) => (f.split('\n')[1] ?? '').startsWith(want) || (want.startsWith('Conclusions') && f.includes(want)));
      expect(widestLine(frame)).toBeLessThanOrEqual(80);
      expect(frame.split('\n').length).toBeLessThanOrEqual(21);
      seen.push(frame);
    }
    expect(seen[2]).toMatch(new RegExp(`✗ ${falseMatch.episodeId}.* · FALSE MATCH · someone else`));
    expect(seen[2]).toMatch(/prior\s+-\d+\.\d\d\s+=/);
    expect(seen[3]).toMatch(/classifier no-plan-cues/);
    expect(seen[4]).toMatch(/reconvicted in 12 months\? +method: (yes|no) · truth: (yes|no)/);
    unmount();
  }, 60_000);
});

describe('state kept across help and screen switches', () => {
  it('keeps the dashboard tab and scroll, and the explorer person and note filter', async () => {
    const scenarios = listScenarios(join(ROOT, 'scenarios'));
    const { lastFrame, stdin, unmount } = render(<App scenarios={scenarios} runsDir={runsDir} runDir={dir} size={{ width: 80, height: 24 }} crn={falseMatch.crn} initialScreen="dashboard" />);
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    await settle();
    // The All estimates tab, scrolled down a page.
    stdin.write(KEY.left);
    await frameUntil(lastFrame, (f) => /lines 1-\d+ of \d+/.test(f) && f.includes('▸ Cohort'));
    await settle();
    stdin.write(KEY.pageDown);
    const scrolled = await frameUntil(lastFrame, (f) => /lines (\d+)-/.test(f) && !/lines 1-/.test(f));
    const where = scrolled.match(/lines \d+-\d+ of \d+/)?.[0] as string;
    await settle();
    stdin.write('?');
    await frameUntil(lastFrame, (f) => f.includes('Keys on the Dashboard screen'));
    await settle();
    stdin.write('x');
    await frameUntil(lastFrame, (f) => f.includes(where));

    await settle();
    stdin.write('3');
    await frameUntil(lastFrame, (f) => f.includes(`CRN ${falseMatch.crn} ·`));
    await settle();
    await pressUntil(stdin, 'G', lastFrame, (f) => f.includes('reconvicted in 12 months?'));
    await settle();
    stdin.write('k');
    await settle();
    stdin.write('p');
    const notes = await frameUntil(lastFrame, (f) => /Contact notes .*with a keyword of \d+/.test(f));
    const explorerView = notes.split('\n').slice(1, -1).join('\n');
    await settle();
    stdin.write('2');
    await frameUntil(lastFrame, (f) => f.includes(where));
    await settle();
    stdin.write('3');
    const back = await frameUntil(lastFrame, (f) => f.includes('with a keyword of'));
    expect(back.split('\n').slice(1, -1).join('\n')).toBe(explorerView);
    await settle();
    stdin.write('?');
    await frameUntil(lastFrame, (f) => f.includes('Keys on the Explorer screen') && f.includes('keyword notes only'));
    await settle();
    stdin.write('x');
    const after = await frameUntil(lastFrame, (f) => f.includes('with a keyword of'));
    expect(after.split('\n').slice(1, -1).join('\n')).toBe(explorerView);
    unmount();
  }, 90_000);
});
