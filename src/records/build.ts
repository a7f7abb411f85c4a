/**
 * The records stage: what each administrative system wrote down about the world. Observed
 * tables carry only what the system holds (its own ids, noisy identifiers); the keys back to
 * the truth live in separate truth tables, one row per observed row.
 *
 * Rows are ordered by what a system would sort on (dates, then ids), never by how the world
 * was generated, so row order leaks nothing about who is who.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { Table } from '../io/table.ts';
import type { World } from '../world/types.ts';
import { truthTables } from './truth.ts';
import { recordsContext } from './systems/common.ts';
import { ndeliusRecords } from './systems/ndelius.ts';
import { ndtmsRecords } from './systems/ndtms.ts';
import { pnomisRecords } from './systems/pnomis.ts';
import { courtRecords } from './systems/courts.ts';

export interface RecordSet {
  observed: Table[];
  truth: Table[];
}

/** Every system's records, one builder per system (src/records/systems/), in the tables' order. */
export function buildRecords(scenario: Scenario, world: World, seed: number): RecordSet {
  const ctx = recordsContext(scenario, world, seed);
  const systems = [ndeliusRecords(ctx), ndtmsRecords(ctx), pnomisRecords(ctx), courtRecords(ctx)];
  return {
    observed: systems.flatMap((s) => s.observed),
    truth: [...truthTables(world), ...systems.flatMap((s) => s.truth)],
  };
}
