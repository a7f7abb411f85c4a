/**
 * Prints linkage precision and recall for scenarios x scales x seeds, one JSON line each:
 *   node --import tsx scripts/linkage-by-scale.ts SCALE SEED[,SEED...] SCENARIO.yaml[,...]
 * How the scale-1 figures in test/experiments/linkage-scale.test.ts were made.
 */
import { loadScenario } from '../src/scenario/load.ts';
import { linkageQuality } from '../src/experiments/linkage-quality.ts';

const [scaleArg, seedsArg, scenariosArg] = process.argv.slice(2);
const scale = Number(scaleArg);
for (const path of scenariosArg.split(',')) {
  const scenario = loadScenario(path).scenario;
  for (const seed of seedsArg.split(',').map(Number)) {
    const t = Date.now();
    const q = await linkageQuality(scenario, scale, seed);
    console.log(JSON.stringify({ scenario: scenario.name, scale, seed, ...q, seconds: (Date.now() - t) / 1000 }));
  }
}
