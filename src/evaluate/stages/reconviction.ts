/**
 * The reconviction stage's evaluation: the same figures on the world at three levels (with and
 * without the follow-up cut-off and the recording delay), the generating models' coefficients
 * beside each odds ratio, the same models fitted to the true outcomes, and the study's
 * directions checked (written beside the stage's outputs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReconvictionOutputs } from '../../methods/reconviction/stage.ts';
import type { Estimate } from '../../results/estimate.ts';
import { reconvictionTruth, trueReconvictions } from '../reconviction.ts';
import { pooledCovariateMeans, regressionTruth, worldFitEstimates } from '../regression.ts';
import { directionChecks } from '../directions.ts';
import { truthSources, truthViews } from '../treatment.ts';
import type { TruthView } from '../view.ts';
import { withTruth } from '../with-truth.ts';

export async function evaluateReconviction(truth: TruthView, outputs: ReconvictionOutputs): Promise<Estimate[]> {
  const { scale } = truth.facts;
  const views = truthViews(await truthSources((side, name) => (side === 'truth' ? truth.truth(name as never) : truth.records.observed(name as never))), truth.facts.extraction);
  const reconvicted = trueReconvictions(await truth.truth('truth_requirements'), await truth.truth('truth_court_cases'), outputs.rules);
  const { truth: figures, levels } = reconvictionTruth(views, reconvicted);
  // The regressions fitted again on the true outcomes cost as much as the method's own: not when nobody keeps them.
  let worldFit: Awaited<ReturnType<typeof worldFitEstimates>> = [];
  const worldSpecs = outputs.specs.filter((s) => truth.keeps?.(`regression.world_fit.${s.outcome}.`) ?? true);
  if (worldSpecs.length > 0) {
    truth.records.progress({ stage: 'reconviction', step: 'the same regressions on the true outcomes', done: 0, total: 1 });
    worldFit = await worldFitEstimates(outputs.cohort, await truth.truth('truth_ndelius_requirements'), views, reconvicted, worldSpecs);
  }
  const means = pooledCovariateMeans(await truth.truth('truth_requirements'), await truth.truth('truth_people'));
  return [
    ...withTruth(outputs.figures, figures, scale),
    // Truth at another level is not a published figure: nothing to put beside it there.
    ...withTruth([...levels, ...outputs.convictionFigures], figures, scale).map((e) => ({ ...e, published: null })),
    ...withTruth(outputs.models, regressionTruth(truth.scenario, outputs.models, means), scale),
    ...withTruth(worldFit, regressionTruth(truth.scenario, worldFit, means), scale),
  ];
}

/** directions.json: each of the study's directions beside the recovered and the generating effect. */
export function writeDirections(dir: string, estimates: Estimate[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'directions.json'), `${JSON.stringify(directionChecks(estimates), null, 2)}\n`);
}
