/**
 * Reading a table back from a run folder (Parquet when present, else CSV) into columns, with
 * the types the table contract declares. Dates come back as day numbers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { makeTable, NULL_INT, type Column, type ColumnKind, type Table } from './table.ts';
import { DUCK_TYPE, sqlString } from './duckdb-sql.ts';

/**
 * `where` keeps only some rows (a SQL condition on the table's columns), so a stage can take
 * the notes of a few thousand CRNs out of millions without loading them all.
 */
export async function readRunTable(runDir: string, side: string, name: string, columns: Record<string, ColumnKind>, where?: string): Promise<Table> {
  const parquet = join(runDir, side, `${name}.parquet`);
  const csv = join(runDir, side, `${name}.csv`);
  let source: string;
  if (existsSync(parquet)) source = `read_parquet(${sqlString(parquet)})`;
  else if (existsSync(csv)) {
    const types = Object.entries(columns).map(([n, k]) => `${sqlString(n)}: ${sqlString(DUCK_TYPE[k])}`).join(', ');
    source = `read_csv(${sqlString(csv)}, header = true, nullstr = '', columns = {${types}})`;
  } else throw new InputError(`${runDir}: table ${side}/${name} is missing (neither .parquet nor .csv)${side === 'truth' || side === 'observed' ? '' : '; run the stage that writes it first'}`);

  const select = Object.entries(columns)
    .map(([n, k]) => {
      const col = `"${n.replace(/"/g, '""')}"`;
      if (k === 'date') return `(${col} - DATE '1970-01-01')::INTEGER AS ${col}`;
      return col;
    })
    .join(', ');
  // Loaded on first use: DuckDB's native module costs ~100 ms, which every `--help` would pay.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT ${select} FROM ${source}${where ? ` WHERE ${where}` : ''}`);
    const data = reader.getColumnsJS();
    const out: Record<string, Column> = {};
    Object.entries(columns).forEach(([n, k], i) => {
      const values = data[i] as unknown[];
      switch (k) {
        case 'string':
          out[n] = { kind: 'string', values: values as (string | null)[] };
          break;
        case 'int':
        case 'date':
          out[n] = { kind: k, values: Int32Array.from(values, (v) => (v === null ? NULL_INT : Number(v))) };
          break;
        case 'float':
          out[n] = { kind: 'float', values: Float64Array.from(values, (v) => (v === null ? NaN : Number(v))) };
          break;
        case 'bool':
          out[n] = { kind: 'bool', values: Uint8Array.from(values, (v) => (v === null ? 255 : v ? 1 : 0)) };
          break;
      }
    });
    return makeTable(name, out);
  } catch (error) {
    throw new InputError(`${runDir}: cannot read ${side}/${name}: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
