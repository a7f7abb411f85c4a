/**
 * Opening the UI: drawn with Ink in a terminal; printed as plain text when stdout is not a
 * terminal or CI is set; printed as JSON with `json`. The same models feed all three.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Box, render, renderToString, Text, useInput, useStdin } from 'ink';
import type { ReactNode } from 'react';
import { InputError } from '../../src/errors.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { App } from './app.tsx';
import { DashboardPrint } from './dashboard-screen.tsx';
import { loadDashboard, type DashboardModel } from './dashboard-model.ts';
import { findPersonByCrn, loadPersonView, type PersonView } from './person-model.ts';
import { personLines } from './person-lines.tsx';
import { loadPersonExtras, type PersonExtras } from './person-extras.ts';
import { runTablesOf } from './explorer-screen.tsx';
import { entriesOf, loadPickLists, type PickLists } from './pick-lists.ts';
import { wrapText } from './person-lines.tsx';
import { listRuns, listScenarios, uiRunDir, type ScenarioFile } from './paths.ts';
import { startRun, stopRuns } from './run-child.ts';
import { formatSeconds } from './format.ts';
import { DEFAULT_UI_SCALE } from './run-screen.tsx';

export interface UiOptions {
  /** A finished run folder: opens its dashboard. */
  run?: string;
  /** A scenario file: opens the run screen on it (or, without a terminal, runs it). */
  scenario?: string;
  seed?: number;
  scale?: number;
  /** With `run`: open the person explorer on this CRN. */
  crn?: string;
  /** With `run`: open the explorer's pick lists (the run's errors by kind). */
  lists?: boolean;
  json?: boolean;
  /** With `scenario`: run it at once into this folder, then show its dashboard (`npm start` in a terminal). */
  out?: string;
  /** Where run folders are listed and UI runs are written; default `runs`. */
  runsDir?: string;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
}

/** Ink draws only in a terminal that is not CI; everywhere else the UI prints. */
export function shouldDraw(stdout: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stdout.isTTY) && !env.CI;
}

/** Scenarios on offer: scenarios/*.yaml, plus the one given when it lives elsewhere. */
function scenarioList(given: string | undefined): ScenarioFile[] {
  const list = listScenarios();
  if (given && !list.some((s) => s.path === resolve(given))) list.unshift({ name: basename(given).replace(/\.ya?ml$/, ''), path: resolve(given) });
  return list;
}

function checkOptions(options: UiOptions): void {
  if (options.run && options.scenario) throw new InputError('--run and --scenario: give one or the other');
  if (options.run && !existsSync(resolve(options.run, 'results.json'))) throw new InputError(`--run ${options.run}: no results.json there (not a finished run folder)`);
  if (options.crn && !options.run) throw new InputError('--crn: needs --run DIR (the run to look in)');
  if (options.lists && !options.run) throw new InputError('--lists: needs --run DIR (the run whose errors to list)');
  if (options.lists && options.crn) throw new InputError('--lists and --crn: give one or the other');
  if (options.out && !options.scenario) throw new InputError('out: needs a scenario to run');
  // A bad scenario is refused now, with the loader's message, not halfway into a run.
  if (options.scenario) loadScenario(options.scenario);
}

export async function openUi(options: UiOptions = {}): Promise<void> {
  checkOptions(options);
  const stdout = options.stdout ?? process.stdout;
  const runsDir = resolve(options.runsDir ?? 'runs');
  if (!options.json && shouldDraw(stdout, options.env ?? process.env)) {
    let interrupted = false;
    const instance = render(
      <OnCtrlC
        onCtrlC={() => {
          interrupted = true;
          instance.unmount();
        }}
      >
      <App
        scenarios={scenarioList(options.scenario)}
        runsDir={runsDir}
        runDir={options.run ? resolve(options.run) : undefined}
        scenario={options.scenario}
        crn={options.crn}
        lists={options.lists}
        initialSeed={options.seed}
        initialScale={options.scale}
        autoStart={options.out ? resolve(options.out) : undefined}
      />
      </OnCtrlC>,
      // Ctrl-C is ours to handle: Ink's own exit would leave the run going, and the process
      // waiting for it and then ending with status 0.
      { stdout, exitOnCtrlC: false },
    );
    await instance.waitUntilExit();
    if (interrupted) await dieOfCtrlC();
    return;
  }
  await printUi({ ...options, runsDir }, stdout, options.stderr ?? process.stderr);
}

/** Ctrl-C anywhere in the UI (in raw mode it is a key, not a signal). */
function OnCtrlC({ onCtrlC, children }: { onCtrlC: () => void; children: ReactNode }) {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') onCtrlC();
    },
    { isActive: Boolean(isRawModeSupported) },
  );
  return <>{children}</>;
}

/** How long an interrupted run may take to clean up before it is killed (its folders are removed either way). */
const CTRL_C_GRACE_MS = 800;

/**
 * After Ctrl-C: stop the run (SIGINT, then SIGKILL if it is busy in a long synchronous step),
 * remove what it was writing, then die of SIGINT as a shell expects (status 130).
 */
async function dieOfCtrlC(): Promise<never> {
  await stopRuns(CTRL_C_GRACE_MS);
  process.kill(process.pid, 'SIGINT');
  // The signal is handled on a later turn of the event loop: keep the loop alive until it is,
  // or the process would end first, with status 0.
  return new Promise<never>(() => setInterval(() => {}, 1000));
}

function printWidth(stdout: NodeJS.WriteStream): number {
  return stdout.isTTY && stdout.columns ? Math.max(80, stdout.columns) : 100;
}

/** What the UI would show, as text or JSON, for pipes, CI and scripts. */
export async function printUi(options: UiOptions & { runsDir: string }, stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, stderr: NodeJS.WritableStream): Promise<void> {
  const width = printWidth(stdout as NodeJS.WriteStream);
  const write = (text: string) => stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (options.run && options.crn) {
    const { view, extras } = await personByCrn(resolve(options.run), options.crn);
    write(options.json ? JSON.stringify({ ...view, extras }, null, 2) : renderToString(<Box flexDirection="column">{personLines(view, extras, { width })}</Box>, { columns: width }));
    return;
  }
  if (options.run && options.lists) {
    const lists = await pickListsOfRun(resolve(options.run));
    write(options.json ? JSON.stringify(lists, null, 2) : pickListsText(lists, width));
    return;
  }
  let runDir = options.run ? resolve(options.run) : null;
  if (options.scenario) runDir = await runPlain(options, stderr);
  if (runDir) {
    const model = loadDashboard(runDir);
    write(options.json ? JSON.stringify(model, null, 2) : dashboardText(model, width));
    return;
  }
  const scenarios = listScenarios();
  const runs = listRuns(options.runsDir);
  if (options.json) {
    write(JSON.stringify({ scenarios, runs: runs.map((r) => ({ ...r, modified: new Date(r.modified).toISOString() })) }, null, 2));
    return;
  }
  write(
    renderToString(
      <Box flexDirection="column">
        <Text>Pathways bench UI (no terminal here, so it prints instead of drawing)</Text>
        <Text bold>Scenarios</Text>
        {scenarios.map((s) => (
          <Text key={s.path}>
            {'  '}
            {s.name.padEnd(16)} {s.path}
          </Text>
        ))}
        <Text bold>Finished runs in {options.runsDir}</Text>
        {runs.length === 0 ? <Text>{'  '}none yet</Text> : null}
        {runs.map((r) => (
          <Text key={r.dir}>
            {'  '}
            {r.name.padEnd(24)} {new Date(r.modified).toISOString().slice(0, 16).replace('T', ' ')}
          </Text>
        ))}
        <Text>
          Dashboard: pathways ui --run DIR · person: pathways ui --run DIR --crn CRN · run: pathways ui --scenario FILE · add --json for JSON
        </Text>
      </Box>,
      { columns: width },
    ),
  );
}

export function dashboardText(model: DashboardModel, width: number): string {
  return renderToString(<DashboardPrint model={model} width={width} />, { columns: width });
}

export async function pickListsOfRun(runDir: string): Promise<PickLists> {
  const tables = await runTablesOf(runDir);
  try {
    return await loadPickLists(tables);
  } finally {
    tables.rows.close();
  }
}

/** The pick lists as text: each list, its kinds with their lessons, and every case. */
export function pickListsText(lists: PickLists, width: number): string {
  const out: string[] = [];
  for (const list of lists.lists) {
    out.push(`== ${list.name} (${list.absent ? 'none' : entriesOf(list)}) ==`, ...wrapText(list.absent ?? list.what, width));
    for (const kind of list.kinds) {
      out.push('', ...wrapText(`${kind.entries.length} ${kind.kind}: ${kind.lesson}`, width));
      for (const e of kind.entries) out.push(...wrapText(e.label, width - 4).map((l) => `    ${l}`));
    }
    out.push('');
  }
  return out.join('\n');
}

export async function personByCrn(runDir: string, crn: string): Promise<{ view: PersonView; extras: PersonExtras }> {
  const tables = await runTablesOf(runDir);
  try {
    const personId = findPersonByCrn(tables, crn);
    const view = personId === null ? null : await loadPersonView(tables, personId, 0);
    if (!view) throw new InputError(`--crn ${crn}: no person with that CRN in ${runDir}`);
    return { view, extras: await loadPersonExtras(tables, view) };
  } finally {
    tables.rows.close();
  }
}

/** The run screen without a terminal: the same child process, progress as lines on stderr. */
async function runPlain(options: UiOptions & { runsDir: string }, stderr: NodeJS.WritableStream): Promise<string> {
  const scenario = scenarioList(options.scenario).find((s) => s.path === resolve(options.scenario as string)) as ScenarioFile;
  const seed = options.seed ?? 42;
  const scale = options.scale ?? DEFAULT_UI_SCALE;
  const out = options.out ? resolve(options.out) : uiRunDir(options.runsDir, scenario.name, seed, scale);
  const started = Date.now();
  let last = '';
  stderr.write(`running ${scenario.name}, seed ${seed}, scale ${scale} into ${out}\n`);
  const handle = startRun({ scenario: scenario.path, seed, scale, out }, (e) => {
    const key = `${e.stage}:${e.step}`;
    if (key === last) return;
    last = key;
    stderr.write(`[${formatSeconds((Date.now() - started) / 1000).padStart(7)}] ${e.stage}: ${e.step} (${e.done}/${e.total})\n`);
  });
  const cancel = () => handle.cancel();
  process.once('SIGINT', cancel);
  const exit = await handle.done;
  process.off('SIGINT', cancel);
  if (exit.status === 'finished') return exit.dir;
  if (exit.status === 'cancelled') throw new InputError('the run was cancelled; no run folder was left', 130);
  throw new InputError(`the run failed: ${exit.message}`, 1);
}

/**
 * `pathways` with no command: the UI when a person is at a terminal, else false (the caller
 * then shows its help as before). Loaded lazily by the CLI so other commands do not pay for Ink.
 */
export async function openUiWhenBare(argv: string[], stdout: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (argv.length > 2 || !shouldDraw(stdout, env)) return false;
  await openUi({ stdout, env });
  return true;
}
