/**
 * The linkage stage's evaluation: the same figures computed on what truly happened, and every
 * NDTMS community link scored against the people behind the records.
 */
import { strings } from '../../io/table.ts';
import { linkIds } from '../../methods/linkage/index.ts';
import { DETERMINISTIC_ID, type LinkageOutputs } from '../../methods/treatment/stage.ts';
import { estimateKey, type Estimate } from '../../results/estimate.ts';
import { expectedErrorTruth, linkageScores, linkageTruthKeys, pairCompleteness, recordGroups, treatmentTruth, truthSources, truthViews } from '../treatment.ts';
import type { TruthView } from '../view.ts';
import { withTruth } from '../with-truth.ts';

export async function evaluateLinkage(truth: TruthView, outputs: LinkageOutputs): Promise<Estimate[]> {
  const requirements = await truth.truth('truth_requirements');
  const people = await truth.truth('truth_people');
  const ndeliusKeys = await truth.truth('truth_ndelius_requirements');
  const views = truthViews(await truthSources((side, name) => (side === 'truth' ? truth.truth(name as never) : truth.records.observed(name as never))), truth.facts.extraction);
  const figures = treatmentTruth([...views.values()]);
  // The deterministic baseline estimates the same quantity as the probabilistic linkage.
  for (const g of ['all', 'ATR', 'DRR']) {
    const t = figures.get(estimateKey({ id: 'link.structured.pct', group: g }));
    if (t !== undefined) figures.set(estimateKey({ id: DETERMINISTIC_ID, group: g }), t);
  }
  const cohortIds = strings(outputs.cohort, 'record_id') as string[];
  const keys = linkageTruthKeys(cohortIds, { ndelius: ndeliusKeys, right: await truth.truth('truth_ndtms_community'), rightId: 'episode_id' });
  const scores = linkageScores(linkIds(outputs.identified.community, outputs.links), cohortIds, keys, recordGroups(requirements, people, ndeliusKeys));
  const completeness = pairCompleteness(outputs.identified.community, keys);
  const scored: Estimate[] = [...scores, completeness].map((e) => ({ ...e, truth: null, published: null }));
  // The label-free error estimates beside the same figures scored against the people.
  const expected = withTruth(outputs.expected, expectedErrorTruth(scores), truth.facts.scale);
  return [...withTruth(outputs.estimates, figures, truth.facts.scale), ...scored, ...expected];
}
