/**
 * `pathways score-links`: score a links file against truth keys. File mode:
 * `--links pairs.csv --truth-left L.csv --truth-right R.csv`, each truth file mapping a
 * record id to its true entity. Run mode: `--links pairs.csv --run DIR`, the truth being the
 * run's people behind its cohort's nDelius records and NDTMS community episodes. Both modes
 * choose links and score them the same way (`scoreLinks` in the linkage engine): recall is over
 * every true pair of the truth given, whichever records the links file happens to mention.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { ints, strings, type Table } from '../../src/io/table.ts';
import { readCsvAsStrings } from '../../src/io/csv-read.ts';
import { readLinksFile, type LinksFile } from '../../src/io/links-file.ts';
import { checkOutput } from '../../src/io/output-path.ts';
// The engine, the run's tables and the scenario are imported where they are used, so that `--help` starts fast.
import type { ScoreResult } from '../../src/methods/linkage/index.ts';
import { atomicFilePath } from '../../src/io/run-folder.ts';

export { LINK_ID_COLUMNS, parseLinksCsv, readLinksFile, type LinksFile } from '../../src/io/links-file.ts';

/** id -> entity (and optionally id -> group) from a truth CSV; an id given twice is refused. */
export function readTruthFile(path: string, idColumn: string, entityColumn: string, groupColumn?: string): {
  entity: Map<string, string>;
  group?: Map<string, string>;
} {
  const table = readCsvAsStrings(path, path);
  for (const [option, column] of [
    ['--left-id/--right-id', idColumn],
    ['--left-entity/--right-entity', entityColumn],
    ...(groupColumn ? [['--group', groupColumn]] : []),
  ] as const) {
    if (!(column in table.columns)) {
      throw new InputError(`${path} line 1: no column "${column}" (${option}; the header has: ${Object.keys(table.columns).join(', ')})`);
    }
  }
  const ids = strings(table, idColumn);
  const entities = strings(table, entityColumn);
  const entity = new Map<string, string>();
  ids.forEach((id, i) => {
    // Row i is on line i + 2 when no field holds a newline, as truth keys do not.
    if (id === null || id.trim() === '') throw new InputError(`${path} data row ${i + 1}: empty ${idColumn}`);
    if (entity.has(id.trim())) throw new InputError(`${path} data row ${i + 1}: ${idColumn} ${id.trim()} appears twice`);
    entity.set(id.trim(), entities[i]?.trim() ?? '');
  });
  if (!groupColumn) return { entity };
  const groups = strings(table, groupColumn);
  return { entity, group: new Map(ids.map((id, i) => [id!.trim(), groups[i] ?? ''])) };
}

export interface ScoreLinksOptions {
  links: string;
  run?: string;
  truthLeft?: string;
  truthRight?: string;
  leftId: string;
  leftEntity: string;
  rightId: string;
  rightEntity: string;
  group?: string;
  minProbability?: string;
  out?: string;
  force?: boolean;
}

/** The groups `--group` may name in run mode: the true traits of the person behind each record. */
export const RUN_GROUPS = ['sex', 'age', 'ethnicity', 'region', 'accommodation'] as const;

export function parseMinProbability(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const min = Number(text);
  if (text.trim() === '' || !(min >= 0 && min <= 1)) throw new InputError(`--min-probability: expected a number in [0, 1], got "${text}"`);
  return min;
}

/** The links to score: every link, or those with match_probability >= min. */
export function chooseLinks(links: LinksFile, min: number | undefined, source: string): { left: string[]; right: string[] } {
  if (min === undefined) return { left: links.left, right: links.right };
  if (!links.probability) throw new InputError(`--min-probability: ${source} has no match_probability column`);
  const keep = links.probability.map((p) => p >= min);
  return { left: links.left.filter((_, i) => keep[i]), right: links.right.filter((_, i) => keep[i]) };
}

/** Every option is checked, and every input read, before anything is written. */
function checkOptions(o: ScoreLinksOptions): number | undefined {
  const min = parseMinProbability(o.minProbability);
  if (o.out) {
    checkOutput(o.out, { option: '--out', kind: 'file', force: o.force, inputs: { '--links': o.links, '--truth-left': o.truthLeft, '--truth-right': o.truthRight } });
    // A run folder's files are inputs too: a new file may go there, but none is replaced.
    if (o.run && resolve(o.out).startsWith(resolve(o.run) + sep) && existsSync(o.out)) {
      throw new InputError(`--out ${o.out}: would replace a file of the run folder ${o.run}; choose another path`);
    }
  }
  return min;
}

/**
 * Run mode: links of nDelius records (record_id) to NDTMS community episodes (episode_id), made
 * by any tool, scored against the run's truth over the same cohort the linkage stage links and
 * scores, so the bench's own linkage/links.csv scores as results.json does.
 */
export async function runScoreLinksOnRun(o: ScoreLinksOptions): Promise<ScoreResult> {
  if (o.truthLeft || o.truthRight) throw new InputError('score-links: --truth-left/--truth-right belong to file mode; with --run the truth comes from the run folder');
  if (o.group !== undefined && !(RUN_GROUPS as readonly string[]).includes(o.group)) {
    throw new InputError(`--group: with --run, one of ${RUN_GROUPS.join(', ')}, got "${o.group}"`);
  }
  const min = checkOptions(o);
  const links = readLinksFile(o.links);
  const chosen = chooseLinks(links, min, o.links);
  const run = o.run as string;
  const { readManifest } = await import('../../src/io/manifest.ts');
  const { readRunTable } = await import('../../src/io/read-table.ts');
  const { TABLES } = await import('../../src/records/tables.ts');
  const { TRUTH_TABLES } = await import('../../src/records/truth-tables.ts');
  const { loadScenario } = await import('../../src/scenario/load.ts');
  const { cohortTable, studyCohort } = await import('../../src/study/cohort.ts');
  const { studyFacts } = await import('../../src/study/facts.ts');
  const { recordGroups } = await import('../../src/evaluate/treatment.ts');
  const { scoreLinks } = await import('../../src/methods/linkage/index.ts');
  const manifest = readManifest(run);
  const { scenario } = loadScenario(manifest.scenario.path);
  const ndelius = await readRunTable(run, 'observed', 'ndelius_requirements', TABLES.ndelius_requirements.columns);
  const selection = studyCohort(ndelius, studyFacts(scenario.window));
  const cohortIds = strings(cohortTable(ndelius, selection.rows), 'record_id') as string[];
  const ndeliusKeys = await readRunTable(run, 'truth', 'truth_ndelius_requirements', TRUTH_TABLES.truth_ndelius_requirements.columns);
  const keys = (table: Table, id: string) => {
    const ids = strings(table, id);
    const person = ints(table, 'person_id');
    return new Map(ids.map((x, i) => [x ?? '', String(person[i])]));
  };
  const cohort = new Set(cohortIds);
  const left = keys(ndeliusKeys, 'record_id');
  for (const id of [...left.keys()]) if (!cohort.has(id)) left.delete(id);
  const right = keys(await readRunTable(run, 'truth', 'truth_ndtms_community', TRUTH_TABLES.truth_ndtms_community.columns), 'episode_id');
  let group: Map<string, string> | undefined;
  if (o.group) {
    const groupOf = recordGroups(
      await readRunTable(run, 'truth', 'truth_requirements', TRUTH_TABLES.truth_requirements.columns),
      await readRunTable(run, 'truth', 'truth_people', TRUTH_TABLES.truth_people.columns),
      ndeliusKeys,
    );
    const dimension = o.group as (typeof RUN_GROUPS)[number];
    group = new Map(cohortIds.map((id) => [id, groupOf(id)[dimension] ?? '']));
  }
  return scoreLinks(chosen, { left, right }, group);
}

export async function runScoreLinks(o: ScoreLinksOptions): Promise<ScoreResult> {
  if (!o.truthLeft || !o.truthRight) throw new InputError('score-links: give --run DIR, or both --truth-left and --truth-right');
  const min = checkOptions(o);
  const links = readLinksFile(o.links);
  const chosen = chooseLinks(links, min, o.links);
  const left = readTruthFile(o.truthLeft, o.leftId, o.leftEntity, o.group);
  const right = readTruthFile(o.truthRight, o.rightId, o.rightEntity);
  const { scoreLinks } = await import('../../src/methods/linkage/index.ts');
  return scoreLinks(chosen, { left: left.entity, right: right.entity }, left.group);
}

export function registerScoreLinks(program: Command): void {
  program
    .command('score-links')
    .description('score a links file (left_id,right_id,...) against truth keys: precision, recall, F1, false-match rate')
    .requiredOption('--links <csv>', 'links file naming left_id,right_id (or record_id,episode_id as linkage/links.csv does, or unique_id_l,unique_id_r as Splink does); match_probability optional')
    .option('--run <dir>', 'score links of nDelius record_id -> NDTMS episode_id against this run folder\'s truth')
    .option('--truth-left <csv>', 'file mode: left truth keys, one row per left record with its id and true entity')
    .option('--truth-right <csv>', 'file mode: right truth keys, one row per right record with its id and true entity')
    .option('--left-id <col>', 'id column of --truth-left', 'id')
    .option('--left-entity <col>', 'entity column of --truth-left', 'entity')
    .option('--right-id <col>', 'id column of --truth-right', 'id')
    .option('--right-entity <col>', 'entity column of --truth-right', 'entity')
    .option('--group <col>', `a --truth-left column to break the scores down by (with --run: one of ${RUN_GROUPS.join(', ')})`)
    .option('--min-probability <p>', 'score only links with match_probability >= p')
    .option('--out <json>', 'write the scores as JSON here (default: print them)')
    .option('--force', 'replace --out if it exists (an input is never replaced)', false)
    .action(async (options: ScoreLinksOptions) => {
      const result = options.run ? await runScoreLinksOnRun(options) : await runScoreLinks(options);
      const json = JSON.stringify(result, null, 2) + '\n';
      if (options.out) {
        const file = atomicFilePath(options.out);
        try {
          writeFileSync(file.temp, json);
          file.commit();
        } catch (error) {
          file.abandon();
          throw new InputError(`cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
      }
      else process.stdout.write(json);
    });
}
