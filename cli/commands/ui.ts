/**
 * `pathways ui`: the terminal UI (run a scenario with live progress, a run's dashboard, a
 * person explorer). Without a terminal, or with CI set, it prints the same content as text.
 */
import { Command } from 'commander';
import { parseScale, parseSeed } from '../options.ts';
import { InputError } from '../../src/errors.ts';

interface UiValues {
  run?: string;
  scenario?: string;
  seed: string;
  scale: string;
  crn?: string;
  lists: boolean;
  sweep?: string;
  identify?: string;
  runs: string;
  json: boolean;
}

export function registerUi(program: Command): void {
  program
    .command('ui')
    .description('the terminal UI: run a scenario with live progress, the dashboard of a run, a person explorer (prints text when not in a terminal)')
    .option('--run <dir>', 'open the dashboard of this finished run folder')
    .option('--scenario <file>', 'open the run screen on this scenario (without a terminal: run it, then print its dashboard)')
    .option('--seed <n>', 'seed for a run started from the UI', '42')
    .option('--scale <s>', 'scale for a run started from the UI', '0.1')
    .option('--crn <crn>', 'with --run: show this person in the explorer')
    .option('--lists', "with --run: open the explorer's pick lists (the linkage's misses and false matches, the notes classifier's errors, the reconvictions lost, each by kind)", false)
    .option('--sweep <dir>', "a sweep folder: each estimand's bias and coverage against each swept knob (a summary table when not in a terminal)")
    .option('--identify <dir>', 'an identify folder: the truths consistent with the published figures, their histograms and the method errors (a summary when not in a terminal)')
    .option('--runs <dir>', 'folder where run folders are listed and UI runs are written', 'runs')
    .option('--json', 'print machine-readable JSON (the dashboard model, a person, the pick lists, or the lists of scenarios and runs)', false)
    .addHelpText(
      'after',
      '\nExamples:\n  npx pathways ui\n  npx pathways ui --sweep sweeps/threshold\n  npx pathways ui --identify reports/identify/engagement\n  npx pathways ui --run runs/dev\n  npx pathways ui --run runs/dev --crn B234567 --json\n  npx pathways ui --run runs/dev --lists\n  npx pathways ui --scenario scenarios/clean.yaml --scale 0.05\n',
    )
    .action(async (values: UiValues) => {
      if (values.identify !== undefined) {
        if (values.run || values.scenario || values.crn || values.lists || values.sweep !== undefined) throw new InputError('ui --identify: not with --run, --scenario, --crn, --lists or --sweep');
        const { openIdentifyUi } = await import('../ui/identify-open.tsx');
        await openIdentifyUi({ dir: values.identify, json: values.json });
        return;
      }
      if (values.sweep !== undefined) {
        if (values.run || values.scenario || values.crn || values.lists) throw new InputError('ui --sweep: not with --run, --scenario, --crn or --lists');
        const { openSweepUi } = await import('../ui/sweep-open.tsx');
        await openSweepUi({ dir: values.sweep, json: values.json });
        return;
      }
      const { openUi } = await import('../ui/open.tsx');
      await openUi({
        run: values.run,
        scenario: values.scenario,
        seed: parseSeed(values.seed),
        scale: parseScale(values.scale),
        crn: values.crn,
        lists: values.lists,
        runsDir: values.runs,
        json: values.json,
      });
    });
}
