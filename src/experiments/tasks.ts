/**
 * The work of a sweep: units (one replicate's world and the grid points that share it), each
 * run in memory, on this thread or on worker threads, every finished task's rows appended to
 * a journal as it finishes so that a stopped sweep resumes where it stopped. Whatever the
 * number of workers or stops, the rows are the same: each task's rows depend only on its grid
 * point and replicate, and they are sorted at the end.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Estimate } from '../results/estimate.ts';
import type { Table } from '../io/table.ts';
import { runStagesInMemory } from '../pipeline/run.ts';
import { STAGES } from '../pipeline/stages/index.ts';
import { silent } from '../pipeline/progress.ts';
import { writeDatasets } from '../io/datasets.ts';
import { writeResults } from '../results/assemble.ts';
import { recordsInMemory } from './world.ts';
import { runOnPool, type JobHandler } from './pool.ts';
import { neededFor } from '../identify/stages.ts';
import type { KnobValue, Plan, ResolvedPoint } from './plan.ts';

/**
 * One estimate of one task: a row of results.csv. A sweep holds its knob values as the plan
 * gives them; a reader of results.csv has them as the CSV wrote them (`ResultRow<string>`).
 */
export interface ResultRow<K = KnobValue> {
  task: string;
  point: number;
  knobs: Record<string, K>;
  replicate: number;
  seed: number;
  estimand: string;
  group: string;
  unit: string;
  estimate: number | null;
  ci: [number, number] | null;
  truth: number | null;
  published: number | null;
}

/**
 * Shard K of N (1-based): the units of work (one replicate's one world and every grid point
 * run on it) numbered replicate by replicate, shard K taking those whose number is K - 1 mod N.
 * A world is never split across shards, so sharding costs no extra generation.
 */
export interface Shard {
  index: number;
  count: number;
}

/** A task's stable id: its grid point and replicate (stable while the plan's grid is). */
export function taskId(point: number, replicate: number): string {
  return `p${point}-r${replicate}`;
}

/** Keep an estimate when the plan lists no estimands, or lists its id (a trailing * is a prefix). */
export function keepsEstimand(plan: Plan, id: string): boolean {
  if (plan.estimands === undefined) return true;
  return plan.estimands.some((e) => (e.endsWith('*') ? id.startsWith(e.slice(0, -1)) : id === e));
}

/** One world of one replicate and the grid points (indices) run on it. */
export interface Unit {
  replicate: number;
  seed: number;
  points: number[];
}

/**
 * The seed of grid point `point`, replicate `replicate`: seed + r at every point with common
 * random numbers; otherwise seed + point x replicates + r, so no two tasks share one.
 */
export function seedOf(plan: Plan, point: number, replicate: number): number {
  return plan.common_random_numbers ? plan.seed + replicate : plan.seed + point * plan.replicates + replicate;
}

/**
 * The units of shard K of N: units numbered replicate by replicate (then by world), shard K
 * taking those whose number is K - 1 mod N, so a world is never split across shards.
 */
export function sweepUnits(plan: Plan, points: readonly ResolvedPoint[], shard: Shard = { index: 1, count: 1 }): Unit[] {
  const worlds = new Map<string, number[]>();
  // Without common random numbers no two points share a seed, so none shares a world.
  const worldOf = (p: ResolvedPoint, i: number): string => (plan.common_random_numbers ? p.worldKey : `point ${i}`);
  for (const [i, p] of points.entries()) worlds.set(worldOf(p, i), [...(worlds.get(worldOf(p, i)) ?? []), i]);
  const members = [...worlds.values()];
  const units: Unit[] = [];
  for (let r = 0; r < plan.replicates; r++) {
    for (const [w, m] of members.entries()) {
      if ((r * members.length + w) % shard.count === shard.index - 1) units.push({ replicate: r, seed: seedOf(plan, m[0], r), points: m });
    }
  }
  return units;
}

function row(point: number, p: ResolvedPoint, replicate: number, seed: number, e: Estimate): ResultRow {
  return { task: taskId(point, replicate), point, knobs: p.point, replicate, seed, estimand: e.id, group: e.group, unit: e.unit, estimate: e.estimate, ci: e.ci, truth: e.truth, published: e.published };
}

/** A finished task: its id and its rows. */
export interface TaskResult {
  task: string;
  rows: ResultRow[];
}

/**
 * One unit in memory: the world generated once, then every grid point's methods on the same
 * tables. With `keepRuns`, each task's datasets and results.json go to keepRuns/<task>.
 */
export async function runUnit(plan: Plan, points: readonly ResolvedPoint[], unit: Unit, onTask: (result: TaskResult) => void, keepRuns?: string): Promise<void> {
  const scenario = points[unit.points[0]].scenario;
  // Only the stages the kept estimands need, and only their evaluations; everything for --keep-runs.
  const needed = neededFor(keepRuns === undefined ? plan.estimands : undefined, STAGES);
  const tables: Table[] = recordsInMemory(scenario, plan.scale, unit.seed, needed.stages.some((s) => s.name === 'notes'));
  for (const i of unit.points) {
    const p = points[i];
    const results = await runStagesInMemory({ tables, scenario: p.scenario, seed: unit.seed, scale: plan.scale, methods: p.methods, stages: needed.stages, evaluated: needed.evaluated, keeps: needed.keeps, progress: silent });
    const task = taskId(i, unit.replicate);
    if (keepRuns !== undefined) await keepRun(join(keepRuns, task), tables, results);
    onTask({ task, rows: results.estimates.filter((e) => keepsEstimand(plan, e.id)).map((e) => row(i, p, unit.replicate, unit.seed, e)) });
  }
}

async function keepRun(dir: string, tables: Table[], results: Parameters<typeof writeResults>[1]): Promise<void> {
  // A task stopped part way and run again starts its folder afresh.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sides = tables.map((table) => ({ table, side: table.name.startsWith('truth_') ? ('truth' as const) : ('observed' as const) }));
  for (const side of ['observed', 'truth']) mkdirSync(join(dir, side), { recursive: true });
  await writeDatasets(dir, sides, 'csv');
  writeResults(dir, results);
}

/**
 * The journal of finished tasks: one JSON line per task, appended and flushed to disk as the
 * task finishes. A line cut short by a kill is not a finished task: reading drops it (and
 * truncates the file back to the last whole line, so the next append starts a clean line).
 */
export const JOURNAL = 'tasks.jsonl';

export function readJournal(dir: string): Map<string, ResultRow[]> {
  const path = join(dir, JOURNAL);
  const done = new Map<string, ResultRow[]>();
  if (!existsSync(path)) return done;
  const text = readFileSync(path, 'utf8');
  const whole = text.lastIndexOf('\n') + 1;
  for (const line of text.slice(0, whole).split('\n')) {
    if (line === '') continue;
    const t = JSON.parse(line) as TaskResult;
    done.set(t.task, t.rows);
  }
  if (whole < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, whole)));
  return done;
}

export function appendJournal(dir: string, result: TaskResult): void {
  const fd = openSync(join(dir, JOURNAL), 'a');
  try {
    appendFileSync(fd, `${JSON.stringify(result)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface RunOptions {
  /** Worker threads (1: this thread). */
  workers?: number;
  /** A folder holding the journal: tasks already in it are not run again; each new one is appended. */
  journal?: string;
  /** Write each task's datasets and results.json under this folder. */
  keepRuns?: string;
  /** Called as each task finishes, after it is journalled (done counts tasks finished so far, resumed ones included). */
  onTask?: (done: number, total: number, task: string) => void;
}

/**
 * Runs the units, skipping tasks the journal holds, on this thread or on `workers` worker
 * threads; returns every task's rows (the journal's and the new), each as read back from JSON
 * so that a resumed sweep's rows are the same values as an uninterrupted one's.
 */
export async function runUnits(plan: Plan, points: readonly ResolvedPoint[], units: readonly Unit[], options: RunOptions = {}): Promise<ResultRow[]> {
  const done = options.journal === undefined ? new Map<string, ResultRow[]>() : readJournal(options.journal);
  const total = units.reduce((n, u) => n + u.points.length, 0);
  const finished = new Map<string, ResultRow[]>();
  for (const u of units) for (const i of u.points) {
    const t = taskId(i, u.replicate);
    const rows = done.get(t);
    if (rows !== undefined) finished.set(t, rows);
  }
  const todo = units
    .map((u) => ({ ...u, points: u.points.filter((i) => !finished.has(taskId(i, u.replicate))) }))
    .filter((u) => u.points.length > 0);
  const onTask = (result: TaskResult): void => {
    // The same representation whichever way a row came: through JSON, as the journal holds it.
    const text = JSON.stringify(result);
    if (options.journal !== undefined) appendJournal(options.journal, result);
    finished.set(result.task, (JSON.parse(text) as TaskResult).rows);
    options.onTask?.(finished.size, total, result.task);
  };
  // No more threads than units left to run.
  const workers = Math.min(options.workers ?? 1, todo.length);
  if (workers <= 1) {
    for (const u of todo) await runUnit(plan, points, u, onTask, options.keepRuns);
  } else {
    await runOnWorkers(plan, points, todo, workers, onTask, options.keepRuns);
  }
  return [...finished.values()].flat();
}

/** What a sweep's worker is given once: everything a unit needs, as plain data. */
export interface WorkerSetup {
  plan: Plan;
  points: ResolvedPoint[];
  keepRuns?: string;
}

/** A worker's job handler (see pool.ts): a unit in, each task's rows out as it finishes. */
export function unitHandler(setup: WorkerSetup): JobHandler<Unit, TaskResult> {
  return (unit, send) => runUnit(setup.plan, setup.points, unit, send, setup.keepRuns);
}

function runOnWorkers(plan: Plan, points: readonly ResolvedPoint[], units: readonly Unit[], count: number, onTask: (r: TaskResult) => void, keepRuns?: string): Promise<void> {
  const setup: WorkerSetup = { plan, points: [...points], keepRuns };
  return runOnPool<Unit, TaskResult>({ module: import.meta.url, handler: 'unitHandler', setup }, units, count, onTask);
}
