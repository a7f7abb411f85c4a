/** Writing a record set into a run folder: observed/ and truth/ kept apart, CSV and/or Parquet. */
import { mkdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Table } from './table.ts';
import { writeCsv } from './csv-write.ts';
import { openParquetWriter, type ParquetWriter } from './parquet.ts';
import { sha256File } from './manifest.ts';

import type { Format } from './format.ts';
export { FORMATS, type Format } from './format.ts';

export interface WrittenTable {
  name: string;
  side: 'observed' | 'truth';
  rows: number;
  files: string[];
  /** SHA-256 of each file, by its path in the run folder (for the manifest). */
  digests: Record<string, string>;
}

/** The files a table written as `base` (its path without extension) has in a run folder. */
function tableFiles(base: string, format: Format): string[] {
  return [...(format === 'parquet' ? [] : [`${base}.csv`]), ...(format === 'csv' ? [] : [`${base}.parquet`])];
}

/**
 * Finish a table whose CSV is written (and was hashed as it was): convert it to Parquet where
 * asked and hash that, drop the CSV where only Parquet was asked. The digests of its files.
 * `table` gives the column types for the conversion; its rows are read from the CSV.
 */
export async function finishTable(dir: string, base: string, table: Table, format: Format, parquet: ParquetWriter | null, csvDigest: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  const csv = join(dir, `${base}.csv`);
  if (format !== 'parquet') digests[`${base}.csv`] = csvDigest;
  if (parquet) {
    await parquet.csvToParquet(table, csv, join(dir, `${base}.parquet`));
    digests[`${base}.parquet`] = await sha256File(join(dir, `${base}.parquet`));
    if (format === 'parquet') rmSync(csv);
  }
  return digests;
}

/** A table's entry in the written list: its files, and their digests once they are all written. */
export function writtenTable(name: string, side: 'observed' | 'truth', rows: number, format: Format): WrittenTable {
  return { name, side, rows, files: tableFiles(join(side, name), format), digests: {} };
}

export async function writeDatasets(
  dir: string,
  tables: { table: Table; side: 'observed' | 'truth' }[],
  format: Format,
  progress: (name: string, done: number, total: number) => void = () => {},
): Promise<WrittenTable[]> {
  const started = await startDatasets(dir, tables, format, progress, { spareCores: true });
  return started.finished;
}

/**
 * Write every table's CSV (on this thread), and return once they are written with the Parquet
 * conversions still under way on DuckDB's thread: `finished` gives the tables and digests when
 * the last is written. The caller goes on meanwhile (the pipeline starts the method stages on
 * the tables in memory) and must await `finished` before the folder is used or removed.
 * `spareCores`: this thread has nothing left to do, so the conversions may have both cores.
 */
export async function startDatasets(
  dir: string,
  tables: { table: Table; side: 'observed' | 'truth' }[],
  format: Format,
  progress: (name: string, done: number, total: number) => void = () => {},
  options: { spareCores?: boolean } = {},
): Promise<{ finished: Promise<WrittenTable[]> }> {
  mkdirSync(join(dir, 'observed'), { recursive: true });
  mkdirSync(join(dir, 'truth'), { recursive: true });
  const parquet = format === 'csv' ? null : await openParquetWriter();
  const out: WrittenTable[] = [];
  // DuckDB converts each CSV to Parquet on its own thread while we format the next table:
  // the conversions are chained (one connection runs one query at a time) but not awaited here.
  let conversions: Promise<void> = Promise.resolve();
  const settle = async (): Promise<WrittenTable[]> => {
    try {
      if (parquet && options.spareCores) await parquet.setThreads(2);
      await conversions;
    } finally {
      await conversions.catch(() => {});
      parquet?.close();
    }
    progress('done', tables.length, tables.length);
    return out;
  };
  try {
    for (const [i, { table, side }] of tables.entries()) {
      progress(table.name, i, tables.length);
      const base = join(side, table.name);
      const hash = createHash('sha256');
      await writeCsv(table, join(dir, `${base}.csv`), { hash });
      const csvDigest = hash.digest('hex');
      const entry = writtenTable(table.name, side, table.rowCount, format);
      out.push(entry);
      conversions = conversions.then(async () => {
        entry.digests = await finishTable(dir, base, table, format, parquet, csvDigest);
      });
    }
  } catch (error) {
    await settle().catch(() => {});
    throw error;
  }
  const finished = settle();
  // A failure is thrown to whoever awaits `finished`, not as an unhandled rejection meanwhile.
  finished.catch(() => {});
  return { finished };
}
