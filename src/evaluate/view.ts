/**
 * What the evaluation half of a stage is handed: the truth tables and the scenario, beside the
 * records (evaluation joins the two through the truth's keys). Only evaluation gets this view.
 */
import type { Table } from '../io/table.ts';
import type { TruthTableName } from '../records/truth-tables.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { RecordsView, RowFilter, RunFacts } from '../methods/stage.ts';

export interface TruthView {
  readonly facts: RunFacts;
  readonly scenario: Scenario;
  readonly records: RecordsView;
  truth(name: TruthTableName): Promise<Table>;
  truthWhere(name: TruthTableName, filter: RowFilter): Promise<Table>;
}
