/**
 * `pathways score-links`: score a links file against truth keys. Generic form:
 * `--links pairs.csv --truth-left L.csv --truth-right R.csv`, each truth file mapping a
 * record id to its true entity. The scoring itself is `scoreLinks` in the linkage engine,
 * shared with the run-folder form.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { ints, strings, type Table } from '../../src/io/table.ts';
import { readRunTable } from '../../src/io/read-table.ts';
import { TRUTH_TABLES } from '../../src/records/truth-tables.ts';
// The engine (and the CSV reader of link-files) are imported where they are used, so that `--help` starts fast.
import type { ScoreResult } from '../../src/methods/linkage/index.ts';
import { atomicFilePath } from '../../src/io/run-folder.ts';

/** Split one CSV line into fields (quotes allowed; a links file has no multi-line fields). */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && !started) {
      quoted = true;
      started = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      started = false;
    } else {
      field += ch;
      started = true;
    }
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

export interface LinksFile {
  left: string[];
  right: string[];
  /** match_probability per link when the file has that column. */
  probability: number[] | null;
}

/** Parse a links CSV (header naming left_id and right_id); errors name the file and line. */
export function parseLinksCsv(text: string, source: string): LinksFile {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0]?.replace(/^\uFEFF/, '') ?? '');
  if (!header || header.length < 2 || lines[0].trim() === '') {
    throw new InputError(`${source} line 1: expected a header with 2+ columns left_id,right_id, got ${header && lines[0].trim() !== '' ? header.length : 0}`);
  }
  const names = header.map((h) => h.trim());
  const li = names.indexOf('left_id');
  const ri = names.indexOf('right_id');
  if (li < 0 || ri < 0) throw new InputError(`${source} line 1: header must name left_id and right_id, got ${names.join(',')}`);
  const pi = names.indexOf('match_probability');
  const out: LinksFile = { left: [], right: [], probability: pi >= 0 ? [] : null };
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') continue;
    const lineNo = n + 1;
    const fields = splitCsvLine(line);
    if (!fields) throw new InputError(`${source} line ${lineNo}: unterminated quoted field`);
    if (fields.length < 2) throw new InputError(`${source} line ${lineNo}: expected 2+ columns left_id,right_id, got ${fields.length}`);
    if (fields.length !== names.length) {
      throw new InputError(`${source} line ${lineNo}: expected ${names.length} columns like the header, got ${fields.length}`);
    }
    const l = fields[li].trim();
    const r = fields[ri].trim();
    if (l === '' || r === '') throw new InputError(`${source} line ${lineNo}: empty ${l === '' ? 'left_id' : 'right_id'}`);
    out.left.push(l);
    out.right.push(r);
    if (out.probability) {
      const p = Number(fields[pi]);
      if (fields[pi].trim() === '' || !(p >= 0 && p <= 1)) {
        throw new InputError(`${source} line ${lineNo}: match_probability must be a number in [0, 1], got "${fields[pi]}"`);
      }
      out.probability.push(p);
    }
  }
  return out;
}

export function readLinksFile(path: string): LinksFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseLinksCsv(text, path);
}

/** id -> entity (and optionally id -> group) from a truth CSV. */
export async function readTruthFile(path: string, idColumn: string, entityColumn: string, groupColumn?: string): Promise<{
  entity: Map<string, string>;
  group?: Map<string, string>;
}> {
  const { readCsvAsStrings } = await import('./link-files.ts');
  const table = readCsvAsStrings(path, path);
  for (const [option, column] of [
    ['id', idColumn],
    ['entity', entityColumn],
    ...(groupColumn ? [['group', groupColumn]] : []),
  ] as const) {
    if (!(column in table.columns)) {
      throw new InputError(`${path}: no ${option} column "${column}" (it has: ${Object.keys(table.columns).join(', ')})`);
    }
  }
  const ids = strings(table, idColumn);
  const entities = strings(table, entityColumn);
  const entity = new Map<string, string>();
  ids.forEach((id, i) => {
    if (id === null) throw new InputError(`${path} data row ${i + 1}: empty ${idColumn}`);
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
}

/**
 * Run-folder mode: links of nDelius records (left_id = record_id) to NDTMS community episodes
 * (right_id = episode_id), made by any tool, scored against the run's truth keys.
 */
export async function runScoreLinksOnRun(o: ScoreLinksOptions): Promise<ScoreResult> {
  if (o.truthLeft || o.truthRight) throw new InputError('score-links: --truth-left/--truth-right belong to file mode; with --run the truth comes from the run folder');
  const links = readLinksFile(o.links);
  const keys = (table: Table, id: string) => {
    const ids = strings(table, id);
    const person = ints(table, 'person_id');
    return new Map(ids.map((x, i) => [x ?? '', String(person[i])]));
  };
  const left = keys(await readRunTable(o.run as string, 'truth', 'truth_ndelius_requirements', TRUTH_TABLES.truth_ndelius_requirements.columns), 'record_id');
  const right = keys(await readRunTable(o.run as string, 'truth', 'truth_ndtms_community', TRUTH_TABLES.truth_ndtms_community.columns), 'episode_id');
  // Only records the links speak of are scored for recall: a tool may have linked a subset.
  const linkedLeft = new Set(links.left);
  for (const id of [...left.keys()]) if (!linkedLeft.has(id)) left.delete(id);
  const { scoreLinks } = await import('../../src/methods/linkage/index.ts');
  return scoreLinks({ left: links.left, right: links.right }, { left, right });
}

export async function runScoreLinks(o: ScoreLinksOptions): Promise<ScoreResult> {
  if (!o.truthLeft || !o.truthRight) throw new InputError('score-links: give --run DIR, or both --truth-left and --truth-right');
  const links = readLinksFile(o.links);
  let chosen = { left: links.left, right: links.right };
  if (o.minProbability !== undefined) {
    const min = Number(o.minProbability);
    if (!(min >= 0 && min <= 1)) throw new InputError(`--min-probability: expected a number in [0, 1], got "${o.minProbability}"`);
    if (!links.probability) throw new InputError(`--min-probability: ${o.links} has no match_probability column`);
    const keep = links.probability.map((p) => p >= min);
    chosen = { left: links.left.filter((_, i) => keep[i]), right: links.right.filter((_, i) => keep[i]) };
  }
  const left = await readTruthFile(o.truthLeft, o.leftId, o.leftEntity, o.group);
  const right = await readTruthFile(o.truthRight, o.rightId, o.rightEntity);
  const { scoreLinks } = await import('../../src/methods/linkage/index.ts');
  return scoreLinks(chosen, { left: left.entity, right: right.entity }, left.group);
}

export function registerScoreLinks(program: Command): void {
  program
    .command('score-links')
    .description('score a links file (left_id,right_id,...) against truth keys: precision, recall, F1, false-match rate')
    .requiredOption('--links <csv>', 'links file with a header naming left_id and right_id (match_probability optional)')
    .option('--run <dir>', 'score links of nDelius record_id -> NDTMS episode_id against this run folder\'s truth')
    .option('--truth-left <csv>', 'file mode: left truth keys, one row per left record with its id and true entity')
    .option('--truth-right <csv>', 'file mode: right truth keys, one row per right record with its id and true entity')
    .option('--left-id <col>', 'id column of --truth-left', 'id')
    .option('--left-entity <col>', 'entity column of --truth-left', 'entity')
    .option('--right-id <col>', 'id column of --truth-right', 'id')
    .option('--right-entity <col>', 'entity column of --truth-right', 'entity')
    .option('--group <col>', 'a --truth-left column to break the scores down by')
    .option('--min-probability <p>', 'score only links with match_probability >= p')
    .option('--out <json>', 'write the scores as JSON here (default: print them)')
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
