/**
 * `pathways sweep` (issue 15, items 2, 3, 6): plans refused before any work, performance
 * measures by Morris, White and Crowther's formulas, common random numbers across method-only
 * grid points, and the written folder. Worlds here use a 20,000-person background at scale
 * 0.02 so a replicate takes a few seconds.
 */
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { performance } from '../../src/experiments/measures.ts';
import { gridPoints, parseVary, planSchema, readSweepBase, resolveGrid } from '../../src/experiments/plan.ts';
import { openStaging, parseShard, resultsCsv, runSweep, summarise, summaryCsv, sweepRecord, writeSweep } from '../../src/experiments/sweep.ts';
import { JOURNAL, readJournal, sweepUnits } from '../../src/experiments/tasks.ts';
import { recordsInMemory } from '../../src/experiments/world.ts';
import { ROOT, cli, tempDir } from '../helpers.ts';

function setup(grid: Record<string, unknown[]>, extra: Record<string, unknown> = {}): { dir: string; plan: string } {
  const dir = tempDir('sweep');
  writeFileSync(join(dir, 'small.yaml'), `extends: ${join(ROOT, 'scenarios/baseline.yaml')}\nname: small-background\nbackground:\n  people: 20000\n`);
  const plan = join(dir, 'plan.yaml');
  writeFileSync(plan, JSON.stringify({ name: 'test', aims: 'test the sweep', scenario: 'small.yaml', replicates: 1, scale: 0.02, grid, ...extra }));
  return { dir, plan };
}

describe('performance measures (Morris, White and Crowther 2019)', () => {
  it('gives bias, empirical SE, RMSE and coverage with their Monte Carlo SEs', () => {
    const p = performance([
      { estimate: 1, truth: 2, ci: [0, 3] },
      { estimate: 2, truth: 2, ci: [1, 1.5] },
      { estimate: 3, truth: 2, ci: [2.5, 4] },
      { estimate: null, truth: 2, ci: null },
    ]);
    expect(p.n).toBe(3);
    expect(p.bias).toBe(0);
    expect(p.bias_mcse).toBeCloseTo(Math.sqrt(2 / 6), 12);
    expect(p.empirical_se).toBeCloseTo(1, 12);
    expect(p.empirical_se_mcse).toBeCloseTo(1 / Math.sqrt(4), 12);
    expect(p.rmse).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(p.coverage).toBeCloseTo(1 / 3, 12);
    expect(p.coverage_mcse).toBeCloseTo(Math.sqrt((1 / 3) * (2 / 3) / 3), 12);
    expect(p.relative_bias).toBe(0);
  });
});

describe('plans', () => {
  it('make a full grid, the first knob slowest', () => {
    expect(gridPoints({ a: [1, 2], b: ['x', 'y'] })).toEqual([{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]);
    expect(parseVary('noise.multiplier=0,0.5,2')).toEqual(['noise.multiplier', [0, 0.5, 2]]);
  });

  it.each([
    ['an unknown scenario path', ['--vary', 'noise.nonsense=1,2'], /grid noise\.nonsense: not a key of the scenario/],
    ['an unknown methods path', ['--vary', 'methods.linkage.nonsense=1'], /knob methods\.linkage\.nonsense=1/],
    ['a value out of range', ['--vary', 'noise.multiplier=1,-1'], /knob noise\.multiplier=-1.*noise\.multiplier/],
    ['a method value out of range', ['--vary', 'methods.linkage.threshold.match_probability=0.5,1.5'], /match_probability=1\.5/],
    ['a bad --vary', ['--vary', 'noise.multiplier='], /--vary noise\.multiplier=: expected PATH=v1,v2/],
    ['--workers 0', ['--workers', '0'], /--workers: must be a whole number from 1, got "0"/],
  ])('refuse %s: one line, exit 2, nothing written', (_, args, message) => {
    const { dir, plan } = setup({});
    const out = join(dir, 'out');
    const r = cli(['sweep', '--plan', plan, '--out', out, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['plan.yaml', 'small.yaml']);
  });

  it('know keys the scenario leaves to their defaults', () => {
    const { dir } = setup({});
    const plan = planSchema.parse({ name: 't', aims: 't', scenario: 'small.yaml', grid: { 'notes.volume.practitionersPerRegion': [30, 90] } });
    const points = resolveGrid(plan, readSweepBase(plan, dir));
    expect(points.map((p) => p.scenario.notes.volume.practitionersPerRegion)).toEqual([30, 90]);
    expect(new Set(points.map((p) => p.worldKey)).size).toBe(2);
  });

  it('refuse an empty grid value list', () => {
    const { dir, plan } = setup({ 'noise.multiplier': [] });
    const r = cli(['sweep', '--plan', plan, '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/grid\.noise\.multiplier/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('a sweep over a method knob', () => {
  it('runs every method variant on the one world of each replicate, and writes the folder', async () => {
    const { dir, plan: planPath } = setup({ 'methods.linkage.threshold.match_probability': [0.5, 0.99] }, { replicates: 2 });
    const plan = planSchema.parse(JSON.parse(readFileSync(planPath, 'utf8')));
    const points = resolveGrid(plan, readSweepBase(plan, dir));
    expect(new Set(points.map((p) => p.worldKey)).size).toBe(1);
    const rows = await runSweep(plan, points);
    // Common random numbers: at both thresholds replicate r has the same world, so the truth of
    // every figure about the whole cohort (link.*) is the same, while the linkage moved. (Figures
    // over the notes sample have truths over whichever requirements the linkage left unlinked.)
    for (const r of [0, 1]) {
      const truths = [0, 1].map((p) => rows.filter((x) => x.point === p && x.replicate === r && x.estimand.startsWith('link.')).map((x) => `${x.estimand}|${x.group}|${x.truth}`).join('\n'));
      expect(truths[0].split('\n').length).toBeGreaterThan(20);
      expect(truths[0]).toBe(truths[1]);
      const linked = [0, 1].map((p) => rows.find((x) => x.point === p && x.replicate === r && x.estimand === 'link.structured.pct' && x.group === 'all')!.estimate);
      expect(linked[0]).not.toBe(linked[1]);
    }
    expect(new Set(rows.map((x) => x.seed))).toEqual(new Set([1, 2]));
    // Contact notes are made in memory: the notes stage's figures are there.
    expect(rows.some((x) => x.estimand.startsWith('any_treatment') && x.estimate !== null)).toBe(true);
    const out = join(dir, 'sweeps', 'threshold');
    await writeSweep(out, plan, sweepRecord(plan, points), rows);
    expect(readdirSync(out).sort()).toEqual(['results.csv', 'results.parquet', 'summary.csv', 'sweep.json']);
    expect(readdirSync(join(dir, 'sweeps'))).toEqual(['threshold']);
    const summary = readFileSync(join(out, 'summary.csv'), 'utf8').split('\n');
    expect(summary[0]).toBe('methods.linkage.threshold.match_probability,estimand,group,n,mean_estimate,mean_truth,bias,bias_mcse,relative_bias,relative_bias_mcse,empirical_se,empirical_se_mcse,rmse,rmse_mcse,n_ci,coverage,coverage_mcse');
    expect(summary.length - 2).toBe(summarise(rows).length);
    const record = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(record.seeds).toEqual([1, 2]);
    expect(record.points.map((p: { methods: { linkage: { threshold: unknown } } }) => p.methods.linkage.threshold)).toEqual([{ match_probability: 0.5 }, { match_probability: 0.99 }]);
  });
});

describe('sharded sweeps', () => {
  it('merge into byte for byte what the unsharded sweep writes; a missing shard and --shard 3/2 are refused', () => {
    const { dir, plan } = setup({ 'methods.linkage.threshold.match_probability': [0.5, 0.99] }, { replicates: 2 });
    const whole = join(dir, 'whole');
    const sharded = join(dir, 'sharded');
    expect(cli(['sweep', '--plan', plan, '--out', whole, '--quiet']).status).toBe(0);

    const bad = cli(['sweep', '--plan', plan, '--out', sharded, '--shard', '3/2']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^pathways: --shard 3\/2: expected K\/N with 1 <= K <= N$/);
    expect(existsSync(sharded)).toBe(false);

    expect(cli(['sweep', '--plan', plan, '--out', sharded, '--shard', '2/2', '--quiet']).status).toBe(0);
    const missing = cli(['merge', sharded]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/shard 1-of-2 is missing$/);
    expect(readdirSync(sharded)).toEqual(['shards']);

    expect(cli(['sweep', '--plan', plan, '--out', sharded, '--shard', '1/2', '--quiet']).status).toBe(0);
    const merged = cli(['merge', sharded]);
    expect(merged.status, merged.stderr).toBe(0);
    for (const f of ['results.csv', 'results.parquet', 'summary.csv', 'sweep.json']) {
      expect(readFileSync(join(sharded, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
    }
    // Each shard ran one replicate's world: the work was split, not repeated.
    const tasks = (n: number): string[] => [...new Set((JSON.parse(readFileSync(join(sharded, 'shards', `${n}-of-2`, 'rows.json'), 'utf8')) as { task: string }[]).map((r) => r.task))].sort();
    expect([tasks(1), tasks(2)]).toEqual([['p0-r0', 'p1-r0'], ['p0-r1', 'p1-r1']]);
    expect(cli(['merge', sharded]).status).toBe(2);
  });
});

describe('batch-system examples', () => {
  const documented = ['sweep', '--plan', 'scenarios/sweeps/threshold.yaml', '--out', 'sweeps/threshold', '--shard', 'auto/10', '--quiet'];
  const slurm = readFileSync(join(ROOT, 'examples/sweep/slurm-array.sh'), 'utf8');
  const kube = readFileSync(join(ROOT, 'examples/sweep/kubernetes-indexed-job.yaml'), 'utf8');

  it('take the shard from SLURM_ARRAY_TASK_ID (1-N) or JOB_COMPLETION_INDEX (from 0)', () => {
    expect(parseShard('auto/10', { SLURM_ARRAY_TASK_ID: '10' })).toEqual({ index: 10, count: 10 });
    expect(parseShard('auto/10', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 10 });
    expect(() => parseShard('auto/10', {})).toThrow(/auto needs SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX/);
    expect(() => parseShard('auto/10', { JOB_COMPLETION_INDEX: '10' })).toThrow(/K from the environment was 11/);
  });

  it('run the documented command, README and both examples alike', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`npx pathways ${documented.join(' ')}`);
    const slurmLine = slurm.split('\n').find((l) => l.startsWith('npx pathways '))!;
    expect(slurmLine.split(' ').slice(2)).toEqual(documented);
    const kubeCommand = JSON.parse(/command: (\[.*\])/.exec(kube)![1]) as string[];
    expect(kubeCommand.slice(0, 2)).toEqual(['npx', 'pathways']);
    expect(kubeCommand.slice(2)).toEqual(documented);
  });

  it.each([
    ['Slurm', { SLURM_ARRAY_TASK_ID: '10' }, '10-of-10'],
    ['Kubernetes', { JOB_COMPLETION_INDEX: '3' }, '4-of-10'],
  ])('%s: the command writes the shard its index names', (_, env, folder) => {
    // The documented command on the test's small plan (one replicate: one unit of work, in
    // shard 1, so these shards are empty and quick).
    const { dir, plan } = setup({});
    const out = join(dir, 'sweeps', 'threshold');
    const args = documented.map((a) => (a === 'scenarios/sweeps/threshold.yaml' ? plan : a === 'sweeps/threshold' ? out : a));
    const r = cli(args, env);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'shards'))).toEqual([folder]);
    expect(JSON.parse(readFileSync(join(out, 'shards', folder, 'rows.json'), 'utf8'))).toEqual([]);
  });
});

describe('workers, resume and the world of a replicate', () => {
  const grid = { 'methods.linkage.threshold.match_probability': [0.5, 0.99] };
  const resolved = (extra: Record<string, unknown> = {}, g: Record<string, unknown[]> = grid) => {
    const { dir, plan: planPath } = setup(g, { replicates: 2, ...extra });
    const plan = planSchema.parse(JSON.parse(readFileSync(planPath, 'utf8')));
    return { dir, planPath, plan, points: resolveGrid(plan, readSweepBase(plan, dir)) };
  };
  const files = (plan: ReturnType<typeof resolved>['plan'], rows: Awaited<ReturnType<typeof runSweep>>): string =>
    resultsCsv(Object.keys(plan.grid), rows) + summaryCsv(plan, Object.keys(plan.grid), summarise(rows));

  it('is one world per replicate for method-only knobs (the same tables whenever made), a world per value for a world knob', () => {
    const methodOnly = resolved();
    expect(sweepUnits(methodOnly.plan, methodOnly.points).map((u) => [u.replicate, u.seed, u.points])).toEqual([
      [0, 1, [0, 1]],
      [1, 2, [0, 1]],
    ]);
    const world = resolved({}, { 'noise.multiplier': [0.5, 2] });
    expect(sweepUnits(world.plan, world.points).map((u) => [u.replicate, u.seed, u.points])).toEqual([
      [0, 1, [0]],
      [0, 1, [1]],
      [1, 2, [0]],
      [1, 2, [1]],
    ]);
    // The world a unit makes depends only on the scenario, scale and seed.
    const scenario = methodOnly.points[0].scenario;
    expect(recordsInMemory(scenario, 0.02, 1)).toEqual(recordsInMemory(methodOnly.points[1].scenario, 0.02, 1));
  });

  it('gives identical results files with 1 and 2 workers', async () => {
    const { plan, points } = resolved();
    const one = await runSweep(plan, points, () => {}, undefined, { workers: 1 });
    const two = await runSweep(plan, points, () => {}, undefined, { workers: 2 });
    expect(two.length).toBeGreaterThan(1000);
    expect(files(plan, two)).toBe(files(plan, one));
  }, 300_000);

  it('drops a journal line cut short by a kill, and truncates the file back to the last whole line', () => {
    const dir = tempDir('journal');
    writeFileSync(join(dir, JOURNAL), `${JSON.stringify({ task: 'p0-r0', rows: [] })}\n{"task":"p1-r0","ro`);
    expect([...readJournal(dir).keys()]).toEqual(['p0-r0']);
    expect(readFileSync(join(dir, JOURNAL), 'utf8')).toBe(`${JSON.stringify({ task: 'p0-r0', rows: [] })}\n`);
  });

  it('property: a sweep stopped after any number of tasks (a line maybe cut short) and resumed, on 1 or 2 workers, equals an uninterrupted one', async () => {
    const { dir, plan, points } = resolved();
    const whole = files(plan, await runSweep(plan, points));
    const record = sweepRecord(plan, points);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constantFrom(1, 2), async (stopAfter, cut, workers) => {
        const staging = openStaging(join(dir, `run-${n++}`), record);
        const stop = new Error('stopped');
        const first = runSweep(plan, points, (done) => {
          if (done > stopAfter) throw stop;
        }, undefined, { journal: staging, workers: 1 });
        await expect(first).rejects.toBe(stop);
        // The task that stopped it was journalled before the stop: stopAfter + 1 are finished.
        expect(readJournal(staging).size).toBe(stopAfter + 1);
        if (cut) appendFileSync(join(staging, JOURNAL), '{"task":"p0-r1","rows":[{"ta');
        const again: string[] = [];
        const resumed = await runSweep(plan, points, (_, __, task) => again.push(task), undefined, { journal: staging, workers });
        // Never repeating a finished task, never losing one.
        expect(again).toHaveLength(4 - (stopAfter + 1));
        expect(files(plan, resumed)).toBe(whole);
      }),
      { numRuns: 4, seed: 15 },
    );
  }, 600_000);

  it('a sweep killed (SIGKILL) part way and run again with --resume writes byte for byte what an uninterrupted one writes', async () => {
    const { dir, planPath } = resolved();
    const whole = join(dir, 'whole');
    const killed = join(dir, 'killed');
    expect(cli(['sweep', '--plan', planPath, '--out', whole, '--quiet']).status).toBe(0);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}cli/pathways.ts`, 'sweep', '--plan', planPath, '--out', killed, '--workers', '2'], { cwd: ROOT });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/ 2\/4 tasks/.test(err)) child.kill('SIGKILL');
      });
      child.on('exit', (_, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`not killed: ${err}`))));
    });
    expect(existsSync(killed)).toBe(false);
    const again = cli(['sweep', '--plan', planPath, '--out', killed]);
    expect(again.stderr).toMatch(/a stopped sweep left .*--resume finishes it/);
    expect(again.status).toBe(2);
    const resumed = cli(['sweep', '--plan', planPath, '--out', killed, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    // Only the tasks not finished before the kill ran again.
    const ran = resumed.stderr.trim().split('\n').filter((l) => / tasks \(/.test(l));
    expect(ran.length).toBeLessThanOrEqual(2);
    for (const f of ['results.csv', 'results.parquet', 'summary.csv', 'sweep.json']) {
      expect(readFileSync(join(killed, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
    }
    expect(readdirSync(killed).sort()).toEqual(['results.csv', 'results.parquet', 'summary.csv', 'sweep.json']);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 600_000);

  it('refuses --resume of a sweep started with another plan; --keep-runs writes each task\'s datasets', () => {
    const { dir, planPath } = resolved({ replicates: 1 });
    const out = join(dir, 'out');
    const other = join(dir, 'other.yaml');
    writeFileSync(other, readFileSync(planPath, 'utf8').replace('"replicates":1', '"replicates":2'));
    // A stopped sweep of the first plan (its staging folder, as a kill leaves it).
    const { plan, points } = resolved({ replicates: 1 });
    openStaging(out, sweepRecord(plan, points));
    const r = cli(['sweep', '--plan', other, '--out', out, '--resume']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--resume: .* was started with a different plan/);
    const kept = cli(['sweep', '--plan', planPath, '--out', out, '--resume', '--keep-runs', '--quiet']);
    expect(kept.status, kept.stderr).toBe(0);
    expect(readdirSync(join(out, 'runs')).sort()).toEqual(['p0-r0', 'p1-r0']);
    expect(readdirSync(join(out, 'runs', 'p0-r0')).sort()).toEqual(['observed', 'results.json', 'truth']);
    expect(readdirSync(join(out, 'runs', 'p0-r0', 'observed'))).toContain('ndtms_community.csv');
  }, 300_000);
});
