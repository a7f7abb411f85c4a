/** Writing a record set into a run folder: observed/ and truth/ kept apart, CSV and/or Parquet. */
import { mkdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Table } from './table.ts';
import { writeCsv } from './csv-write.ts';
import { openParquetWriter } from './parquet.ts';
import { sha256File } from './manifest.ts';

export type Format = 'csv' | 'parquet' | 'both';
export const FORMATS: Format[] = ['csv', 'parquet', 'both'];

export interface WrittenTable {
  name: string;
  side: 'observed' | 'truth';
  rows: number;
  files: string[];
  /** SHA-256 of each file, by its path in the run folder (for the manifest). */
  digests: Record<string, string>;
}

export async function writeDatasets(
  dir: string,
  tables: { table: Table; side: 'observed' | 'truth' }[],
  format: Format,
  progress: (name: string, done: number, total: number) => void = () => {},
): Promise<WrittenTable[]> {
  mkdirSync(join(dir, 'observed'), { recursive: true });
  mkdirSync(join(dir, 'truth'), { recursive: true });
  const parquet = format === 'csv' ? null : await openParquetWriter();
  const out: WrittenTable[] = [];
  // DuckDB converts each CSV to Parquet on its own thread while we format the next table:
  // the conversions are chained (one connection runs one query at a time) but not awaited here.
  let conversions: Promise<void> = Promise.resolve();
  try {
    for (const [i, { table, side }] of tables.entries()) {
      progress(table.name, i, tables.length);
      const base = join(side, table.name);
      const csv = join(dir, `${base}.csv`);
      const hash = createHash('sha256');
      await writeCsv(table, csv, { hash });
      const files: string[] = [];
      const digests: Record<string, string> = {};
      if (format !== 'parquet') {
        files.push(`${base}.csv`);
        digests[`${base}.csv`] = hash.digest('hex');
      }
      if (parquet) {
        conversions = conversions.then(async () => {
          await parquet.csvToParquet(table, csv, join(dir, `${base}.parquet`));
          digests[`${base}.parquet`] = await sha256File(join(dir, `${base}.parquet`));
          if (format === 'parquet') rmSync(csv);
        });
        files.push(`${base}.parquet`);
      }
      out.push({ name: table.name, side, rows: table.rowCount, files, digests });
    }
    // The CSVs are written and this thread has nothing left to do: the conversions still queued
    // may have both cores.
    if (parquet) await parquet.setThreads(2);
    await conversions;
  } finally {
    await conversions.catch(() => {});
    parquet?.close();
  }
  progress('done', tables.length, tables.length);
  return out;
}
