/**
 * Whole processes at scale 1, each in a child so its peak RSS is its own: `pathways run`
 * (generate, every stage, the report) and then `pathways link --run` on that run folder (the
 * linkage stage again, reading the records from disk). `generate` has its own benchmark.
 * BENCH_SCALE for another scale, BENCH_RUNS=N for medians of N.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childProcessFigures, type Benchmark } from './benchmark.ts';

export const processBenchmark: Benchmark = {
  name: 'process',
  description: 'wall time and peak RSS of pathways run and pathways link --run at scale 1, each in a child process',
  async run(recorder) {
    const scale = String(Number(process.env.BENCH_SCALE ?? 1));
    const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-process-'));
    const out = join(dir, 'run');
    try {
      childProcessFigures(recorder, `pathways run --scale ${scale}`, ['run', '--scale', scale, '--progress', 'none', '--force', '--out', out]);
      // Each repeat of run replaces the folder (--force); link then works on the last one.
      childProcessFigures(recorder, `pathways link --run (scale ${scale})`, ['link', '--run', out, '--quiet']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
