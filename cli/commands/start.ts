/**
 * `pathways start` (what `npm start` runs): the main job on the embedded baseline, replacing
 * runs/baseline. In a terminal it opens the UI on the run; piped or in CI it prints the summary.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { checkRunOptions, DEFAULT_SCENARIO } from '../options.ts';

/** start replaces its folder unasked, so only one that is a run folder (or empty): never `--out src`. */
function checkStartOut(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new InputError(`--out ${out}: exists and is not a folder`);
  if (readdirSync(out).length > 0 && !existsSync(join(out, 'manifest.json'))) {
    throw new InputError(`--out ${out}: exists and is not a run folder (no manifest.json); start replaces only a run folder`);
  }
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the baseline scenario end to end into runs/baseline and show the results (what `npm start` does)')
    .option('--scale <s>', 'size relative to England', '1')
    .option('--seed <n>', 'master seed', '42')
    .option('--out <dir>', 'run folder (replaced if it exists)', 'runs/baseline')
    .action(async (values: { scale: string; seed: string; out: string }) => {
      checkStartOut(values.out);
      const options = await checkRunOptions({ scenario: DEFAULT_SCENARIO, seed: values.seed, scale: values.scale, format: 'both', force: true, progress: 'plain' });
      // In a terminal the UI runs the baseline in a child process with live progress, then shows its dashboard.
      const { openUi, shouldDraw } = await import('../ui/open.tsx');
      if (shouldDraw()) {
        await openUi({ scenario: DEFAULT_SCENARIO, seed: options.seed, scale: options.scale, out: values.out });
        return;
      }
      const { runPipeline } = await import('../../src/pipeline/run.ts');
      const { dir, results } = await runPipeline({ ...options, out: values.out }, options.progress);
      if (results) process.stdout.write((await import('../summary.ts')).runSummaryText(results, dir));
    });
}
