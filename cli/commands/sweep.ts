/** `pathways sweep`: a grid of scenario and method knobs x replicates, run in memory, summarised. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { checkOutput } from '../../src/io/output-path.ts';

interface SweepValues {
  plan?: string;
  out: string;
  vary: string[];
  replicates?: string;
  scale?: string;
  force: boolean;
  quiet: boolean;
  shard?: string;
  workers?: string;
  keepRuns: boolean;
  resume: boolean;
  crn?: string;
}

function positiveInt(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${option}: must be a whole number from 1, got "${text}"`);
  return n;
}

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a grid of scenario and method knobs over many replicates in memory; write tidy results and the performance measures per grid point')
    .option('--plan <file>', 'sweep plan (YAML): aims, scenario, grid, replicates, scale, estimands, measures')
    .requiredOption('--out <dir>', 'sweep folder to create (results.csv, results.parquet, summary.csv, sweep.json)')
    .option('--vary <PATH=v1,v2>', 'a knob and its values (a scenario key, or methods.KEY for the methods document); repeat for a grid', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--replicates <n>', "replicates per grid point (replaces the plan's)")
    .option('--scale <s>', "scale of every world (replaces the plan's; 0.01 to 4)")
    .option('--shard <K/N>', 'run only shard K of N (rows to OUT/shards/K-of-N; `pathways merge OUT` combines them); auto/N takes K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX (+1)')
    .option('--workers <n>', 'worker threads running replicates side by side (default 1: in this process); results are the same whatever N')
    .option('--keep-runs', "also write each task's datasets and results.json under OUT/runs/TASK (off: nothing but the results)", false)
    .option('--resume', 'finish a sweep (or shard) that was stopped: tasks already finished are not run again', false)
    .option('--crn <on|off>', "common random numbers (replaces the plan's common_random_numbers): off gives each grid point its own seeds and worlds")
    .option('--force', 'replace an existing --out folder (or start a stopped one over)', false)
    .option('--quiet', 'no progress lines on stderr', false)
    .addHelpText('after', '\nExamples:\n  npx pathways sweep --plan scenarios/sweeps/threshold.yaml --out sweeps/threshold\n  npx pathways sweep --vary methods.linkage.threshold.match_probability=0.5,0.9 --replicates 5 --scale 0.05 --out sweeps/t\n')
    .action(async (values: SweepValues) => {
      const { readPlan, readSweepBase, resolveGrid } = await import('../../src/experiments/plan.ts');
      if (values.plan === undefined && values.vary.length === 0) throw new InputError('sweep: give --plan FILE or at least one --vary PATH=v1,v2');
      const scale = values.scale === undefined ? undefined : Number(values.scale);
      if (scale !== undefined && !Number.isFinite(scale)) throw new InputError(`--scale: must be a number from 0.01 to 4, got "${values.scale}"`);
      if (values.crn !== undefined && values.crn !== 'on' && values.crn !== 'off') throw new InputError(`--crn: on or off, got "${values.crn}"`);
      const commonRandomNumbers = values.crn === undefined ? undefined : values.crn === 'on';
      const { plan, dir } = readPlan(values.plan, { vary: values.vary, replicates: positiveInt(values.replicates, '--replicates'), scale, commonRandomNumbers });
      // Every grid point resolved and validated before any work.
      const points = resolveGrid(plan, readSweepBase(plan, dir));
      const { runSweep, finishSweep, finishShard, openStaging, parseShard, shardFolder, sweepRecord } = await import('../../src/experiments/sweep.ts');
      const shard = values.shard === undefined ? undefined : parseShard(values.shard);
      const workers = positiveInt(values.workers, '--workers') ?? 1;
      if (shard === undefined) checkOutput(values.out, { option: '--out', kind: 'folder', force: values.force, inputs: { '--plan': values.plan } });
      else if (existsSync(shardFolder(values.out, shard))) throw new InputError(`--shard ${values.shard}: ${shardFolder(values.out, shard)} already exists`);
      const record = sweepRecord(plan, points);
      const target = shard === undefined ? values.out : shardFolder(values.out, shard);
      if (shard !== undefined) mkdirSync(dirname(target), { recursive: true });
      // Refusals (a stopped sweep without --resume, a resume of another plan) come before any work.
      const staging = openStaging(target, record, { resume: values.resume, force: values.force });
      const started = Date.now();
      // Ink on a terminal, one plain line per task otherwise (cli/ui/sweep-progress.tsx).
      const { sweepProgressSink } = await import('../ui/sweep-progress.tsx');
      const sink = values.quiet ? null : sweepProgressSink(process.stderr);
      const shardText = shard === undefined ? undefined : `${shard.index}/${shard.count}`;
      // The first report's count less one is what an earlier, stopped run had finished.
      let resumed: number | undefined;
      let rows;
      try {
        rows = await runSweep(
          plan,
          points,
          (done, total, task) => {
            resumed ??= done - 1;
            sink?.update({ name: plan.name, done, total, task, elapsed: (Date.now() - started) / 1000, shard: shardText, resumed });
          },
          shard,
          { workers, journal: staging, keepRuns: values.keepRuns ? join(staging, 'runs') : undefined },
        );
      } finally {
        sink?.end();
      }
      if (shard !== undefined) {
        finishShard(values.out, shard, staging, record, rows);
        process.stdout.write(`sweep ${plan.name}: shard ${shard.index}/${shard.count}, ${rows.length} result rows -> ${shardFolder(values.out, shard)}\n`);
        return;
      }
      if (values.force) rmSync(values.out, { recursive: true, force: true });
      await finishSweep(values.out, staging, plan, record, rows);
      process.stdout.write(`sweep ${plan.name}: ${points.length} grid point(s) x ${plan.replicates} replicate(s), ${rows.length} result rows -> ${values.out}\n`);
    });
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description("combine a sharded sweep's or identify run's shards (DIR/shards/K-of-N) into exactly what the unsharded run writes")
    .argument('<dir>', 'the folder given to every shard as --out')
    .addHelpText('after', '\nExample:\n  npx pathways merge sweeps/threshold\n')
    .action(async (dir: string) => {
      const { isIdentifyShards, mergeIdentify } = await import('../../src/identify/write.ts');
      if (isIdentifyShards(dir)) {
        const merged = await mergeIdentify(dir);
        process.stdout.write(`merge ${dir}: ${merged.shards} identify shard(s), ${merged.draws} worlds, ${merged.accepted} accepted\n`);
        return;
      }
      const { mergeSweep } = await import('../../src/experiments/sweep.ts');
      const merged = await mergeSweep(dir);
      process.stdout.write(`merge ${dir}: ${merged.shards} shard(s), ${merged.rows} result rows\n`);
    });
}
