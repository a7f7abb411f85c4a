/**
 * Machine-readable bench results (`--json FILE`) and the comparison of two of them
 * (`--compare OLD`), so two commits' figures can be set side by side.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { MicroResult, Result } from './benchmark.ts';

export const RESULTS_FORMAT = 'pathways-bench-results/1';

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  /** The commit the figures were measured at (with "+dirty" when the tree had changes). */
  commit: string;
  date: string;
  node: string;
  cpus: number;
  /** 1-minute load average at the start and the end: a shared machine says so here. */
  load: [number, number];
  results: Result[];
}

function currentCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

export function resultsFile(results: Result[], loadAtStart: number): ResultsFile {
  return {
    format: RESULTS_FORMAT,
    commit: currentCommit(),
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    load: [loadAtStart, loadavg()[0]],
    results,
  };
}

/** Write through a temporary name so a failed write leaves no half file; never over an existing file. */
export function writeResultsFile(path: string, file: ResultsFile): void {
  if (existsSync(path)) throw new Error(`--json: ${path} already exists; choose another name`);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`);
  renameSync(temporary, path);
}

export function readResultsFile(path: string): ResultsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--compare: cannot read ${path}: ${(error as Error).message}`);
  }
  const file = parsed as Partial<ResultsFile>;
  if (file?.format !== RESULTS_FORMAT || !Array.isArray(file.results)) {
    throw new Error(`--compare: ${path} is not a bench results file (format ${RESULTS_FORMAT}, written by npm run bench -- --json)`);
  }
  return file as ResultsFile;
}

const key = (r: Result): string => `${r.benchmark}/${r.name}`;

/**
 * How a micro-benchmark's mean moved, and whether the move is beyond the noise: the two
 * means differ by more than their 95% margins of error combined (in quadrature).
 */
export function compareMicro(before: MicroResult, after: MicroResult): { change: number; beyondNoise: boolean } {
  const change = after.meanMs / before.meanMs - 1;
  const moe = Math.hypot((before.meanMs * before.rmePct) / 100, (after.meanMs * after.rmePct) / 100);
  return { change, beyondNoise: Math.abs(after.meanMs - before.meanMs) > moe };
}

export function formatComparison(before: ResultsFile, after: ResultsFile): string {
  const lines = [`comparing ${before.commit} (${before.date}, load ${before.load.join('/')}) -> ${after.commit} (${after.date}, load ${after.load.join('/')})`];
  const old = new Map(before.results.map((r) => [key(r), r]));
  const rows: string[][] = [['figure', 'before', 'after', 'change', 'verdict']];
  for (const r of after.results) {
    const b = old.get(key(r));
    if (!b || b.kind !== r.kind) {
      rows.push([key(r), '-', r.kind === 'micro' ? `${r.meanMs.toPrecision(4)} ms` : `${r.value.toPrecision(4)} ${r.unit}`, '', 'new']);
      continue;
    }
    if (r.kind === 'micro' && b.kind === 'micro') {
      const { change, beyondNoise } = compareMicro(b, r);
      const verdict = !beyondNoise ? 'within noise' : change < 0 ? 'faster' : 'slower';
      rows.push([key(r), `${b.meanMs.toPrecision(4)} ms ±${b.rmePct.toFixed(1)}%`, `${r.meanMs.toPrecision(4)} ms ±${r.rmePct.toFixed(1)}%`, `${(100 * change).toFixed(1)}%`, verdict]);
    } else if (r.kind === 'figure' && b.kind === 'figure') {
      const change = r.value / b.value - 1;
      const worse = r.better === 'lower' ? change > 0 : change < 0;
      // A one-shot figure has no margin of error: say which way it moved and leave the judgement to repeated runs.
      rows.push([key(r), `${b.value.toPrecision(4)} ${b.unit}`, `${r.value.toPrecision(4)} ${r.unit}`, `${(100 * change).toFixed(1)}%`, change === 0 ? 'same' : worse ? 'worse (one run)' : 'better (one run)']);
    }
    old.delete(key(r));
  }
  // Results of benchmarks not run this time are summed up in one line, not listed.
  const ran = new Set(after.results.map((r) => r.benchmark));
  const notRun = new Set<string>();
  for (const [name, r] of old) {
    if (ran.has(r.benchmark)) rows.push([name, 'measured', '-', '', 'not measured now']);
    else notRun.add(r.benchmark);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  lines.push(...rows.map((row) => row.map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')));
  if (notRun.size > 0) lines.push(`(not run now: ${[...notRun].join(', ')})`);
  return lines.join('\n');
}
