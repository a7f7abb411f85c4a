/**
 * `pathways identify` throughput: worlds a minute for each shipped plan, as a plan runs them
 * (knobs drawn, a scale-0.02 world made in memory, only the stages the plan's figures need).
 * The target: 2,000 small worlds in under 15 minutes (133 a minute) on the 2-core
 * machine, or sharded. BENCH_IDENTIFY_DRAWS sets the draws per plan (default 5).
 */
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './benchmark.ts';
import { readIdentifyPlan } from '../src/identify/plan.ts';
import { drawKnobs } from '../src/identify/abc.ts';
import { simulateDraw } from '../src/identify/run.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DRAWS = Number(process.env.BENCH_IDENTIFY_DRAWS ?? 5);

export const identifyBenchmark: Benchmark = {
  name: 'identify',
  description: `pathways identify: ${DRAWS} draws of each shipped plan (scenarios/identify/), one process`,
  async run(recorder) {
    for (const name of ['linkage', 'engagement']) {
      const plan = readIdentifyPlan(`${ROOT}scenarios/identify/${name}.yaml`);
      const started = performance.now();
      for (let i = 0; i < DRAWS; i++) await simulateDraw(plan, drawKnobs(plan.priors, plan.plan.seed, i), plan.plan.seed + i);
      const seconds = (performance.now() - started) / 1000;
      recorder.figure(`${name}: ${DRAWS} worlds`, seconds, 's');
      recorder.figure(`${name}: worlds per minute`, (DRAWS / seconds) * 60, 'worlds/min', 'higher', 1);
    }
  },
};
