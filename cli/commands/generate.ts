/** `pathways generate`: the world and its records, written as a run folder. */
import { Command } from 'commander';
import { checkOutput } from '../../src/io/output-path.ts';
import { addRunOptions, checkRunOptions, type RunOptionValues } from '../options.ts';

export function registerGenerate(program: Command): void {
  addRunOptions(
    program
      .command('generate')
      .description('generate a synthetic England (truth) and what each system recorded, as a run folder')
      .requiredOption('--out <dir>', 'run folder to create'),
  )
    .addHelpText('after', '\nExample:\n  npx pathways generate --scenario scenarios/baseline.yaml --seed 42 --scale 1 --out runs/base\n')
    .action(async (values: RunOptionValues & { out: string }) => {
      const options = await checkRunOptions(values);
      // --force replaces an earlier run, never the folder that holds the scenario it reads.
      checkOutput(values.out, { option: '--out', kind: 'folder', force: values.force, inputs: { '--scenario': values.scenario } });
      const { runPipeline } = await import('../../src/pipeline/run.ts');
      const { dir, generated } = await runPipeline({ ...options, out: values.out, generateOnly: true }, options.progress);
      const counts = Object.entries(generated.manifest.rowCounts).map(([name, n]) => `  ${name.padEnd(28)} ${n.toLocaleString('en-GB').padStart(10)}`);
      process.stdout.write(`Wrote ${dir}\n${counts.join('\n')}\n`);
    });
}
