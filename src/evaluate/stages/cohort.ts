/** The cohort stage's evaluation: the cohort counted on the world's in-scope requirements. */
import type { CohortOutputs } from '../../methods/cohort/stage.ts';
import type { Estimate } from '../../results/estimate.ts';
import { cohortTruth } from '../cohort.ts';
import type { TruthView } from '../view.ts';
import { withTruth } from '../with-truth.ts';

export async function evaluateCohort(truth: TruthView, outputs: CohortOutputs): Promise<Estimate[]> {
  const t = cohortTruth(await truth.truth('truth_requirements'), await truth.truth('truth_people'));
  return withTruth(outputs.estimates, t, truth.facts.scale);
}
