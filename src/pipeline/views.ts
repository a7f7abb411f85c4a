/**
 * The two views a stage's halves are handed, built from tables in memory (right after
 * generation, or a world a sweep keeps) and, for what is not in memory, from a run folder.
 * With no folder every table must be in memory: nothing is read or written.
 */
import type { Column, ColumnKind, Table } from '../io/table.ts';
import { takeRows } from '../io/table.ts';
import { readRunTable } from '../io/read-table.ts';
import { sqlString } from '../io/duckdb-sql.ts';
import { InputError } from '../errors.ts';
import { TABLES } from '../records/tables.ts';
import { TRUTH_TABLES } from '../records/truth-tables.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { RecordsView, RowFilter, RunFacts } from '../methods/stage.ts';
import type { TruthView } from '../evaluate/view.ts';
import type { Progress } from './progress.ts';

export interface ViewSource {
  /** The run folder tables are read from when not in memory; null: memory only. */
  runDir: string | null;
  /** Tables already in memory (observed and truth tables by name). */
  tables?: Table[];
  /** Settles once a table's files in the run folder are written (they may still be being written as the stages start). */
  ready?: (side: string, name: string) => Promise<void>;
}

export interface Views {
  records: RecordsView;
  truth: TruthView;
  /** Hand a stage's output tables on to later stages (kept in memory). */
  share(stage: string, tables: Table[]): void;
}

function cellText(column: Column, i: number): string | null {
  if (column.kind === 'string') return column.values[i];
  return String(column.values[i]);
}

/** The rows of an in-memory table a filter keeps, in table order. */
export function filterRows(table: Table, filter: RowFilter): Table {
  const column = table.columns[filter.column];
  if (!column) throw new Error(`table ${table.name} has no column "${filter.column}"`);
  const wanted = new Set(filter.in);
  const rows: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (wanted.has(cellText(column, i) ?? '\u0000')) rows.push(i);
  return takeRows(table, rows);
}

function sqlWhere(filter: RowFilter): string {
  return filter.in.length ? `"${filter.column.replace(/"/g, '""')}" IN (${filter.in.map(sqlString).join(',')})` : 'false';
}

export function makeViews(source: ViewSource, facts: RunFacts, scenario: Scenario, progress: Progress): Views {
  const cache = new Map<string, Table>((source.tables ?? []).map((t) => [t.name, t]));
  const fromFolder = async (side: string, name: string, columns: Record<string, ColumnKind>, filter?: RowFilter): Promise<Table> => {
    if (source.runDir === null) throw new InputError(`table ${side}/${name} is not in memory and there is no run folder to read it from`);
    await source.ready?.(side, name);
    return readRunTable(source.runDir, side, name, columns, filter ? sqlWhere(filter) : undefined);
  };
  const load = async (key: string, side: string, name: string, columns: Record<string, ColumnKind>): Promise<Table> => {
    let table = cache.get(key);
    if (!table) {
      table = await fromFolder(side, name, columns);
      cache.set(key, table);
    }
    return table;
  };
  const loadWhere = async (side: string, name: string, columns: Record<string, ColumnKind>, filter: RowFilter): Promise<Table> => {
    const table = cache.get(name);
    return table ? filterRows(table, filter) : fromFolder(side, name, columns, filter);
  };
  const records: RecordsView = {
    facts,
    progress,
    observed: (name) => load(name, 'observed', name, TABLES[name].columns),
    observedWhere: (name, filter) => loadWhere('observed', name, TABLES[name].columns, filter),
    output: (stage, name, columns) => load(`${stage}/${name}`, stage, name, columns),
  };
  const truth: TruthView = {
    facts,
    scenario,
    records,
    truth: (name) => load(name, 'truth', name, TRUTH_TABLES[name].columns),
    truthWhere: (name, filter) => loadWhere('truth', name, TRUTH_TABLES[name].columns, filter),
  };
  return {
    records,
    truth,
    share: (stage, tables) => {
      for (const t of tables) cache.set(`${stage}/${t.name}`, t);
    },
  };
}
