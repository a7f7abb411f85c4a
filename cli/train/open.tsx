/**
 * `pathways train`: exercises drawn with Ink in a terminal; off a terminal (no TTY, or CI set)
 * the questions are printed, and answers given with --answers are marked, as text or JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { render, type Instance } from 'ink';
import { InputError } from '../../src/errors.ts';
import { readTextFile } from '../../src/io/csv-read.ts';
import { listRuns } from '../ui/paths.ts';
import { shouldDraw } from '../ui/open.tsx';
import { drawCases } from './draw.ts';
import { EXERCISES, EXERCISE_TITLES, isChoice, mark, question, scoreOf, type Answered, type Case, type ExerciseName } from './exercise.ts';
import { listSessions, saveSession, type Session } from './session.ts';
import { TrainScreen } from './train-screen.tsx';

export interface TrainOptions {
  run?: string;
  runsDir?: string;
  exercise?: string;
  seed?: number;
  count?: number;
  results?: boolean;
  resultsDir?: string;
  answers?: string;
  trainee?: string;
  json?: boolean;
  stdout?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** Tests: read '-' answers from here rather than stdin. */
  stdin?: string;
}

export function exerciseName(text: string | undefined): ExerciseName {
  if (text === undefined) return EXERCISES[0];
  if (!(EXERCISES as readonly string[]).includes(text)) throw new InputError(`--exercise: no exercise "${text}" (one of ${EXERCISES.join(', ')})`);
  return text as ExerciseName;
}

/** The run to draw from: --run, else the newest finished run under --runs. */
export function trainRun(options: TrainOptions): string {
  if (options.run) {
    if (!existsSync(options.run)) throw new InputError(`--run ${options.run}: no such folder`);
    if (!existsSync(join(options.run, 'results.json'))) throw new InputError(`--run ${options.run}: no results.json there (not a finished run folder)`);
    return resolve(options.run);
  }
  const runs = listRuns(resolve(options.runsDir ?? 'runs'));
  if (runs.length === 0) throw new InputError(`--run: not given, and no finished run in ${options.runsDir ?? 'runs'} (run one with: npx pathways run --scale 0.05 --out runs/train)`);
  return runs[0].dir;
}

/** Answers: one per line (blank lines and # comments skipped), or a JSON array of strings. */
export function parseAnswers(text: string, source: string, cases: Case[]): string[] {
  const trimmed = text.trim();
  let answers: string[];
  if (trimmed.startsWith('[')) {
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch (error) {
      throw new InputError(`--answers ${source}: not JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(raw) || raw.some((a) => typeof a !== 'string')) throw new InputError(`--answers ${source}: a JSON answer list must be an array of strings`);
    answers = raw as string[];
  } else answers = trimmed.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (answers.length > cases.length) throw new InputError(`--answers ${source}: ${answers.length} answers for ${cases.length} cases`);
  answers.forEach((a, i) => {
    if (!isChoice(cases[i], a)) throw new InputError(`--answers ${source}: answer ${i + 1} "${a}" is not one of ${cases[i].choices.map((c) => c.key).join(', ')}`);
  });
  return answers;
}

function newSession(run: string, exercise: ExerciseName, seed: number, trainee: string | undefined, total: number): Session {
  return { version: 1, run, exercise, seed, trainee: trainee ?? null, started: new Date().toISOString(), finished: null, answers: [], score: scoreOf([], total) };
}

export async function runTrain(options: TrainOptions): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const write = (text: string) => stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const exercise = exerciseName(options.exercise);
  if (options.results) {
    const dir = options.resultsDir ? resolve(options.resultsDir) : join(trainRun(options), 'train');
    const sessions = listSessions(dir);
    if (options.json) write(JSON.stringify({ dir, sessions }, null, 2));
    else write(resultsText(dir, sessions));
    return;
  }
  const run = trainRun(options);
  const count = options.count ?? 6;
  // Each session its own cases unless a seed is given to repeat one.
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const cases = await drawCases(run, exercise, seed, count);
  if (cases.length === 0) throw new InputError(`--run ${run}: no case for the ${exercise} exercise in this run`);
  const resultsDir = options.resultsDir ? resolve(options.resultsDir) : join(run, 'train');
  const session = newSession(run, exercise, seed, options.trainee, cases.length);

  if (!options.json && !options.answers && shouldDraw(stdout, options.env ?? process.env)) {
    let savedTo: string | null = null;
    let instance: Instance | null = null;
    const draw = () => (
      <TrainScreen
        exercise={exercise}
        cases={cases}
        width={Math.max(60, stdout.columns ?? 80)}
        height={Math.max(12, (stdout.rows ?? 24) - 1)}
        savedTo={savedTo}
        onAnswer={(answers) => {
          session.answers = answers;
          session.score = scoreOf(answers, cases.length);
          if (answers.length === cases.length) session.finished = new Date().toISOString();
          savedTo = saveSession(resultsDir, session);
          instance?.rerender(draw());
        }}
      />
    );
    instance = render(draw(), { stdout });
    await instance.waitUntilExit();
    return;
  }

  if (!options.answers) {
    // Questions only: the truth stays out until answers are given.
    if (options.json) write(JSON.stringify({ run, exercise, seed, title: EXERCISE_TITLES[exercise], cases: cases.map(question) }, null, 2));
    else {
      const lines = [`${EXERCISE_TITLES[exercise]} (run ${run}, seed ${seed})`, ''];
      cases.forEach((c, i) => lines.push(`${i + 1}. [${c.id}]`, ...c.shown.map((s) => `   ${s}`), `   ${c.question} (${c.choices.map((ch) => `${ch.key} ${ch.label}`).join(' / ')})`, ''));
      lines.push(`Answer with: npx pathways train --run ${run} --exercise ${exercise} --seed ${seed} --answers FILE (one answer a line, in order; - reads stdin)`);
      write(lines.join('\n'));
    }
    return;
  }

  const text = options.answers === '-' ? (options.stdin ?? readFileSync(0, 'utf8')) : readAnswersFile(options.answers);
  const given = parseAnswers(text, options.answers, cases);
  const answers: Answered[] = given.map((a, i) => mark(cases[i], a));
  session.answers = answers;
  session.score = scoreOf(answers, cases.length);
  session.finished = answers.length === cases.length ? new Date().toISOString() : null;
  const savedTo = saveSession(resultsDir, session);
  if (options.json) {
    write(JSON.stringify({ run, exercise, seed, score: session.score, savedTo, cases: cases.map((c, i) => ({ ...c, given: answers[i]?.given ?? null, correct: answers[i]?.correct ?? null })) }, null, 2));
    return;
  }
  const lines = [`${EXERCISE_TITLES[exercise]} (run ${run}, seed ${seed})`, ''];
  cases.forEach((c, i) => {
    const a = answers[i];
    lines.push(`${i + 1}. [${c.id}] ${c.kind}`, ...c.shown.map((s) => `   ${s}`), `   ${c.question}`);
    if (!a) lines.push('   not answered', '');
    else lines.push(`   you: ${a.given} · ${a.correct ? 'right' : 'not so'}: ${c.truth}`, ...c.explanation.map((e) => `   ${e}`), '');
  });
  lines.push(`Score: ${session.score.correct} of ${session.score.total} right (${session.score.answered} answered). Saved to ${savedTo}`);
  write(lines.join('\n'));
}

function readAnswersFile(path: string): string {
  if (!existsSync(path)) throw new InputError(`--answers ${path}: no such file`);
  return readTextFile(path);
}

export function resultsText(dir: string, sessions: Session[]): string {
  if (sessions.length === 0) return `No training session saved in ${dir} yet.`;
  const lines = [`Training sessions in ${dir}`, `${'started'.padEnd(20)} ${'exercise'.padEnd(20)} ${'seed'.padStart(10)} ${'trainee'.padEnd(12)} score`];
  for (const s of sessions) {
    lines.push(
      `${s.started.slice(0, 19).replace('T', ' ').padEnd(20)} ${s.exercise.padEnd(20)} ${String(s.seed).padStart(10)} ${(s.trainee ?? '–').padEnd(12)} ${s.score.correct}/${s.score.total}${s.finished ? '' : ` (${s.score.answered} answered, unfinished)`}`,
    );
  }
  const byKind = new Map<string, [number, number]>();
  for (const a of sessions.flatMap((s) => s.answers)) {
    const [right, all] = byKind.get(a.kind) ?? [0, 0];
    byKind.set(a.kind, [right + (a.correct ? 1 : 0), all + 1]);
  }
  lines.push('', 'Right answers by kind of case (what to teach next):');
  for (const [kind, [right, all]] of [...byKind].sort((a, b) => a[1][0] / a[1][1] - b[1][0] / b[1][1])) lines.push(`  ${kind.padEnd(40)} ${right}/${all}`);
  return lines.join('\n');
}
