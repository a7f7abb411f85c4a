/**
 * The world: ground truth for one scenario, scale and seed. A pure function of those three:
 * no stage before it, and nothing here reads noise settings, so changing how systems record
 * people leaves the world identical.
 */
import type { Scenario } from '../scenario/schema.ts';
import { dayFromIso } from '../io/dates.ts';
import { buildCohort } from './cohort.ts';
import { buildJourneys } from './journeys.ts';
import { buildBackground } from './background.ts';
import { nhsNumberFromIndex, nhsTestCapacity, prisonNumberFromIndex } from './identifiers.ts';
import type { CohortView, World } from './types.ts';

export interface WorldProgress {
  (step: string, done: number, total: number): void;
}

/**
 * The people with requirements and everything that happened to them, without the NDTMS
 * background: the same objects buildWorld starts from (the background draws from its own
 * streams), so a worker that needs only the cohort can make it without the rest.
 */
export type CohortWorld = CohortView & {
  journeys: ReturnType<typeof buildJourneys>;
};

export function buildCohortWorld(scenario: Scenario, scale: number, seed: number, progress: WorldProgress = () => {}): CohortWorld {
  progress('cohort', 0, 4);
  const cohort = buildCohort(scenario, scale, seed);
  progress('journeys', 1, 4);
  const journeys = buildJourneys(scenario, cohort.people, cohort.requirements, seed);
  return {
    people: cohort.people,
    requirements: cohort.requirements,
    cjitContacts: journeys.cjitContacts,
    secureEpisodes: journeys.secureEpisodes,
    otherTreatments: journeys.otherTreatments,
    window: { start: dayFromIso(scenario.window.start), end: dayFromIso(scenario.window.end) },
    journeys,
  };
}

export function buildWorld(scenario: Scenario, scale: number, seed: number, progress: WorldProgress = () => {}): World {
  return completeWorld(scenario, scale, seed, buildCohortWorld(scenario, scale, seed, progress), progress);
}

/** The whole world from its cohort (made by buildCohortWorld with the same scenario, scale and seed). */
export function completeWorld(scenario: Scenario, scale: number, seed: number, cohort: CohortWorld, progress: WorldProgress = () => {}): World {
  const journeys = cohort.journeys;
  progress('background', 2, 4);
  const background = buildBackground(scenario, scale, seed, cohort.people.length, cohort.people);
  progress('identifiers', 3, 4);
  const people = cohort.people.concat(background.people);

  // Prison numbers for everyone who went to prison, from the person (a bijection of the person
  // id, so unique), not from a count of prisoners so far: a spell added or removed by a retuned
  // model then leaves every other prisoner's number where it was.
  for (const spell of journeys.prisonSpells) {
    const person = people[spell.personId];
    if (person.prisonNumber === null) person.prisonNumber = prisonNumberFromIndex(person.personId);
  }

  // NHS numbers come only from the 999 test range, which holds about 909,000: the cohort first,
  // then the background while numbers last (beyond that, a person's number is unknown).
  if (scenario.nhs_number.enabled) {
    const capacity = nhsTestCapacity();
    for (let i = 0; i < people.length && i < capacity; i++) people[i].nhsNumber = nhsNumberFromIndex(i);
  }

  progress('done', 4, 4);
  return {
    people,
    requirements: cohort.requirements,
    episodes: journeys.episodes.concat(background.episodes),
    cjitContacts: journeys.cjitContacts,
    secureEpisodes: journeys.secureEpisodes,
    prisonSpells: journeys.prisonSpells,
    courtCases: journeys.courtCases,
    otherTreatments: journeys.otherTreatments,
    window: cohort.window,
  };
}
