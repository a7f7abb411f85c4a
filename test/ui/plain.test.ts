import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openUiWhenBare, shouldDraw } from '../../cli/ui/open.tsx';
import { loadDashboard } from '../../cli/ui/dashboard-model.ts';
import { ROOT, smallRun, tempDir } from './fixture.ts';

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `pathways ui` with stdout a pipe, as in a script or CI log. Async so the runs overlap. */
function ui(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'pathways.ts'), 'ui', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let runsDir: string;
let dir: string;
let crn: string;

beforeAll(async () => {
  runsDir = tempDir('plain');
  dir = await smallRun('small', 'both', runsDir);
  const people = readFileSync(join(dir, 'truth', 'truth_people.csv'), 'utf8').split('\n');
  const header = people[0].split(',');
  crn = people.map((l) => l.split(',')[header.indexOf('crn')]).find((c, i) => i > 0 && /^[A-Z]\d{6}$/.test(c ?? '')) as string;
});

describe('when to draw', () => {
  it('draws only in a terminal without CI', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    expect(shouldDraw(tty, {})).toBe(true);
    expect(shouldDraw(tty, { CI: 'true' })).toBe(false);
    expect(shouldDraw({ isTTY: false } as NodeJS.WriteStream, {})).toBe(false);
  });

  it('opens the UI for a bare `pathways` only at a terminal, never when a command is given', async () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    expect(await openUiWhenBare(['node', 'pathways', 'run'], tty, {})).toBe(false);
    expect(await openUiWhenBare(['node', 'pathways'], { isTTY: false } as NodeJS.WriteStream, {})).toBe(false);
    expect(await openUiWhenBare(['node', 'pathways'], tty, { CI: '1' })).toBe(false);
  });
});

describe('pathways ui without a terminal', () => {
  it('prints the dashboard as plain text, and as JSON with --json', async () => {
    const [text, json] = await Promise.all([ui(['--run', dir]), ui(['--run', dir, '--json'])]);
    expect(text.status).toBe(0);
    expect(text.stdout).not.toMatch(/\u001B\[/);
    for (const title of ['== Headline ==', '== Linkage ==', '== All estimates ==']) expect(text.stdout).toContain(title);
    expect(text.stdout).toMatch(/Requirements in the cohort\s+\d+\s+\d+\s+\d+/);
    expect(text.stdout).toContain('not in this run');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(loadDashboard(dir))));
  });

  it('prints a person by CRN, as text and as JSON', async () => {
    const [text, json] = await Promise.all([ui(['--run', dir, '--crn', crn]), ui(['--run', dir, '--crn', crn, '--json'])]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`CRN ${crn}`);
    expect(text.stdout).toContain('True timeline');
    expect(text.stdout).toContain('T truth');
    const person = JSON.parse(json.stdout) as { crn: string; groups: { system: string }[]; linkage: { present: boolean } };
    expect(person.crn).toBe(crn);
    expect(person.groups.map((g) => g.system)).toEqual(['ndelius', 'ndtms', 'pnomis', 'courts']);
    expect(person.linkage.present).toBe(false);
  });

  it('lists scenarios and finished runs when given nothing, also with CI set', async () => {
    const [text, json] = await Promise.all([ui(['--runs', runsDir], { CI: 'true' }), ui(['--runs', runsDir, '--json'])]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/baseline\s+\S*scenarios\/baseline\.yaml/);
    expect(text.stdout).toMatch(/small\s+\d{4}-\d\d-\d\d \d\d:\d\d/);
    const lists = JSON.parse(json.stdout) as { scenarios: { name: string }[]; runs: { name: string; dir: string }[] };
    expect(lists.scenarios.map((s) => s.name)).toContain('clean');
    expect(lists.runs).toEqual([expect.objectContaining({ name: 'small', dir })]);
  });

  it('runs --scenario with progress lines on stderr, then prints its dashboard', async () => {
    // Scale 0.1 is the UI's default and the smallest every stage handles today.
    const result = await ui(['--scenario', join(ROOT, 'scenarios', 'clean.yaml'), '--scale', '0.1', '--runs', runsDir, '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/running clean, seed 42, scale 0\.1 into .*ui-clean-42-0\.1/);
    expect(result.stderr).toMatch(/\] generate: write ndtms_community \(\d+\/\d+\)/);
    const model = JSON.parse(result.stdout) as { run: { dir: string; scenario: string; scale: number } };
    expect(model.run).toMatchObject({ dir: join(runsDir, 'ui-clean-42-0.1'), scenario: 'clean', scale: 0.1 });
    expect(readdirSync(runsDir).sort()).toEqual(['small', 'ui-clean-42-0.1']);
  });

  it('refuses bad options with one line and exit code 2', async () => {
    const bad = join(tempDir('bad'), 'bad.yaml');
    writeFileSync(bad, `extends: ${join(ROOT, 'scenarios', 'baseline.yaml')}\nnoise:\n  ndtms:\n    dob:\n      transpose: 1.5\n`);
    const results = await Promise.all([
      ui(['--run', join(runsDir, 'missing')]),
      ui(['--run', dir, '--crn', 'Q000000']),
      ui(['--crn', crn]),
      ui(['--run', dir, '--scenario', bad]),
      ui(['--scenario', bad]),
    ]);
    expect(results.map((r) => r.status)).toEqual([2, 2, 2, 2, 2]);
    expect(results[0].stderr).toMatch(/--run .*missing: no results\.json/);
    expect(results[1].stderr).toMatch(/--crn Q000000: no person with that CRN/);
    expect(results[2].stderr).toMatch(/--crn: needs --run/);
    expect(results[3].stderr).toMatch(/--run and --scenario: give one or the other/);
    expect(results[4].stderr).toMatch(/transpose/);
    for (const r of results) expect(r.stdout).toBe('');
  });
});
