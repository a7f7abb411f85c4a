/** Writing a record set into a run folder: observed/ and truth/ kept apart, CSV and/or Parquet. */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from './table.ts';
import { writeCsv } from './csv-write.ts';
import { openParquetWriter } from './parquet.ts';

export type Format = 'csv' | 'parquet' | 'both';
export const FORMATS: Format[] = ['csv', 'parquet', 'both'];

export interface WrittenTable {
  name: string;
  side: 'observed' | 'truth';
  rows: number;
  files: string[];
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
  try {
    for (const [i, { table, side }] of tables.entries()) {
      progress(table.name, i, tables.length);
      const base = join(side, table.name);
      const csv = join(dir, `${base}.csv`);
      await writeCsv(table, csv);
      const files: string[] = [];
      if (format !== 'parquet') files.push(`${base}.csv`);
      if (parquet) {
        await parquet.csvToParquet(table, csv, join(dir, `${base}.parquet`));
        files.push(`${base}.parquet`);
        if (format === 'parquet') rmSync(csv);
      }
      out.push({ name: table.name, side, rows: table.rowCount, files });
    }
  } finally {
    parquet?.close();
  }
  progress('done', tables.length, tables.length);
  return out;
}
