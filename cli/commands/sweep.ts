/** `pathways sweep`: a grid of scenario and method knobs x replicates, run in memory, summarised. */
import { existsSync, rmSync } from 'node:fs';
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
    .option('--crn <on|off>', "common random numbers (replaces the plan's common_random_numbers): off gives each grid point its own seeds and worlds")
    .option('--force', 'replace an existing --out folder', false)
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
      const { runSweep, writeSweep, writeShard, parseShard, shardFolder, sweepRecord } = await import('../../src/experiments/sweep.ts');
      const shard = values.shard === undefined ? undefined : parseShard(values.shard);
      if (shard === undefined) checkOutput(values.out, { option: '--out', kind: 'folder', force: values.force, inputs: { '--plan': values.plan } });
      else if (existsSync(shardFolder(values.out, shard))) throw new InputError(`--shard ${values.shard}: ${shardFolder(values.out, shard)} already exists`);
      const started = Date.now();
      // Ink on a terminal, one plain line per task otherwise (cli/ui/sweep-progress.tsx).
      const { sweepProgressSink } = await import('../ui/sweep-progress.tsx');
      const sink = values.quiet ? null : sweepProgressSink(process.stderr);
      const shardText = shard === undefined ? undefined : `${shard.index}/${shard.count}`;
      let rows;
      try {
        rows = await runSweep(plan, points, (done, total, task) => sink?.update({ name: plan.name, done, total, task, elapsed: (Date.now() - started) / 1000, shard: shardText }), shard);
      } finally {
        sink?.end();
      }
      const record = sweepRecord(plan, points);
      if (shard !== undefined) {
        await writeShard(values.out, shard, record, rows);
        process.stdout.write(`sweep ${plan.name}: shard ${shard.index}/${shard.count}, ${rows.length} result rows -> ${shardFolder(values.out, shard)}\n`);
        return;
      }
      if (values.force) rmSync(values.out, { recursive: true, force: true });
      await writeSweep(values.out, plan, record, rows);
      process.stdout.write(`sweep ${plan.name}: ${points.length} grid point(s) x ${plan.replicates} replicate(s), ${rows.length} result rows -> ${values.out}\n`);
    });
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description("combine a sharded sweep's shards (DIR/shards/K-of-N) into exactly what the unsharded sweep writes")
    .argument('<dir>', 'the sweep folder given to every shard as --out')
    .addHelpText('after', '\nExample:\n  npx pathways merge sweeps/threshold\n')
    .action(async (dir: string) => {
      const { mergeSweep } = await import('../../src/experiments/sweep.ts');
      const merged = await mergeSweep(dir);
      process.stdout.write(`merge ${dir}: ${merged.shards} shard(s), ${merged.rows} result rows\n`);
    });
}
