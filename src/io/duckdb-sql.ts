/** What the DuckDB glue (Parquet writing, table reading) shares: quoting and column types. */
import type { ColumnKind } from './table.ts';

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The DuckDB type a column of each kind is read and written as. */
export const DUCK_TYPE: Record<ColumnKind, string> = { string: 'VARCHAR', int: 'INTEGER', float: 'DOUBLE', date: 'DATE', bool: 'BOOLEAN' };
