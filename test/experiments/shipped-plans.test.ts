/**
 * The plans shipped in scenarios/sweeps/ (issue 15 item 8): each one resolves (every knob path a
 * key of the scenario or the methods document, every grid point valid), and its committed
 * summary under reports/sweeps/NAME/ was made from this plan (same name, grid and estimands).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlan, readSweepBase, resolveGrid } from '../../src/experiments/plan.ts';
import { readSweepFolder } from '../../src/experiments/read.ts';
import { ROOT } from '../helpers.ts';

const plans = readdirSync(join(ROOT, 'scenarios', 'sweeps')).filter((f) => f.endsWith('.yaml'));

describe('shipped sweep plans', () => {
  it('include the three questions of the study and the common random numbers plan', () => {
    expect(plans.sort()).toEqual(['crn.yaml', 'engagement.yaml', 'identifiers.yaml', 'threshold.yaml']);
  });

  it.each(plans)('%s resolves every grid point', (file) => {
    const { plan, dir } = readPlan(join(ROOT, 'scenarios', 'sweeps', file), {});
    const points = resolveGrid(plan, readSweepBase(plan, dir));
    expect(points.length).toBe(Object.values(plan.grid).reduce((n, v) => n * v.length, 1));
    expect(plan.name).toBe(file.replace(/\.yaml$/, ''));
  });

  it.each(plans)('%s: the committed summary, if any, is of this plan', (file) => {
    const { plan } = readPlan(join(ROOT, 'scenarios', 'sweeps', file), {});
    const dir = join(ROOT, 'reports', 'sweeps', plan.name);
    if (!existsSync(dir)) return;
    const folder = readSweepFolder(dir);
    expect(folder.record.plan.name).toBe(plan.name);
    expect(folder.record.plan.grid).toEqual(plan.grid);
    expect(folder.record.plan.estimands).toEqual(plan.estimands);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/replicates/);
    expect(folder.summary.length).toBeGreaterThan(0);
  });
});
