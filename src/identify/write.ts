/**
 * An identify run's outputs: draws.csv (and .parquet), one tidy row per draw x figure with the
 * draw's knobs, distance and acceptance; posterior.csv, each knob's and each true quantity's
 * median and interval among the accepted draws beside all draws'; errors.csv, per figure the
 * range of (recovered - truth) across the accepted worlds; summary.md in words; posterior.vl.json
 * (Vega-Lite) the histograms; identify.json.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.ts';
import { canonicalJson } from '../io/document.ts';
import { floatColumn, intColumn, makeTable, stringColumn, type Column } from '../io/table.ts';
import { openParquetWriter } from '../io/parquet.ts';
import { accepted, figureKey, interval, type Draw, type Interval } from './abc.ts';
import { SCHEMA } from '../report/charts/chart.ts';
import { DRAWS_LOG, RECORD_FILE, readDrawLog, type IdentifyRecord } from './run.ts';
import { listShards } from '../experiments/sweep.ts';

export const IDENTIFY_FILES = ['draws.csv', 'draws.parquet', 'posterior.csv', 'errors.csv', 'summary.md', 'posterior.vl.json', RECORD_FILE] as const;

const num = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));
function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
function csv(header: string[], lines: string[][]): string {
  return [header, ...lines].map((l) => l.map(cell).join(',')).join('\n') + '\n';
}

interface Row {
  role: 'figure' | 'quantity';
  id: string;
  group: string;
  unit: string;
  published: number | null;
  tolerance: number | null;
  description: string;
}

function rowsOf(record: IdentifyRecord): Row[] {
  return [
    ...record.figures.map((f) => ({ role: 'figure' as const, id: f.id, group: f.group, unit: f.unit, published: f.published, tolerance: f.tolerance, description: f.description })),
    ...record.quantities.map((q) => ({ role: 'quantity' as const, id: q.id, group: q.group, unit: '', published: null, tolerance: null, description: '' })),
  ];
}

export function drawsCsv(record: IdentifyRecord, draws: readonly Draw[], keep: readonly boolean[]): string {
  const knobs = record.priors.map((p) => p.knob);
  const header = ['draw', 'seed', ...knobs, 'role', 'id', 'group', 'unit', 'published', 'tolerance', 'recovered', 'truth', 'error', 'distance', 'accepted'];
  const lines: string[][] = [];
  draws.forEach((d, i) => {
    for (const r of rowsOf(record)) {
      const v = d.values[figureKey(r)] ?? { recovered: null, truth: null };
      const error = v.recovered !== null && v.truth !== null ? v.recovered - v.truth : null;
      lines.push([String(d.draw), String(d.seed), ...knobs.map((k) => num(d.knobs[k])), r.role, r.id, r.group, r.unit, num(r.published), num(r.tolerance), num(v.recovered), num(v.truth), num(error), num(d.distance), keep[i] ? 'true' : 'false']);
    }
  });
  return csv(header, lines);
}

function drawsTable(record: IdentifyRecord): ReturnType<typeof makeTable> {
  const s = (): Column => stringColumn([]);
  const f = (): Column => floatColumn(new Float64Array(0));
  const i = (): Column => intColumn(new Int32Array(0));
  return makeTable('draws', {
    draw: i(),
    seed: i(),
    ...Object.fromEntries(record.priors.map((p) => [p.knob, f()])),
    role: s(),
    id: s(),
    group: s(),
    unit: s(),
    published: f(),
    tolerance: f(),
    recovered: f(),
    truth: f(),
    error: f(),
    distance: f(),
    accepted: s(),
  });
}

/** A quantity the posterior describes: a knob, or the truth behind a figure or quantity. */
export interface PosteriorRow {
  /** A knob; the truth behind a figure; or a score the evaluation reads off the truth (linkage recall). */
  kind: 'knob' | 'truth' | 'scored';
  quantity: string;
  id: string;
  group: string;
  /** For a knob, its prior; for a figure, the published value. */
  prior_low: number | null;
  prior_high: number | null;
  published: number | null;
  accepted: Interval;
  all: Interval;
}

/**
 * What a posterior row describes: the truth behind a figure or quantity; for a quantity that
 * has no truth beside it because the evaluation computes it from the truth (linkage recall,
 * scored against the true pairs), that score; a figure with no truth (the manual review's
 * share, a method's own work) has no row.
 */
type Described = { kind: 'truth' | 'scored'; value: (d: Draw) => number | null } | null;

function described(r: Row, draws: readonly Draw[]): Described {
  const key = figureKey(r);
  if (draws.some((d) => d.values[key]?.truth != null)) return { kind: 'truth', value: (d) => d.values[key]?.truth ?? null };
  if (r.role === 'quantity') return { kind: 'scored', value: (d) => d.values[key]?.recovered ?? null };
  return null;
}

export function posterior(record: IdentifyRecord, draws: readonly Draw[], keep: readonly boolean[]): PosteriorRow[] {
  const level = record.plan.level;
  const kept = draws.filter((_, i) => keep[i]);
  const knobRows: PosteriorRow[] = record.priors.map((p) => ({
    kind: 'knob',
    quantity: p.knob,
    id: '',
    group: '',
    prior_low: p.low,
    prior_high: p.high,
    published: null,
    accepted: interval(kept.map((d) => d.knobs[p.knob]), level),
    all: interval(draws.map((d) => d.knobs[p.knob]), level),
  }));
  const truthRows: PosteriorRow[] = rowsOf(record).flatMap((r) => {
    const what = described(r, draws);
    if (what === null) return [];
    return [
      {
        kind: what.kind,
        quantity: `${r.id} (${r.group})`,
        id: r.id,
        group: r.group,
        prior_low: null,
        prior_high: null,
        published: r.published,
        accepted: interval(kept.map(what.value), level),
        all: interval(draws.map(what.value), level),
      },
    ];
  });
  return [...knobRows, ...truthRows];
}

const intervalCols = (prefix: string): string[] => ['n', 'median', 'low', 'high', 'min', 'max'].map((c) => `${prefix}_${c}`);
const intervalCells = (x: Interval): string[] => [String(x.n), num(x.median), num(x.low), num(x.high), num(x.min), num(x.max)];

export function posteriorCsv(rows: readonly PosteriorRow[]): string {
  return csv(
    ['kind', 'quantity', 'id', 'group', 'prior_low', 'prior_high', 'published', ...intervalCols('accepted'), ...intervalCols('all')],
    rows.map((r) => [r.kind, r.quantity, r.id, r.group, num(r.prior_low), num(r.prior_high), num(r.published), ...intervalCells(r.accepted), ...intervalCells(r.all)]),
  );
}

/** Per figure: (recovered - truth) across the accepted worlds, and whether its sign holds in all of them. */
export interface ErrorRow {
  id: string;
  group: string;
  published: number | null;
  recovered: Interval;
  error: Interval;
  /** 'over' or 'under' when every accepted world's error has that sign; 'either' otherwise. */
  sign: 'over' | 'under' | 'either' | 'none';
}

export function errors(record: IdentifyRecord, draws: readonly Draw[], keep: readonly boolean[]): ErrorRow[] {
  const kept = draws.filter((_, i) => keep[i]);
  return rowsOf(record)
    .filter((r) => kept.some((d) => d.values[figureKey(r)]?.truth !== null && d.values[figureKey(r)]?.truth !== undefined))
    .map((r) => {
      const values = kept.map((d) => d.values[figureKey(r)] ?? { recovered: null, truth: null });
      const errs = values.map((v) => (v.recovered !== null && v.truth !== null ? v.recovered - v.truth : null));
      const e = interval(errs, record.plan.level);
      const sign = e.n === 0 ? 'none' : e.min! > 0 ? 'over' : e.max! < 0 ? 'under' : 'either';
      return { id: r.id, group: r.group, published: r.published, recovered: interval(values.map((v) => v.recovered), record.plan.level), error: e, sign };
    });
}

export function errorsCsv(rows: readonly ErrorRow[]): string {
  return csv(
    ['id', 'group', 'published', ...intervalCols('recovered'), ...intervalCols('error'), 'sign'],
    rows.map((r) => [r.id, r.group, num(r.published), ...intervalCells(r.recovered), ...intervalCells(r.error), r.sign]),
  );
}

const fmt = (x: number | null, digits = 1): string => (x === null ? '–' : x.toFixed(digits));
const pctLevel = (level: number): string => `${Math.round(level * 100)}%`;

export function summaryMarkdown(record: IdentifyRecord, draws: readonly Draw[], keep: readonly boolean[]): string {
  const n = keep.filter(Boolean).length;
  const post = posterior(record, draws, keep);
  const level = pctLevel(record.plan.level);
  const published = record.figures.map((f) => `${f.id} (${f.group}) ${fmt(f.published)} ± ${fmt(f.tolerance)}`).join('; ');
  const rule = record.plan.accept === 'within_tolerance' ? 'every figure within its tolerance' : `the ${fmt(100 * record.plan.accept.closest, 0)}% of draws nearest the published figures`;
  const lines = [
    `# identify: ${record.plan.name}`,
    '',
    record.plan.aims,
    '',
    `Scenario ${record.scenario} at scale ${record.plan.scale}, seed ${record.plan.seed}; stages run: ${record.stages.join(', ')}.`,
    `Published figures matched: ${published}.`,
    `Worlds run: ${draws.length}; accepted (${rule}): ${n}.`,
    '',
  ];
  if (n === 0) lines.push('No draw was accepted: no posterior. Raise the budget, widen the priors or tolerances, or accept the closest share of draws.', '');
  lines.push(`## Which truths are consistent with the published figures (median, ${level} interval of the accepted worlds; all draws beside)`, '', '| quantity | published | consistent | median | all draws |', '|---|---:|---:|---:|---:|');
  for (const r of post) {
    const a = r.accepted;
    const all = r.all;
    const label = r.kind === 'knob' ? `knob ${r.quantity} (prior ${r.prior_low}–${r.prior_high})` : r.kind === 'truth' ? `truth of ${r.quantity}` : `${r.quantity}, scored against the truth`;
    const digits = r.kind === 'knob' ? 3 : 1;
    lines.push(`| ${label} | ${r.published === null ? '' : fmt(r.published)} | ${a.n === 0 ? '–' : `${fmt(a.low, digits)}–${fmt(a.high, digits)}`} | ${fmt(a.median, digits)} | ${all.n === 0 ? '–' : `${fmt(all.low, digits)}–${fmt(all.high, digits)}`} |`);
  }
  const errs = errors(record, draws, keep);
  if (errs.length > 0) {
    lines.push('', `## Method error (recovered - truth) across the accepted worlds`, '', '| figure | published | error median | error range | sign in every accepted world |', '|---|---:|---:|---:|---|');
    for (const e of errs) lines.push(`| ${e.id} (${e.group}) | ${e.published === null ? '' : fmt(e.published)} | ${fmt(e.error.median)} | ${e.error.n === 0 ? '–' : `${fmt(e.error.min)} to ${fmt(e.error.max)}`} | ${e.sign === 'either' ? 'depends on the world' : e.sign === 'none' ? '–' : e.sign} |`);
  }
  lines.push('', 'Small worlds: each figure carries the sampling noise of its world, so the tolerances take in that noise as well as the study\'s rounding; the intervals are of truths in worlds of this scale.', '');
  return lines.join('\n');
}

/**
 * posterior.vl.json: a Vega-Lite spec with its data inline, one histogram per knob and per
 * truth, the accepted draws over all draws, so a reader sees how far the published figures
 * narrowed each prior (vega-lite's online editor or any Vega viewer draws it).
 */
export function posteriorSpec(record: IdentifyRecord, draws: readonly Draw[], keep: readonly boolean[]): unknown {
  const values: { quantity: string; value: number; draws: string }[] = [];
  draws.forEach((d, i) => {
    const push = (quantity: string, value: number | null) => {
      if (value === null || !Number.isFinite(value)) return;
      values.push({ quantity, value, draws: 'all' });
      if (keep[i]) values.push({ quantity, value, draws: 'accepted' });
    };
    for (const p of record.priors) push(`knob ${p.knob}`, d.knobs[p.knob]);
    for (const r of rowsOf(record)) {
      const what = described(r, draws);
      if (what !== null) push(`${what.kind === 'truth' ? 'truth of' : 'scored'} ${r.id} (${r.group})`, what.value(d));
    }
  });
  return {
    $schema: SCHEMA,
    title: `identify ${record.plan.name}: accepted draws (${keep.filter(Boolean).length}) over all (${draws.length})`,
    data: { values },
    facet: { field: 'quantity', type: 'nominal', title: null },
    columns: 3,
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 200,
      height: 120,
      mark: 'bar',
      encoding: {
        x: { field: 'value', type: 'quantitative', bin: { maxbins: 20 }, title: null },
        y: { aggregate: 'count', type: 'quantitative', stack: null, title: 'draws' },
        color: { field: 'draws', type: 'nominal', scale: { domain: ['all', 'accepted'], range: ['#c8c8c8', '#1f6fb4'] } },
        opacity: { value: 0.9 },
      },
    },
  };
}

export interface IdentifyCounts {
  draws: number;
  accepted: number;
}

/** Writes every output into `folder` (a staging folder), draws sorted by number. */
export async function writeIdentify(folder: string, record: IdentifyRecord, draws: readonly Draw[]): Promise<IdentifyCounts> {
  const keep = accepted(draws, record.plan.accept);
  writeFileSync(join(folder, 'draws.csv'), drawsCsv(record, draws, keep));
  writeFileSync(join(folder, 'posterior.csv'), posteriorCsv(posterior(record, draws, keep)));
  writeFileSync(join(folder, 'errors.csv'), errorsCsv(errors(record, draws, keep)));
  writeFileSync(join(folder, 'summary.md'), summaryMarkdown(record, draws, keep));
  writeFileSync(join(folder, 'posterior.vl.json'), `${JSON.stringify(posteriorSpec(record, draws, keep), null, 2)}\n`);
  const counts = { draws: draws.length, accepted: keep.filter(Boolean).length };
  writeFileSync(join(folder, RECORD_FILE), `${JSON.stringify({ ...record, ...counts }, null, 2)}\n`);
  const parquet = await openParquetWriter();
  try {
    await parquet.csvToParquet(drawsTable(record), join(folder, 'draws.csv'), join(folder, 'draws.parquet'));
  } finally {
    parquet.close();
  }
  return counts;
}

/** Finishes a staging folder: the outputs written, the draw log dropped, the folder moved to `target`. */
export async function finishIdentify(folder: string, target: string, record: IdentifyRecord, draws: readonly Draw[]): Promise<IdentifyCounts> {
  const counts = await writeIdentify(folder, record, draws);
  rmSync(join(folder, DRAWS_LOG), { force: true });
  renameSync(folder, target);
  return counts;
}

/** A shard's staging folder (its draw log and the plan's record) moved to OUT/shards/K-of-N. */
export function finishShard(folder: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  renameSync(folder, target);
}

/**
 * Combines the shards under `dir/shards` (each a draw log and the plan's record) into what the
 * unsharded run writes: every shard 1..N present once, all of one plan, no draw twice.
 */
export async function mergeIdentify(dir: string): Promise<IdentifyCounts & { shards: number }> {
  const { root, shards } = listShards(dir);
  const count = shards[0].count;
  const records = shards.map((s) => JSON.parse(readFileSync(join(root, s.name, RECORD_FILE), 'utf8')) as IdentifyRecord);
  for (const [i, r] of records.entries()) if (canonicalJson(r) !== canonicalJson(records[0])) throw new InputError(`merge ${dir}: shards/${shards[i].name} ran a different plan from shards/${shards[0].name}`);
  const seen = new Map<number, string>();
  const draws: Draw[] = [];
  for (const s of [...shards].sort((a, b) => a.index - b.index)) {
    for (const d of readDrawLog(join(root, s.name))) {
      const owner = seen.get(d.draw);
      if (owner !== undefined) throw new InputError(`merge ${dir}: draw ${d.draw} is in shards/${owner} and shards/${s.name}`);
      seen.set(d.draw, s.name);
      draws.push(d);
    }
  }
  for (const f of IDENTIFY_FILES) if (existsSync(join(dir, f))) throw new InputError(`merge ${dir}: ${f} already exists (merged before?)`);
  draws.sort((a, b) => a.draw - b.draw);
  const staging = join(dir, `.merged.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    const counts = await writeIdentify(staging, records[0], draws);
    for (const f of IDENTIFY_FILES) renameSync(join(staging, f), join(dir, f));
    return { ...counts, shards: count };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Whether `dir/shards` holds an identify run's shards (rather than a sweep's). */
export function isIdentifyShards(dir: string): boolean {
  const root = join(dir, 'shards');
  if (!existsSync(root)) return false;
  return readdirSync(root).some((n) => !n.startsWith('.') && existsSync(join(root, n, RECORD_FILE)));
}
