/**
 * What a stage is handed: the observed tables (all a method may read) and, kept apart, the
 * truth tables (only for its evaluation). Tables come from memory right after generation, or
 * are read back from the run folder for a stage run on its own.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { ColumnKind, Table } from '../io/table.ts';
import { readRunTable } from '../io/read-table.ts';
import { TABLES, type ObservedTableName } from '../records/tables.ts';
import { TRUTH_TABLES, type TruthTableName } from '../records/truth-tables.ts';
import type { Progress } from './progress.ts';

export interface StageContext {
  runDir: string;
  scenario: Scenario;
  scale: number;
  seed: number;
  observed(name: ObservedTableName): Promise<Table>;
  truth(name: TruthTableName): Promise<Table>;
  /** Rows of a large table that meet a SQL condition, read from the run folder (not cached). */
  observedWhere(name: ObservedTableName, where: string): Promise<Table>;
  truthWhere(name: TruthTableName, where: string): Promise<Table>;
  /** What one stage's method hands to later stages (e.g. which requirements linkage found), read back from the run folder when not in memory. */
  methodOutput(folder: string, name: string, columns: Record<string, ColumnKind>): Promise<Table>;
  shareOutput(folder: string, table: Table): void;
  progress: Progress;
}

export function makeContext(
  runDir: string,
  scenario: Scenario,
  scale: number,
  seed: number,
  progress: Progress,
  inMemory: Table[] = [],
): StageContext {
  const cache = new Map<string, Table>(inMemory.map((t) => [t.name, t]));
  const load = async (side: 'observed' | 'truth', name: string, columns: Record<string, string>) => {
    let table = cache.get(name);
    if (!table) {
      table = await readRunTable(runDir, side, name, columns as never);
      cache.set(name, table);
    }
    return table;
  };
  return {
    runDir,
    scenario,
    scale,
    seed,
    progress,
    observed: (name) => load('observed', name, TABLES[name].columns),
    truth: (name) => load('truth', name, TRUTH_TABLES[name].columns),
    observedWhere: (name, where) => readRunTable(runDir, 'observed', name, TABLES[name].columns as never, where),
    truthWhere: (name, where) => readRunTable(runDir, 'truth', name, TRUTH_TABLES[name].columns as never, where),
    methodOutput: async (folder, name, columns) => {
      const key = `${folder}/${name}`;
      let table = cache.get(key);
      if (!table) {
        table = await readRunTable(runDir, folder, name, columns as never);
        cache.set(key, table);
      }
      return table;
    },
    shareOutput: (folder, table) => {
      cache.set(`${folder}/${table.name}`, table);
    },
  };
}
