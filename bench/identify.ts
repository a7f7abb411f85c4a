/**
 * `pathways identify` throughput: worlds a minute for each shipped plan as the command runs it
 * (knobs drawn, a scale-0.02 world made in memory, only the stages and evaluations the plan's
 * figures need), with 1 and 2 worker threads, each run a child process so that its wall time,
 * CPU time (user + system, start-up included) and peak RSS are its own. The target:
 * 2,000 small worlds in under 15 minutes (133 a minute) on the 2-core machine, or sharded.
 * BENCH_IDENTIFY_DRAWS sets the draws per run (default 8).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './benchmark.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DRAWS = Math.max(1, Math.floor(Number(process.env.BENCH_IDENTIFY_DRAWS ?? 8)));

/** CPU seconds (user + system) of this process's waited-for children so far (Linux /proc; 100 ticks a second). */
function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

export const identifyBenchmark: Benchmark = {
  name: 'identify',
  description: `pathways identify: ${DRAWS} draws of each shipped plan (scenarios/identify/) with 1 and 2 workers: worlds a minute, CPU a world, peak RSS`,
  async run(recorder) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-identify-'));
    try {
      for (const name of ['linkage', 'engagement']) {
        for (const workers of [1, 2]) {
          const started = performance.now();
          const cpuBefore = childrenCpuSeconds();
          const out = join(dir, `${name}-w${workers}`);
          const args = ['--max-semi-space-size=64', '--import', 'tsx', 'cli/pathways.ts', 'identify', '--plan', `scenarios/identify/${name}.yaml`, '--out', out, '--budget', String(DRAWS), '--workers', String(workers), '--quiet'];
          const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATHWAYS_PEAK_RSS: '1' } });
          const seconds = (performance.now() - started) / 1000;
          const cpu = childrenCpuSeconds() - cpuBefore;
          if (child.status !== 0) throw new Error(`identify ${name} --workers ${workers} failed: ${child.stderr}`);
          const peak = Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1]) / 1024;
          console.log(`${name}: ${DRAWS} worlds, ${workers} worker(s): ${seconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`);
          recorder.figure(`${name}: worlds per minute, ${workers} worker(s)`, (DRAWS / seconds) * 60, 'worlds/min', 'higher', 1);
          recorder.figure(`${name}: CPU per world, ${workers} worker(s)`, cpu / DRAWS, 's', 'lower', 2);
          recorder.figure(`${name}: peak RSS, ${workers} worker(s)`, peak, 'MiB', 'lower', 0);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
