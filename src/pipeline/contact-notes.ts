/**
 * Contact notes are records like any other but run to millions of rows at scale 1, so they are
 * generated a part of the requirements at a time and each part appended to observed/ and
 * truth/ before the next (each requirement has its own stream, so parts give exactly what one
 * pass would). In a worker thread (contact-notes-worker.ts) this runs beside the other records.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';

import type { NotesConfig } from '../scenario/notes.ts';
import type { NoteSubject } from '../records/notes/subject.ts';
import { generateNotes } from '../records/notes/generate.ts';
import { writeCsv } from '../io/csv-write.ts';
import { openParquetWriter } from '../io/parquet.ts';
import { finishTable, writtenTable, type Format, type WrittenTable } from '../io/datasets.ts';
import type { Table } from '../io/table.ts';

const PART = 4000;

/** Make observed/ and truth/ in a run folder (on the main thread, before notes are written). */
export function makeDatasetFolders(dir: string): void {
  for (const side of ['observed', 'truth']) mkdirSync(join(dir, side), { recursive: true });
}

/**
 * The job is the notes' subjects (each in-scope requirement's window and the person's true
 * engagement), not the world: the main thread makes them from the cohort, its first step, and
 * a worker that started meanwhile gets them as plain data (tens of thousands of small records)
 * while the main thread goes on to the NDTMS background and the other records.
 */
export interface ContactNotesJob {
  dir: string;
  notes: NotesConfig;
  seed: number;
  format: Format;
  subjects: NoteSubject[];
}

export async function writeContactNotes(job: ContactNotesJob, onPart: (done: number, total: number) => void = () => {}): Promise<WrittenTable[]> {
  const { dir, notes: config, seed, format, subjects } = job;
  const targets = [
    { side: 'observed' as const, name: 'contact_notes' },
    { side: 'truth' as const, name: 'truth_contact_notes' },
  ];
  // The folders are made here, before any worker starts: a worker must never create folders,
  // or it could bring back a staging folder that Ctrl-C has just removed.
  const rows = [0, 0];
  const hashes = targets.map(() => createHash('sha256'));
  let last: Table[] = [];
  for (let first = 0; first < subjects.length || first === 0; first += PART) {
    onPart(first, subjects.length);
    const { notes, truth } = generateNotes(subjects.slice(first, first + PART), config, seed, first);
    last = [notes, truth];
    for (const [k, table] of last.entries()) {
      await writeCsv(table, join(dir, targets[k].side, `${targets[k].name}.csv`), { append: first > 0, hash: hashes[k] });
      rows[k] += table.rowCount;
    }
    if (subjects.length === 0) break;
  }
  const out: WrittenTable[] = [];
  // One DuckDB thread: with two, the row groups of a file this large end where the threads'
  // timing puts them, so the Parquet bytes (and the manifest's digests) changed from run to run.
  // In `run` the method stages take the main thread meanwhile, so a second would find no free core.
  const parquet = format === 'csv' ? null : await openParquetWriter({ threads: 1 });
  try {
    for (const [k, { side, name }] of targets.entries()) {
      const entry = writtenTable(name, side, rows[k], format);
      entry.digests = await finishTable(dir, join(side, name), last[k], format, parquet, hashes[k].digest('hex'));
      out.push(entry);
    }
  } finally {
    parquet?.close();
  }
  return out;
}
