/**
 * One replicate's world and records in memory, contact notes included: what `pathways run`
 * writes to disk (notes there come from a worker, in parts), made here in one pass, which
 * gives the same notes since each requirement draws from its own stream.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { Table } from '../io/table.ts';
import { buildCohortWorld, completeWorld } from '../world/build.ts';
import { buildRecords } from '../records/build.ts';
import { noteSubjects } from '../records/notes-subjects.ts';
import { generateNotes } from '../records/notes/generate.ts';

/** The observed and truth tables of one scenario, scale and seed, contact notes included. */
export function recordsInMemory(scenario: Scenario, scale: number, seed: number): Table[] {
  const cohort = buildCohortWorld(scenario, scale, seed);
  const notes = generateNotes(noteSubjects(cohort), scenario.notes, seed, 0);
  const world = completeWorld(scenario, scale, seed, cohort);
  const records = buildRecords(scenario, world, seed);
  return [...records.observed, notes.notes, ...records.truth, notes.truth];
}
