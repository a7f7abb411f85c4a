/**
 * Honest labels (issue 20, item 4): a run's truth is called the truth in this scenario, and
 * where an identify result exists for the run's scenario the headline shows the truths
 * consistent with the published figures beside it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import { specToSvg } from '../../src/report/charts/render.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consistentRanges } from '../../src/identify/consistent.ts';
import { writeIdentify } from '../../src/identify/write.ts';
import type { IdentifyRecord } from '../../src/identify/run.ts';
import type { Draw } from '../../src/identify/abc.ts';
import { headlineRows } from '../../src/report/headlines.ts';
import { headlinedMarkdownReport } from '../../src/report/markdown.ts';
import type { Results } from '../../src/results/estimate.ts';
import { tempDir } from '../helpers.ts';

function record(scenario: string): IdentifyRecord {
  return {
    plan: { name: 'toy', aims: 'a test', scenario: 'x.yaml', scale: 0.02, seed: 1, budget: 4, priors: { k: [0, 1] }, fixed: {}, figures: [{ id: 'link.structured.pct', group: 'ATR' }], quantities: [{ id: 'link.structured.pct', group: 'all' }], accept: 'within_tolerance', level: 0.9 },
    scenario,
    priors: [{ knob: 'k', low: 0, high: 1 }],
    figures: [{ id: 'link.structured.pct', group: 'ATR', published: 54, tolerance: 2, unit: 'pct', description: 'linked' }],
    quantities: [{ id: 'link.structured.pct', group: 'all' }],
    stages: ['linkage'],
    packageVersion: '0',
  };
}

const draw = (i: number, recovered: number, truthAll: number): Draw => ({
  draw: i,
  seed: 1 + i,
  knobs: { k: i / 4 },
  values: { 'link.structured.pct[ATR]': { recovered, truth: recovered + 3 }, 'link.structured.pct[all]': { recovered: recovered - 4, truth: truthAll } },
  distance: Math.abs(recovered - 54) / 2,
});

describe('truths consistent with the published figures beside a run', () => {
  it("reads each accepted truth's interval for the run's scenario only, and puts it beside the headline's truth in this scenario", async () => {
    const root = tempDir('identify-consistent');
    for (const [name, scenario] of [
      ['toy', 'baseline'],
      ['other', 'noisy'],
    ]) {
      mkdirSync(join(root, name));
      // Draws 0-2 within two points of 54, draw 3 not.
      await writeIdentify(join(root, name), record(scenario), [draw(0, 53, 50), draw(1, 55, 60), draw(2, 54, 55), draw(3, 40, 99)]);
    }
    // The posterior plot is a Vega-Lite spec that draws: bars for the accepted draws and for all.
    const svg = await specToSvg(JSON.parse(readFileSync(join(root, 'toy', 'posterior.vl.json'), 'utf8')) as TopLevelSpec);
    expect(svg).toContain('<svg');
    expect(svg).toContain('truth of link.structured.pct (all)');
    const ranges = consistentRanges('baseline', root);
    const all = ranges.get('link.structured.pct\u0000all');
    expect(all).toMatchObject({ plan: 'toy', worlds: 4, accepted: 3, level: 0.9 });
    // Type-7 quantiles of 50, 55, 60: 5% at 50.5, 95% at 59.5; the rejected world's 99 is not in it.
    expect(all?.low).toBeCloseTo(50.5, 9);
    expect(all?.high).toBeCloseTo(59.5, 9);
    expect(consistentRanges('clean', root).size).toBe(0);

    const results: Results = {
      schemaVersion: 2,
      scenario: 'baseline',
      seed: 1,
      scale: 0.02,
      packageVersion: '0',
      stages: [{ name: 'linkage', methods: null }],
      methods: {},
      estimates: [{ id: 'link.structured.pct', group: 'all', estimate: 47, ci: null, truth: 51, published: 49, unit: 'pct', method: 'm' }],
    };
    const rows = headlineRows(results, ranges);
    const linked = rows.find((r) => r.estimate?.id === 'link.structured.pct');
    expect(linked?.consistent?.accepted).toBe(3);
    const md = headlinedMarkdownReport(results, rows, []);
    expect(md).toContain('| headline | published | recovered | truth in this scenario | truths consistent with the published figures |');
    expect(md).toMatch(/\| Linked to structured treatment, % \| 49\.0 \| 47\.0 \| 51\.0 \| 50\.5–59\.5 \(90%, 3 of 4 worlds, plan toy\) \|/);
  });
});
