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
  clusterPairs,
  idTexts,
  linkIds,
  linkTables,
  loadSettingsFile,
  modelJson,
  RESOLVE_MODES,
  scoreDedupe,
  scoreLinks,
  type LinkProgress,
  type LinkResult,
  type ResolveMode,
  type ScoreResult,
} from '../../src/methods/linkage/index.ts';
import { explainLeft, formatExplanation } from '../../src/methods/linkage/explain.ts';

export interface LinkFilesOptions {
  left: string;
  /** Not needed when the settings deduplicate one file (link_type: dedupe_only). */
  right?: string;
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
  /** Training warnings, one line each (sessions left out, u resting on few pairs). */
  warnings: string[];
  /** EM sessions run, and those left out of the model for failing a check. */
  sessions: { run: number; leftOut: number };
  expected: LinkResult['expected'];
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

/** The links of a resolution mode, as linkTables resolved them already (resolveLinks would resolve them again). */
export function chosenLinks(result: LinkResult, mode: ResolveMode): Int32Array {
  const { links } = result;
  // Clusters are labels, not a subset of pairs: their edges are the pairs above the threshold.
  // A switch, not an object of every mode: linkTables finds a mode only when it is read.
  switch (mode) {
    case 'all':
    case 'clusters':
      return links.all;
    case 'best':
      return links.best;
    case 'best-right':
      return links.bestRight;
    case 'one-to-one':
      return links.oneToOne;
  }
}

/** clusters.csv text: every record's id, its file (left / right) and its cluster (records linked, transitively, at the threshold). */
export function clustersCsv(result: LinkResult): string {
  const lines = ['id,source,cluster'];
  const c = result.links.clusters;
  const leftIds = idTexts(result.left, result.settings.ids.left);
  const source = result.population.dedupe && 'source_dataset' in result.left.columns ? idTexts(result.left, 'source_dataset') : null;
  leftIds.forEach((id, i) => lines.push(`${csvField(id)},${source ? source[i] : 'left'},${c.left[i]}`));
  if (!result.population.dedupe) idTexts(result.right, result.settings.ids.right).forEach((id, j) => lines.push(`${csvField(id)},right,${c.right[j]}`));
  return lines.join('\n') + '\n';
}

function truthMap(table: Table, idColumn: string, truthColumn: string, pattern?: string): Map<string, string> {
  const ids = idTexts(table, idColumn);
  const re = pattern === undefined ? null : new RegExp(pattern);
  const truth = idTexts(table, truthColumn).map((t) => (re ? (re.exec(t.trim())?.[1] ?? '') : t));
  return new Map(ids.map((id, i) => [id, truth[i]]));
}

/** The pairs of each resolution mode, as indices into the candidate pairs or (clusters) as row pairs. */
function viewPairs(result: LinkResult, mode: ResolveMode): { left: string[]; right: string[] } {
  if (mode === 'clusters') {
    const pairs = clusterPairs(result.links.clusters, result.population.dedupe);
    return linkIds({ ...result, pairs: { ...result.pairs, ...pairs } }, Int32Array.from({ length: pairs.count }, (_, i) => i));
  }
  return linkIds(result, chosenLinks(result, mode));
}

/**
 * Scores of every resolution mode against the truth columns, when the tables carry them.
 * When deduplicating, a link is an unordered pair of one file's records: both orders of a
 * true pair are true pairs, so scores are taken over (i < j) pairs by scoreDedupe.
 */
export function scoreResult(result: LinkResult): Record<string, ScoreResult> | undefined {
  const t = result.settings.truth;
  if (!t || !(t.left in result.left.columns) || !(t.right in result.right.columns)) return undefined;
  const truth = {
    left: truthMap(result.left, result.settings.ids.left, t.left, t.pattern),
    right: truthMap(result.right, result.settings.ids.right, t.right, t.pattern),
  };
  const groupColumn = result.settings.score_group;
  const group = groupColumn ? truthMap(result.left, result.settings.ids.left, groupColumn) : undefined;
  const score = (links: { left: string[]; right: string[] }) =>
    result.population.dedupe ? { overall: scoreDedupe(links, truth.left) } : scoreLinks(links, truth, group);
  return Object.fromEntries(RESOLVE_MODES.map((mode) => [mode, score(viewPairs(result, mode))]));
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
  if (!opts.right && settings.link_type !== 'dedupe_only') {
    throw new InputError(`link: --right is required unless the settings deduplicate one file (link_type: dedupe_only; ${opts.settings} has ${settings.link_type})`);
  }
  const left = readCsvAsStrings(opts.left, 'left');
  const right = opts.right ? readCsvAsStrings(opts.right, 'right') : left;
  // Staged before the work, so an existing --out fails fast rather than after the link.
  const staging = stageRunFolder(opts.out, { force: opts.force });
  try {
    const result = await linkTables(left, right, settings, opts.onProgress);
    const chosen = chosenLinks(result, mode);
    const scores = scoreResult(result);
    writeFileSync(join(staging.dir, 'links.csv'), linksCsv(result, chosen));
    if (mode === 'clusters') writeFileSync(join(staging.dir, 'clusters.csv'), clustersCsv(result));
    writeFileSync(
      join(staging.dir, 'model.json'),
      JSON.stringify({ ...(modelJson(result) as object), threshold_match_weight: result.threshold, resolve: mode }, null, 2) + '\n',
    );
    if (scores) writeFileSync(join(staging.dir, 'scores.json'), JSON.stringify(scores, null, 2) + '\n');
    // Before the commit: an --explain id that is not there must leave no output behind.
    const explanations = (opts.explain ?? []).map((id) => explainText(result, id));
    staging.commit();
    return {
      out: staging.target,
      candidatePairs: result.pairs.count,
      links: chosen.length,
      lambda: result.model.lambda,
      scores,
      explanations,
      warnings: result.warnings,
      sessions: { run: result.sessions.length, leftOut: result.sessions.filter((s) => !s.used && s.failed.length > 0).length },
      expected: result.expected,
    };
  } catch (error) {
    staging.abandon();
    throw error;
  }
}
