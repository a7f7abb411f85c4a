/**
 * Generation throughput per stage (world, records, writing, contact notes; each alone on one
 * thread, one pass each: a pass at scale 1 takes seconds, so these are one-shot figures) and
 * the wall time and peak RSS of `pathways generate` at scale 1, measured in a child process so
 * its peak RSS is its own (BENCH_RUNS=N runs it N times and reports the median, min and max).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childProcessFigures, type Benchmark } from './benchmark.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { buildWorld } from '../src/world/build.ts';
import { buildRecords } from '../src/records/build.ts';
import { writeDatasets } from '../src/io/datasets.ts';
import { writeContactNotes } from '../src/pipeline/contact-notes.ts';
import { noteSubjects } from '../src/records/notes-subjects.ts';

function rate(rows: number, ms: number): string {
  return `${Math.round(rows / (ms / 1000)).toLocaleString('en-GB')} rows/s`;
}


export const generateBenchmark: Benchmark = {
  name: 'generate',
  description: 'world, records and files at scale 1 (target: < 10 s wall, < 2.5 GB peak RSS)',
  async run(recorder) {
    const scale = Number(process.env.BENCH_SCALE ?? 1);
    const { scenario } = loadScenario('scenarios/baseline.yaml');
    let t = performance.now();
    const world = buildWorld(scenario, scale, 42);
    const worldMs = performance.now() - t;
    const worldRows = world.people.length + world.requirements.length + world.episodes.length + world.courtCases.length;
    console.log(`world:    ${worldMs.toFixed(0).padStart(6)} ms  ${worldRows.toLocaleString('en-GB')} entities  ${rate(worldRows, worldMs)}`);
    recorder.results.push({ kind: 'figure', benchmark: 'generate', name: 'world (one pass)', value: worldMs, unit: 'ms', better: 'lower' });
    t = performance.now();
    const records = buildRecords(scenario, world, 42);
    const recordsMs = performance.now() - t;
    const recordRows = [...records.observed, ...records.truth].reduce((n, x) => n + x.rowCount, 0);
    console.log(`records:  ${recordsMs.toFixed(0).padStart(6)} ms  ${recordRows.toLocaleString('en-GB')} rows      ${rate(recordRows, recordsMs)}`);
    recorder.results.push({ kind: 'figure', benchmark: 'generate', name: 'records (one pass)', value: recordsMs, unit: 'ms', better: 'lower' });
    const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
    try {
      t = performance.now();
      await writeDatasets(dir, [...records.observed.map((table) => ({ table, side: 'observed' as const })), ...records.truth.map((table) => ({ table, side: 'truth' as const }))], 'both');
      const writeMs = performance.now() - t;
      console.log(`write:    ${writeMs.toFixed(0).padStart(6)} ms  CSV + Parquet        ${rate(recordRows, writeMs)}`);
      recorder.results.push({ kind: 'figure', benchmark: 'generate', name: 'write (one pass)', value: writeMs, unit: 'ms', better: 'lower' });
      // In a run the notes are made on a worker thread beside the steps above; here, alone.
      t = performance.now();
      const notes = await writeContactNotes({ dir, notes: scenario.notes, seed: 42, format: 'both', subjects: noteSubjects(world) });
      const notesMs = performance.now() - t;
      const noteRows = notes.reduce((n, x) => n + x.rows, 0);
      console.log(`notes:    ${notesMs.toFixed(0).padStart(6)} ms  ${noteRows.toLocaleString('en-GB')} rows (notes + truth), CSV + Parquet  ${rate(noteRows, notesMs)}`);
      recorder.results.push({ kind: 'figure', benchmark: 'generate', name: 'notes (one pass)', value: notesMs, unit: 'ms', better: 'lower' });

      const out = join(dir, 'cli-run');
      childProcessFigures(recorder, `pathways generate --scale ${scale}`, ['generate', '--scale', String(scale), '--progress', 'none', '--out', out], () =>
        rmSync(out, { recursive: true, force: true }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
