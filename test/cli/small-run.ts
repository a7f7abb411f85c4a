/** A small run folder (cohort and linkage stages, CSV) made in-process for the CLI tests. */
import { join } from 'node:path';
import { runPipeline } from '../../src/pipeline/run.ts';
import { silent } from '../../src/pipeline/progress.ts';
import { cohortStage } from '../../src/pipeline/stages/cohort.ts';
import { linkageStage } from '../../src/pipeline/stages/linkage.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import type { Results } from '../../src/results/estimate.ts';
import { ROOT } from '../helpers.ts';

export async function smallRun(parent: string, scale = 0.02, seed = 7): Promise<{ dir: string; results: Results }> {
  const { dir, results } = await runPipeline(
    { scenario: loadScenario(join(ROOT, 'scenarios', 'baseline.yaml')), seed, scale, format: 'csv', out: join(parent, 'run'), stages: [cohortStage, linkageStage] },
    silent,
  );
  return { dir, results: results as Results };
}
