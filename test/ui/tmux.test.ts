/**
 * The UI in a real terminal: tmux runs it at 100x30, keys go in with send-keys and the screen
 * comes back with capture-pane. Skipped, saying so, where tmux is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BASELINE, delay, fullRun, ROOT, smallRun, tempDir } from './fixture.ts';
import { parseCsvRows } from '../../src/io/csv-read.ts';
import { loadRunTables } from '../../cli/ui/run-tables.ts';
import { requirementRows } from '../../cli/ui/person-model.ts';
import { readFileSync } from 'node:fs';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('test/ui/tmux.test.ts: tmux not found, the terminal test is skipped (apt-get install -y tmux to run it)');

const sessions: string[] = [];

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** A session of our own running `command` in the repository, CI unset so that Ink draws. */
function startSession(command: string, env = 'env -u CI', size: [number, number] = [100, 30]): string {
  const name = `pathways-ui-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  sessions.push(name);
  tmux('new-session', '-d', '-s', name, '-x', String(size[0]), '-y', String(size[1]), '-c', ROOT, `${env} ${command}; echo UI-EXITED $?; sleep 600`);
  return name;
}

const screen = (name: string) => tmux('capture-pane', '-p', '-t', name);

async function waitFor(name: string, test: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(name);
    if (test(text)) return text;
    if (Date.now() > until) throw new Error(`tmux: never saw ${what}; the screen was:\n${text}`);
    await delay(100);
  }
}

const keys = (name: string, ...k: string[]) => tmux('send-keys', '-t', name, ...k);
const typed = (name: string, text: string) => tmux('send-keys', '-t', name, '-l', text);
const ui = `${process.execPath} --import tsx cli/pathways.ts ui`;
const train = `${process.execPath} --import tsx cli/pathways.ts train`;

function csv(dir: string, path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRows(readFileSync(join(dir, path), 'utf8'), path);
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** The CRN of a person the run falsely linked to someone else's episode, on their first requirement. */
async function falseMatchCrn(dir: string): Promise<{ crn: string; episodeId: string }> {
  const tables = await loadRunTables(dir);
  const records = new Map(csv(dir, 'truth/truth_ndelius_requirements.csv').map((k) => [k.record_id, k]));
  const episodes = new Map(csv(dir, 'truth/truth_ndtms_community.csv').map((k) => [k.episode_id, k.person_id]));
  const crns = new Map(csv(dir, 'truth/truth_people.csv').map((p) => [p.person_id, p.crn]));
  try {
    for (const l of csv(dir, 'linkage/links.csv')) {
      const key = records.get(l.record_id);
      if (!key || episodes.get(l.episode_id) === key.person_id) continue;
      const first = requirementRows(tables, Number(key.person_id))[0];
      if (String((tables.requirements.columns.requirement_id.values as Int32Array)[first]) === key.requirement_id) return { crn: crns.get(key.person_id) as string, episodeId: l.episode_id };
    }
  } finally {
    tables.rows.close();
  }
  throw new Error('the run made no false match on a first requirement');
}

describe.skipIf(!hasTmux)('pathways ui in a real terminal (tmux)', () => {
  let runsDir: string;
  let dir: string;
  let crn: string;

  beforeAll(async () => {
    runsDir = tempDir('tmux');
    dir = await smallRun('small', 'both', runsDir);
    const lines = spawnSync('head', ['-3', join(dir, 'truth', 'truth_people.csv')], { encoding: 'utf8' }).stdout.split('\n');
    crn = lines[1].split(',')[lines[0].split(',').indexOf('crn')];
  });

  afterAll(() => {
    for (const name of sessions) spawnSync('tmux', ['kill-session', '-t', name]);
  });

  it('draws the dashboard, the explorer, the run folders, runs and cancels a scenario, and quits with q', async () => {
    const name = startSession(`${ui} --run ${dir} --runs ${runsDir}`);
    const dashboard = await waitFor(name, (s) => s.includes('Requirements in the cohort'), 'the dashboard');
    expect(dashboard).toContain('Pathways bench');
    expect(dashboard).toMatch(/published\s+recovered\s+truth/);

    keys(name, 'Right');
    await waitFor(name, (s) => s.includes('Linkage precision and recall') && s.includes('not in this run'), 'the linkage tab');

    keys(name, '3');
    await waitFor(name, (s) => s.includes('True timeline'), 'the explorer');
    keys(name, '/');
    await waitFor(name, (s) => s.includes('CRN:'), 'the CRN field');
    typed(name, crn);
    // Keys that arrive in one read are one input to Ink: let the text land before Enter.
    await waitFor(name, (s) => s.includes(`CRN: ${crn}`), 'the typed CRN');
    keys(name, 'Enter');
    const person = await waitFor(name, (s) => s.includes(`CRN ${crn} ·`), `the person with CRN ${crn}`);
    expect(person).toMatch(/T truth/);

    keys(name, '4');
    await waitFor(name, (s) => s.includes('newest first') && s.includes('small'), 'the run folders');

    keys(name, '1');
    await waitFor(name, (s) => s.includes('Run a scenario') && s.includes('nhs-number'), 'the run screen');
    keys(name, 'Enter');
    await waitFor(name, (s) => s.includes('Seed (0 to 4294967295)'), 'the seed field');
    keys(name, 'Enter');
    await waitFor(name, (s) => s.includes('Scale (0.01 to 4'), 'the scale field');
    for (const left of ['0.', '0', '']) {
      keys(name, 'BSpace');
      await waitFor(name, (s) => new RegExp(`England\\):\\s*${left.replace('.', '\\.')}\\s*$`, 'm').test(s), `the scale field holding "${left}"`);
    }
    // Big enough that the run is still going when Esc arrives.
    typed(name, '0.3');
    await waitFor(name, (s) => /Scale.*: 0\.3/.test(s), 'the typed scale');
    keys(name, 'Enter');
    await waitFor(name, (s) => /generate\s.*\d+\/\d+/.test(s), 'progress of the generate stage');
    keys(name, 'Escape');
    await waitFor(name, (s) => s.includes('Cancelled: no run folder was left behind'), 'the cancelled run');
    // Neither the run folder nor its hidden staging folder is there.
    expect(readdirSync(runsDir).sort()).toEqual(['small']);

    keys(name, '?');
    await waitFor(name, (s) => s.includes('Keys on the Run screen'), 'the help');
    keys(name, 'x');
    await waitFor(name, (s) => !s.includes('Keys on the Run screen'), 'the help closing');

    keys(name, 'q');
    await waitFor(name, (s) => s.includes('UI-EXITED 0'), 'the UI quitting');
  });

  it('Ctrl-C during a scale-1 run stops it, leaves no folder and exits with status 130 within 2 s', async () => {
    const runs = tempDir('ctrl-c');
    const name = startSession(`${ui} --scenario ${BASELINE} --scale 1 --runs ${runs}`);
    await waitFor(name, (s) => s.includes('Seed (0 to 4294967295)'), 'the seed field');
    keys(name, 'Enter');
    await waitFor(name, (s) => s.includes('Scale (0.01 to 4'), 'the scale field');
    keys(name, 'Enter');
    await waitFor(name, (s) => /generate\s.*\d+\/\d+/.test(s), 'progress of the generate stage');
    // The run is writing: its staging folder is there.
    const until = Date.now() + 30_000;
    while (!readdirSync(runs).some((n) => n.includes('.partial-')) && Date.now() < until) await delay(50);
    expect(readdirSync(runs).some((n) => n.includes('.partial-'))).toBe(true);
    const pressed = Date.now();
    keys(name, 'C-c');
    const end = await waitFor(name, (s) => s.includes('UI-EXITED'), 'the UI exiting', 10_000);
    const seconds = (Date.now() - pressed) / 1000;
    expect(end).toContain('UI-EXITED 130');
    expect(seconds, `exited ${seconds.toFixed(2)} s after Ctrl-C`).toBeLessThan(2);
    expect(readdirSync(runs)).toEqual([]);
  });

  it('at 80x24: opens the explorer on a known false match and reads its waterfall, notes and conclusions; answers three exercise questions and sees the score', async () => {
    const full = await fullRun('full', tempDir('tmux-full'));
    const { crn, episodeId } = await falseMatchCrn(full);

    // The pick lists: the false matches by kind, the commonest kind opened, its first case chosen.
    const lists = startSession(`${ui} --run ${full} --lists`, 'env -u CI', [80, 24]);
    await waitFor(lists, (s) => /Misses \d+ · False matches \d+/.test(s), 'the pick lists', 60_000);
    keys(lists, 'Right');
    await waitFor(lists, (s) => s.includes("links to someone else's episode") && s.includes('› ▸'), 'the false matches');
    keys(lists, 'Enter');
    await waitFor(lists, (s) => s.includes('› ▾'), 'the kind opened');
    keys(lists, 'Down');
    const chosen = await waitFor(lists, (s) => /› +\S+ R\d{8} → E\d{8}/.test(s), 'a false match chosen');
    const picked = /› +\S+ R\d{8} → (E\d{8})/.exec(chosen)?.[1] as string;
    keys(lists, 'Enter');
    const opened = await waitFor(lists, (s) => new RegExp(`✗ ${picked}.* · FALSE MATCH · someone else`).test(s), 'the chosen false match in the explorer', 90_000);
    expect(opened).toMatch(/prior\s+-\d+\.\d\d\s+=/);
    keys(lists, 'l');
    await waitFor(lists, (s) => s.includes(`→ ${picked}`) && s.includes('› '), 'back on the list, at the same case');
    keys(lists, 'q');
    await waitFor(lists, (s) => s.includes('UI-EXITED 0'), 'the UI quitting');
    const name = startSession(`${ui} --run ${full} --crn ${crn}`, 'env -u CI', [80, 24]);
    await waitFor(name, (s) => s.includes(`CRN ${crn} ·`), 'the explorer on the false match');
    // n jumps from section to section; the candidates need the cohort linked again, so press until there.
    const jump = async (title: string, last = false) => {
      const there = (s: string) => s.split('\n')[2]?.startsWith(title) || (last && s.includes(title));
      const until = Date.now() + 60_000;
      while (!there(screen(name))) {
        if (Date.now() > until) throw new Error(`never reached ${title}:\n${screen(name)}`);
        const before = screen(name);
        keys(name, 'n');
        // The next frame, or (while the waterfalls are still being made) nothing yet: press again.
        await waitFor(name, (s) => s !== before, 'the next section', 5_000).catch(() => '');
      }
      return screen(name);
    };
    const candidates = await jump('Candidate NDTMS episodes');
    expect(candidates).toMatch(new RegExp(`✗ ${episodeId}.* · FALSE MATCH · someone else`));
    expect(candidates).toMatch(/prior\s+-\d+\.\d\d\s+=/);
    expect(candidates).toMatch(/total\s+[+-]\d+\.\d\d/);
    const notes = await jump('Contact notes');
    expect(notes).toMatch(/classifier \S+ · KW/);
    const conclusions = await jump('Conclusions for this requirement', true);
    expect(conclusions).toMatch(/linked to structured treatment\? +method: (yes|no) · truth: (yes|no)/);
    expect(conclusions).toMatch(/reconvicted in 12 months\?/);
    keys(name, 'q');
    await waitFor(name, (s) => s.includes('UI-EXITED 0'), 'the UI quitting');

    const results = tempDir('tmux-train');
    const session = startSession(`${train} --run ${full} --exercise notes --seed 5 --count 3 --results-dir ${results}`, 'env -u CI', [80, 24]);
    for (let i = 1; i <= 3; i++) {
      await waitFor(session, (s) => s.includes(`case ${i} of 3`) && s.includes('y engaged · n not engaged'), `case ${i}`);
      keys(session, i === 2 ? 'n' : 'y');
      await waitFor(session, (s) => /✓ Right|✗ Not so/.test(s) && s.includes(`score `) && s.includes(`/${i}`), `the truth of case ${i}`);
      keys(session, 'Enter');
    }
    const end = await waitFor(session, (s) => /Finished: \d of 3 right\./.test(s), 'the score');
    expect(end.replace(/\s+/g, "")).toContain(`Savedto${results}`);
    keys(session, 'q');
    await waitFor(session, (s) => s.includes('UI-EXITED 0'), 'train quitting');
    expect(readdirSync(results)).toHaveLength(1);
  }, 240_000);

  it('prints plain text instead of drawing when CI is set, even in a terminal', async () => {
    const name = startSession(`${ui} --run ${dir}`, 'env CI=true');
    const text = await waitFor(name, (s) => s.includes('UI-EXITED'), 'the command ending');
    expect(text).toContain('UI-EXITED 0');
    expect(text).toContain('== All estimates ==');
    expect(text).not.toContain('Pathways bench');
  });
});
