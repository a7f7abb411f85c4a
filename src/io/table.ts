/**
 * The in-memory shape every dataset takes between stages: named typed columns.
 *
 * Columnar because a scale 1 world holds about a million NDTMS episodes; row objects would
 * cost several times the memory and most of the write time.
 */

/** Null for int and date columns (no real value ever reaches it). */
export const NULL_INT = -2147483648;

export type Column =
  | { kind: 'string'; values: (string | null)[] }
  | { kind: 'int'; values: Int32Array }
  | { kind: 'float'; values: Float64Array }
  /** Days since 1970-01-01 (UTC); NULL_INT is null. */
  | { kind: 'date'; values: Int32Array }
  /** 0 or 1; 255 is null. */
  | { kind: 'bool'; values: Uint8Array };

export type ColumnKind = Column['kind'];

export interface Table {
  name: string;
  rowCount: number;
  /** Columns in output order. */
  columns: Record<string, Column>;
}

export function stringColumn(values: (string | null)[]): Column {
  return { kind: 'string', values };
}
export function intColumn(values: Int32Array): Column {
  return { kind: 'int', values };
}
export function floatColumn(values: Float64Array): Column {
  return { kind: 'float', values };
}
export function dateColumn(values: Int32Array): Column {
  return { kind: 'date', values };
}
export function boolColumn(values: Uint8Array): Column {
  return { kind: 'bool', values };
}

export function columnLength(column: Column): number {
  return column.values.length;
}

/** Build a table, checking that every column has rowCount entries. */
export function makeTable(name: string, columns: Record<string, Column>): Table {
  const names = Object.keys(columns);
  const rowCount = names.length === 0 ? 0 : columnLength(columns[names[0]]);
  for (const column of names) {
    const length = columnLength(columns[column]);
    if (length !== rowCount) {
      throw new Error(`table ${name}: column ${column} has ${length} rows, expected ${rowCount}`);
    }
  }
  return { name, rowCount, columns };
}

export function getColumn(table: Table, name: string): Column {
  const column = table.columns[name];
  if (!column) {
    throw new Error(`table ${table.name} has no column "${name}" (it has: ${Object.keys(table.columns).join(', ')})`);
  }
  return column;
}

export function strings(table: Table, name: string): (string | null)[] {
  const column = getColumn(table, name);
  if (column.kind !== 'string') throw new Error(`column ${table.name}.${name} is ${column.kind}, not string`);
  return column.values;
}

export function ints(table: Table, name: string): Int32Array {
  const column = getColumn(table, name);
  if (column.kind !== 'int' && column.kind !== 'date') {
    throw new Error(`column ${table.name}.${name} is ${column.kind}, not int or date`);
  }
  return column.values;
}

export function floats(table: Table, name: string): Float64Array {
  const column = getColumn(table, name);
  if (column.kind !== 'float') throw new Error(`column ${table.name}.${name} is ${column.kind}, not float`);
  return column.values;
}

export function bools(table: Table, name: string): Uint8Array {
  const column = getColumn(table, name);
  if (column.kind !== 'bool') throw new Error(`column ${table.name}.${name} is ${column.kind}, not bool`);
  return column.values;
}

/** A new table holding the given rows, in the given order. */
export function takeRows(table: Table, rows: ArrayLike<number>, name = table.name): Table {
  const out: Record<string, Column> = {};
  for (const [n, column] of Object.entries(table.columns)) {
    switch (column.kind) {
      case 'string': {
        const v = new Array<string | null>(rows.length);
        for (let i = 0; i < rows.length; i++) v[i] = column.values[rows[i]];
        out[n] = { kind: 'string', values: v };
        break;
      }
      default: {
        const src = column.values;
        const dst = new (src.constructor as new (n: number) => typeof src)(rows.length);
        for (let i = 0; i < rows.length; i++) dst[i] = src[rows[i]];
        out[n] = { kind: column.kind, values: dst } as Column;
      }
    }
  }
  return makeTable(name, out);
}
