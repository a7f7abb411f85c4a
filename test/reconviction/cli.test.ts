/** `pathways reconvictions --run DIR`: refuses a folder without the linkage stage's output, runs on one with it. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers.ts';
import { runStageOnFolder } from '../../src/pipeline/run.ts';
import { linkageStage } from '../../src/pipeline/stages/linkage.ts';
import { silent } from '../../src/pipeline/progress.ts';

const base = mkdtempSync(join(tmpdir(), 'pathways-reconvictions-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('pathways reconvictions', () => {
  it('a folder that is not a run is refused in one line, exit 2', () => {
    const r = cli(['reconvictions', '--run', join(base, 'nothing')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^pathways: reconvictions: .* is not a run folder \(no manifest.json\)/);
  });

  it('a generated folder without linkage says to run link or run first', () => {
    const dir = join(base, 'generated');
    const g = cli(['generate', '--scale', '0.01', '--format', 'csv', '--progress', 'none', '--out', dir]);
    expect(g.status, g.stderr).toBe(0);
    const r = cli(['reconvictions', '--run', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('linkage/requirements.csv is missing');
    expect(r.stderr).toContain(`pathways link --run ${dir}`);
    expect(r.stderr).toContain('pathways run');
    expect(existsSync(join(dir, 'reconviction'))).toBe(false);
  });

  it('after the linkage stage, prints section 4 beside the truth and writes its outputs', async () => {
    const dir = join(base, 'run');
    const g = cli(['generate', '--scale', '0.05', '--format', 'csv', '--progress', 'none', '--out', dir]);
    expect(g.status, g.stderr).toBe(0);
    await runStageOnFolder(dir, linkageStage, silent);
    const r = cli(['reconvictions', '--run', dir, '--progress', 'none']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/reconviction\.pct\.status \[ATR\|status=remained\]\s+13\.0/);
    expect(r.stdout).toContain('regression.reconvicted.odds_ratio [DRR|term=status_remained]');
    for (const f of ['requirements.csv', 'links.csv', 'model.json', 'regression.json', 'directions.json']) expect(existsSync(join(dir, 'reconviction', f)), f).toBe(true);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(results.stages.map((s: { name: string }) => s.name)).toContain('reconviction');
    const recorded = results.estimates.find((e: { id: string; group: string }) => e.id === 'reconviction.recorded_truth.pct' && e.group === 'ATR');
    expect(recorded.published).toBeNull();
    expect(recorded.truth).toBeGreaterThan(recorded.estimate);
  });
});
