/**
 * A sweep: every grid point x replicate run in memory, one tidy row per task x estimate, the
 * performance measures per grid point x estimand, written into a staging folder moved into
 * place at the end. Common random numbers: replicate r uses seed + r at every grid point, and
 * points that differ only in method knobs share the one world made for that replicate.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import type { Estimate } from '../results/estimate.ts';
import { runStagesInMemory } from '../pipeline/run.ts';
import { STAGES } from '../pipeline/stages/index.ts';
import { silent } from '../pipeline/progress.ts';
import { packageVersion } from '../io/package-version.ts';
import { floatColumn, intColumn, makeTable, stringColumn, type Column } from '../io/table.ts';
import { openParquetWriter } from '../io/parquet.ts';
import { recordsInMemory } from './world.ts';
import { InputError } from '../errors.ts';
import { canonicalJson } from '../io/document.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance as measure, type Performance } from './measures.ts';
import { knobText, type KnobValue, type Plan, type ResolvedPoint } from './plan.ts';

export interface ResultRow {
  task: string;
  point: number;
  knobs: Record<string, KnobValue>;
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

/** A task's stable id: its grid point and replicate (stable while the plan's grid is). */
export function taskId(point: number, replicate: number): string {
  return `p${point}-r${replicate}`;
}

/** Keep an estimate when the plan lists no estimands, or lists its id (a trailing * is a prefix). */
export function keepsEstimand(plan: Plan, id: string): boolean {
  if (plan.estimands === undefined) return true;
  return plan.estimands.some((e) => (e.endsWith('*') ? id.startsWith(e.slice(0, -1)) : id === e));
}

/**
 * The seed of grid point `point`, replicate `replicate`: seed + r at every point with common
 * random numbers; otherwise seed + point x replicates + r, so no two tasks share one.
 */
export function seedOf(plan: Plan, point: number, replicate: number): number {
  return plan.common_random_numbers ? plan.seed + replicate : plan.seed + point * plan.replicates + replicate;
}

export type SweepProgress = (done: number, total: number, task: string) => void;

/**
 * Shard K of N (1-based): the units of work (one replicate's one world and every grid point
 * run on it) numbered replicate by replicate, shard K taking those whose number is K - 1 mod N.
 * A world is never split across shards, so sharding costs no extra generation.
 */
export interface Shard {
  index: number;
  count: number;
}

/**
 * `K/N` with 1 <= K <= N, or `auto/N`: K from the batch system, Slurm's SLURM_ARRAY_TASK_ID
 * (an array numbered 1-N) or a Kubernetes indexed Job's JOB_COMPLETION_INDEX (numbered from 0).
 */
export function parseShard(text: string, env: Record<string, string | undefined> = process.env): Shard {
  const m = /^(\d+|auto)\/(\d+)$/.exec(text.trim());
  let index = NaN;
  if (m && m[1] === 'auto') {
    if (env.SLURM_ARRAY_TASK_ID !== undefined) index = Number(env.SLURM_ARRAY_TASK_ID);
    else if (env.JOB_COMPLETION_INDEX !== undefined) index = Number(env.JOB_COMPLETION_INDEX) + 1;
    else throw new InputError(`--shard ${text}: auto needs SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX in the environment`);
  } else if (m) index = Number(m[1]);
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isInteger(index) || count < 1 || index < 1 || index > count) throw new InputError(`--shard ${text}: expected K/N with 1 <= K <= N${m?.[1] === 'auto' ? ` (K from the environment was ${index})` : ''}`);
  return { index, count };
}

/**
 * Runs every task, replicate by replicate: each distinct world (scenario) of the replicate is
 * made once and every grid point that shares it runs its methods on the same tables.
 */
export async function runSweep(plan: Plan, points: ResolvedPoint[], progress: SweepProgress = () => {}, shard: Shard = { index: 1, count: 1 }): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const worlds = new Map<string, number[]>();
  // Without common random numbers no two points share a seed, so none shares a world.
  const worldOf = (p: ResolvedPoint, i: number): string => (plan.common_random_numbers ? p.worldKey : `point ${i}`);
  for (const [i, p] of points.entries()) worlds.set(worldOf(p, i), [...(worlds.get(worldOf(p, i)) ?? []), i]);
  const units = [...worlds.values()];
  const mine = (r: number, w: number): boolean => (r * units.length + w) % shard.count === shard.index - 1;
  let total = 0;
  for (let r = 0; r < plan.replicates; r++) units.forEach((m, w) => (total += mine(r, w) ? m.length : 0));
  let done = 0;
  for (let r = 0; r < plan.replicates; r++) {
    for (const [w, members] of units.entries()) {
      if (!mine(r, w)) continue;
      const seed = seedOf(plan, members[0], r);
      const scenario = points[members[0]].scenario;
      const tables = recordsInMemory(scenario, plan.scale, seed);
      for (const i of members) {
        const p = points[i];
        const results = await runStagesInMemory({ tables, scenario: p.scenario, seed, scale: plan.scale, methods: p.methods, stages: STAGES, progress: silent });
        rows.push(...results.estimates.filter((e) => keepsEstimand(plan, e.id)).map((e) => row(i, p, r, seed, e)));
        progress(++done, total, taskId(i, r));
      }
    }
  }
  return sortRows(rows);
}

function row(point: number, p: ResolvedPoint, replicate: number, seed: number, e: Estimate): ResultRow {
  return { task: taskId(point, replicate), point, knobs: p.point, replicate, seed, estimand: e.id, group: e.group, unit: e.unit, estimate: e.estimate, ci: e.ci, truth: e.truth, published: e.published };
}

/** One order whatever the order tasks finished in: grid point, replicate, estimand, group. */
export function sortRows(rows: ResultRow[]): ResultRow[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => a.point - b.point || a.replicate - b.replicate || cmp(a.estimand, b.estimand) || cmp(a.group, b.group));
}

export interface SummaryRow extends Performance {
  point: number;
  knobs: Record<string, KnobValue>;
  estimand: string;
  group: string;
}

export function summarise(rows: readonly ResultRow[]): SummaryRow[] {
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const key = `${r.point}\u0000${r.estimand}\u0000${r.group}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((list) => ({ point: list[0].point, knobs: list[0].knobs, estimand: list[0].estimand, group: list[0].group, ...measure(list) }));
}

const num = (x: number | null): string => (x === null || !Number.isFinite(x) ? '' : String(x));
function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
function csv(header: string[], lines: string[][]): string {
  return [header, ...lines].map((l) => l.map(cell).join(',')).join('\n') + '\n';
}

const SUMMARY_MEASURES: Record<string, (keyof Performance)[]> = {
  bias: ['bias', 'bias_mcse'],
  relative_bias: ['relative_bias', 'relative_bias_mcse'],
  empirical_se: ['empirical_se', 'empirical_se_mcse'],
  rmse: ['rmse', 'rmse_mcse'],
  coverage: ['n_ci', 'coverage', 'coverage_mcse'],
};

export function resultsCsv(knobs: string[], rows: readonly ResultRow[]): string {
  const header = ['task', ...knobs, 'replicate', 'seed', 'estimand', 'group', 'unit', 'estimate', 'ci_low', 'ci_high', 'truth', 'published'];
  return csv(
    header,
    rows.map((r) => [r.task, ...knobs.map((k) => knobText(r.knobs[k])), String(r.replicate), String(r.seed), r.estimand, r.group, r.unit, num(r.estimate), num(r.ci?.[0] ?? null), num(r.ci?.[1] ?? null), num(r.truth), num(r.published)]),
  );
}

export function summaryCsv(plan: Plan, knobs: string[], rows: readonly SummaryRow[]): string {
  const measures = plan.measures.flatMap((m) => SUMMARY_MEASURES[m]);
  const header = [...knobs, 'estimand', 'group', 'n', 'mean_estimate', 'mean_truth', ...measures];
  return csv(
    header,
    rows.map((r) => [...knobs.map((k) => knobText(r.knobs[k])), r.estimand, r.group, String(r.n), num(r.mean_estimate), num(r.mean_truth), ...measures.map((m) => num(r[m] as number | null))]),
  );
}

/** The column types of results.csv, for its Parquet copy. */
function resultsTable(knobs: string[]): ReturnType<typeof makeTable> {
  const s = (): Column => stringColumn([]);
  const i = (): Column => intColumn(new Int32Array(0));
  const f = (): Column => floatColumn(new Float64Array(0));
  return makeTable('results', {
    task: s(),
    ...Object.fromEntries(knobs.map((k) => [k, s()])),
    replicate: i(),
    seed: i(),
    estimand: s(),
    group: s(),
    unit: s(),
    estimate: f(),
    ci_low: f(),
    ci_high: f(),
    truth: f(),
    published: f(),
  });
}

export interface SweepRecord {
  plan: Plan;
  points: { knobs: Record<string, KnobValue>; scenario: unknown; methods: unknown; methodsHash: string }[];
  seeds: number[];
  packageVersion: string;
}

export function sweepRecord(plan: Plan, points: readonly ResolvedPoint[]): SweepRecord {
  return {
    plan,
    points: points.map((p) => ({ knobs: p.point, scenario: p.scenario, methods: p.methods.document, methodsHash: p.methods.hash })),
    seeds: [...new Set(points.flatMap((_, i) => Array.from({ length: plan.replicates }, (_, r) => seedOf(plan, i, r))))],
    packageVersion: packageVersion(),
  };
}

/** Writes results.csv, results.parquet, summary.csv and sweep.json into `out`, all or nothing. */
export async function writeSweep(out: string, plan: Plan, record: SweepRecord, rows: readonly ResultRow[]): Promise<void> {
  await staged(out, async (staging) => {
    const knobs = Object.keys(plan.grid);
    writeFileSync(join(staging, 'results.csv'), resultsCsv(knobs, rows));
    writeFileSync(join(staging, 'summary.csv'), summaryCsv(plan, knobs, summarise(rows)));
    writeFileSync(join(staging, 'sweep.json'), `${JSON.stringify(record, null, 2)}\n`);
    const parquet = await openParquetWriter();
    try {
      await parquet.csvToParquet(resultsTable(knobs), join(staging, 'results.csv'), join(staging, 'results.parquet'));
    } finally {
      parquet.close();
    }
  });
}

/** A folder made in a staging folder beside it and renamed into place when complete. */
async function staged(out: string, fill: (staging: string) => Promise<void>): Promise<void> {
  const target = resolve(out);
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    await fill(staging);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

export const SWEEP_FILES = ['results.csv', 'results.parquet', 'summary.csv', 'sweep.json'] as const;

/** Where shard K of N leaves its rows inside the sweep folder. */
export function shardFolder(out: string, shard: Shard): string {
  return join(out, 'shards', `${shard.index}-of-${shard.count}`);
}

/** One shard's rows (JSON, so every number reads back exactly) and the sweep's record. */
export async function writeShard(out: string, shard: Shard, record: SweepRecord, rows: readonly ResultRow[]): Promise<void> {
  const folder = shardFolder(out, shard);
  if (existsSync(folder)) throw new InputError(`--shard ${shard.index}/${shard.count}: ${folder} already exists`);
  await staged(folder, async (staging) => {
    writeFileSync(join(staging, 'rows.json'), `${JSON.stringify(rows)}\n`);
    writeFileSync(join(staging, 'sweep.json'), `${JSON.stringify(record, null, 2)}\n`);
  });
}

/**
 * Combines the shards under `dir/shards` into exactly what the unsharded sweep writes: every
 * shard 1..N present once, all of one N and one plan, or a one-line refusal naming the shard.
 */
export async function mergeSweep(dir: string): Promise<{ shards: number; rows: number }> {
  const root = join(dir, 'shards');
  if (!existsSync(root)) throw new InputError(`merge ${dir}: no shards folder (run sweep with --shard K/N first)`);
  const names = readdirSync(root).filter((n) => !n.startsWith('.'));
  const shards = names.map((n) => {
    const m = /^(\d+)-of-(\d+)$/.exec(n);
    if (!m) throw new InputError(`merge ${dir}: shards/${n} is not a shard folder (K-of-N)`);
    return { name: n, index: Number(m[1]), count: Number(m[2]) };
  });
  if (shards.length === 0) throw new InputError(`merge ${dir}: no shards in ${root}`);
  const count = shards[0].count;
  const other = shards.find((s) => s.count !== count);
  if (other) throw new InputError(`merge ${dir}: shards/${other.name} is one of ${other.count}, shards/${shards[0].name} one of ${count}`);
  for (let k = 1; k <= count; k++) {
    if (!shards.some((s) => s.index === k)) throw new InputError(`merge ${dir}: shard ${k}-of-${count} is missing`);
  }
  const records = shards.map((s) => readFileSync(join(root, s.name, 'sweep.json'), 'utf8'));
  const first = JSON.parse(records[0]) as SweepRecord;
  for (const [i, text] of records.entries()) {
    if (canonicalJson(JSON.parse(text)) !== canonicalJson(first)) throw new InputError(`merge ${dir}: shards/${shards[i].name} ran a different plan from shards/${shards[0].name}`);
  }
  const rows: ResultRow[] = [];
  const seen = new Map<string, string>();
  for (const s of [...shards].sort((a, b) => a.index - b.index)) {
    const part = JSON.parse(readFileSync(join(root, s.name, 'rows.json'), 'utf8')) as ResultRow[];
    for (const r of part) {
      const owner = seen.get(r.task);
      if (owner !== undefined && owner !== s.name) throw new InputError(`merge ${dir}: task ${r.task} is in shards/${owner} and shards/${s.name}`);
      seen.set(r.task, s.name);
    }
    rows.push(...part);
  }
  for (const f of SWEEP_FILES) if (existsSync(join(dir, f))) throw new InputError(`merge ${dir}: ${f} already exists (merged before?)`);
  // Written beside the shards, then each file moved into the sweep folder.
  const staging = join(dir, `.merged.partial-${process.pid}`);
  await writeSweep(staging, first.plan, first, sortRows(rows));
  for (const f of SWEEP_FILES) renameSync(join(staging, f), join(dir, f));
  rmSync(staging, { recursive: true, force: true });
  return { shards: count, rows: rows.length };
}
