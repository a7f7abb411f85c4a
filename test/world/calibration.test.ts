/**
 * The world at scale 0.1 against the study's frame. Counts are exact by construction; shares
 * carry sampling error at n ~ 4,600, so each tolerance is about three standard errors.
 */
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/world/build.ts';
import { scenario } from '../helpers.ts';

const world = buildWorld(scenario('baseline'), 0.1, 42);
const inScope = world.requirements.filter((r) => r.scope === 'in_scope');
const ofType = (t: 'ATR' | 'DRR') => inScope.filter((r) => r.type === t);
const share = <T>(items: T[], pred: (x: T) => boolean) => (100 * items.filter(pred).length) / items.length;

describe('calibration at scale 0.1', () => {
  it('has the study cohort: 4,594 requirements, ATR 2,109 and DRR 2,485 within 0.5%', () => {
    expect(inScope.length).toBe(Math.round(45943 * 0.1));
    expect(Math.abs(ofType('ATR').length - 2109) / 2109).toBeLessThan(0.005);
    expect(Math.abs(ofType('DRR').length - 2485) / 2485).toBeLessThan(0.005);
  });

  it('receives about 54,244 x 0.1 records before exclusions', () => {
    expect(Math.abs(world.requirements.length - 5424) / 5424).toBeLessThan(0.03);
  });

  it('is about 80% male', () => {
    expect(share(inScope, (r) => world.people[r.personId].sex === 'M')).toBeGreaterThan(77.5);
    expect(share(inScope, (r) => world.people[r.personId].sex === 'M')).toBeLessThan(82.5);
  });

  it('has accommodation unknown about 9% (ATR) and 10% (DRR)', () => {
    expect(Math.abs(share(ofType('ATR'), (r) => r.accommodation === 'unknown') - 9)).toBeLessThan(2);
    expect(Math.abs(share(ofType('DRR'), (r) => r.accommodation === 'unknown') - 10)).toBeLessThan(2);
  });

  it('has DRRs mostly 4-6 months', () => {
    expect(share(ofType('DRR'), (r) => r.lengthBand === '4-6m')).toBeGreaterThan(55);
    expect(share(ofType('DRR'), (r) => r.lengthBand === '>12m')).toBeLessThan(3);
  });

  it('has plausible regions, ages and offences', () => {
    expect(share(inScope, (r) => world.people[r.personId].regionCode === 'N07')).toBeGreaterThan(10);
    expect(share(inScope, (r) => world.people[r.personId].regionCode === 'N07')).toBeLessThan(16);
    expect(share(ofType('DRR'), (r) => r.offenceGroup === 'theft')).toBeGreaterThan(45);
    expect(share(ofType('ATR'), (r) => r.ageAtSentence >= 50)).toBeGreaterThan(18);
    expect(share(ofType('DRR'), (r) => r.ageAtSentence >= 50)).toBeLessThan(16);
    expect(inScope.every((r) => r.ageAtSentence >= 17 && r.ageAtSentence < 80)).toBe(true);
  });

  it('puts structured treatment, prison and reconviction where the scenario models them', () => {
    // True rates sit above the study's observed 54/45% linked and 31/48% reconvicted (see baseline.yaml).
    expect(share(ofType('ATR'), (r) => r.structured)).toBeGreaterThan(52);
    expect(share(ofType('ATR'), (r) => r.structured)).toBeLessThan(62);
    expect(share(ofType('DRR'), (r) => r.structured)).toBeGreaterThan(43);
    expect(share(ofType('DRR'), (r) => r.structured)).toBeLessThan(53);
    expect(share(ofType('DRR'), (r) => r.prisonWithin12m)).toBeGreaterThan(share(ofType('ATR'), (r) => r.prisonWithin12m));
    expect(share(ofType('DRR'), (r) => r.reconvicted)).toBeGreaterThan(share(ofType('ATR'), (r) => r.reconvicted));
  });

  it('has a background at full size: many more NDTMS people than requirement holders', () => {
    // Below scale 1 the cohort's lookalikes are all kept and the rest thinned to the scale, so
    // the background lies between its scaled and its full size.
    const background = world.people.filter((p) => !p.cohort).length;
    expect(background).toBeGreaterThan(Math.round(560000 * 0.1));
    expect(background).toBeLessThan(560000);
    expect(world.episodes.length).toBeGreaterThan(90_000);
  });
});
