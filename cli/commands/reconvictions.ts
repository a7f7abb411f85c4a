/**
 * `pathways reconvictions --run DIR`: the reconviction stage on an existing run folder. It
 * needs the linkage stage's requirements (treatment status per requirement), so it refuses
 * a folder without them and says how to make them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { InputError } from '../../src/errors.ts';
import { jsonProgress, plainProgress, silent } from '../../src/pipeline/progress.ts';
import type { Estimate, Results } from '../../src/results/estimate.ts';

interface ReconvictionsOptions {
  run: string;
  methods?: string;
  scenario?: string;
  progress: 'plain' | 'json' | 'none';
  json: boolean;
}

const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : x.toFixed(digits));

/** Section 4 beside its truths, then the odds ratios beside their generating values. */
export function reconvictionSummary(results: Results, runDir: string, folder: string): string {
  const mine = results.estimates.filter((e) => e.id.startsWith('reconviction.') || e.id.startsWith('regression.'));
  const by = new Map(mine.map((e) => [`${e.id}\u0000${e.group}`, e]));
  const level = (e: Estimate, name: string) => by.get(`${e.id.replace(/^reconviction/, `reconviction.${name}`)}\u0000${e.group}`)?.estimate;
  const lines = [
    `reconviction within 12 months (${runDir}), %:`,
    `${'figure'.padEnd(58)} published  recovered  convictions-only  recorded-truth  followup-truth  truth`,
  ];
  for (const e of mine) {
    if (!e.id.startsWith('reconviction.') || /truth|convictions_only/.test(e.id) || e.unit !== 'pct') continue;
    const cells = [
      fmt(e.published).padStart(9),
      fmt(e.estimate).padStart(9),
      fmt(level(e, 'convictions_only')).padStart(16),
      fmt(level(e, 'recorded_truth')).padStart(14),
      fmt(level(e, 'followup_truth')).padStart(14),
      fmt(e.truth).padStart(5),
    ];
    lines.push(`${`${e.id} [${e.group}]`.padEnd(58)} ${cells.join('  ')}`);
  }
  lines.push('', `${'odds ratio (95% CI)'.padEnd(58)} recovered (CI)              fit on true outcomes  truth`);
  for (const e of mine) {
    if ((e.unit !== 'odds_ratio' && e.unit !== 'variance') || e.id.includes('.world_fit.')) continue;
    const ci = e.ci ? ` (${fmt(e.ci[0], 2)}-${fmt(e.ci[1], 2)})` : '';
    const world = by.get(`${e.id.replace(/^regression\./, 'regression.world_fit.')}\u0000${e.group}`)?.estimate;
    lines.push(`${`${e.id} [${e.group}]`.padEnd(58)} ${`${fmt(e.estimate, 3)}${ci}`.padEnd(26)}  ${fmt(world, 3).padStart(20)}  ${fmt(e.truth, 3)}${e.estimate === null && e.note ? `  ${e.note}` : ''}`);
  }
  lines.push('', `study directions: ${join(runDir, folder, 'directions.json')}; fits: ${join(runDir, folder, 'regression.json')}`);
  return `${lines.join('\n')}\n`;
}

export function registerReconvictions(program: Command): void {
  program
    .command('reconvictions')
    .description('reconviction within 12 months by treatment status, and the multilevel regressions, on a run folder')
    .requiredOption('--run <dir>', 'a run folder made by `pathways run` (or generate + link)')
    .option('--scenario <file>', "scenario YAML (default: the one in the run's manifest)")
    .option('--methods <file>', "a methods document over the run's (its reconviction: block: window, excluded outcomes, models)")
    .addOption(new Option('--progress <style>', 'progress on stderr').choices(['plain', 'json', 'none']).default('plain'))
    .option('--json', 'print results.json to stdout instead of the summary', false)
    .addHelpText('after', '\nExample:\n  npx pathways run --scale 0.1 --out runs/small && npx pathways reconvictions --run runs/small\n')
    .action(async (options: ReconvictionsOptions) => {
      if (!existsSync(join(options.run, 'manifest.json'))) {
        throw new InputError(`reconvictions: ${options.run} is not a run folder (no manifest.json); make one with \`pathways run --out ${options.run}\``);
      }
      // The stages are imported here, not at the top, so that `--help` starts fast.
      const { LINKAGE_FOLDER } = await import('../../src/pipeline/stages/linkage.ts');
      const { reconvictionStage, RECONVICTION_FOLDER } = await import('../../src/pipeline/stages/reconviction.ts');
      const linked = join(options.run, LINKAGE_FOLDER, 'requirements.csv');
      if (!existsSync(linked)) {
        throw new InputError(
          `reconvictions: ${linked} is missing: the treatment status of each requirement comes from the linkage stage; run \`pathways link --run ${options.run}\` or \`pathways run\` first`,
        );
      }
      const progress = options.progress === 'json' ? jsonProgress() : options.progress === 'none' ? silent : plainProgress();
      const { runStageOnFolder } = await import('../../src/pipeline/run.ts');
      const { methodsFileLayer } = await import('../../src/methods/load.ts');
      const methods = options.methods ? [methodsFileLayer(options.methods)] : [];
      const results = await runStageOnFolder(options.run, reconvictionStage, progress, { scenarioPath: options.scenario, methods });
      process.stdout.write(options.json ? `${JSON.stringify(results, null, 2)}\n` : reconvictionSummary(results, options.run, RECONVICTION_FOLDER));
    });
}
