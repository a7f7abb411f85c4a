/** generate: scenario -> world -> records -> a run folder of datasets and a manifest. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedScenario } from '../scenario/load.ts';
import { buildWorld } from '../world/build.ts';
import { buildRecords, type RecordSet } from '../records/build.ts';
import type { World } from '../world/types.ts';
import { writeDatasets, writeTableInParts, type Format } from '../io/datasets.ts';
import { noteSubjects } from '../records/notes-subjects.ts';
import { generateNotes } from '../records/notes/generate.ts';
import type { Table } from '../io/table.ts';
import { sha256File, type Manifest } from '../io/manifest.ts';
import { packageVersion } from '../io/package-version.ts';
import type { Progress } from './progress.ts';

export interface GenerateOptions {
  scenario: LoadedScenario;
  seed: number;
  scale: number;
  format: Format;
}

export interface Generated {
  world: World;
  records: RecordSet;
  manifest: Manifest;
}

/** Requirements per part: contact notes run to millions of rows at scale 1, so they are written a part at a time. */
const NOTES_PART = 4000;

/**
 * Contact notes are records like any other, but too many to hold: each part of requirements
 * is generated and appended to observed/ and truth/ in turn (each requirement has its own
 * stream, so the parts give exactly what one pass would).
 */
async function writeContactNotes(dir: string, options: GenerateOptions, world: World, progress: Progress) {
  const subjects = noteSubjects(world);
  const config = options.scenario.scenario.notes;
  const truthParts: Table[] = [];
  const parts = function* (): Generator<Table> {
    for (let first = 0; first < subjects.length; first += NOTES_PART) {
      progress({ stage: 'generate', step: 'contact notes', done: first, total: subjects.length });
      const { notes, truth } = generateNotes(subjects.slice(first, first + NOTES_PART), config, options.seed, first);
      truthParts.push(truth);
      yield notes;
    }
  };
  const observed = await writeTableInParts(dir, 'observed', 'contact_notes', parts(), options.format);
  const truth = await writeTableInParts(dir, 'truth', 'truth_contact_notes', truthParts, options.format);
  return [observed, truth];
}

/** Build the world and records and write them into `dir` (a staging folder). */
export async function generateInto(dir: string, options: GenerateOptions, progress: Progress): Promise<Generated> {
  const { scenario, seed, scale, format } = options;
  const world = buildWorld(scenario.scenario, scale, seed, (step, done, total) => progress({ stage: 'generate', step: `world ${step}`, done, total }));
  progress({ stage: 'generate', step: 'records', done: 0, total: 1 });
  const records = buildRecords(scenario.scenario, world, seed);
  const tables = [
    ...records.observed.map((table) => ({ table, side: 'observed' as const })),
    ...records.truth.map((table) => ({ table, side: 'truth' as const })),
  ];
  const written = await writeDatasets(dir, tables, format, (name, done, total) => progress({ stage: 'generate', step: `write ${name}`, done, total }));
  written.push(...(await writeContactNotes(dir, options, world, progress)));
  const files: Record<string, string> = {};
  for (const t of written) for (const f of t.files) files[f] = await sha256File(join(dir, f));
  const manifest: Manifest = {
    schemaVersion: 1,
    scenario: { name: scenario.scenario.name, path: scenario.path, hash: scenario.hash },
    seed,
    scale,
    format,
    packageVersion: packageVersion(),
    rowCounts: Object.fromEntries(written.map((t) => [t.name, t.rows])),
    tables: Object.fromEntries(written.map((t) => [t.name, { side: t.side, files: t.files }])),
    files,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { world, records, manifest };
}
