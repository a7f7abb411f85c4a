/**
 * `pathways check --kind link --tool 'CMD {left} {right} {out}' --property 'recall >= 0.9'`
 * (or `--kind classify --tool 'CMD {notes} {out}' --property 'specificity >= 0.8'`, or
 * `--kind fit --tool 'CMD {data} {out}' --property 'coverage >= 0.9'`): property tests of an
 * outside linker, note classifier or model fitter on many small worlds whose truth is known,
 * shrinking a failure to the smallest world that still fails and keeping it as files that
 * rerun it. Every option is checked before the first world is drawn.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { CheckFailure, InputError } from '../../src/errors.ts';
import { checkOutput } from '../../src/io/output-path.ts';
import { atomicFilePath } from '../../src/io/run-folder.ts';
import { parseSeed } from '../options.ts';

export interface CheckCliOptions {
  kind: string;
  tool: string;
  property: string[];
  runs: string;
  seed?: string;
  replay?: string;
  junit?: string;
  timeBudget?: string;
  toolTimeout: string;
  scenario?: string;
  maxNoise: string;
  failing: string;
  force: boolean;
  jobs?: string;
  level: string;
}

const KINDS = ['link', 'classify', 'fit'] as const;

function positiveNumber(option: string, text: string | undefined, whole = false): number | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x <= 0 || (whole && !Number.isInteger(x))) {
    throw new InputError(`${option}: expected a ${whole ? 'whole number' : 'number'} above 0, got "${text}"`);
  }
  return x;
}

/** Quote a word for a POSIX shell when it needs it. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export async function runCheckCommand(o: CheckCliOptions): Promise<void> {
  if (!(KINDS as readonly string[]).includes(o.kind)) throw new InputError(`--kind: expected ${KINDS.join(', ')}, got "${o.kind}"`);
  const kindName = o.kind as (typeof KINDS)[number];
  const { parseProperty } = await import('../../src/check/property.ts');
  const { parseToolTemplate } = await import('../../src/check/tool.ts');
  const { CHECK_KINDS } = await import('../../src/check/kinds.ts');
  const kind = CHECK_KINDS[kindName];
  if (o.property.length === 0) throw new InputError(`--property: give at least one (e.g. --property "${kind.metrics[0]} >= 0.9")`);
  const properties = o.property.map((p) => parseProperty(p, kind.metrics));
  const tool = parseToolTemplate(o.tool, kind.placeholders);
  const runs = positiveNumber('--runs', o.runs, true) as number;
  const timeBudgetSeconds = positiveNumber('--time-budget', o.timeBudget);
  const toolTimeoutSeconds = positiveNumber('--tool-timeout', o.toolTimeout) as number;
  const jobs = o.jobs === undefined ? availableParallelism() : (positiveNumber('--jobs', o.jobs, true) as number);
  const level = Number(o.level);
  if (o.level.trim() === '' || !(level > 0 && level < 1)) throw new InputError(`--level: expected a number between 0 and 1, got "${o.level}"`);
  const maxNoise = Number(o.maxNoise);
  if (o.maxNoise.trim() === '' || !(maxNoise >= 0 && maxNoise <= 1)) throw new InputError(`--max-noise: expected a number in [0, 1], got "${o.maxNoise}"`);
  if (o.replay !== undefined && !/^\d+(:\d+)*$/.test(o.replay)) throw new InputError(`--replay: expected a path like 3:0:1 (as check prints it), got "${o.replay}"`);
  if (o.replay !== undefined && o.seed === undefined) throw new InputError('--replay: give the --seed the path was found with');
  const seed = o.seed === undefined ? Date.now() % 2 ** 31 : parseSeed(o.seed);
  checkOutput(o.failing, { option: '--failing', kind: 'folder', force: o.force });
  if (o.junit) checkOutput(o.junit, { option: '--junit', kind: 'file', force: o.force });
  const { shippedScenario } = await import('../../src/check/library.ts');
  const { loadScenario } = await import('../../src/scenario/load.ts');
  const base = o.scenario ? loadScenario(o.scenario).scenario : shippedScenario('baseline');

  const { runCheck, describeDraw } = await import('../../src/check/run.ts');
  const { junitXml } = await import('../../src/check/junit.ts');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`pathways check --kind ${o.kind}: ${runs} world(s), seed ${seed}${timeBudgetSeconds ? `, time budget ${timeBudgetSeconds} s` : ''}`);
  const report = await runCheck({ kind: kindName, tool, properties, runs, seed, replay: o.replay, timeBudgetSeconds, toolTimeoutSeconds, base, maxNoise, failingDir: o.failing, force: o.force, log: say, jobs, level });

  const command = (extra: string[]) =>
    ['npx pathways check', '--kind', o.kind, '--tool', o.tool, ...properties.flatMap((p) => ['--property', p.text]), '--seed', String(seed), ...extra, ...(o.scenario ? ['--scenario', o.scenario] : []), ...(o.maxNoise !== '0.1' ? ['--max-noise', o.maxNoise] : []), ...(o.level !== '0.95' ? ['--level', o.level] : []), '--failing', o.failing, '--force']
      .map((w, i) => (i === 0 ? w : shellWord(w)))
      .join(' ');
  const overRunsFailed = report.overRuns?.filter((a) => a.verdict === 'failed') ?? [];
  // A property over the runs is reproduced by the whole check with its seed; no one world replays it.
  const reproduce = report.failure ? command(['--replay', report.failure.path]) : overRunsFailed.length > 0 && !report.toolFailure ? command(['--runs', String(report.runs)]) : null;
  report.tallies.forEach((t) => {
    const over = report.overRuns?.find((a) => a.property === t.property);
    if (over) {
      say(`  ${t.property.text}: ${over.verdict === 'not-applicable' ? 'not applicable (no interval scored)' : `${over.verdict}, ${t.property.metric} = ${over.value.toFixed(4)} (${over.covered} of ${over.intervals} intervals held the true coefficient, over ${over.worlds} world(s); nominal ${level})`}`);
      if (over.verdict === 'failed') {
        for (const w of over.worst) say(`    ${w.label}: ${w.missed} of ${w.intervals} missed${w.farthest ? `, farthest ${w.farthest.term} (true ${w.farthest.truth}, interval [${w.farthest.lower.toPrecision(4)}, ${w.farthest.upper.toPrecision(4)}])` : ''}; ${describeDraw(w.draw)}`);
      }
    } else say(`  ${t.property.text}: held in ${t.held}, failed in ${t.failed}, not applicable in ${t.notApplicable} of ${report.runs} world(s)`);
  });
  if (report.stoppedByBudget) say(`  the time budget stopped the drawing after ${report.runs} of ${runs} world(s)`);
  if (report.failure) {
    const f = report.failure;
    say(`first failing world (${f.first.label}): ${describeDraw(f.first.draw)}`);
    say(`smallest failing world (after ${f.shrinkSteps} shrink step(s)): ${describeDraw(f.shrunk.draw)}`);
    properties.forEach((p, i) => {
      if (f.shrunk.verdicts[i] === 'failed') say(`  ${p.text} fails: ${p.metric} = ${f.shrunk.metrics?.[p.metric]}`);
    });
    if (f.replayedPassed) say('  the first failing world passed when run again: the tool gives different links for the same files');
    say(`kept in ${report.failingDir}: scenario.yaml, world.json (seeds and path), ${kind.files.join(', ')}, tool.log`);
    say(`reproduce: ${reproduce}`);
  } else if (overRunsFailed.length > 0 && !report.toolFailure) {
    if (report.failingDir) say(`the world that missed most is kept in ${report.failingDir}: scenario.yaml, world.json (seeds, path, each interval beside its true coefficient), ${kind.files.join(', ')}, tool.log`);
    say(`reproduce: ${reproduce}`);
  }
  if (o.junit) {
    const file = atomicFilePath(o.junit);
    try {
      writeFileSync(file.temp, junitXml(report, o.kind, reproduce));
      file.commit();
    } catch (error) {
      file.abandon();
      throw error;
    }
  }
  say(`${report.passed ? 'passed' : 'FAILED'} in ${report.seconds.toFixed(1)} s`);
  if (report.toolFailure) throw new CheckFailure(`check: ${report.toolFailure.message} (its world is kept in ${report.failingDir})`);
  if (report.failure) throw new CheckFailure(`check: ${properties.filter((_, i) => report.failure?.shrunk.verdicts[i] === 'failed').map((p) => `"${p.text}"`).join(', ')} failed; the smallest failing world is in ${report.failingDir}`);
  if (!report.passed) throw new CheckFailure(`check: ${overRunsFailed.map((a) => `"${a.property.text}"`).join(', ')} failed over ${report.runs} world(s); the world that missed most is in ${report.failingDir}`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('property-test an outside linker, note classifier or model fitter on many small worlds whose truth is known; shrink a failure to the smallest world that still fails')
    .requiredOption('--kind <kind>', 'what the tool does: link (records in, links out), classify (contact notes in, labels out) or fit (analysis data in, coefficients with intervals out)')
    .requiredOption('--tool <command>', "the tool's command line: link with {left} {right} {out} ('python3 my_linker.py {left} {right} {out}'), classify with {notes} {out}, fit with {data} {out} (and {level} if it wants it)")
    .option('--property <text>', "METRIC OP NUMBER [when KNOB OP NUMBER], repeatable: link metrics recall, precision, f1, false_match_rate, left_recall; classify metrics accuracy, sensitivity, specificity; fit metric coverage, over all the runs (e.g. 'recall >= 0.9 when noise.ndtms.dob.typo <= 0.02')", collect, [])
    .option('--runs <n>', 'worlds to draw', '100')
    .option('--seed <n>', 'seed of the draws (default: from the clock, and printed); the same seed gives the same worlds and verdict')
    .option('--replay <path>', 'rerun one world by the path check printed (with its --seed)')
    .option('--junit <file>', 'also write the verdict as JUnit XML')
    .option('--time-budget <seconds>', 'stop drawing new worlds after this long (a failure found is still shrunk)')
    .option('--tool-timeout <seconds>', 'a tool run taking longer than this fails', '60')
    .option('--scenario <file>', 'the scenario the knobs are drawn over (default: the shipped baseline)')
    .option('--max-noise <rate>', 'link: the highest identifier error rate drawn for any one kind of error', '0.1')
    .option('--level <p>', "fit: the nominal level of the tool's intervals, passed as {level}", '0.95')
    .option('--jobs <n>', "worlds run at once, their tools side by side (default: the machine's CPUs), and shrink candidates started ahead; the verdict and the shrunk world do not depend on it")
    .option('--failing <dir>', 'folder to create for the failing world', 'failing')
    .option('--force', 'replace --failing and --junit if they exist', false)
    .action(runCheckCommand);
}
