/** Every stage `pathways run` runs after generation, in order. */
import type { Stage } from '../stage.ts';
import { cohortStage } from './cohort.ts';
import { linkageStage } from './linkage.ts';
import { notesStage } from './notes.ts';
import { reconvictionStage } from './reconviction.ts';

export const STAGES: Stage[] = [cohortStage, linkageStage, notesStage, reconvictionStage];
