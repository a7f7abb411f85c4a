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
import { performance as measure, type Performance } from './measures.ts';
import type { KnobValue, Plan, ResolvedPoint } from './plan.ts';

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

export type SweepProgress = (done: number, total: number, task: string) => void;

/**
 * Runs every task, replicate by replicate: each distinct world (scenario) of the replicate is
 * made once and every grid point that shares it runs its methods on the same tables.
 */
export async function runSweep(plan: Plan, points: ResolvedPoint[], progress: SweepProgress = () => {}): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const total = points.length * plan.replicates;
  let done = 0;
  for (let r = 0; r < plan.replicates; r++) {
    const seed = plan.seed + r;
    const worlds = new Map<string, number[]>();
    for (const [i, p] of points.entries()) worlds.set(p.worldKey, [...(worlds.get(p.worldKey) ?? []), i]);
    for (const members of worlds.values()) {
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
    rows.map((r) => [r.task, ...knobs.map((k) => String(r.knobs[k])), String(r.replicate), String(r.seed), r.estimand, r.group, r.unit, num(r.estimate), num(r.ci?.[0] ?? null), num(r.ci?.[1] ?? null), num(r.truth), num(r.published)]),
  );
}

export function summaryCsv(plan: Plan, knobs: string[], rows: readonly SummaryRow[]): string {
  const measures = plan.measures.flatMap((m) => SUMMARY_MEASURES[m]);
  const header = [...knobs, 'estimand', 'group', 'n', 'mean_estimate', 'mean_truth', ...measures];
  return csv(
    header,
    rows.map((r) => [...knobs.map((k) => String(r.knobs[k])), r.estimand, r.group, String(r.n), num(r.mean_estimate), num(r.mean_truth), ...measures.map((m) => num(r[m] as number | null))]),
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
    seeds: Array.from({ length: plan.replicates }, (_, r) => plan.seed + r),
    packageVersion: packageVersion(),
  };
}

/** Writes results.csv, results.parquet, summary.csv and sweep.json into `out`, all or nothing. */
export async function writeSweep(out: string, plan: Plan, points: readonly ResolvedPoint[], rows: readonly ResultRow[]): Promise<void> {
  const knobs = Object.keys(plan.grid);
  const target = resolve(out);
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    writeFileSync(join(staging, 'results.csv'), resultsCsv(knobs, rows));
    writeFileSync(join(staging, 'summary.csv'), summaryCsv(plan, knobs, summarise(rows)));
    writeFileSync(join(staging, 'sweep.json'), `${JSON.stringify(sweepRecord(plan, points), null, 2)}\n`);
    const parquet = await openParquetWriter();
    try {
      await parquet.csvToParquet(resultsTable(knobs), join(staging, 'results.csv'), join(staging, 'results.parquet'));
    } finally {
      parquet.close();
    }
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
