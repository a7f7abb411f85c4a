/**
 * A finished sweep folder read back for the faces (`report --sweep`, `ui --sweep`, the common
 * random numbers figure): sweep.json for the plan and its knobs, summary.csv for the measures,
 * results.csv for per-replicate rows when a figure needs them paired. A folder that is not a
 * sweep is refused in one line naming what is missing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { readCsv } from '../io/csv-read.ts';
import type { SweepRecord } from './sweep.ts';
import type { ResultRow } from './tasks.ts';

export interface SweepSummaryRow {
  /** Each knob's value as summary.csv writes it (a mapping as JSON). */
  knobs: Record<string, string>;
  estimand: string;
  group: string;
  /** n, mean_estimate, mean_truth and each measure asked for with its MCSE; null when blank. */
  values: Record<string, number | null>;
}

export interface SweepFolder {
  dir: string;
  record: SweepRecord;
  /** The swept knobs, in the plan's order (the first varies slowest). */
  knobs: string[];
  summary: SweepSummaryRow[];
}

/** A row of results.csv as read back: the knob values are the CSV's text. */
export type SweepResultRow = ResultRow<string>;

const number = (text: string): number | null => (text === '' ? null : Number(text));

/** `option DIR` must be a sweep folder: sweep.json and summary.csv present (a merged or unsharded sweep). */
export function readSweepFolder(dir: string, option = '--sweep'): SweepFolder {
  if (!existsSync(dir)) throw new InputError(`${option} ${dir}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new InputError(`${option} ${dir}: not a folder`);
  const recordPath = join(dir, 'sweep.json');
  if (!existsSync(recordPath)) {
    const sharded = existsSync(join(dir, 'shards'));
    throw new InputError(`${option} ${dir}: not a sweep folder (no sweep.json${sharded ? '; its shards are not merged yet: npx pathways merge ' + dir : ''})`);
  }
  let record: SweepRecord;
  try {
    record = JSON.parse(readFileSync(recordPath, 'utf8')) as SweepRecord;
  } catch {
    throw new InputError(`${option} ${dir}: sweep.json is not JSON`);
  }
  if (typeof record !== 'object' || record === null || typeof record.plan !== 'object' || record.plan === null || typeof record.plan.grid !== 'object') {
    throw new InputError(`${option} ${dir}: sweep.json holds no plan with a grid`);
  }
  if (!existsSync(join(dir, 'summary.csv'))) throw new InputError(`${option} ${dir}: not a sweep folder (no summary.csv)`);
  const knobs = Object.keys(record.plan.grid);
  const doc = readCsv(join(dir, 'summary.csv'), [...knobs, 'estimand', 'group', 'n']);
  const at = new Map(doc.header.map((h, i) => [h, i]));
  const measures = doc.header.filter((h) => !knobs.includes(h) && h !== 'estimand' && h !== 'group');
  const summary = doc.records.map(({ fields }) => ({
    knobs: Object.fromEntries(knobs.map((k) => [k, fields[at.get(k)!]])),
    estimand: fields[at.get('estimand')!],
    group: fields[at.get('group')!],
    values: Object.fromEntries(measures.map((m) => [m, number(fields[at.get(m)!])])),
  }));
  return { dir, record, knobs, summary };
}

/** results.csv, one row per task x estimate, with the grid point taken from the task id. */
export function readSweepResults(folder: SweepFolder): SweepResultRow[] {
  const path = join(folder.dir, 'results.csv');
  if (!existsSync(path)) throw new InputError(`${folder.dir}: no results.csv`);
  const doc = readCsv(path, ['task', ...folder.knobs, 'replicate', 'seed', 'estimand', 'group', 'unit', 'estimate', 'ci_low', 'ci_high', 'truth']);
  const at = new Map(doc.header.map((h, i) => [h, i]));
  const f = (fields: string[], name: string): string => fields[at.get(name)!];
  return doc.records.map(({ fields, line }) => {
    const m = /^p(\d+)-r\d+$/.exec(f(fields, 'task'));
    if (!m) throw new InputError(`${path}:${line}: task "${f(fields, 'task')}" is not p<point>-r<replicate>`);
    const ciLow = number(f(fields, 'ci_low'));
    const ciHigh = number(f(fields, 'ci_high'));
    return {
      task: f(fields, 'task'),
      point: Number(m[1]),
      knobs: Object.fromEntries(folder.knobs.map((k) => [k, f(fields, k)])),
      replicate: Number(f(fields, 'replicate')),
      seed: Number(f(fields, 'seed')),
      estimand: f(fields, 'estimand'),
      group: f(fields, 'group'),
      unit: f(fields, 'unit'),
      estimate: number(f(fields, 'estimate')),
      ci: ciLow === null || ciHigh === null ? null : [ciLow, ciHigh],
      truth: number(f(fields, 'truth')),
      published: at.has('published') ? number(f(fields, 'published')) : null,
    };
  });
}

/** The distinct values of each knob in the order the plan lists them, as summary.csv writes them. */
export function knobLevels(folder: SweepFolder): Record<string, string[]> {
  return Object.fromEntries(
    folder.knobs.map((k) => [k, (folder.record.plan.grid[k] ?? []).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)))]),
  );
}
