/**
 * Construction of a columnar table whose columns a TableSpec names: row at a time
 * (tableBuilder), or, for a table whose length is known, column by column (filledTable).
 * Numbers go straight into typed arrays: a million-row table never exists as boxed values.
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

/** The array a column of each kind is filled through. */
export type ColumnArray<K extends ColumnKind> = K extends 'string'
  ? (string | null)[]
  : K extends 'int' | 'date'
    ? Int32Array
    : K extends 'float'
      ? Float64Array
      : Uint8Array;

export interface FilledTable<S extends Record<string, ColumnKind>> {
  /** One array per column, `rows` long, to be written at every row (ints and dates start null). */
  readonly columns: { readonly [N in keyof S]: ColumnArray<S[N]> };
  finish(): Table;
}

/**
 * A table of `rows` rows filled by writing its columns directly: for the million-row tables,
 * where building a cell array per row and passing each cell through a setter was a third of
 * the records stage's time and most of its garbage.
 */
export function filledTable<S extends Record<string, ColumnKind>>(name: string, spec: S, rows: number): FilledTable<S> {
  const columns: Record<string, Column> = {};
  for (const [n, kind] of Object.entries(spec)) {
    if (kind === 'string') columns[n] = { kind, values: new Array<string | null>(rows).fill(null) };
    else if (kind === 'float') columns[n] = { kind, values: new Float64Array(rows).fill(NaN) };
    else if (kind === 'bool') columns[n] = { kind, values: new Uint8Array(rows).fill(255) };
    else columns[n] = { kind, values: new Int32Array(rows).fill(NULL_INT) };
  }
  return {
    columns: Object.fromEntries(Object.entries(columns).map(([n, c]) => [n, c.values])) as FilledTable<S>['columns'],
    finish: () => makeTable(name, columns),
  };
}
