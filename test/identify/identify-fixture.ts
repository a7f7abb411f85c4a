/**
 * Identify folders written by the real writer (writeIdentify) from a real resolved plan and a
 * stand-in simulator, for the faces' tests: no world is made, so they take well under a second.
 * The stand-in's figures are smooth functions of the knobs with noise from the seed, so some
 * draws land within the tolerances and some do not, and the linkage recall (a score with no
 * truth beside it) stands for the plan's scored quantities.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { figureKey, runDraws, type Draw, type Knobs, type Simulated } from '../../src/identify/abc.ts';
import { readIdentifyPlan } from '../../src/identify/plan.ts';
import { identifyRecord, type IdentifyRecord } from '../../src/identify/run.ts';
import { writeIdentify } from '../../src/identify/write.ts';
import { ROOT } from '../helpers.ts';

export const FIXTURE_PLAN = {
  name: 'fx',
  aims: 'fixture: which intercepts and noise give the published linked shares',
  scenario: join(ROOT, 'scenarios/baseline.yaml'),
  scale: 0.02,
  seed: 3,
  priors: { 'noise.multiplier': [0.5, 3], 'treatment.structured.intercept.ATR': [-0.5, 0.5] },
  figures: [
    { id: 'link.structured.pct', group: 'ATR', tolerance: 4 },
    { id: 'link.structured.pct', group: 'DRR', tolerance: 4 },
  ],
  quantities: [{ id: 'linkage.recall', group: 'all' }],
};

/** The stand-in: truth from the intercept, the method losing 3 points per unit of noise, seeded noise of ±2. */
export async function fakeWorld(knobs: Knobs, seed: number): Promise<Record<string, Simulated>> {
  const noise = (((seed * 7919) % 13) / 13 - 0.5) * 4;
  const truth = 52 + 20 * knobs['treatment.structured.intercept.ATR'];
  const recovered = truth - 3 * knobs['noise.multiplier'] + 4 + noise;
  return {
    [figureKey({ id: 'link.structured.pct', group: 'ATR' })]: { recovered, truth },
    [figureKey({ id: 'link.structured.pct', group: 'DRR' })]: { recovered: recovered - 9, truth: truth - 10 },
    [figureKey({ id: 'linkage.recall', group: 'all' })]: { recovered: 96 - 4 * knobs['noise.multiplier'], truth: null },
  };
}

/** Writes the plan to `parent`/plan.json and an identify folder of `budget` draws to `parent`/identify; the record and draws as written. */
export async function writeFixtureIdentify(parent: string, budget = 60): Promise<{ dir: string; record: IdentifyRecord; draws: Draw[] }> {
  const dir = join(parent, 'identify');
  mkdirSync(dir);
  const planPath = join(parent, 'plan.json');
  writeFileSync(planPath, JSON.stringify({ ...FIXTURE_PLAN, budget }));
  const plan = readIdentifyPlan(planPath);
  const record = identifyRecord(plan);
  const draws = await runDraws(plan.priors, plan.figures, plan.plan.seed, Array.from({ length: budget }, (_, i) => i), fakeWorld);
  await writeIdentify(dir, record, draws);
  return { dir, record, draws };
}
