/**
 * `pathways link`: probabilistic record linkage (Fellegi-Sunter, settings as data).
 * File mode: `--left A.csv --right B.csv --settings FILE --out DIR`; run-folder mode:
 * `--run DIR [--settings FILE]` reruns the run's linkage stage.
 */
import type { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import type { LinkFilesOptions } from './link-files.ts';
import { resolve } from 'node:path';
import type { MethodsLayer } from '../../src/methods/load.ts';
import { plainProgress, silent } from '../../src/pipeline/progress.ts';
import type { Results } from '../../src/results/estimate.ts';

export interface LinkCommandOptions {
  run?: string;
  left?: string;
  right?: string;
  settings?: string;
  methods?: string;
  out?: string;
  resolve?: string;
  force?: boolean;
  quiet?: boolean;
  explain?: string[];
}

/** File mode: every file option is required. */
export async function linkFileMode(options: LinkCommandOptions): Promise<void> {
  for (const key of ['left', 'settings', 'out'] as const) {
    if (!options[key]) throw new InputError(`link: --${key} is required in file mode (--left, --right, --settings, --out)`);
  }
  if (options.methods) throw new InputError('link: --methods belongs to run-folder mode (--run); in file mode the settings file says everything');
  const log = (text: string): void => {
    if (!options.quiet) process.stderr.write(`${text}\n`);
  };
  const { runLinkFiles } = await import('./link-files.ts');
  const summary = await runLinkFiles({
    ...(options as Required<Pick<LinkFilesOptions, 'left' | 'settings' | 'out'>>),
    resolve: options.resolve,
    force: options.force,
    explain: options.explain,
    onProgress: (e) => {
      if (e.phase === 'done') log(`  ${e.step.padEnd(8)} ${(e.seconds ?? 0).toFixed(2)} s  ${e.detail ?? ''}`);
    },
  });
  const lines = [
    `linked: ${summary.links} links from ${summary.candidatePairs} candidate pairs (lambda ${summary.lambda.toExponential(3)})`,
    `wrote ${summary.out}/links.csv, model.json${summary.scores ? ', scores.json' : ''}`,
  ];
  if (summary.scores) {
    for (const [view, s] of Object.entries(summary.scores)) {
      const o = s.overall;
      lines.push(
        `  ${view.padEnd(10)} precision ${o.precision.toFixed(4)}  recall ${o.recall.toFixed(4)}  F1 ${o.f1.toFixed(4)}  left records found ${o.leftRecall.toFixed(4)}`,
      );
    }
  }
  const x = summary.expected;
  const pct = (r: { estimate: number; ci: [number, number] | null }) =>
    `${(100 * r.estimate).toFixed(2)}%${r.ci ? ` [${(100 * r.ci[0]).toFixed(2)}, ${(100 * r.ci[1]).toFixed(2)}]` : ''}`;
  lines.push(`  expected (label-free, all above threshold): precision ${pct(x.precision)}  recall ${pct(x.recall)}  true matches ${Math.round(x.trueMatches.estimate)}`);
  lines.push(...summary.explanations);
  for (const w of summary.warnings) process.stderr.write(`warning: ${w}\n`);
  if (summary.sessions.leftOut > 0) {
    lines.push(`training: ${summary.sessions.leftOut} of ${summary.sessions.run} EM sessions failed their checks and were left out of m (why: warnings above and em_sessions in model.json)`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** The stages after linkage that ran with linkage's methods document this time. */
function dependentsRun(results: Results): string[] {
  const linkage = results.stages.find((s) => s.name === 'linkage');
  return results.stages.filter((s) => s.name !== 'linkage' && s.name !== 'cohort' && s.methods === linkage?.methods).map((s) => s.name);
}

/** Run-folder mode: the linkage stage (NDTMS, CJIT, p-NOMIS, journeys, scores) on a run's records. */
export async function linkRunMode(options: LinkCommandOptions): Promise<void> {
  for (const key of ['left', 'right', 'out'] as const) {
    if (options[key]) throw new InputError(`link: --${key} belongs to file mode; with --run the tables come from the run folder`);
  }
  const { methodsFileLayer } = await import('../../src/methods/load.ts');
  const layers: MethodsLayer[] = options.methods ? [methodsFileLayer(options.methods)] : [];
  if (options.settings) layers.push({ source: `--settings ${options.settings}`, doc: { linkage: { settings: resolve(options.settings) } } });
  const { linkageStage } = await import('../../src/pipeline/stages/linkage.ts');
  const { runStageOnFolder } = await import('../../src/pipeline/run.ts');
  const results = await runStageOnFolder(options.run as string, linkageStage, options.quiet ? silent : plainProgress(), { methods: layers });
  const mine = { ...results, estimates: results.estimates.filter((e) => /^(link|linkage)\./.test(e.id) && !e.group.includes('=')) };
  process.stdout.write((await import('../summary.ts')).summaryText(mine, options.run as string));
  const rerun = dependentsRun(results);
  if (rerun.length) process.stdout.write(`(re-ran ${rerun.join(', ')}, which rest on the links, with the same methods document)\n`);
  process.stdout.write(`(all figures, by group too, in ${options.run}/results.json; links in ${options.run}/linkage/links.csv)\n`);
}

export function registerLink(program: Command): void {
  program
    .command('link')
    .description('link two record files probabilistically (Fellegi-Sunter; blocking, comparisons and threshold from a settings file)')
    .option('--left <csv>', 'left records (e.g. nDelius requirements)')
    .option('--right <csv>', 'right records (e.g. NDTMS episodes)')
    .option('--settings <file>', 'linkage settings, YAML or JSON (see src/methods/linkage/default-settings.yaml)')
    .option('--out <dir>', 'output folder: links.csv, model.json, scores.json when truth columns are present')
    .option('--resolve <mode>', 'links to write: all (every pair above threshold), best (per left record), best-right (per right record), one-to-one, clusters (connected components; also clusters.csv)', 'all')
    .option('--force', 'replace --out if it exists')
    .option('--quiet', 'no progress lines on stderr')
    .option('--explain <left_id...>', 'print the weight waterfall of the best candidates of these left records')
    .option('--run <dir>', 'run-folder mode: rerun the linkage stage of a run (optionally with --settings), then the stages that rest on it, and update its results.json')
    .option('--methods <file>', "run-folder mode: a methods document over the run's (its linkage: block: settings, threshold, resolve)")
    .action(async (options: LinkCommandOptions) => {
      if (options.run) await linkRunMode(options);
      else await linkFileMode(options);
    });
}
