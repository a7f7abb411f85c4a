/** Row-at-a-time construction of a columnar table whose columns a TableSpec names. */
import { makeTable, NULL_INT, type Column, type ColumnKind, type Table } from './table.ts';

export type Cell = string | number | boolean | null;

export interface TableBuilder {
  push(row: Cell[]): void;
  finish(): Table;
}

export function tableBuilder(name: string, columns: Record<string, ColumnKind>): TableBuilder {
  const names = Object.keys(columns);
  const kinds = names.map((n) => columns[n]);
  const data: Cell[][] = names.map(() => []);
  return {
    push(row: Cell[]): void {
      if (row.length !== names.length) throw new Error(`${name}: row has ${row.length} cells, expected ${names.length}`);
      for (let i = 0; i < row.length; i++) data[i].push(row[i]);
    },
    finish(): Table {
      const out: Record<string, Column> = {};
      names.forEach((n, i) => {
        const values = data[i];
        switch (kinds[i]) {
          case 'string':
            out[n] = { kind: 'string', values: values as (string | null)[] };
            break;
          case 'int':
          case 'date':
            out[n] = { kind: kinds[i] as 'int' | 'date', values: Int32Array.from(values, (v) => (v === null ? NULL_INT : (v as number))) };
            break;
          case 'float':
            out[n] = { kind: 'float', values: Float64Array.from(values, (v) => (v === null ? NaN : (v as number))) };
            break;
          case 'bool':
            out[n] = { kind: 'bool', values: Uint8Array.from(values, (v) => (v === null ? 255 : v ? 1 : 0)) };
            break;
        }
      });
      return makeTable(name, out);
    },
  };
}
