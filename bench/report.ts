/**
 * The whole pipeline with the report: wall time and peak RSS of `pathways run` at scale 1 (it
 * writes DIR/report/ at its end), in a child process so its peak RSS is its own; then the report
 * step's own time on that run's results: `pathways report --run` as a process (Node start-up and
 * vega's import included) and the page built in this process, warm, three times.
 * Targets: the run under 45 s wall and under 4 GB on a 2-core machine; the report a second or two.
 * The run's CPU time (user + system, all threads) is printed beside its wall time, with the load
 * average before and after: on a shared machine the wall time moves with the load, the CPU
 * time much less. BENCH_RUNS=N runs it N times (medians, min and max); BENCH_SCALE another scale.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './benchmark.ts';
import { readResults } from '../src/results/assemble.ts';
import { writeRunReport } from '../src/report/write.ts';

function cli(args: string[]): { seconds: number; cpuSeconds: number; peakMiB: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'cli/pathways.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATHWAYS_PEAK_RSS: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`pathways ${args[0]} failed: ${child.stderr}`);
  return { seconds, cpuSeconds: Number(/cpu-ms (\d+)/.exec(child.stderr)?.[1]) / 1000, peakMiB: Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1]) / 1024 };
}

export const reportBenchmark: Benchmark = {
  name: 'report',
  description: '`pathways run` at scale 1 with the report (target: < 45 s wall, < 4 GB peak RSS), and the report step alone',
  async run() {
    const scale = Number(process.env.BENCH_SCALE ?? 1);
    const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-report-'));
    try {
      const out = join(dir, 'run');
      const runs = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS ?? 1)));
      const figures: { seconds: number; cpuSeconds: number; peakMiB: number; load: number }[] = [];
      for (let k = 0; k < runs; k++) {
        const loadBefore = loadavg()[0];
        const run = cli(['run', '--scale', String(scale), '--progress', 'none', '--force', '--out', out]);
        figures.push({ ...run, load: (loadBefore + loadavg()[0]) / 2 });
        console.log(
          `pathways run --scale ${scale} (with the report), run ${k + 1} of ${runs}: ${run.seconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU, ` +
            `peak RSS ${run.peakMiB.toFixed(0)} MiB, load average ${loadBefore.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`,
        );
      }
      const summary = (pick: (f: (typeof figures)[number]) => number, digits: number) => {
        const xs = figures.map(pick).sort((a, b) => a - b);
        const mid = xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
        return `${mid.toFixed(digits)}${runs > 1 ? ` (min ${xs[0].toFixed(digits)}, max ${xs[xs.length - 1].toFixed(digits)})` : ''}`;
      };
      console.log(
        `pathways run --scale ${scale} (with the report)${runs > 1 ? `, median of ${runs}` : ''}: ${summary((f) => f.seconds, 1)} s wall, ${summary((f) => f.cpuSeconds, 1)} s CPU, ` +
          `peak RSS ${summary((f) => f.peakMiB, 0)} MiB, load average ${summary((f) => f.load, 1)}  (target < 45 s, < 4096 MiB)`,
      );
      const alone = cli(['report', '--run', out]);
      console.log(`pathways report --run (a process: start-up, vega import, page): ${alone.seconds.toFixed(2)} s wall, peak RSS ${alone.peakMiB.toFixed(0)} MiB`);
      const results = readResults(out);
      if (!results) throw new Error('the run left no results.json');
      const times: number[] = [];
      for (let i = 0; i < 4; i++) {
        const t = performance.now();
        await writeRunReport(out, results);
        if (i > 0) times.push((performance.now() - t) / 1000);
      }
      times.sort((a, b) => a - b);
      console.log(`report page built in this process, warm: median ${times[1].toFixed(2)} s (min ${times[0].toFixed(2)}, max ${times[2].toFixed(2)}) of 3`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
