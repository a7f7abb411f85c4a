/**
 * An identify run on the bench: each draw's knobs laid over the scenario, a small world made in
 * memory, only the stages its figures need run on its records, and its figures and truths
 * kept. Draws are appended one JSON line each to the staging folder as they finish, so an
 * interrupted run resumes where it stopped.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { canonicalJson } from '../io/document.ts';
import { packageVersion } from '../io/package-version.ts';
import { resolvePoint } from '../experiments/plan.ts';
import { recordsInMemory } from '../experiments/world.ts';
import type { Shard } from '../experiments/sweep.ts';
import { runStagesInMemory } from '../pipeline/run.ts';
import { silent } from '../pipeline/progress.ts';
import { estimateKey } from '../results/estimate.ts';
import { figureKey, runDraws, type Draw, type Knobs, type Simulated } from './abc.ts';
import { readIdentifyPlan, type IdentifyPlan, type ResolvedFigure, type ResolvedPlan } from './plan.ts';
import { neededFor } from './stages.ts';
import { runOnPool, type JobHandler } from '../experiments/pool.ts';

/** One draw on the bench: the recovered value and the truth of every figure and quantity. */
export async function simulateDraw(plan: ResolvedPlan, knobs: Knobs, seed: number): Promise<Record<string, Simulated>> {
  const point = resolvePoint(plan.base, { ...plan.plan.fixed, ...knobs });
  // Contact notes only when the notes stage runs (they are most of a small world's cost); only the stages giving figures evaluated.
  const needed = neededFor([...plan.figures, ...plan.quantities].map((f) => f.id), plan.stages);
  const results = await runStagesInMemory({
    tables: recordsInMemory(point.scenario, plan.plan.scale, seed, plan.stages.some((s) => s.name === 'notes')),
    evaluated: needed.evaluated,
    keeps: needed.keeps,
    scenario: point.scenario,
    seed,
    scale: plan.plan.scale,
    methods: point.methods,
    stages: plan.stages,
    progress: silent,
  });
  const byKey = new Map(results.estimates.map((e) => [estimateKey(e), e]));
  const values: Record<string, Simulated> = {};
  for (const f of [...plan.figures, ...plan.quantities]) {
    const e = byKey.get(estimateKey(f));
    values[figureKey(f)] = { recovered: e?.estimate ?? null, truth: e?.truth ?? null };
  }
  return values;
}

/** What identify.json records of the plan: enough to rerun it, and what shards and --resume compare. */
export interface IdentifyRecord {
  plan: IdentifyPlan;
  scenario: string;
  priors: ResolvedPlan['priors'];
  figures: ResolvedFigure[];
  quantities: ResolvedPlan['quantities'];
  stages: string[];
  packageVersion: string;
}

export function identifyRecord(plan: ResolvedPlan): IdentifyRecord {
  return {
    plan: plan.plan,
    scenario: plan.base.scenarioDoc.name as string,
    priors: plan.priors,
    figures: plan.figures,
    quantities: plan.quantities,
    stages: plan.stages.map((s) => s.name),
    packageVersion: packageVersion(),
  };
}

/** Shard K of N runs the draws whose number is K - 1 mod N. */
export function drawsOf(budget: number, shard: Shard = { index: 1, count: 1 }): number[] {
  return Array.from({ length: budget }, (_, i) => i).filter((i) => i % shard.count === shard.index - 1);
}

/** The folder a run fills before it is moved to `target`; fixed (no pid), so --resume finds it. */
export function stagingFolder(target: string): string {
  const full = resolve(target);
  return join(dirname(full), `.${basename(full)}.partial`);
}

export const DRAWS_LOG = 'draws.jsonl';
export const RECORD_FILE = 'identify.json';

/** The draws an interrupted run finished (a line cut short by the interruption is dropped). */
export function readDrawLog(folder: string): Draw[] {
  const path = join(folder, DRAWS_LOG);
  if (!existsSync(path)) return [];
  const draws: Draw[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      draws.push(reviveDraw(JSON.parse(line) as Draw));
    } catch {
      // The last line of a killed run may be incomplete; its draw runs again.
    }
  }
  return draws;
}

/** JSON has no Infinity: a draw with a missing figure is written with distance null. */
function reviveDraw(d: Draw): Draw {
  return { ...d, distance: d.distance === null ? Number.POSITIVE_INFINITY : d.distance };
}

/**
 * The budget may change on --resume: draw i's knobs and world depend on the seed and i alone,
 * so a run of budget B is the first B draws of any larger one (and a smaller budget keeps the
 * draws below it).
 */
function withoutBudget(record: IdentifyRecord | null): unknown {
  if (record === null) return null;
  const { budget: _budget, ...plan } = record.plan;
  return { ...record, plan };
}

/**
 * Opens the staging folder for `target`: new, or with --resume the interrupted run's (which
 * must have run the same plan). Returns the draws already done.
 */
export function openStaging(target: string, record: IdentifyRecord, resume: boolean): { folder: string; done: Draw[] } {
  const folder = stagingFolder(target);
  if (existsSync(folder)) {
    if (!resume) throw new InputError(`${target}: an interrupted identify run is at ${folder}; add --resume to continue it, or remove it`);
    const before = existsSync(join(folder, RECORD_FILE)) ? readFileSync(join(folder, RECORD_FILE), 'utf8') : 'null';
    if (canonicalJson(withoutBudget(JSON.parse(before) as IdentifyRecord)) !== canonicalJson(withoutBudget(record))) throw new InputError(`--resume: ${folder} was started with a different plan (or another version of the bench); remove it to start again`);
    writeFileSync(join(folder, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
    return { folder, done: readDrawLog(folder) };
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  return { folder, done: [] };
}

export type IdentifyProgress = (done: number, total: number, d: Draw) => void;

export interface IdentifyOptions {
  /** Worker threads running draws side by side (1: this thread); the draws are the same whatever N. */
  workers?: number;
  /** The simulator in place of the bench's (tests' toy problems); runs on this thread. */
  simulate?: (knobs: Knobs, seed: number) => Promise<Record<string, Simulated>>;
}

/** What a worker is given once: the plan to read again (its stages are functions, not data). */
export interface DrawWorkerSetup {
  path: string;
  budget: number;
}

/** A worker's job handler (see experiments/pool.ts): a draw number in, the draw out. */
export function drawHandler(setup: DrawWorkerSetup): JobHandler<number, Draw> {
  const plan = readIdentifyPlan(setup.path, { budget: setup.budget });
  return async (i, send) => {
    const [d] = await runDraws(plan.priors, plan.figures, plan.plan.seed, [i], (knobs, seed) => simulateDraw(plan, knobs, seed));
    send(d);
  };
}

/** Runs the draws not yet in the folder's log, appending each as it finishes; all of them, sorted by draw. */
export async function runIdentify(plan: ResolvedPlan, folder: string, done: readonly Draw[], shard: Shard | undefined, progress: IdentifyProgress = () => {}, options: IdentifyOptions = {}): Promise<Draw[]> {
  const mine = drawsOf(plan.plan.budget, shard);
  const have = new Set(done.map((d) => d.draw));
  const todo = mine.filter((i) => !have.has(i));
  let n = mine.length - todo.length;
  const fresh: Draw[] = [];
  const onDraw = (d: Draw): void => {
    appendFileSync(join(folder, DRAWS_LOG), `${JSON.stringify({ ...d, distance: Number.isFinite(d.distance) ? d.distance : null })}\n`);
    fresh.push(d);
    progress(++n, mine.length, d);
  };
  const workers = Math.min(options.workers ?? 1, todo.length);
  if (workers > 1 && options.simulate === undefined) {
    const setup: DrawWorkerSetup = { path: resolve(plan.path), budget: plan.plan.budget };
    await runOnPool<number, Draw>({ module: import.meta.url, handler: 'drawHandler', setup }, todo, workers, onDraw);
  } else {
    const simulate = options.simulate ?? ((knobs: Knobs, seed: number) => simulateDraw(plan, knobs, seed));
    await runDraws(plan.priors, plan.figures, plan.plan.seed, todo, simulate, onDraw);
  }
  const kept = done.filter((d) => mine.includes(d.draw));
  return [...kept, ...fresh].sort((a, b) => a.draw - b.draw);
}
