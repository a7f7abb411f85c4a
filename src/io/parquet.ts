/**
 * Parquet through DuckDB: the CSV we already write is read back by DuckDB's parallel reader
 * with the column types declared, then copied to Parquet. Declaring the types (rather than
 * letting DuckDB sniff them) keeps the files identical from run to run.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { ColumnKind, Table } from './table.ts';

const DUCK_TYPE: Record<ColumnKind, string> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  float: 'DOUBLE',
  date: 'DATE',
  bool: 'BOOLEAN',
};

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export interface ParquetWriter {
  csvToParquet(table: Table, csvPath: string, parquetPath: string): Promise<void>;
  close(): void;
}

/**
 * `threads`: DuckDB's worker threads. One costs least CPU (a second thread saves wall time
 * only when a core would otherwise be idle, as at the end of a run).
 */
export async function openParquetWriter(options: { threads?: number } = {}): Promise<ParquetWriter> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 1) });
  const connection = await instance.connect();
  return {
    async csvToParquet(table, csvPath, parquetPath) {
      const columns = Object.entries(table.columns)
        .map(([name, column]) => `${sqlString(name)}: ${sqlString(DUCK_TYPE[column.kind])}`)
        .join(', ');
      await connection.run(
        `COPY (SELECT * FROM read_csv(${sqlString(csvPath)}, header = true, quote = '"', escape = '"', ` +
          `nullstr = '', columns = {${columns}})) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
