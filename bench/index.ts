/**
 * `npm run bench`: every benchmark in turn, each printing its own figures.
 *   npm run bench -- generate link      only the benchmarks named
 *   npm run bench -- --json new.json    also write the results as JSON
 *   npm run bench -- --compare old.json run, then set the results beside an earlier file's
 *   npm run bench -- --compare old.json --to new.json   compare two files, run nothing
 *
 * To add a benchmark: write bench/NAME.ts exporting a `Benchmark`, and add it to the list below.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Recorder, type Benchmark, type Result } from './benchmark.ts';
import { formatComparison, readResultsFile, resultsFile, writeResultsFile, type ResultsFile } from './results.ts';
import { randomBenchmark } from './random.ts';
import { generateBenchmark } from './generate.ts';
import { regressionBenchmark } from './regression.ts';
import { notesBenchmark } from './notes.ts';
import { csvBenchmark } from './csv.ts';
import { linkageBenchmark } from './linkage.ts';
import { processBenchmark } from './process.ts';
import { startupBenchmark } from './startup.ts';
import { linkageTwoFileBenchmark } from './two-file/benchmark.ts';
import { reportBenchmark } from './report.ts';
import { checkBenchmark } from './check.ts';
import { identifyBenchmark } from './identify.ts';
import { sweepBenchmark } from './sweep.ts';

const benchmarks: Benchmark[] = [
  randomBenchmark, csvBenchmark, generateBenchmark, regressionBenchmark, notesBenchmark, linkageBenchmark,
  linkageTwoFileBenchmark, startupBenchmark, processBenchmark, reportBenchmark, checkBenchmark, sweepBenchmark, identifyBenchmark,
];

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: { json: { type: 'string' }, compare: { type: 'string' }, to: { type: 'string' } },
  });
}
try {
  args = parse();
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = args;
const unknown = positionals.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length > 0) fail(`no benchmark named ${unknown.join(', ')} (there are: ${benchmarks.map((b) => b.name).join(', ')})`);
if (values.to && !values.compare) fail('--to needs --compare OLD');
if (values.json && existsSync(values.json)) fail(`--json: ${values.json} already exists; choose another name`);

let before: ResultsFile | undefined;
let after: ResultsFile | undefined;
try {
  before = values.compare ? readResultsFile(values.compare) : undefined;
  after = values.to ? readResultsFile(values.to) : undefined;
} catch (error) {
  fail((error as Error).message);
}

if (before && after) {
  console.log(formatComparison(before, after));
} else {
  const load = loadavg()[0];
  const results: Result[] = [];
  for (const benchmark of benchmarks) {
    if (positionals.length > 0 && !positionals.includes(benchmark.name)) continue;
    console.log(`\n== ${benchmark.name}: ${benchmark.description}`);
    const recorder = new Recorder(benchmark.name);
    await benchmark.run(recorder);
    results.push(...recorder.results);
  }
  const file = resultsFile(results, load);
  if (values.json) writeResultsFile(values.json, file);
  if (before) console.log(`\n${formatComparison(before, file)}`);
}
