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
  /**
   * Whether the caller may keep an estimate whose id starts with this prefix (undefined: it
   * keeps all). A sweep or identify run keeping a few estimands sets it, so an evaluation can
   * leave out a costly estimate nobody reads (the regressions on the true outcomes).
   */
  readonly keeps?: (prefix: string) => boolean;
}
