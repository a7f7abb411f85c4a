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

/** The observed and truth tables of one scenario, scale and seed; contact notes unless `notes` is false (no notes stage runs). */
export function recordsInMemory(scenario: Scenario, scale: number, seed: number, notes = true): Table[] {
  const cohort = buildCohortWorld(scenario, scale, seed);
  const written = notes ? generateNotes(noteSubjects(cohort), scenario.notes, seed, 0) : null;
  const world = completeWorld(scenario, scale, seed, cohort);
  const records = buildRecords(scenario, world, seed);
  return written === null ? [...records.observed, ...records.truth] : [...records.observed, written.notes, ...records.truth, written.truth];
}
