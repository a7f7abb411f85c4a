/**
 * `pathways link` in file mode: link two CSV files with a settings file and write links.csv,
 * model.json and (when the settings name truth columns present in both files) scores.json
 * into an output folder, staged and renamed at the end so nothing half-written is left.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.ts';
import { readCsvAsStrings } from '../../src/io/csv-read.ts';
import { checkOutput } from '../../src/io/output-path.ts';
import { stageRunFolder } from '../../src/io/run-folder.ts';
import type { Table } from '../../src/io/table.ts';
import {
  idTexts,
  linkIds,
  linkTables,
  loadSettingsFile,
  modelJson,
  RESOLVE_MODES,
  scoreLinks,
  type LinkProgress,
  type LinkResult,
  type ResolveMode,
  type ScoreResult,
} from '../../src/methods/linkage/index.ts';
import { explainLeft, formatExplanation } from '../../src/methods/linkage/explain.ts';

export interface LinkFilesOptions {
  left: string;
  right: string;
  settings: string;
  out: string;
  /** Which links to write: every pair above the threshold (default), the best per left record, or one-to-one. */
  resolve?: string;
  force?: boolean;
  /** Left ids whose candidates to explain (waterfall of partial weights). */
  explain?: string[];
  onProgress?: (event: LinkProgress) => void;
}

export interface LinkFilesSummary {
  out: string;
  candidatePairs: number;
  links: number;
  lambda: number;
  scores?: Record<string, ScoreResult>;
  /** Plain-text waterfalls for the --explain ids. */
  explanations: string[];
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** links.csv text: left_id,right_id,match_weight,match_probability for the given pairs. */
export function linksCsv(result: LinkResult, pairIndices: Int32Array): string {
  const ids = linkIds(result, pairIndices);
  const lines = ['left_id,right_id,match_weight,match_probability'];
  pairIndices.forEach((p, i) => {
    lines.push(
      `${csvField(ids.left[i])},${csvField(ids.right[i])},${result.predictions.matchWeight[p].toFixed(4)},${result.predictions.matchProbability[p].toPrecision(6)}`,
    );
  });
  return lines.join('\n') + '\n';
}

function truthMap(table: Table, idColumn: string, truthColumn: string): Map<string, string> {
  const ids = idTexts(table, idColumn);
  const truth = idTexts(table, truthColumn);
  return new Map(ids.map((id, i) => [id, truth[i]]));
}

/** Scores of the three link views against the truth columns, when both tables carry them. */
export function scoreResult(result: LinkResult): Record<string, ScoreResult> | undefined {
  const t = result.settings.truth;
  if (!t || !(t.left in result.left.columns) || !(t.right in result.right.columns)) return undefined;
  const truth = {
    left: truthMap(result.left, result.settings.ids.left, t.left),
    right: truthMap(result.right, result.settings.ids.right, t.right),
  };
  const groupColumn = result.settings.score_group;
  const group = groupColumn ? truthMap(result.left, result.settings.ids.left, groupColumn) : undefined;
  return {
    all: scoreLinks(linkIds(result, result.links.all), truth, group),
    best: scoreLinks(linkIds(result, result.links.best), truth, group),
    'one-to-one': scoreLinks(linkIds(result, result.links.oneToOne), truth, group),
  };
}

/** The waterfall of the best candidates of one left record, by its id. */
export function explainText(result: LinkResult, leftId: string, limit = 5): string {
  const ids = idTexts(result.left, result.settings.ids.left);
  const row = ids.indexOf(leftId);
  if (row < 0) throw new InputError(`--explain: no left record with ${result.settings.ids.left} "${leftId}"`);
  const candidates = explainLeft(result, row, limit);
  if (candidates.length === 0) return `left ${leftId}: no candidate pairs (no blocking rule matched it)`;
  return [`left ${leftId}: ${candidates.length} best candidate(s)`, ...candidates.map(formatExplanation)].join('\n');
}

export function parseResolveMode(text: string | undefined): ResolveMode {
  const mode = (text ?? 'all') as ResolveMode;
  if (!RESOLVE_MODES.includes(mode)) throw new InputError(`--resolve: expected one of ${RESOLVE_MODES.join(', ')}, got "${text}"`);
  return mode;
}

export async function runLinkFiles(opts: LinkFilesOptions): Promise<LinkFilesSummary> {
  const mode = parseResolveMode(opts.resolve);
  checkOutput(opts.out, { option: '--out', kind: 'folder', force: opts.force, inputs: { '--left': opts.left, '--right': opts.right, '--settings': opts.settings } });
  const settings = loadSettingsFile(opts.settings);
  const left = readCsvAsStrings(opts.left, 'left');
  const right = readCsvAsStrings(opts.right, 'right');
  // Staged before the work, so an existing --out fails fast rather than after the link.
  const staging = stageRunFolder(opts.out, { force: opts.force });
  try {
    const result = await linkTables(left, right, settings, opts.onProgress);
    const chosen = mode === 'all' ? result.links.all : mode === 'best' ? result.links.best : result.links.oneToOne;
    const scores = scoreResult(result);
    writeFileSync(join(staging.dir, 'links.csv'), linksCsv(result, chosen));
    writeFileSync(
      join(staging.dir, 'model.json'),
      JSON.stringify({ ...(modelJson(result) as object), threshold_match_weight: result.threshold, resolve: mode }, null, 2) + '\n',
    );
    if (scores) writeFileSync(join(staging.dir, 'scores.json'), JSON.stringify(scores, null, 2) + '\n');
    // Before the commit: an --explain id that is not there must leave no output behind.
    const explanations = (opts.explain ?? []).map((id) => explainText(result, id));
    staging.commit();
    return { out: staging.target, candidatePairs: result.pairs.count, links: chosen.length, lambda: result.model.lambda, scores, explanations };
  } catch (error) {
    staging.abandon();
    throw error;
  }
}
