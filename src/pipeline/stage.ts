/**
 * A stage: a method half run on the records (`method(records, methods) -> outputs`) and an
 * evaluation half beside it (`evaluate(truth, outputs) -> Estimate[]`). The two halves live
 * apart (src/methods/<stage>/stage.ts, src/evaluate/stages/<stage>.ts); a stage here only
 * pairs them, with what the evaluation side supplies the method (the notes stage's reviewer).
 */
import type { MethodOutputs, MethodStage, RecordsView } from '../methods/stage.ts';
import type { TruthView } from '../evaluate/view.ts';
import type { Estimate } from '../results/estimate.ts';

export interface Stage<O extends MethodOutputs = MethodOutputs, R extends RecordsView = RecordsView> extends MethodStage<O, R> {
  /** The method's inputs: the records, and what the evaluation side supplies beside them. */
  inputs(records: RecordsView, truth: TruthView): R;
  evaluate(truth: TruthView, outputs: O): Promise<Estimate[]>;
  /** Files the evaluation writes beside the method's (the reconviction stage's directions). */
  writeEvaluation?(dir: string, estimates: Estimate[]): void;
}

/** A stage whose method reads the records alone. */
export function recordsOnly<O extends MethodOutputs>(method: MethodStage<O>, evaluate: (truth: TruthView, outputs: O) => Promise<Estimate[]>, extra: Pick<Stage<O>, 'writeEvaluation'> = {}): Stage<O> {
  return { ...method, inputs: (records) => records, evaluate, ...extra };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage = Stage<any, any>;
