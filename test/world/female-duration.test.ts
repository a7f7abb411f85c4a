/** Women's time in structured treatment: `treatment.exit.*.female_duration_multiplier`. */
import { describe, expect, it } from 'vitest';
import { buildCohortWorld } from '../../src/world/build.ts';
import { scenario } from '../helpers.ts';

const worldWith = (multiplier: number) =>
  buildCohortWorld(scenario('baseline', { treatment: { exit: { ATR: { female_duration_multiplier: multiplier }, DRR: { female_duration_multiplier: multiplier } } } }), 0.05, 11);

describe('the female duration multiplier', () => {
  const plain = worldWith(1);
  const longer = worldWith(2);
  const female = new Set(plain.people.filter((p) => p.sex === 'F').map((p) => p.personId));
  const structured = (w: typeof plain, women: boolean) => w.requirements.filter((r) => r.structured && female.has(r.personId) === women);

  it("leaves men's journeys as they were (their draws are their own)", () => {
    expect(structured(longer, false)).toEqual(structured(plain, false));
  });

  it('keeps more women in treatment at the extraction date, none fewer', () => {
    const remained = (w: typeof plain) => structured(w, true).filter((r) => r.status === 'remained').length;
    expect(structured(longer, true).length).toBe(structured(plain, true).length);
    expect(remained(longer)).toBeGreaterThan(remained(plain) * 1.2);
  });
});
