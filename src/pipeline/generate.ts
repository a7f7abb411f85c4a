/** generate: scenario -> world -> records -> a run folder of datasets and a manifest. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedScenario } from '../scenario/load.ts';
import { buildCohortWorld, completeWorld } from '../world/build.ts';
import { noteSubjects } from '../records/notes-subjects.ts';
import type { NoteSubject } from '../records/notes/subject.ts';
import { buildRecords, type RecordSet } from '../records/build.ts';
import type { World } from '../world/types.ts';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../io/worker-script.ts';
import { startDatasets, type Format, type WrittenTable } from '../io/datasets.ts';
import { makeDatasetFolders, writeContactNotes, type ContactNotesJob } from './contact-notes.ts';
import type { Manifest } from '../io/manifest.ts';
import { packageVersion } from '../io/package-version.ts';
import type { Progress } from './progress.ts';
import { studyMethods, type ResolvedMethods } from '../methods/load.ts';

export interface GenerateOptions {
  scenario: LoadedScenario;
  /** The methods document, recorded in the manifest (a later stage command starts from it); the study's when not given. */
  methods?: ResolvedMethods;
  seed: number;
  scale: number;
  format: Format;
}

export interface Generated {
  world: World;
  records: RecordSet;
  manifest: Manifest;
}

/** Contact notes under way: give them their subjects once, then await the tables written. */
interface ContactNotesRun {
  start(subjects: NoteSubject[]): void;
  written: Promise<WrittenTable[]>;
}

/**
 * Contact notes on the second core: a worker, started first so that it loads while this
 * thread builds the cohort, generates and writes them while this thread builds and writes the
 * other records. Where a worker cannot start, they are written here.
 */
function startContactNotes(settings: Omit<ContactNotesJob, 'subjects'>, progress: Progress): ContactNotesRun {
  let worker: Worker;
  try {
    worker = new Worker(workerScript('./contact-notes-worker', import.meta.url), { workerData: settings, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
  } catch {
    let start: (subjects: NoteSubject[]) => void = () => {};
    const written = new Promise<NoteSubject[]>((resolve) => (start = resolve)).then((subjects) =>
      writeContactNotes({ ...settings, subjects }, (done, total) => progress({ stage: 'generate', step: 'contact notes', done, total })),
    );
    return { start, written };
  }
  const written = new Promise<WrittenTable[]>((resolve, reject) => {
    worker.on('message', (m: { type: string; done?: number; total?: number; written?: WrittenTable[]; message?: string }) => {
      if (m.type === 'progress') progress({ stage: 'generate', step: 'contact notes (worker)', done: m.done ?? 0, total: m.total ?? 0 });
      else if (m.type === 'done') resolve(m.written ?? []);
      else if (m.type === 'error') reject(new Error(`contact notes: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`contact notes worker exited with code ${code}`));
    });
  });
  return { start: (subjects) => worker.postMessage(subjects), written };
}

/** Build the world and records and write them into `dir` (a staging folder). */
export async function generateInto(dir: string, options: GenerateOptions, progress: Progress): Promise<Generated> {
  const started = await startGenerate(dir, options, progress);
  return { world: started.world, records: started.records, manifest: await started.written };
}

/** The world and records in memory, their files still being written. */
export interface Generating {
  world: World;
  records: RecordSet;
  /** The manifest, once every file is written (and manifest.json with it). */
  written: Promise<Manifest>;
  /** Settles once the files of the table `name` are written (the contact notes come from the worker, the rest from this thread). */
  tableWritten(name: string): Promise<void>;
}

/**
 * Build the world and records and write their CSVs into `dir`; return with the rest still under
 * way (the Parquet conversions on DuckDB's thread, the contact notes on the worker), so that the
 * method stages can start on the tables in memory meanwhile. `written` must be awaited before
 * the folder is read from or removed.
 */
export async function startGenerate(dir: string, options: GenerateOptions, progress: Progress, settings: { spareCores?: boolean } = {}): Promise<Generating> {
  const { scenario, seed, scale, format } = options;
  const methods = options.methods ?? studyMethods();
  makeDatasetFolders(dir);
  const notes = startContactNotes({ dir, notes: scenario.scenario.notes, seed, format }, progress);
  // The worker's failure is reported when it is awaited, not as an unhandled rejection meanwhile.
  notes.written.catch(() => {});
  const worldProgress = (step: string, done: number, total: number) => progress({ stage: 'generate', step: `world ${step}`, done, total });
  const cohort = buildCohortWorld(scenario.scenario, scale, seed, worldProgress);
  notes.start(noteSubjects(cohort));
  const world = completeWorld(scenario.scenario, scale, seed, cohort, worldProgress);
  progress({ stage: 'generate', step: 'records', done: 0, total: 1 });
  const records = buildRecords(scenario.scenario, world, seed);
  const tables = [
    ...records.observed.map((table) => ({ table, side: 'observed' as const })),
    ...records.truth.map((table) => ({ table, side: 'truth' as const })),
  ];
  let datasets: { finished: Promise<WrittenTable[]> };
  try {
    datasets = await startDatasets(dir, tables, format, (name, done, total) => progress({ stage: 'generate', step: `write ${name}`, done, total }), { spareCores: settings.spareCores ?? true });
  } catch (error) {
    await notes.written.catch(() => {});
    throw error;
  }
  const written = (async (): Promise<Manifest> => {
    // Both awaited before either failure is thrown: nothing may still be writing when the caller removes the folder.
    const [tablesWritten, notesWritten] = await Promise.allSettled([datasets.finished, notes.written]);
    if (tablesWritten.status === 'rejected') throw tablesWritten.reason;
    if (notesWritten.status === 'rejected') throw notesWritten.reason;
    const all = [...tablesWritten.value, ...notesWritten.value];
    const manifest = manifestOf(options, methods, all);
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  })();
  written.catch(() => {});
  const here = new Set(tables.map((t) => t.table.name));
  const tableWritten = (name: string): Promise<void> => (here.has(name) ? datasets.finished : notes.written).then(() => {});
  return { world, records, written, tableWritten };
}

function manifestOf(options: GenerateOptions, methods: ResolvedMethods, written: WrittenTable[]): Manifest {
  const { scenario, seed, scale, format } = options;
  const files: Record<string, string> = {};
  // Each file was hashed as it was written (CSV) or just after (Parquet), on the thread that wrote it.
  for (const t of written) {
    for (const f of t.files) {
      const digest = t.digests[f];
      if (digest === undefined) throw new Error(`generate: ${f} was written without its digest`);
      files[f] = digest;
    }
  }
  return {
    schemaVersion: 1,
    scenario: { name: scenario.scenario.name, path: scenario.path, hash: scenario.hash },
    seed,
    scale,
    format,
    packageVersion: packageVersion(),
    rowCounts: Object.fromEntries(written.map((t) => [t.name, t.rows])),
    tables: Object.fromEntries(written.map((t) => [t.name, { side: t.side, files: t.files }])),
    files,
    methods: { hash: methods.hash, sources: methods.sources, document: methods.document },
  };
}
