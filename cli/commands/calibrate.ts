/**
 * `pathways calibrate --run DIR`: every published figure the run estimates against what the
 * method recovered, the share within tolerance, and the worst misses with why; exit 1 below
 * --min-share.
 */
import { Command } from 'commander';
import { InputError } from '../../src/errors.ts';

interface CalibrateOptions {
  run: string;
  minShare: string;
  worst: string;
  all: boolean;
}

export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description('published figures against recovered: the share within tolerance (2 points for %, 5% for counts), the worst misses and why; exit 1 below --min-share')
    .requiredOption('--run <dir>', 'the run folder')
    .option('--min-share <share>', 'the share (0-1) of published figures that must be within tolerance', '0.9')
    .option('--worst <n>', 'how many of the worst misses to list', '10')
    .option('--all', 'also list every figure compared', false)
    .addHelpText('after', '\nExample:\n  npx pathways calibrate --run runs/base --min-share 0.9\n')
    .action(async (options: CalibrateOptions) => {
      const minShare = Number(options.minShare);
      if (options.minShare.trim() === '' || !Number.isFinite(minShare) || minShare < 0 || minShare > 1) throw new InputError(`--min-share: must be a number from 0 to 1, got "${options.minShare}"`);
      const worstN = Number(options.worst);
      if (!Number.isInteger(worstN) || worstN < 0) throw new InputError(`--worst: must be a whole number >= 0, got "${options.worst}"`);
      const { runResults } = await import('../run-results.ts');
      const results = runResults(options.run);
      const { calibration } = await import('../../src/report/calibration.ts');
      const { calibrationLines } = await import('../../src/report/calibration-text.ts');
      const { formatValue } = await import('../../src/report/headlines.ts');
      const c = calibration(results);
      const lines = [`Run ${options.run}: ${results.scenario}, seed ${results.seed}, scale ${results.scale}`, ...calibrationLines(results, worstN)];
      if (options.all) {
        lines.push('', '| id | group | published | recovered | gap | within |', '|---|---|---:|---:|---:|---|');
        for (const r of c.rows) lines.push(`| ${r.id} | ${r.group.replace(/\|/g, '\\|')} | ${formatValue(r.published, r.unit)} | ${formatValue(r.recovered, r.unit)} | ${r.gap === null ? '–' : formatValue(r.gap, r.unit)} | ${r.within ? 'yes' : 'no'} |`);
      }
      const pass = c.total > 0 && c.share >= minShare;
      lines.push('', `${pass ? 'PASS' : 'FAIL'}: ${(100 * c.share).toFixed(1)}% within tolerance, ${pass ? 'at or above' : 'below'} the minimum ${(100 * minShare).toFixed(1)}%`);
      process.stdout.write(`${lines.join('\n')}\n`);
      if (!pass) process.exitCode = 1;
    });
}
