/**
 * CSV formatting: one scale-0.1 world's nDelius and NDTMS tables written as CSV to /dev/null,
 * so the figure is the formatting and the system calls, not the disk.
 */
import type { Benchmark } from './benchmark.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { buildWorld } from '../src/world/build.ts';
import { buildRecords } from '../src/records/build.ts';
import { writeCsv } from '../src/io/csv-write.ts';

export const csvBenchmark: Benchmark = {
  name: 'csv',
  description: 'CSV formatting of the observed record tables of a scale-0.1 run, written to /dev/null',
  async run(recorder) {
    const { scenario } = loadScenario('scenarios/baseline.yaml');
    const world = buildWorld(scenario, 0.1, 42);
    const records = buildRecords(scenario, world, 42);
    for (const table of records.observed) console.log(`${table.name}: ${table.rowCount.toLocaleString('en-GB')} rows x ${Object.keys(table.columns).length} columns`);
    // Named by table alone, so that results from two commits still pair up in --compare.
    const tasks = records.observed.map((table) => ({
      name: table.name,
      fn: () => writeCsv(table, '/dev/null'),
      items: table.rowCount,
      itemUnit: 'rows',
    }));
    await recorder.micro(tasks);
  },
};
