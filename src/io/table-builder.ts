/**
 * Row-at-a-time construction of a columnar table whose columns a TableSpec names. Numbers go
 * straight into growable typed arrays: a million-row table never exists as boxed values.
 */
import { makeTable, NULL_INT, type Column, type ColumnKind, type Table } from './table.ts';

export type Cell = string | number | boolean | null;

export interface TableBuilder {
  push(row: Cell[]): void;
  finish(): Table;
}

type Sink =
  | { kind: 'string'; values: (string | null)[] }
  | { kind: 'int' | 'date'; values: Int32Array }
  | { kind: 'float'; values: Float64Array }
  | { kind: 'bool'; values: Uint8Array };

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

export function tableBuilder(name: string, columns: Record<string, ColumnKind>, expectedRows = 1024): TableBuilder {
  const names = Object.keys(columns);
  const sinks: Sink[] = names.map((n) => {
    const kind = columns[n];
    // Sized up front like the typed columns: a million pushes would copy the array ~20 times.
    if (kind === 'string') return { kind, values: new Array<string | null>(expectedRows) };
    if (kind === 'float') return { kind, values: new Float64Array(expectedRows) };
    if (kind === 'bool') return { kind, values: new Uint8Array(expectedRows) };
    return { kind, values: new Int32Array(expectedRows) };
  });
  let rows = 0;
  // One setter per column, each written for one kind of array: a single store site fed
  // Int32Array, Float64Array, Uint8Array and Array alike turns megamorphic, and at a
  // million rows of twenty cells that store was most of the time spent building a table.
  const setters = sinks.map((sink): ((v: Cell) => void) => {
    switch (sink.kind) {
      case 'string':
        return (v) => {
          if (rows < sink.values.length) sink.values[rows] = v as string | null;
          else sink.values.push(v as string | null);
        };
      case 'float':
        return (v) => {
          if (rows >= sink.values.length) sink.values = grow(sink.values, rows + 1);
          sink.values[rows] = v === null ? NaN : (v as number);
        };
      case 'bool':
        return (v) => {
          if (rows >= sink.values.length) sink.values = grow(sink.values, rows + 1);
          sink.values[rows] = v === null ? 255 : v ? 1 : 0;
        };
      default:
        return (v) => {
          if (rows >= sink.values.length) sink.values = grow(sink.values, rows + 1);
          sink.values[rows] = v === null ? NULL_INT : (v as number);
        };
    }
  });
  return {
    push(row: Cell[]): void {
      if (row.length !== names.length) throw new Error(`${name}: row has ${row.length} cells, expected ${names.length}`);
      for (let i = 0; i < row.length; i++) setters[i](row[i]);
      rows++;
    },
    finish(): Table {
      const out: Record<string, Column> = {};
      names.forEach((n, i) => {
        const sink = sinks[i];
        if (sink.kind === 'string') {
          sink.values.length = rows;
          out[n] = sink;
        } else {
          out[n] = { kind: sink.kind, values: sink.values.slice(0, rows) } as Column;
        }
      });
      return makeTable(name, out);
    },
  };
}
