/** Stage: the cohort after the study's exclusions, beside the world's true cohort. */
import { cohortMethod } from '../../methods/cohort/stage.ts';
import { evaluateCohort } from '../../evaluate/stages/cohort.ts';
import { recordsOnly } from '../stage.ts';

export const cohortStage = recordsOnly(cohortMethod, evaluateCohort);
