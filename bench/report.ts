/**
 * The whole pipeline with the report: wall time and peak RSS of `pathways run` at scale 1 (it
 * writes DIR/report/ at its end), in a child process so its peak RSS is its own; then the report
 * step's own time on that run's results: `pathways report --run` as a process (Node start-up and
 * vega's import included) and the page built in this process, warm, three times.
 * Targets: the run under 45 s wall and under 4 GB on a 2-core machine; the report a second or two.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './benchmark.ts';
import { readResults } from '../src/results/assemble.ts';
import { writeRunReport } from '../src/report/write.ts';

function cli(args: string[]): { seconds: number; peakMiB: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'cli/pathways.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATHWAYS_PEAK_RSS: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`pathways ${args[0]} failed: ${child.stderr}`);
  return { seconds, peakMiB: Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1]) / 1024 };
}

export const reportBenchmark: Benchmark = {
  name: 'report',
  description: '`pathways run` at scale 1 with the report (target: < 45 s wall, < 4 GB peak RSS), and the report step alone',
  async run() {
    const scale = Number(process.env.BENCH_SCALE ?? 1);
    const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-report-'));
    try {
      const out = join(dir, 'run');
      const run = cli(['run', '--scale', String(scale), '--progress', 'none', '--out', out]);
      console.log(`pathways run --scale ${scale} (with the report): ${run.seconds.toFixed(1)} s wall, peak RSS ${run.peakMiB.toFixed(0)} MiB  (target < 45 s, < 4096 MiB)`);
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
