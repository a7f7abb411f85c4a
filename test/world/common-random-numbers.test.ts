/**
 * Common random numbers inside a requirement's journey: each process (structured treatment,
 * CJIT, other treatment, prison, secure treatment, termination, reconviction, other court
 * cases, later offences, earlier and later treatment history) draws from its own stream, so
 * retuning one model moves only what truly depends on it, never another process's draws.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCohortWorld, type CohortWorld } from '../../src/world/build.ts';
import { reconvictionCovariates } from '../../src/world/journeys.ts';
import { RECONVICTION_COEFFICIENTS, STRUCTURED_COEFFICIENTS, REQUIREMENT_TYPES, type Scenario, type Coefficient } from '../../src/scenario/schema.ts';
import type { CourtCase, Requirement } from '../../src/world/types.ts';
import { scenario } from '../helpers.ts';

const SCALE = 0.03;
const SEED = 11;
const base = scenario('baseline');

const reference = buildCohortWorld(base, SCALE, SEED);

/** Every treatment fact of a requirement (and the prison and termination that follow from it). */
function treatmentFields(r: Requirement) {
  return {
    structured: r.structured, startBand: r.startBand, treatmentStart: r.treatmentStart, treatmentEnd: r.treatmentEnd,
    status: r.status, cjit: r.cjit, otherTreatment: r.otherTreatment, secureTreatment: r.secureTreatment,
    anyTreatment: r.anyTreatment, prisonWithin12m: r.prisonWithin12m, died: r.died,
    terminationReason: r.terminationReason, terminationDate: r.terminationDate,
  };
}

function treatmentOf(w: CohortWorld) {
  return {
    episodes: w.journeys.episodes,
    cjitContacts: w.journeys.cjitContacts,
    secureEpisodes: w.journeys.secureEpisodes,
    prisonSpells: w.journeys.prisonSpells,
    otherTreatments: w.journeys.otherTreatments,
    requirements: w.requirements.map(treatmentFields),
  };
}

function casesByRequirement(cases: CourtCase[]): Map<number, CourtCase[]> {
  const out = new Map<number, CourtCase[]>();
  for (const c of cases) out.set(c.requirementId, [...(out.get(c.requirementId) ?? []), c]);
  return out;
}

/** What the reconviction draws see of a requirement: its covariates and the day it died, if it did. */
function reconvictionInputs(w: CohortWorld, r: Requirement): string {
  const person = w.people[r.personId];
  return JSON.stringify([reconvictionCovariates(r, person), r.died ? r.treatmentEnd : null]);
}

const shift = fc.double({ min: -0.8, max: 0.8, noNaN: true });
const perTypeShift = fc.record({ ATR: shift, DRR: shift });

function shifted(value: Coefficient, by: { ATR: number; DRR: number }): Coefficient {
  const at = (t: 'ATR' | 'DRR') => (typeof value === 'number' ? value : value[t]) + by[t];
  return { ATR: at('ATR'), DRR: at('DRR') };
}

function perturbModel(
  model: { intercept: Record<'ATR' | 'DRR', number>; coefficients: Record<string, Coefficient> },
  intercept: { ATR: number; DRR: number },
  coefficients: Partial<Record<string, { ATR: number; DRR: number }>>,
): void {
  for (const t of REQUIREMENT_TYPES) model.intercept[t] += intercept[t];
  for (const [name, by] of Object.entries(coefficients)) if (by) model.coefficients[name] = shifted(model.coefficients[name], by);
}

const reconvictionPerturbation = fc.record({
  intercept: perTypeShift,
  coefficients: fc.record(Object.fromEntries(RECONVICTION_COEFFICIENTS.map((c) => [c, perTypeShift])), { requiredKeys: [] }),
});

const structuredPerturbation = fc.record({
  intercept: perTypeShift,
  coefficients: fc.record(Object.fromEntries(STRUCTURED_COEFFICIENTS.map((c) => [c, perTypeShift])), { requiredKeys: [] }),
  cjit: fc.double({ min: 0, max: 0.3, noNaN: true }),
  exitShift: fc.double({ min: -1, max: 1, noNaN: true }),
});

describe('common random numbers within a journey', () => {
  it('retuning the reconviction model leaves all treatment, prison and termination identical (property)', () => {
    let flipped = 0;
    fc.assert(
      fc.property(reconvictionPerturbation, (p) => {
        const s: Scenario = structuredClone(base);
        perturbModel(s.reconviction.model, p.intercept, p.coefficients);
        const w = buildCohortWorld(s, SCALE, SEED);
        expect(treatmentOf(w)).toEqual(treatmentOf(reference));
        flipped += w.requirements.filter((r, i) => r.reconvicted !== reference.requirements[i].reconvicted).length;
      }),
      { numRuns: 12 },
    );
    expect(flipped).toBeGreaterThan(0);
  });

  it('retuning acquittals, withdrawals and later offences leaves treatment and reconviction identical', () => {
    const s: Scenario = structuredClone(base);
    s.reconviction.not_guilty_share = 0.3;
    s.reconviction.withdrawn_share = 0.2;
    s.reconviction.later_offence = 0.1;
    const w = buildCohortWorld(s, SCALE, SEED);
    expect(treatmentOf(w)).toEqual(treatmentOf(reference));
    expect(w.requirements.map((r) => r.reconvicted)).toEqual(reference.requirements.map((r) => r.reconvicted));
    // The reconviction is the guilty case for an offence within 365 days of sentence; later
    // offences come after that, acquittals and withdrawals are not guilty.
    const sentenced = new Map(reference.requirements.map((r) => [r.requirementId, r.sentenceDate]));
    const reconvictions = (cases: CourtCase[]) =>
      cases.filter((c) => c.outcome === 'guilty' && c.offenceDate <= sentenced.get(c.requirementId)! + 365);
    expect(w.journeys.courtCases.length).not.toBe(reference.journeys.courtCases.length);
    expect(reconvictions(w.journeys.courtCases)).toEqual(reconvictions(reference.journeys.courtCases));
  });

  it('retuning treatment moves reconviction only where its inputs moved (property)', () => {
    let changedTreatment = 0;
    let compared = 0;
    fc.assert(
      fc.property(structuredPerturbation, (p) => {
        const s: Scenario = structuredClone(base);
        perturbModel(s.treatment.structured, p.intercept, p.coefficients);
        for (const t of REQUIREMENT_TYPES) {
          s.treatment.cjit_contact[t] = p.cjit;
          s.treatment.exit[t].base.dropout += p.exitShift;
        }
        const w = buildCohortWorld(s, SCALE, SEED);
        const cases = casesByRequirement(w.journeys.courtCases);
        const referenceCases = casesByRequirement(reference.journeys.courtCases);
        w.requirements.forEach((r, i) => {
          const ref = reference.requirements[i];
          expect(r.requirementId).toBe(ref.requirementId);
          if (JSON.stringify(treatmentFields(r)) !== JSON.stringify(treatmentFields(ref))) changedTreatment++;
          if (reconvictionInputs(w, r) !== reconvictionInputs(reference, ref)) return;
          compared++;
          expect(r.reconvicted).toBe(ref.reconvicted);
          expect(cases.get(r.requirementId)).toEqual(referenceCases.get(ref.requirementId));
        });
      }),
      { numRuns: 8 },
    );
    expect(changedTreatment).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(0);
  });

  it('retuning later and earlier treatment history leaves everything but those episodes identical', () => {
    const s: Scenario = structuredClone(base);
    s.treatment.history.earlier_episode = Math.min(1, base.treatment.history.earlier_episode + 0.3);
    s.treatment.history.later_episode = Math.max(0, base.treatment.history.later_episode - 0.2);
    const w = buildCohortWorld(s, SCALE, SEED);
    const requirementEpisodes = (x: CohortWorld) => x.journeys.episodes.filter((e) => e.requirementId !== -1);
    expect(w.journeys.episodes.length).not.toBe(reference.journeys.episodes.length);
    expect(requirementEpisodes(w)).toEqual(requirementEpisodes(reference));
    expect({ ...treatmentOf(w), episodes: null }).toEqual({ ...treatmentOf(reference), episodes: null });
    expect(w.journeys.courtCases).toEqual(reference.journeys.courtCases);
    expect(w.requirements.map((r) => r.reconvicted)).toEqual(reference.requirements.map((r) => r.reconvicted));
  });

  it('draws earlier and later history apart: the two together are the episodes each makes alone', () => {
    const history = (edit: Partial<Scenario['treatment']['history']>) => {
      const s: Scenario = structuredClone(base);
      Object.assign(s.treatment.history, edit);
      const episodes = buildCohortWorld(s, SCALE, SEED).journeys.episodes.filter((e) => e.requirementId === -1);
      return episodes.map((e) => JSON.stringify(e));
    };
    const earlierOnly = history({ later_episode: 0 });
    const laterOnly = history({ earlier_episode: 0 });
    expect(earlierOnly.length).toBeGreaterThan(0);
    expect(laterOnly.length).toBeGreaterThan(0);
    expect(history({}).sort()).toEqual([...earlierOnly, ...laterOnly].sort());
  });
});
