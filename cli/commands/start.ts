/**
 * `pathways start` (what `npm start` runs): the main job on the embedded baseline, replacing
 * runs/baseline, then the summary.
 */
import { Command } from 'commander';
import { checkRunOptions, DEFAULT_SCENARIO } from '../options.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { summaryText } from '../summary.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the baseline scenario end to end into runs/baseline and show the results (what `npm start` does)')
    .option('--scale <s>', 'size relative to England', '1')
    .option('--seed <n>', 'master seed', '42')
    .option('--out <dir>', 'run folder (replaced if it exists)', 'runs/baseline')
    .action(async (values: { scale: string; seed: string; out: string }) => {
      const options = checkRunOptions({ scenario: DEFAULT_SCENARIO, seed: values.seed, scale: values.scale, format: 'both', force: true, progress: 'plain' });
      const { dir, results } = await runPipeline({ ...options, out: values.out }, options.progress);
      if (results) process.stdout.write(summaryText(results, dir));
    });
}
