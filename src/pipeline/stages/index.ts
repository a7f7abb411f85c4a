/** Every stage `pathways run` runs after generation, in order (a stage after those it needs). */
import type { AnyStage } from '../stage.ts';
import { cohortStage } from './cohort.ts';
import { linkageStage } from './linkage.ts';
import { notesStage } from './notes.ts';
import { reconvictionStage } from './reconviction.ts';

export const STAGES: AnyStage[] = [cohortStage, linkageStage, notesStage, reconvictionStage];
