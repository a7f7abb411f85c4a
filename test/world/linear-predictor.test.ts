/** The generating models' linear predictor: a coefficient is shared, or taken for the requirement's type. */
import { describe, expect, it } from 'vitest';
import { linearPredictor } from '../../src/world/journeys.ts';
import { REGION_CODES } from '../../src/scenario/schema.ts';

const zero = Object.fromEntries(REGION_CODES.map((c) => [c, 0])) as Record<(typeof REGION_CODES)[number], number>;
const model = {
  intercept: { ATR: -1, DRR: -0.5 },
  coefficients: { shared: 0.4, by_type: { ATR: -1.2, DRR: -0.3 } },
  region_effects: { ATR: { ...zero, N07: 0.1 }, DRR: zero },
};
const names = ['shared', 'by_type'] as const;

describe('linearPredictor', () => {
  it("adds a shared coefficient for both types and a per-type coefficient's value for the requirement's type", () => {
    expect(linearPredictor(model, names, 'ATR', 'N07', { shared: 1, by_type: 1 })).toBeCloseTo(-1 + 0.4 - 1.2 + 0.1, 12);
    expect(linearPredictor(model, names, 'DRR', 'N07', { shared: 1, by_type: 1 })).toBeCloseTo(-0.5 + 0.4 - 0.3, 12);
    expect(linearPredictor(model, names, 'DRR', 'N50', { shared: 0, by_type: 2 })).toBeCloseTo(-0.5 - 0.6, 12);
  });
});
