/**
 * A sweep: every grid point x replicate run in memory, one tidy row per task x estimate, the
 * performance measures per grid point x estimand, written into a staging folder moved into
 * place at the end. Common random numbers: replicate r uses seed + r at every grid point, and
 * points that differ only in method knobs share the one world made for that replicate.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { packageVersion } from '../io/package-version.ts';
import { floatColumn, intColumn, makeTable, stringColumn, type Column } from '../io/table.ts';
import { openParquetWriter } from '../io/parquet.ts';
import { JOURNAL, runUnits, seedOf, sweepUnits, type ResultRow, type Shard } from './tasks.ts';
import { InputError } from '../errors.ts';
import { canonicalJson } from '../io/document.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance as measure, type Performance } from './measures.ts';
import { knobText, type KnobValue, type Plan, type ResolvedPoint } from './plan.ts';


export { keepsEstimand, seedOf, taskId } from './tasks.ts';
export type { ResultRow, Shard } from './tasks.ts';


export type SweepProgress = (done: number, total: number, task: string) => void;

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

export interface SweepRunOptions {
  /** Worker threads running units side by side (default 1: this thread); the rows do not depend on it. */
  workers?: number;
  /** The sweep's staging folder: finished tasks are journalled there, and those already in it are not run again. */
  journal?: string;
  /** Write each task's datasets and results.json under this folder (`--keep-runs`). */
  keepRuns?: string;
}

/**
 * Runs every task of the shard: each distinct world (scenario) of a replicate is made once and
 * every grid point that shares it runs its methods on the same tables. Progress is a callback
 * (done, total, task) so any view can plug in; it is called as each task finishes.
 */
export async function runSweep(plan: Plan, points: ResolvedPoint[], progress: SweepProgress = () => {}, shard: Shard = { index: 1, count: 1 }, options: SweepRunOptions = {}): Promise<ResultRow[]> {
  const rows = await runUnits(plan, points, sweepUnits(plan, points, shard), { ...options, onTask: progress });
  return sortRows(rows);
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
  await staged(out, (staging) => fillSweep(staging, plan, record, rows));
}

async function fillSweep(staging: string, plan: Plan, record: SweepRecord, rows: readonly ResultRow[]): Promise<void> {
  const knobs = Object.keys(plan.grid);
  writeFileSync(join(staging, 'results.csv'), resultsCsv(knobs, rows));
  writeFileSync(join(staging, 'summary.csv'), summaryCsv(plan, knobs, summarise(rows)));
  writeFileSync(join(staging, 'sweep.json'), recordText(record));
  const parquet = await openParquetWriter();
  try {
    await parquet.csvToParquet(resultsTable(knobs), join(staging, 'results.csv'), join(staging, 'results.parquet'));
  } finally {
    parquet.close();
  }
}

const recordText = (record: SweepRecord): string => `${JSON.stringify(record, null, 2)}\n`;

/**
 * Where a sweep (or shard) folder is made before it is moved into place: beside it, named for
 * it, and the same every time, so that a stopped sweep's finished tasks are found again.
 */
export function stagingFolder(target: string): string {
  const t = resolve(target);
  return join(dirname(t), `.${basename(t)}.partial`);
}

/**
 * The staging folder, opened before any task runs. A stopped sweep's folder is resumed only
 * with `resume`, and only when it was started with the same record (plan, resolved documents,
 * seeds, package version); `force` starts over. The record is written first, so a resume can
 * check it. Returns the folder, whose journal (tasks.ts) holds the tasks already finished.
 */
export function openStaging(target: string, record: SweepRecord, options: { resume?: boolean; force?: boolean } = {}): string {
  const staging = stagingFolder(target);
  const text = recordText(record);
  if (existsSync(staging)) {
    if (options.resume) {
      const path = join(staging, 'sweep.json');
      const left = existsSync(path) ? readFileSync(path, 'utf8') : null;
      if (left !== text) throw new InputError(`--resume: ${staging} was started with a different plan, scenario, methods or package version (--force starts over)`);
      return staging;
    }
    if (!options.force) throw new InputError(`${target}: a stopped sweep left ${staging}; --resume finishes it, --force starts over`);
    rmSync(staging, { recursive: true, force: true });
  }
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'sweep.json'), text);
  return staging;
}

/** Writes the sweep's four files into its staging folder, drops the journal and moves it into place. */
export async function finishSweep(out: string, staging: string, plan: Plan, record: SweepRecord, rows: readonly ResultRow[]): Promise<void> {
  await fillSweep(staging, plan, record, rows);
  rmSync(join(staging, JOURNAL), { force: true });
  renameSync(staging, resolve(out));
}

/** As finishSweep, for shard K of N: rows.json and sweep.json into OUT/shards/K-of-N. */
export function finishShard(out: string, shard: Shard, staging: string, record: SweepRecord, rows: readonly ResultRow[]): void {
  const folder = shardFolder(out, shard);
  if (existsSync(folder)) throw new InputError(`--shard ${shard.index}/${shard.count}: ${folder} already exists`);
  writeFileSync(join(staging, 'rows.json'), `${JSON.stringify(rows)}\n`);
  writeFileSync(join(staging, 'sweep.json'), recordText(record));
  rmSync(join(staging, JOURNAL), { force: true });
  renameSync(staging, folder);
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

/** A shard folder under `dir/shards`: its name (K-of-N), K and N. */
export interface ShardFolder {
  name: string;
  index: number;
  count: number;
}

/**
 * The shard folders of a sharded run (a sweep's or an identify run's): every shard 1..N of one
 * N present, or a one-line refusal naming the stray, mismatched or missing shard.
 */
export function listShards(dir: string): { root: string; shards: ShardFolder[] } {
  const root = join(dir, 'shards');
  if (!existsSync(root)) throw new InputError(`merge ${dir}: no shards folder (run with --shard K/N first)`);
  const shards = readdirSync(root)
    .filter((n) => !n.startsWith('.'))
    .map((n) => {
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
  return { root, shards };
}

/**
 * Combines the shards under `dir/shards` into exactly what the unsharded sweep writes: every
 * shard 1..N present once, all of one N and one plan, or a one-line refusal naming the shard.
 */
export async function mergeSweep(dir: string): Promise<{ shards: number; rows: number }> {
  const { root, shards } = listShards(dir);
  const count = shards[0].count;
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
