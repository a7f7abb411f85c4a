/**
 * `pathways train`: guided exercises for new analysts, on cases the bench draws from a run:
 * linkage pairs, contact notes, reading a linkage-based rate, reconviction timing.
 */
import { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { parseSeed } from '../options.ts';

interface TrainValues {
  run?: string;
  runs: string;
  exercise?: string;
  seed?: string;
  count: string;
  results: boolean;
  resultsDir?: string;
  answers?: string;
  trainee?: string;
  json: boolean;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('guided exercises on cases drawn from a run: answer, see the truth and why, keep a score (prints when not in a terminal)')
    .option('--run <dir>', 'finished run folder to draw cases from (default: the newest under --runs)')
    .option('--runs <dir>', 'folder of run folders, for the default --run', 'runs')
    .option('--exercise <name>', 'linkage-pairs, notes, linked-rate or reconviction-timing (default: linkage-pairs)')
    .option('--seed <n>', 'which cases (default: a new draw each session; the seed is saved with the results)')
    .option('--count <n>', 'cases in the session', '6')
    .option('--answers <file>', 'mark these answers (one a line, or a JSON array; - reads stdin) instead of asking')
    .option('--trainee <name>', 'name saved with the results')
    .option('--results', 'list the saved sessions and scores (for a trainer)', false)
    .option('--results-dir <dir>', 'where sessions are saved and listed (default: RUN/train)')
    .option('--json', 'print JSON: the questions (without the truth), or the marked answers, or the results', false)
    .addHelpText(
      'after',
      '\nExamples:\n  npx pathways train --run runs/dev --exercise notes\n  npx pathways train --run runs/dev --exercise linkage-pairs --seed 7 --json > questions.json\n  printf "y\\nn\\ny\\n" | npx pathways train --run runs/dev --seed 7 --count 3 --answers -\n  npx pathways train --run runs/dev --results\n',
    )
    .action(async (values: TrainValues) => {
      if (!/^\d+$/.test(values.count) || Number(values.count) < 1 || Number(values.count) > 100) {
        throw new InputError(`--count: must be a whole number from 1 to 100, got "${values.count}"`);
      }
      const { runTrain } = await import('../train/open.tsx');
      await runTrain({
        run: values.run,
        runsDir: values.runs,
        exercise: values.exercise,
        seed: values.seed === undefined ? undefined : parseSeed(values.seed),
        count: Number(values.count),
        results: values.results,
        resultsDir: values.resultsDir,
        answers: values.answers,
        trainee: values.trainee,
        json: values.json,
      });
    });
}
