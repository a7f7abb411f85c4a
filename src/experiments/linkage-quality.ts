/**
 * Pair-by-pair linkage precision and recall of one world, generated and linked in memory:
 * what the scale-invariance test compares across scales, and what its scale-1 fixture holds.
 */
import type { Scenario } from '../scenario/schema.ts';
import { buildWorld } from '../world/build.ts';
import { buildRecords } from '../records/build.ts';
import { runStagesInMemory } from '../pipeline/run.ts';
import { studyMethods } from '../methods/load.ts';
import { silent } from '../pipeline/progress.ts';
import { linkageStage } from '../pipeline/stages/linkage.ts';

export interface LinkageQuality {
  precision: number;
  recall: number;
}

/** Linkage precision and recall (percent, every requirement) for one scenario, scale and seed. */
export async function linkageQuality(scenario: Scenario, scale: number, seed: number): Promise<LinkageQuality> {
  const world = buildWorld(scenario, scale, seed);
  const records = buildRecords(scenario, world, seed);
  const results = await runStagesInMemory({
    tables: [...records.observed, ...records.truth],
    scenario,
    seed,
    scale,
    methods: studyMethods(),
    stages: [linkageStage],
    progress: silent,
  });
  const pick = (id: string): number => {
    const e = results.estimates.find((x) => x.id === id && x.group === 'all');
    if (e === undefined || e.estimate === null) throw new Error(`linkage quality: no ${id} for all`);
    return e.estimate;
  };
  return { precision: pick('linkage.precision'), recall: pick('linkage.recall') };
}
