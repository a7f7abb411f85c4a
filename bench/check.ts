/**
 * `pathways check` throughput: worlds checked per minute with the bench's own linker run as an
 * outside command (examples/tools/bench-linker.mjs), at the smallest scale (0.001 of England,
 * about 50 requirements). Each run generates a world in memory, writes its two files, starts
 * the linker in a child process and scores its links. The linker runs from dist/ when the build
 * is current (as an installed bench would), else from the sources under tsx, and says which.
 * Worlds run `BENCH_CHECK_JOBS` at a time (default the CPU count, as `check --jobs`): one
 * world's linker runs while the next world is generated. Target: 100 runs in under 60 s.
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './benchmark.ts';
import { buildState } from '../cli/build-stamp.mjs';
import { describeDraw, runCheck } from '../src/check/run.ts';
import { LINK_METRICS, parseProperty } from '../src/check/property.ts';
import { parseToolTemplate } from '../src/check/tool.ts';
import { shippedScenario } from '../src/check/library.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_CHECK_RUNS ?? 100);
/** Worlds at once, as `check --jobs` (default the CPU count, as the command's). */
const JOBS = Number(process.env.BENCH_CHECK_JOBS ?? availableParallelism());

export const checkBenchmark: Benchmark = {
  name: 'check',
  description: `pathways check: ${RUNS} worlds at scale 0.001 with the bench's own linker as an outside command, ${JOBS} at once`,
  async run(recorder) {
    const compiled = buildState(ROOT) === 'current';
    const linker = `${ROOT}examples/tools/bench-linker.mjs`;
    const tool = compiled ? `node ${linker} {left} {right} {out}` : `node --import tsx --conditions=source ${linker} {left} {right} {out}`;
    console.log(`linker from ${compiled ? 'dist/' : 'the sources under tsx (dist/ is not current: `npm run build` for the installed figure)'}`);
    const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
    try {
      const report = await runCheck({
        tool: parseToolTemplate(tool, ['left', 'right', 'out']),
        properties: ['recall >= 0.8', 'precision >= 0.8'].map((p) => parseProperty(p, LINK_METRICS)),
        runs: RUNS,
        seed: 1,
        toolTimeoutSeconds: 60,
        base: shippedScenario('baseline'),
        maxNoise: 0.02,
        scale: { minThousandths: 1, maxThousandths: 1 },
        failingDir: join(dir, 'failing'),
        jobs: JOBS,
      });
      console.log(`${report.runs} worlds, ${report.passed ? 'every property held' : 'a property failed (its shrinking is in the time)'}`);
      if (report.failure) console.log(`first failing world (${report.failure.first.label}): ${describeDraw(report.failure.first.draw)}; ${JSON.stringify(report.failure.first.metrics)}`);
      recorder.figure(`${RUNS} runs`, report.seconds, 's');
      recorder.figure('of which the tool (its process start included)', report.toolSeconds, 's');
      recorder.figure('runs per minute', (report.runs / report.seconds) * 60, 'runs/min', 'higher', 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
