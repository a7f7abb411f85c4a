/** Every stage `pathways run` runs after generation, in order. */
import type { Stage } from '../stage.ts';
import { cohortStage } from './cohort.ts';
import { linkageStage } from './linkage.ts';

export const STAGES: Stage[] = [cohortStage, linkageStage];
