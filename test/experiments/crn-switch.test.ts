/**
 * The common random numbers switch (issue 15 item 3's figure needs a sweep without them) and
 * knobs that set a mapping: `common_random_numbers: false` gives every grid point its own seeds
 * and so its own worlds; a mapping under a knob path sets every key beneath it and is written
 * as JSON in the CSVs. Worlds use a 20,000-person background at scale 0.02.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSchema, readSweepBase, resolveGrid, knobText } from '../../src/experiments/plan.ts';
import { resultsCsv, runSweep, seedOf, sweepRecord } from '../../src/experiments/sweep.ts';
import { ROOT, cli, tempDir } from '../helpers.ts';

function base(): string {
  const dir = tempDir('crn-switch');
  writeFileSync(join(dir, 'small.yaml'), `extends: ${join(ROOT, 'scenarios/baseline.yaml')}\nname: small-background\nbackground:\n  people: 20000\n`);
  return dir;
}

describe('common random numbers off', () => {
  it('gives each grid point its own seed, so method-only points no longer share a world', async () => {
    const dir = base();
    const plan = planSchema.parse({ name: 't', aims: 't', scenario: 'small.yaml', replicates: 1, scale: 0.02, seed: 5, estimands: ['link.*'], grid: { 'methods.linkage.threshold.match_probability': [0.5, 0.99] }, common_random_numbers: false });
    const points = resolveGrid(plan, readSweepBase(plan, dir));
    const rows = await runSweep(plan, points);
    expect([0, 1].map((p) => new Set(rows.filter((r) => r.point === p).map((r) => r.seed)))).toEqual([new Set([5]), new Set([6])]);
    // Different seeds, different worlds: the true linked share of the cohort differs.
    const truth = (p: number) => rows.find((r) => r.point === p && r.estimand === 'link.structured' && r.group === 'all')!.truth;
    expect(truth(0)).not.toBe(truth(1));
    expect(sweepRecord(plan, points).seeds).toEqual([5, 6]);
  });

  it('numbers the seeds so that no two tasks share one', () => {
    const plan = planSchema.parse({ name: 't', aims: 't', replicates: 7, seed: 3, grid: { a: [1, 2, 3] }, common_random_numbers: false });
    const seeds = [0, 1, 2].flatMap((p) => Array.from({ length: 7 }, (_, r) => seedOf(plan, p, r)));
    expect(new Set(seeds).size).toBe(21);
    const on = planSchema.parse({ ...plan, common_random_numbers: true });
    expect([0, 1, 2].map((p) => seedOf(on, p, 4))).toEqual([7, 7, 7]);
  });

  it('--crn takes on or off only: one line, exit 2, nothing written', () => {
    const dir = base();
    const r = cli(['sweep', '--vary', 'noise.multiplier=1,2', '--crn', 'maybe', '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('pathways: --crn: on or off, got "maybe"');
    expect(readdirSync(dir)).toEqual(['small.yaml']);
  });
});

describe('a mapping under a knob path', () => {
  it('sets every key beneath it, and is written as JSON', () => {
    const dir = base();
    const none = { transpose: 0, default_first_january: 0, typo: 0, missing: 0 };
    const plan = planSchema.parse({ name: 't', aims: 't', scenario: 'small.yaml', grid: { 'noise.ndtms.dob': [none, { typo: 0.5 }] } });
    const points = resolveGrid(plan, readSweepBase(plan, dir));
    expect(points[0].scenario.noise.ndtms.dob).toEqual(none);
    // A partial mapping leaves the other keys at the scenario's values.
    expect(points[1].scenario.noise.ndtms.dob.typo).toBe(0.5);
    const [unswept] = resolveGrid(planSchema.parse({ name: 't', aims: 't', scenario: 'small.yaml' }), readSweepBase(plan, dir));
    expect(points[1].scenario.noise.ndtms.dob.transpose).toBe(unswept.scenario.noise.ndtms.dob.transpose);
    expect(unswept.scenario.noise.ndtms.dob.transpose).toBeGreaterThan(0);
    expect(knobText(none)).toBe('{"transpose":0,"default_first_january":0,"typo":0,"missing":0}');
    const csv = resultsCsv(['noise.ndtms.dob'], [{ task: 'p0-r0', point: 0, knobs: { 'noise.ndtms.dob': none }, replicate: 0, seed: 1, estimand: 'e', group: 'all', unit: 'pct', estimate: 1, ci: null, truth: 1, published: null }]);
    expect(csv.split('\n')[1]).toBe('p0-r0,"{""transpose"":0,""default_first_january"":0,""typo"":0,""missing"":0}",0,1,e,all,pct,1,,,1,');
  });

  it('is refused, naming the knob, when a key beneath it is unknown', () => {
    const dir = base();
    const planPath = join(dir, 'plan.yaml');
    writeFileSync(planPath, JSON.stringify({ name: 't', aims: 't', scenario: 'small.yaml', grid: { 'noise.ndtms.dob': [{ typo: 0.1, nonsense: 1 }] } }));
    const r = cli(['sweep', '--plan', planPath, '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/noise\.ndtms\.dob/);
    expect(readdirSync(dir).sort()).toEqual(['plan.yaml', 'small.yaml']);
  });
});
