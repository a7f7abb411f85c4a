import { describe, expect, it } from 'vitest';
import {
  generateRecords,
  linkageProblem,
  linkageProblemOf,
  runMethodStage,
  scenarioFromObject,
  scoreLabels,
  shippedScenario,
} from 'pathways-bench';
import { readScenarioDocument } from '../../src/scenario/load.ts';
import { ROOT } from '../helpers.ts';

describe("the library entry point, imported by the package's own name", () => {
  it('takes a scenario as an object, refusing a bad knob by its path', () => {
    const doc = readScenarioDocument(`${ROOT}scenarios/baseline.yaml`) as Record<string, unknown>;
    expect(scenarioFromObject(doc).name).toBe('baseline');
    const bad = structuredClone(doc) as { noise: { multiplier: number } };
    bad.noise.multiplier = -1;
    expect(() => scenarioFromObject(bad, 'my scenario')).toThrow(/my scenario: noise.multiplier: must be >= 0/);
  });

  it('generates a world in memory and runs the linkage stage on it, scored by its evaluation half', async () => {
    const scenario = shippedScenario('baseline');
    const generated = generateRecords(scenario, { seed: 3, scale: 0.002 });
    const problem = linkageProblem(scenario, { seed: 3, scale: 0.002 });
    expect(problem.left.rowCount).toBe(problem.truth.left.size);
    const results = await runMethodStage('linkage', { scenario, generated, seed: 3, scale: 0.002 });
    expect(results.stages.map((s) => s.name)).toContain('linkage');
    // Each estimate beside its true value: the linkage stage's scores against the truth.
    expect(results.estimates.filter((e) => e.stage === 'linkage' && Number.isFinite(e.truth)).length).toBeGreaterThan(0);
    await expect(runMethodStage('notes', { scenario, generated, seed: 3, scale: 0.002 })).rejects.toThrow(/contact notes/);
  });

  it("poses the linkage problem from the two linked systems' records alone, the tables every system's records hold", () => {
    const scenario = shippedScenario('baseline');
    const light = linkageProblem(scenario, { seed: 11, scale: 0.001 });
    const full = linkageProblemOf(scenario, generateRecords(scenario, { seed: 11, scale: 0.001 }).records);
    expect(light.left).toEqual(full.left);
    expect(light.right).toEqual(full.right);
    expect(light.truth).toEqual(full.truth);
  });

  it('scores labels: accuracy, sensitivity, specificity, a missing prediction counted negative', () => {
    const truth = new Map([['a', 'yes'], ['b', 'yes'], ['c', 'no'], ['d', 'no']]);
    const s = scoreLabels(new Map([['a', 'yes'], ['c', 'yes'], ['d', 'no']]), truth, 'yes');
    expect(s).toMatchObject({ truePositives: 1, falseNegatives: 1, falsePositives: 1, trueNegatives: 1, accuracy: 0.5, sensitivity: 0.5, specificity: 0.5 });
  });
});
