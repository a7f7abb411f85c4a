/** Stage: the cohort after the study's exclusions, beside the world's true cohort. */
import { dayFromIso } from '../../io/dates.ts';
import { REGION_CODES } from '../../scenario/schema.ts';
import { selectCohort } from '../../methods/cohort/exclusions.ts';
import { cohortFigures } from '../../methods/cohort/figures.ts';
import { cohortTruth } from '../../evaluate/cohort.ts';
import { withTruth } from '../../results/assemble.ts';
import type { Stage } from '../stage.ts';

export const cohortStage: Stage = {
  name: 'cohort',
  description: 'apply the exclusions to the nDelius records and count the cohort',
  async run(ctx) {
    const ndelius = await ctx.observed('ndelius_requirements');
    const selection = selectCohort(ndelius, {
      windowStart: dayFromIso(ctx.scenario.window.start),
      windowEnd: dayFromIso(ctx.scenario.window.end),
      regions: REGION_CODES,
    });
    const estimates = cohortFigures(ndelius, selection);
    const truth = cohortTruth(await ctx.truth('truth_requirements'), await ctx.truth('truth_people'));
    return withTruth(estimates, truth, ctx.scale);
  },
};
