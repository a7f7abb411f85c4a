/**
 * `pathways identify`: which truths are consistent with the study's published figures. Rejection
 * ABC over scenario knobs, each draw a small world in memory, the plan checked whole first.
 */
import { existsSync, rmSync } from 'node:fs';
import { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { checkOutput } from '../../src/io/output-path.ts';

interface IdentifyValues {
  plan: string;
  out: string;
  shard?: string;
  resume: boolean;
  budget?: string;
  workers?: string;
  force: boolean;
  quiet: boolean;
}

export function registerIdentify(program: Command): void {
  program
    .command('identify')
    .description('which truths are consistent with the published figures: draw scenario knobs from their priors, run the methods on small worlds, keep the draws whose figures match (rejection ABC)')
    .requiredOption('--plan <file>', 'identify plan (YAML): priors of the knobs, published figures with tolerances, budget, scale, seed')
    .requiredOption('--out <dir>', 'folder to create (draws.csv, draws.parquet, posterior.csv, errors.csv, summary.md, identify.json)')
    .option('--budget <n>', "draws (worlds) to run (replaces the plan's)")
    .option('--workers <n>', 'worker threads running draws side by side (default 1: in this process); the draws are the same whatever N')
    .option('--shard <K/N>', 'run only the draws numbered K - 1 mod N (to OUT/shards/K-of-N; `pathways merge OUT` combines them); auto/N as in sweep')
    .option('--resume', 'continue an interrupted run from its staging folder (.OUT.partial) instead of refusing', false)
    .option('--force', 'replace an existing --out folder', false)
    .option('--quiet', 'no progress lines on stderr', false)
    .addHelpText(
      'after',
      '\nExamples:\n  npx pathways identify --plan scenarios/identify/engagement.yaml --out identify/engagement --workers 2\n  npx pathways identify --plan scenarios/identify/engagement.yaml --out identify/engagement --shard 1/2   # and 2/2, then:\n  npx pathways merge identify/engagement\n',
    )
    .action(async (values: IdentifyValues) => {
      let budget: number | undefined;
      if (values.budget !== undefined) {
        budget = Number(values.budget);
        if (!Number.isInteger(budget) || budget < 1) throw new InputError(`--budget: must be a whole number from 1, got "${values.budget}"`);
      }
      const workers = values.workers === undefined ? 1 : Number(values.workers);
      if (!Number.isInteger(workers) || workers < 1) throw new InputError(`--workers: must be a whole number from 1, got "${values.workers}"`);
      const { readIdentifyPlan } = await import('../../src/identify/plan.ts');
      const { parseShard, shardFolder } = await import('../../src/experiments/sweep.ts');
      // The whole plan resolved and checked before anything is written.
      const plan = readIdentifyPlan(values.plan, { budget });
      const shard = values.shard === undefined ? undefined : parseShard(values.shard);
      const target = shard === undefined ? values.out : shardFolder(values.out, shard);
      if (shard === undefined) checkOutput(values.out, { option: '--out', kind: 'folder', force: values.force, inputs: { '--plan': values.plan } });
      else if (existsSync(target)) throw new InputError(`--shard ${values.shard}: ${target} already exists`);
      const { identifyRecord, openStaging, runIdentify } = await import('../../src/identify/run.ts');
      const { finishIdentify, finishShard } = await import('../../src/identify/write.ts');
      const record = identifyRecord(plan);
      const { folder, done } = openStaging(target, record, values.resume);
      const started = Date.now();
      let ranNow = 0;
      let resumed: number | null = null;
      let accepted = done.filter((d) => d.distance <= 1 && d.draw < plan.plan.budget).length;
      const draws = await runIdentify(plan, folder, done, shard, (n, total, d) => {
        ranNow++;
        resumed ??= n - 1;
        if (d.distance <= 1) accepted++;
        if (values.quiet) return;
        const seconds = (Date.now() - started) / 1000;
        const rate = (n - (resumed ?? 0)) / seconds;
        process.stderr.write(`identify ${plan.plan.name}: ${n}/${total} draws (draw ${d.draw}, distance ${Number.isFinite(d.distance) ? d.distance.toFixed(2) : 'none'}), ${accepted} within tolerance, ${(rate * 60).toFixed(1)} a minute, ~${Math.round((total - n) / rate)} s left\n`);
      }, { workers });
      const seconds = Math.round((Date.now() - started) / 1000);
      if (shard !== undefined) {
        finishShard(folder, target);
        process.stdout.write(`identify ${plan.plan.name}: shard ${shard.index}/${shard.count}, ${draws.length} draws in ${seconds} s -> ${target}\n`);
        return;
      }
      if (values.force) rmSync(values.out, { recursive: true, force: true });
      const counts = await finishIdentify(folder, values.out, record, draws);
      process.stdout.write(`identify ${plan.plan.name}: ${counts.draws} worlds (${ranNow} run now in ${seconds} s), ${counts.accepted} accepted -> ${values.out}/summary.md\n`);
    });
}
