/**
 * What each benchmark file exports, and the recorder its figures go through.
 *
 * Two kinds of figure: micro-benchmarks (a function called many times by tinybench, which
 * gives the mean, its relative margin of error, percentiles and the sample count), and
 * one-shot figures (a whole process's wall time or peak RSS, a single pass at scale 1) that
 * are measured once per run because repeating them would take minutes.
 */
import { spawnSync } from 'node:child_process';
import { Bench, type Fn } from 'tinybench';

/** A figure measured once, e.g. the wall time of a child `pathways generate`. */
export interface Figure {
  kind: 'figure';
  benchmark: string;
  name: string;
  value: number;
  unit: string;
  /** Which way is better, so a comparison can say "worse". */
  better: 'lower' | 'higher';
}

/** One tinybench task's statistics (times in milliseconds). */
export interface MicroResult {
  kind: 'micro';
  benchmark: string;
  name: string;
  meanMs: number;
  /** Relative margin of error of the mean at 95%, in percent. */
  rmePct: number;
  p75Ms: number;
  p99Ms: number;
  samples: number;
  /** Items handled per call (rows, pairs, notes), so the mean can be read as a rate. */
  items: number;
  itemUnit: string;
}

export type Result = Figure | MicroResult;

export interface MicroTask {
  name: string;
  fn: Fn;
  /** Items one call handles; the report prints items / mean as a rate. Default 1. */
  items?: number;
  itemUnit?: string;
}

export interface MicroOptions {
  /** Milliseconds tinybench spends sampling each task (default 1000). */
  time?: number;
  /** Minimum samples per task (default 10); calls taking a second or more want few. */
  iterations?: number;
  warmupIterations?: number;
}

/** Collects a run's results; each benchmark gets one bound to its name. */
export class Recorder {
  readonly results: Result[] = [];

  constructor(readonly benchmark: string) {}

  /** Record and print a one-shot figure. */
  figure(name: string, value: number, unit: string, better: Figure['better'] = 'lower', digits = 2): void {
    this.results.push({ kind: 'figure', benchmark: this.benchmark, name, value, unit, better });
    console.log(`${name}: ${value.toFixed(digits)} ${unit}`);
  }

  /** Run tasks through tinybench, print a table of their statistics and record them. */
  async micro(tasks: MicroTask[], options: MicroOptions = {}): Promise<MicroResult[]> {
    const bench = new Bench({
      name: this.benchmark,
      time: options.time ?? 1000,
      iterations: options.iterations ?? 10,
      warmupIterations: options.warmupIterations ?? 5,
      warmupTime: 100,
      throws: true,
    });
    for (const task of tasks) bench.add(task.name, task.fn);
    await bench.run();
    const out: MicroResult[] = [];
    for (const task of tasks) {
      const result = bench.getTask(task.name)?.result;
      if (!result || !('latency' in result)) throw new Error(`tinybench did not finish ${this.benchmark}/${task.name}: ${result?.state ?? 'missing'}`);
      const l = result.latency;
      out.push({
        kind: 'micro',
        benchmark: this.benchmark,
        name: task.name,
        meanMs: l.mean,
        rmePct: l.rme,
        p75Ms: l.p75,
        p99Ms: l.p99,
        samples: l.samplesCount,
        items: task.items ?? 1,
        itemUnit: task.itemUnit ?? 'calls',
      });
    }
    console.log(formatMicroTable(out));
    this.results.push(...out);
    return out;
  }
}

function ms(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

function rate(perSecond: number): string {
  return perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-GB') : perSecond.toPrecision(3);
}

export function ratePerSecond(r: MicroResult): number {
  return (r.items / r.meanMs) * 1000;
}

export function formatMicroTable(results: MicroResult[]): string {
  const rows = [['task', 'mean ms', '± rme', 'p75 ms', 'p99 ms', 'samples', 'rate']];
  for (const r of results) {
    rows.push([
      r.name,
      ms(r.meanMs),
      `±${r.rmePct.toFixed(2)}%`,
      ms(r.p75Ms),
      ms(r.p99Ms),
      String(r.samples),
      `${rate(ratePerSecond(r))} ${r.itemUnit}/s`,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** What each benchmark file exports: a name for `npm run bench -- NAME` and a run that records its figures. */
export interface Benchmark {
  name: string;
  description: string;
  run(recorder: Recorder): Promise<void>;
}

/** Peak resident set size of this process so far, in MiB (Linux reports VmHWM). */
export async function peakRssMiB(): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Wall time and peak RSS of a `pathways` command in a child process, so the peak is its own
 * (the CLI prints its maxRSS when PATHWAYS_PEAK_RSS is set). BENCH_RUNS=N runs it N times and
 * records the median; `between` runs after each run (to remove its output). Records
 * "<label> wall" in s and "<label> peak RSS" in MiB.
 */
export function childProcessFigures(recorder: Recorder, label: string, args: string[], between?: () => void): void {
  const runs = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS ?? 1)));
  const walls: number[] = [];
  const peaks: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'cli/pathways.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, PATHWAYS_PEAK_RSS: '1' },
    });
    walls.push((performance.now() - started) / 1000);
    if (child.status !== 0) throw new Error(`${label} failed: ${child.stderr}`);
    peaks.push(Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1]) / 1024);
    between?.();
  }
  const spread = (xs: number[], digits: number) => (runs > 1 ? ` (median of ${runs}; min ${Math.min(...xs).toFixed(digits)}, max ${Math.max(...xs).toFixed(digits)})` : '');
  console.log(`${label}: ${median(walls).toFixed(1)} s wall${spread(walls, 1)}, peak RSS ${median(peaks).toFixed(0)} MiB${spread(peaks, 0)}`);
  recorder.results.push(
    { kind: 'figure', benchmark: recorder.benchmark, name: `${label} wall`, value: median(walls), unit: 's', better: 'lower' },
    { kind: 'figure', benchmark: recorder.benchmark, name: `${label} peak RSS`, value: median(peaks), unit: 'MiB', better: 'lower' },
  );
}
