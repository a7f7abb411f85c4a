/** `pathways run`: generate, then every method stage, leaving results.json and report.md. */
import { Command } from 'commander';
import { checkOutput } from '../../src/io/output-path.ts';
import { addRunOptions, checkRunOptions, type RunOptionValues } from '../options.ts';

export function registerRun(program: Command): void {
  addRunOptions(
    program
      .command('run')
      .description('generate a run, then run every method stage on its records and score each estimate against the truth')
      .requiredOption('--out <dir>', 'run folder to create'),
  )
    .option('--json', 'print results.json to stdout instead of the summary', false)
    .addHelpText('after', '\nExample:\n  npx pathways run --scenario scenarios/baseline.yaml --seed 42 --scale 0.1 --out runs/small\n')
    .action(async (values: RunOptionValues & { out: string; json: boolean }) => {
      const options = await checkRunOptions(values);
      // --force replaces an earlier run, never the folder that holds the scenario it reads.
      checkOutput(values.out, { option: '--out', kind: 'folder', force: values.force, inputs: { '--scenario': values.scenario } });
      const { runPipeline } = await import('../../src/pipeline/run.ts');
      const { dir, results } = await runPipeline({ ...options, out: values.out }, options.progress);
      if (!results) return;
      process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : (await import('../summary.ts')).runSummaryText(results, dir));
    });
}
