/**
 * `pathways report`: a run's report page (DIR/report/index.html with each chart's Vega-Lite
 * spec and CSV, and report.md), or several runs side by side (`--compare`).
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../../src/errors.ts';

interface ReportOptions {
  run?: string;
  compare?: string[];
  sweep?: string;
  identify?: string;
  out?: string;
  force: boolean;
}

/**
 * A sweep's or an identify run's page: into DIR/report (replacing the report there), or into
 * --out, which must not exist unless --force; prints where the page is.
 */
async function folderReport(dir: string, options: ReportOptions, write: (target: string) => Promise<string>): Promise<void> {
  const target = options.out === undefined ? join(dir, 'report') : options.out;
  if (options.out !== undefined && existsSync(options.out) && !options.force) throw new InputError(`--out ${options.out}: already exists (use --force to replace it)`);
  const written = await write(target);
  process.stdout.write(`${join(written, 'index.html')}\n`);
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("a run's report page: the study's figures and tables rebuilt with published, recovered and truth side by side, as one self-contained HTML file")
    .option('--run <dir>', 'the run folder; writes DIR/report/ (index.html, report.md, each chart\'s spec and CSV), replacing the report there')
    .option('--compare <dirs...>', 'two or more run folders side by side (scenario, seed and scale named on each); needs --out')
    .option('--sweep <dir>', "a sweep folder: bias and coverage of each estimand against each knob; writes DIR/report/ (replacing the report there) or --out")
    .option('--identify <dir>', 'an identify folder: the consistent truths, posterior histograms and method errors; writes DIR/report/ (replacing the report there) or --out')
    .option('--out <path>', 'with --compare: a folder to create, or a FILE.html for the page alone; with --sweep or --identify: a folder to create')
    .option('--force', 'with --compare, --sweep or --identify: replace --out if it exists', false)
    .addHelpText(
      'after',
      '\nExamples:\n  npx pathways report --run runs/base\n  npx pathways report --compare runs/base runs/clean --out runs/base-vs-clean\n  npx pathways report --sweep sweeps/threshold\n  npx pathways report --identify reports/identify/engagement --out identify-page\n',
    )
    .action(async (options: ReportOptions) => {
      const given = [options.run, options.compare, options.sweep, options.identify].filter((o) => o !== undefined).length;
      if (given > 1) throw new InputError('report: give one of --run DIR, --compare DIR1 DIR2 ..., --sweep DIR, --identify DIR');
      if (options.identify !== undefined) {
        const { readIdentifyFolder } = await import('../../src/identify/read.ts');
        const { writeIdentifyReport } = await import('../../src/report/identify.ts');
        const folder = readIdentifyFolder(options.identify);
        await folderReport(options.identify, options, (target) => writeIdentifyReport(folder, target, { force: true }));
        return;
      }
      if (options.sweep !== undefined) {
        const { readSweepFolder } = await import('../../src/experiments/read.ts');
        const { writeSweepReport } = await import('../../src/report/sweep.ts');
        const folder = readSweepFolder(options.sweep);
        await folderReport(options.sweep, options, (target) => writeSweepReport(folder, target, { force: true }));
        return;
      }
      const { writeReportFolder, writeRunReport } = await import('../../src/report/write.ts');
      const { runLabel } = await import('../../src/report/figures.ts');
      const { runResults } = await import('../run-results.ts');
      if (options.run && options.compare) throw new InputError('report: give --run DIR or --compare DIR1 DIR2 ..., not both');
      if (options.run) {
        if (options.out) throw new InputError('report --run: the report goes to DIR/report/; --out is for --compare');
        const target = await writeRunReport(options.run, runResults(options.run));
        process.stdout.write(`${join(target, 'index.html')}\n`);
        return;
      }
      if (!options.compare) throw new InputError('report: give --run DIR, or --compare DIR1 DIR2 ... --out PATH');
      if (options.compare.length < 2) throw new InputError(`report --compare: needs two or more run folders, got ${options.compare.length}`);
      if (!options.out) throw new InputError('report --compare: needs --out (a folder, or FILE.html)');
      const runs = options.compare.map((dir) => {
        const results = runResults(dir, '--compare');
        return { label: `${basename(resolve(dir))}: ${runLabel(results)}`, results };
      });
      const out = resolve(options.out);
      if (existsSync(out) && !options.force) throw new InputError(`--out ${options.out}: already exists (use --force to replace it)`);
      if (!out.endsWith('.html')) {
        const target = await writeReportFolder(out, runs, { force: options.force });
        process.stdout.write(`${join(target, 'index.html')}\n`);
        return;
      }
      // The page alone: built in a temporary folder beside it, then only the page is moved.
      mkdirSync(dirname(out), { recursive: true });
      const scratch = mkdtempSync(join(dirname(out), `.${basename(out)}.partial-`));
      try {
        const built = await writeReportFolder(join(scratch, 'report'), runs);
        renameSync(join(built, 'index.html'), out);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
      process.stdout.write(`${out}\n`);
    });
}
