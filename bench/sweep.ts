/**
 * `pathways sweep` throughput: replicates of the full pipeline (generate in memory, link,
 * notes, reconvictions, regressions) per minute at scale 0.1 of the baseline, one grid point,
 * with 1 and with 2 worker threads, each sweep a child process so its wall time and peak RSS
 * (the worker threads' included) are its own. The wall time is the whole command's: start-up,
 * every replicate and the results files. Target (issue 15): 200 replicates in under 5 minutes
 * on a 2-core machine, 40 a minute. Also the CPU seconds per replicate (user + system, start-up
 * included), the figure a loaded machine moves least. BENCH_SWEEP_REPLICATES (default 24), BENCH_SWEEP_SCALE.
 * Then the target itself: BENCH_SWEEP_TARGET_REPLICATES (default 200; 0 skips it) replicates
 * with 2 workers, its wall time against the 5 minutes (each worker's start-up weighs less over
 * 200 than over 24, so the short runs understate the rate).
 * The sweep runs through cli/bin.js, as `npx pathways` does: compiled when dist/ is current.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import type { Benchmark } from './benchmark.ts';
import { buildState } from '../cli/build-stamp.mjs';

/** CPU seconds (user + system) of this process's waited-for children so far (Linux /proc; 100 ticks a second). */
function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: field 3 is the state, so cutime (field 16) and cstime (17) are at 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const sweepBenchmark: Benchmark = {
  name: 'sweep',
  description: 'pathways sweep: replicates per minute of the full pipeline at scale 0.1 with 1 and 2 workers, and the peak RSS',
  async run(recorder) {
    const replicates = Math.max(1, Math.floor(Number(process.env.BENCH_SWEEP_REPLICATES ?? 24)));
    const target = Math.max(0, Math.floor(Number(process.env.BENCH_SWEEP_TARGET_REPLICATES ?? 200)));
    const scale = Number(process.env.BENCH_SWEEP_SCALE ?? 0.1);
    const dir = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
    try {
      const state = buildState(ROOT);
      console.log(state === 'current' ? 'sweep from dist/ (the compiled CLI)' : `dist/ is ${state}: the sweep runs under tsx (its start-up and each worker's compile counted); \`npm run build\` first for the shipped figure`);
      const runs: { workers: number; replicates: number; label: string; isTarget?: boolean }[] = [
        { workers: 1, replicates, label: '1 worker(s)' },
        { workers: 2, replicates, label: '2 worker(s)' },
      ];
      if (target > 0) runs.push({ workers: 2, replicates: target, label: `${target} replicates, 2 workers`, isTarget: true });
      for (const { workers, replicates, label, isTarget } of runs) {
        const plan = join(dir, `plan-${replicates}.json`);
        writeFileSync(plan, JSON.stringify({ name: 'bench', aims: 'throughput', scenario: join(ROOT, 'scenarios/baseline.yaml'), replicates, scale }));
        const started = performance.now();
        const cpuBefore = childrenCpuSeconds();
        // cli/bin.js, what `npx pathways` runs: the compiled CLI when dist/ is current, else the sources under tsx.
        const child = spawnSync(process.execPath, ['--max-semi-space-size=64', join(ROOT, 'cli', 'bin.js'), 'sweep', '--plan', plan, '--out', join(dir, `out-${workers}-${replicates}`), '--workers', String(workers), '--quiet'], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, PATHWAYS_PEAK_RSS: '1' },
        });
        const seconds = (performance.now() - started) / 1000;
        const cpu = childrenCpuSeconds() - cpuBefore;
        if (child.status !== 0) throw new Error(`sweep --workers ${workers} failed: ${child.stderr}`);
        const peak = Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1]) / 1024;
        console.log(`${replicates} replicates at scale ${scale}, ${workers} worker(s): ${seconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`);
        if (isTarget) recorder.figure(`${label}: wall (target < 300 s)`, seconds, 's', 'lower', 1);
        recorder.figure(`replicates per minute, ${label}`, (replicates / seconds) * 60, 'replicates/min', 'higher', 2);
        recorder.figure(`peak RSS, ${label}`, peak, 'MiB', 'lower', 0);
        // What the load of a shared machine does not move much: CPU time per replicate.
        recorder.figure(`CPU per replicate, ${label}`, cpu / replicates, 's', 'lower', 1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
