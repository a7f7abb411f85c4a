/**
 * A world generated in memory, and the linkage problem it poses: the study cohort's nDelius
 * records and the NDTMS community episodes in the Splink-ready columns `export-splink` writes,
 * with the truth keys (record -> person) kept apart for scoring. No contact notes: linkage
 * needs none, and they are most of a world's generation time. Only the two systems the
 * linkage reads are recorded: each system draws from its own streams, so their tables are the
 * ones every system's records would hold.
 */
import { ints, strings, type Table } from '../io/table.ts';
import { buildWorld } from '../world/build.ts';
import { buildRecords, type RecordSet } from '../records/build.ts';
import { recordsContext } from '../records/systems/common.ts';
import { ndeliusRecords } from '../records/systems/ndelius.ts';
import { ndtmsRecords } from '../records/systems/ndtms.ts';
import type { World } from '../world/types.ts';
import type { Scenario } from '../scenario/schema.ts';
import { cohortTable, studyCohort } from '../study/cohort.ts';
import { studyFacts } from '../study/facts.ts';
import { NDELIUS_SPLINK, NDTMS_SPLINK, splinkExport } from '../methods/linkage/splink-export.ts';
import type { TruthKeys } from '../methods/linkage/score.ts';

export interface GeneratedRecords {
  world: World;
  records: RecordSet;
}

/** The world and every system's records (observed and truth tables), in memory. */
export function generateRecords(scenario: Scenario, options: { seed: number; scale: number }): GeneratedRecords {
  const world = buildWorld(scenario, options.scale, options.seed);
  return { world, records: buildRecords(scenario, world, options.seed) };
}

export interface LinkageProblem {
  /** The cohort's nDelius records, Splink-ready (unique_id, source_dataset, first_name, ...). */
  left: Table;
  /** The NDTMS community episodes, Splink-ready. */
  right: Table;
  /** Each record's true person: for scoring only, never for the linker. */
  truth: TruthKeys;
}

function tableOf(tables: readonly Table[], name: string): Table {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`generated records hold no ${name} table`);
  return table;
}

function keys(table: Table, id: string): Map<string, string> {
  const ids = strings(table, id);
  const person = ints(table, 'person_id');
  return new Map(ids.map((x, i) => [x ?? '', String(person[i])]));
}

/** The linkage problem of a set of records: the cohort as `pathways link` and `score-links --run` see it. */
export function linkageProblemOf(scenario: Scenario, records: RecordSet): LinkageProblem {
  const ndelius = tableOf(records.observed, 'ndelius_requirements');
  const ndtms = tableOf(records.observed, 'ndtms_community');
  const cohort = cohortTable(ndelius, studyCohort(ndelius, studyFacts(scenario.window)).rows);
  const inCohort = new Set(strings(cohort, 'record_id'));
  const left = keys(tableOf(records.truth, 'truth_ndelius_requirements'), 'record_id');
  for (const id of [...left.keys()]) if (!inCohort.has(id)) left.delete(id);
  return {
    left: splinkExport(cohort, NDELIUS_SPLINK),
    right: splinkExport(ndtms, NDTMS_SPLINK),
    truth: { left, right: keys(tableOf(records.truth, 'truth_ndtms_community'), 'episode_id') },
  };
}

/** The nDelius and NDTMS records of a world: the linkage's two sides, without the other systems. */
export function linkageRecords(scenario: Scenario, world: World, seed: number): RecordSet {
  const ctx = recordsContext(scenario, world, seed);
  const systems = [ndeliusRecords(ctx), ndtmsRecords(ctx)];
  return { observed: systems.flatMap((s) => s.observed), truth: systems.flatMap((s) => s.truth) };
}

/**
 * Generate a world in memory and pose its linkage problem. `world` is that scenario's world
 * at that scale and seed when the caller already has it (a world reads no noise knob, so
 * worlds differing only in noise share it).
 */
export function linkageProblem(scenario: Scenario, options: { seed: number; scale: number; world?: World }): LinkageProblem {
  const world = options.world ?? buildWorld(scenario, options.scale, options.seed);
  return linkageProblemOf(scenario, linkageRecords(scenario, world, options.seed));
}

/**
 * The worlds of a check, kept by what they depend on (the scenario less its noise, the scale,
 * the seed): shrinking a noise profile reruns one world many times with other noise, and
 * generating it is most of a run's cost. The most recent `size` worlds are kept.
 */
export class WorldCache {
  private readonly worlds = new Map<string, World>();
  constructor(private readonly size = 2) {}

  get(scenario: Scenario, scale: number, seed: number): World {
    const key = `${scale}|${seed}|${JSON.stringify({ ...scenario, noise: null })}`;
    let world = this.worlds.get(key);
    if (world) this.worlds.delete(key);
    else world = buildWorld(scenario, scale, seed);
    this.worlds.set(key, world);
    while (this.worlds.size > this.size) this.worlds.delete(this.worlds.keys().next().value as string);
    return world;
  }
}
