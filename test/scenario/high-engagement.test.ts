/**
 * scenarios/high-engagement.yaml (issue 20 item 5): the baseline's published figures from a
 * very different truth. It must stay the baseline world but for the knobs its comments give
 * reasons for (true engagement beyond NDTMS, what the notes of those not engaged say and how
 * much is written, how strictly the manual reviewers read): nothing else may differ, so that a
 * pair of runs shows only what those unknowns do.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { ROOT } from '../helpers.ts';

function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) for (const [p, x] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, x);
  } else out.set(path, value);
  return out;
}

describe('the high-engagement scenario', () => {
  it('is the baseline but for true engagement beyond NDTMS, the notes of those not engaged and the reviewers', () => {
    const base = leaves(loadScenario(`${ROOT}scenarios/baseline.yaml`).scenario);
    const high = leaves(loadScenario(`${ROOT}scenarios/high-engagement.yaml`).scenario);
    expect([...high.keys()].sort()).toEqual([...base.keys()].sort());
    const changed = [...base.keys()].filter((k) => JSON.stringify(base.get(k)) !== JSON.stringify(high.get(k))).sort();
    const allowed = [/^name$/, /^description$/, /^treatment\.other_treatment\./, /^notes\.(notEngagedMix|keywordShare|secondHardSentence|volume)\./, /^notes\.secondHardSentence$/, /^manual_review\.reads_as_engaged\./];
    for (const k of changed) expect(allowed.some((r) => r.test(k)), `${k} differs from the baseline`).toBe(true);
    // Engagement beyond NDTMS far above the baseline's, for both types.
    for (const t of ['ATR', 'DRR']) expect(high.get(`treatment.other_treatment.${t}`) as number).toBeGreaterThan((base.get(`treatment.other_treatment.${t}`) as number) + 0.2);
  });
});
