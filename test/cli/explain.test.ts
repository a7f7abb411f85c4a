/** `pathways explain` says what it is doing while it links the cohort (it printed nothing for ~15 s at scale 1). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from './in-process.ts';
import { smallRun } from './small-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathways-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pathways explain', () => {
  let run: string;
  let crn: string;
  beforeAll(async () => {
    ({ dir: run } = await smallRun(dir));
    crn = readFileSync(join(run, 'linkage', 'requirements.csv'), 'utf8').split('\n')[1].split(',')[1];
  });

  it('reports its progress on stderr while it links, and prints the waterfall with --limit candidates', async () => {
    const r = await cliInProcess(['explain', '--run', run, '--crn', crn, '--limit', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/explain: linking \d+ cohort requirements to \d+ NDTMS episodes\n/);
    expect(r.stderr).toMatch(/explain: reading the truth\n/);
    expect(r.stdout).toMatch(new RegExp(`^requirement \\S+ \\((ATR|DRR), sentenced`));
    const shown = r.stdout.match(/truth: (TRUE match|not this person)/g) ?? [];
    const requirements = (r.stdout.match(/^requirement /gm) ?? []).length;
    expect(shown.length).toBeLessThanOrEqual(2 * requirements);
    const quiet = await cliInProcess(['explain', '--run', run, '--crn', crn, '--quiet']);
    expect([quiet.status, quiet.stderr]).toEqual([0, '']);
  });
});
