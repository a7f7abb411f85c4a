/**
 * The method half of a stage: what it is handed and what it hands back. A method reads the
 * observed tables, the outputs of earlier methods and the study's fixed facts, and the methods
 * document: no scenario, no truth table name, nothing of the world (test/architecture checks
 * both the imports and these types). Its outputs stay in memory; writing them into a run
 * folder is the pipeline's choice, so a sweep can run a method many times and write nothing.
 */
import type { ColumnKind, Table } from '../io/table.ts';
import type { ObservedTableName } from '../records/tables.ts';
import type { MethodEstimate } from '../results/estimate.ts';
import type { StudyFacts } from '../study/facts.ts';
import type { Progress } from '../pipeline/progress.ts';
import type { MethodsDocument } from './document.ts';

/** The run's facts a method may know beside the study's: its size and its master seed. */
export interface RunFacts extends StudyFacts {
  /** Size relative to England: sample sizes scale with it. */
  scale: number;
  /** Master seed: a method's random draws come from named streams of it. */
  seed: number;
}

/** Rows whose `column` is one of `in` (how a method takes a few thousand CRNs' notes out of millions). */
export interface RowFilter {
  column: string;
  in: readonly string[];
}

/** What every method is handed: the records, never the truth. */
export interface RecordsView {
  readonly facts: RunFacts;
  observed(name: ObservedTableName): Promise<Table>;
  observedWhere(name: ObservedTableName, filter: RowFilter): Promise<Table>;
  /** A table an earlier stage's method handed on (e.g. which requirements linkage found). */
  output(stage: string, name: string, columns: Record<string, ColumnKind>): Promise<Table>;
  readonly progress: Progress;
  /**
   * Whether the caller may keep an estimate whose id starts with this prefix (undefined: it
   * keeps all). A sweep or identify run keeping a few estimands sets it, so a method can leave
   * out a costly figure nobody reads (regressions); it says nothing of the truth.
   */
  readonly keeps?: (prefix: string) => boolean;
}

/** What every method hands back. */
export interface MethodOutputs {
  estimates: MethodEstimate[];
  /** Tables later stages read through `RecordsView.output` (also written into the stage's folder). */
  tables: Table[];
  /** Write the stage's files into its folder of a run. */
  write(dir: string): Promise<void>;
}

/** A method stage: `method(records, methods) -> outputs`. `R` adds what the evaluation side supplies (the notes stage's reviewer). */
export interface MethodStage<O extends MethodOutputs = MethodOutputs, R extends RecordsView = RecordsView> {
  name: string;
  description: string;
  /** Stages whose outputs this one reads: re-running one of them re-runs this. */
  needs: readonly string[];
  method(records: R, methods: MethodsDocument): Promise<O>;
}
