/**
 * `npm run bench`: every benchmark in turn, each printing its own figures.
 * Pass names to run a subset: `npm run bench -- generate link`.
 */
import type { Benchmark } from './benchmark.ts';
import { generateBenchmark } from './generate.ts';
import { regressionBenchmark } from './regression.ts';
import { notesBenchmark } from './notes.ts';
import { linkageBenchmark } from './linkage.ts';
import { startupBenchmark } from './startup.ts';
import { linkageTwoFileBenchmark } from './two-file/benchmark.ts';
import { reportBenchmark } from './report.ts';

const benchmarks: Benchmark[] = [generateBenchmark, regressionBenchmark, notesBenchmark, linkageBenchmark, linkageTwoFileBenchmark, startupBenchmark, reportBenchmark];

const only = process.argv.slice(2);
for (const benchmark of benchmarks) {
  if (only.length > 0 && !only.includes(benchmark.name)) continue;
  console.log(`\n== ${benchmark.name}: ${benchmark.description}`);
  await benchmark.run();
}
