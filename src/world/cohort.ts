/**
 * The cohort: people sentenced to an ATR or DRR and the requirements themselves, before
 * anything happens to them. The in-scope count and the ATR/DRR split are exact at any scale
 * (the study's counts are the frame everything else is read against); everything else is drawn.
 */
import { LENGTH_RANGES, lengthBandOf, type Scenario, type RegionCode, type RequirementType } from '../scenario/schema.ts';
import { stream } from '../random/stream.ts';
import { drawIndex, drawShare } from '../random/draw.ts';
import { addMonths, dayFromIso, dayFromParts } from '../io/dates.ts';
import { REGIONS, WALES } from './geography.ts';
import { crnFromIndex, pncFromIndex } from './identifiers.ts';
import { drawAddress } from './address.ts';
import { nameFor } from './names/index.ts';
import type { Accommodation, EthnicGroup, Person, Requirement, RsrBand, Scope, Sex } from './types.ts';

export interface CohortSlot {
  scope: Scope;
}

/** How many requirements of each scope exist at a scale: in scope exactly, exclusions rounded. */
export function cohortSizes(scenario: Scenario, scale: number): Record<Scope, number> {
  const inScope = Math.round(scenario.cohort.requirements * scale);
  const ex = scenario.cohort.exclusions;
  return {
    in_scope: inScope,
    wales: Math.round(inScope * ex.wales),
    mental_health_requirement: Math.round(inScope * ex.mental_health_requirement),
    outside_window: Math.round(inScope * ex.outside_window),
  };
}

const AGE_RANGES: Record<string, [number, number]> = {
  '18-29': [18, 29],
  '30-39': [30, 39],
  '40-49': [40, 49],
  '50+': [50, 68],
};


interface PersonPlan {
  personId: number;
  type: RequirementType;
  scope: Scope;
  slots: number[];
}

/**
 * Group requirement slots into people. A person's requirements share a scope (a Welsh person's
 * orders are all Welsh) and a type, chosen greedily so that the ATR count stays on its share:
 * the in-scope split is exact to within one person's requirements.
 */
function planPeople(scenario: Scenario, sizes: Record<Scope, number>, seed: number): PersonPlan[] {
  const perPerson = stream(seed, 'world.person.requirements');
  const atrShare = scenario.cohort.type_share.ATR;
  const plans: PersonPlan[] = [];
  let slot = 0;
  for (const scope of ['in_scope', 'wales', 'mental_health_requirement', 'outside_window'] as Scope[]) {
    let remaining = sizes[scope];
    let atrSoFar = 0;
    let slotsSoFar = 0;
    while (remaining > 0) {
      const personId = plans.length;
      const k = Math.min(remaining, drawIndex(scenario.cohort.requirements_per_person, perPerson.at(personId).next()) + 1);
      const type: RequirementType = atrSoFar + k / 2 <= atrShare * (slotsSoFar + k) ? 'ATR' : 'DRR';
      if (type === 'ATR') atrSoFar += k;
      slotsSoFar += k;
      const slots = Array.from({ length: k }, (_, j) => slot + j);
      plans.push({ personId, type, scope, slots });
      slot += k;
      remaining -= k;
    }
  }
  return plans;
}

function drawSentenceDate(scenario: Scenario, scope: Scope, u: () => number): number {
  const start = dayFromIso(scenario.window.start);
  const end = dayFromIso(scenario.window.end);
  if (scope === 'outside_window') {
    // Sent with the extract but sentenced in the year before the window opened.
    return start - 1 - Math.floor(u() * 365);
  }
  const lockdownStart = dayFromParts(2020, 4, 1);
  const lockdownEnd = dayFromParts(2020, 6, 30);
  for (;;) {
    const day = start + Math.floor(u() * (end - start + 1));
    if (day < lockdownStart || day > lockdownEnd || u() < scenario.cohort.lockdown_volume) return day;
  }
}


export interface Cohort {
  people: Person[];
  requirements: Requirement[];
}

/** People and requirements; the journeys are added afterwards (journeys.ts). */
export function buildCohort(scenario: Scenario, scale: number, seed: number): Cohort {
  const sizes = cohortSizes(scenario, scale);
  const plans = planPeople(scenario, sizes, seed);
  const personStream = stream(seed, 'world.person');
  const requirementStream = stream(seed, 'world.requirement');
  const people: Person[] = [];
  const requirements: Requirement[] = new Array(plans.reduce((n, p) => n + p.slots.length, 0));

  for (const plan of plans) {
    const rng = personStream.at(plan.personId);
    const u = () => rng.next();
    const p = scenario.people;
    const sex: Sex = u() < p.male_share[plan.type] ? 'M' : 'F';
    const ethnicGroup = drawShare(p.ethnicity[plan.type], u()) as EthnicGroup;
    const regionCode: RegionCode | 'WPT' = plan.scope === 'wales' ? 'WPT' : drawShare(p.region, u());
    const areas = regionCode === 'WPT' ? WALES.areas : REGIONS[regionCode].areas;
    const { postcode, previousPostcode, datCode } = drawAddress(rng, areas);
    const rsrBand = drawShare(p.rsr_band[plan.type], u()) as RsrBand;
    const baseAccommodation = drawShare(p.accommodation[plan.type], u()) as Accommodation;
    const names = nameFor(ethnicGroup, sex, rng);

    // Sentence dates first: age and event order follow from them.
    const reqRngs = plan.slots.map((s) => requirementStream.at(s));
    const dates = reqRngs.map((r) => drawSentenceDate(scenario, plan.scope, () => r.next())).sort((a, b) => a - b);
    const ageBand = drawShare(p.age_band[plan.type], u());
    const [lo, hi] = AGE_RANGES[ageBand];
    const age = lo + Math.floor(u() * (hi - lo + 1));
    const dob = dates[0] - age * 365 - Math.floor(u() * 365) - Math.floor(age / 4);
    const pnc = u() < p.pnc_known ? pncFromIndex(plan.personId, 1990 + Math.floor(u() * 33)) : null;

    people.push({
      personId: plan.personId,
      cohort: true,
      forename: names.forename,
      surname: names.surname,
      altSurname: names.altSurname,
      sex,
      dob,
      ethnicGroup,
      ethnicity: names.ethnicity,
      regionCode,
      postcode,
      previousPostcode,
      datCode,
      pnc,
      crn: crnFromIndex(plan.personId),
      prisonNumber: null,
      nhsNumber: null,
      rsrBand,
    });

    plan.slots.forEach((slot, j) => {
      const r = reqRngs[j];
      const type = plan.type;
      const rq = scenario.requirements;
      const months = (() => {
        const band = drawShare(rq.length_band[type], r.next());
        const [a, b] = LENGTH_RANGES[band];
        return a + Math.floor(r.next() * (b - a + 1));
      })();
      const accommodation = r.next() < 0.8 ? baseAccommodation : (drawShare(p.accommodation[type], r.next()) as Accommodation);
      const sentenceDate = dates[j];
      const ageAtSentence = Math.floor((sentenceDate - dob) / 365.25);
      requirements[slot] = {
        requirementId: slot,
        personId: plan.personId,
        scope: plan.scope,
        type,
        eventNumber: j + 1,
        orderType: r.next() < rq.sso_share ? 'SSO' : 'CO',
        hasMhtr: plan.scope === 'mental_health_requirement',
        courtType: r.next() < rq.crown_court_share[type] ? 'Crown' : 'Magistrates',
        offenceGroup: drawShare(rq.offence_group[type], r.next()),
        sentenceDate,
        ageAtSentence,
        lengthMonths: months,
        lengthBand: lengthBandOf(months),
        accommodation,
        rsrBand,
        // Set by journeys.ts once treatment is known (termination depends on engagement).
        terminationReason: 'completed',
        terminationDate: addMonths(sentenceDate, months),
        structured: false,
        startBand: null,
        treatmentStart: 0,
        treatmentEnd: 0,
        status: 'not_treated',
        cjit: false,
        otherTreatment: false,
        anyTreatment: false,
        prisonWithin12m: false,
        secureTreatment: false,
        reconvicted: false,
        died: false,
      };
    });
  }
  return { people, requirements };
}

export function ageBandOf(age: number): '18-29' | '30-39' | '40-49' | '50+' {
  if (age < 30) return '18-29';
  if (age < 40) return '30-39';
  if (age < 50) return '40-49';
  return '50+';
}
