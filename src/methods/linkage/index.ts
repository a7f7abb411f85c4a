/**
 * The linkage engine's front door: `linkTables` runs encode -> block -> compare -> train ->
 * predict -> resolve, and returns every intermediate so a user can inspect each step. Each
 * step is also exported on its own.
 */
import { makeTable, stringColumn, type Table } from '../../io/table.ts';
import { blockPairs, type CandidatePairs } from './blocking.ts';
import { compileComparisons, type CompiledComparison } from './comparisons.ts';
import { compareThreads, comparePairsParallel, startComparePool, uOnWorker, type ComparePool } from './compare-parallel.ts';
import { encodeAll, rawText, type Encoded } from './encode.ts';
import { predictPairs, type LinkageModel, type Predictions } from './predict.ts';
import { aboveThreshold, bestPerLeft, bestPerRight, clusters, oneToOne, type Clusters } from './resolve.ts';
import { checkSettingsAgainstTables, parseSettings, thresholdWeight, type LinkageSettings } from './settings.ts';
import { checkTrainingRuleSizes, trainModel, type Population, type SessionReport, type UEstimate } from './train.ts';
import { expectedErrors, type ExpectedErrors } from './expected-errors.ts';
import { getColumn } from '../../io/table.ts';

export type LinkStep = 'encode' | 'block' | 'compare' | 'train' | 'predict' | 'resolve';

export interface LinkProgress {
  step: LinkStep;
  /** 'start' before the step, 'done' after it (with its duration and a one-line summary). */
  phase: 'start' | 'done';
  seconds?: number;
  detail?: string;
}

export interface LinkResult {
  /** The settings as run; when deduplicating, ids.right and truth.right are the left ones. */
  settings: LinkageSettings;
  /** The records of pairs' left and right rows: when deduplicating both are the one (stacked) table. */
  left: Table;
  right: Table;
  /** The records pairs are drawn from: two files, or one when deduplicating (pairs i < j). */
  population: Population;
  encoded: Encoded;
  comparisons: CompiledComparison[];
  pairs: CandidatePairs;
  /** gamma[p * K + k]: level of comparison k for candidate pair p. */
  gamma: Uint8Array;
  model: LinkageModel;
  sessions: SessionReport[];
  uEstimate: UEstimate;
  /** Training warnings (e.g. a comparison never observed non-null). */
  warnings: string[];
  /** Seconds of the training step spent on u sampling, EM sessions and lambda. */
  trainSeconds: { u: number; em: number; lambda: number };
  predictions: Predictions;
  /** The threshold as a match weight. */
  threshold: number;
  /**
   * Indices into `pairs`, by descending weight: all pairs above threshold, the best per left
   * record, the best per right record, a greedy one-to-one assignment; and the clusters
   * (connected components) the pairs above threshold make.
   */
  links: { all: Int32Array; best: Int32Array; bestRight: Int32Array; oneToOne: Int32Array; clusters: Clusters };
  /** Label-free error estimates of the links above threshold, from the match probabilities alone. */
  expected: ExpectedErrors;
  /** Seconds per step. */
  timings: Record<LinkStep, number>;
}

/**
 * Validate settings (a plain object from YAML/JSON, or settings already parsed and perhaps
 * edited in code) into the checked shape.
 */
export function prepareSettings(input: unknown): LinkageSettings {
  return parseSettings(input);
}

/**
 * The records of a link type as one table when deduplicating: the left file, or (link and
 * dedupe) the left file's records then the right file's, holding the id, truth and group
 * columns under the left names, and `source_dataset` (left / right).
 */
function stackedRecords(settings: LinkageSettings, left: Table, right: Table): { table: Table; settings: LinkageSettings } {
  const asDedupe: LinkageSettings = {
    ...settings,
    ids: { left: settings.ids.left, right: settings.ids.left },
    truth: settings.truth ? { ...settings.truth, right: settings.truth.left } : undefined,
  };
  if (settings.link_type === 'dedupe_only') return { table: left, settings: asDedupe };
  const texts = (table: Table, name: string | undefined): (string | null)[] => {
    if (!name || !(name in table.columns)) return new Array<string | null>(table.rowCount).fill(null);
    const col = getColumn(table, name);
    return Array.from({ length: table.rowCount }, (_, i) => rawText(col, i));
  };
  const columns: Record<string, ReturnType<typeof stringColumn>> = {
    [settings.ids.left]: stringColumn([...texts(left, settings.ids.left), ...texts(right, settings.ids.right)]),
    source_dataset: stringColumn([...new Array<string>(left.rowCount).fill('left'), ...new Array<string>(right.rowCount).fill('right')]),
  };
  if (settings.truth) columns[settings.truth.left] = stringColumn([...texts(left, settings.truth.left), ...texts(right, settings.truth.right)]);
  if (settings.score_group) columns[settings.score_group] = stringColumn([...texts(left, settings.score_group), ...texts(right, undefined)]);
  return { table: makeTable('records', columns), settings: asDedupe };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Link two tables with the given settings. Settings errors and missing columns throw an InputError. */
export async function linkTables(
  left: Table,
  right: Table,
  settingsInput: unknown,
  onProgress?: (event: LinkProgress) => void,
): Promise<LinkResult> {
  const given = prepareSettings(settingsInput);
  checkSettingsAgainstTables(given, left, right);
  const dedupe = given.link_type !== 'link_only';
  const stacked = dedupe ? stackedRecords(given, left, right) : null;
  const settings = stacked ? stacked.settings : given;
  const records = stacked ? { left: stacked.table, right: stacked.table } : { left, right };
  const n = records.left.rowCount;
  const population: Population = { nLeft: n, nRight: records.right.rowCount, dedupe };
  const timings = {} as Record<LinkStep, number>;
  const run = async <T>(step: LinkStep, work: () => T | Promise<T>, summary: (value: T) => string): Promise<T> => {
    onProgress?.({ step, phase: 'start' });
    await yieldToEventLoop();
    const t0 = performance.now();
    const value = await work();
    const seconds = (performance.now() - t0) / 1000;
    timings[step] = seconds;
    onProgress?.({ step, phase: 'done', seconds, detail: summary(value) });
    return value;
  };
  // Started before encoding and blocking so that its start-up is hidden behind them.
  // Threads the settings ask for are started at any size; the default only for a big link.
  const threads = compareThreads(settings.threads);
  const big = settings.threads !== undefined || population.nLeft * population.nRight >= PARALLEL_MIN_POPULATION;
  const pool = threads > 1 && big ? startComparePool(threads) : null;
  try {
    return await linkWith({ left, right }, given, settings, records, population, run, timings, pool);
  } finally {
    await pool?.close();
  }
}

/**
 * Pairs of records (left x right) from which a link with the default threads is big enough to
 * start comparison workers early. A worker compiles the level functions and the u code afresh, so below this it costs
 * more than it saves, in CPU and in wall time alike (measured on the shared 2-core machine): a
 * community link at scale 0.1 (4,594 x 277,105 records, 1.3e9) took 0.8 s CPU with two threads
 * against 0.3-0.5 s with one, its comparison step 0.8 s wall against 0.1 s (load average 1-2);
 * at scale 0.3 (8.3e9) 2.5-2.7 s CPU against 2.0 s, comparison 1.9-2.3 s wall against 0.7-0.8 s
 * (load 6-9).
 * The two-file benchmark (50,000 x 500,000, 2.5e10) is where a second thread pays.
 */
const PARALLEL_MIN_POPULATION = 2e10;

async function linkWith(
  input: { left: Table; right: Table },
  given: LinkageSettings,
  settings: LinkageSettings,
  records: { left: Table; right: Table },
  population: Population,
  run: <T>(step: LinkStep, work: () => T | Promise<T>, summary: (value: T) => string) => Promise<T>,
  timings: Record<LinkStep, number>,
  pool: ComparePool | null,
): Promise<LinkResult> {
  const dedupe = population.dedupe;
  const encoded = await run('encode', () => encodeAll(given, input.left, input.right), (e) => `${e.size} values`);
  checkTrainingRuleSizes(settings, encoded);
  const comparisons = compileComparisons(settings.comparisons, encoded);
  // u never reads the candidate pairs: a worker finds it while this thread blocks and compares.
  const uFound = uOnWorker(pool, settings, encoded, population);
  // Handled when training awaits it; marked here so a worker failing meanwhile is not an unhandled rejection.
  uFound?.catch(() => {});
  const pairs = await run(
    'block',
    () => blockPairs(encoded, settings.blocking_rules, settings.max_pairs, dedupe),
    (p) => `${p.count} candidate pairs (${p.emittedByRule.join(' + ')} by rule)`,
  );
  const gamma = await run('compare', () => comparePairsParallel(pairs, comparisons, encoded, pool), () => `${comparisons.length} comparisons`);
  const trained = await run(
    'train',
    () => trainModel(settings, encoded, comparisons, pairs, gamma, population, uFound ?? undefined),
    (t) => `lambda ${t.model.lambda.toExponential(3)}, ${t.sessions.filter((s) => s.used).length} of ${t.sessions.length} EM sessions used`,
  );
  const predictions = await run('predict', () => predictPairs(pairs, gamma, comparisons, trained.model, trained.bayesFactors), () => 'weights');
  const threshold = thresholdWeight(settings.threshold);
  const links = await run(
    'resolve',
    () => {
      const all = aboveThreshold(pairs, predictions, threshold);
      return lazyModes(
        { all, best: bestPerLeft(pairs, predictions, threshold, all) },
        {
          bestRight: () => bestPerRight(pairs, predictions, threshold, all),
          oneToOne: () => oneToOne(pairs, predictions, threshold, all),
          clusters: () => clusters(pairs, all, population.nLeft, population.nRight, dedupe),
        },
      );
    },
    (l) => `${l.all.length} pairs above threshold, ${l.best.length} left records linked`,
  );
  return {
    settings,
    left: records.left,
    right: records.right,
    population,
    encoded,
    comparisons,
    pairs,
    gamma,
    model: trained.model,
    sessions: trained.sessions,
    uEstimate: trained.uEstimate,
    warnings: trained.warnings,
    trainSeconds: trained.seconds,
    predictions,
    threshold,
    links,
    expected: expectedErrors(predictions.matchProbability, links.all, trained.model.lambda, population),
    timings,
  };
}

type Links = LinkResult['links'];

/**
 * The links with the modes a caller may never read (per right record, one-to-one, the
 * clusters) found on first reading and kept: a run reads one or two of them, and the clusters
 * walk every record of both files.
 */
function lazyModes(eager: Pick<Links, 'all' | 'best'>, later: { [K in 'bestRight' | 'oneToOne' | 'clusters']: () => Links[K] }): Links {
  const links = { ...eager } as Links;
  for (const key of Object.keys(later) as (keyof typeof later)[]) {
    Object.defineProperty(links, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = later[key]();
        Object.defineProperty(links, key, { value, enumerable: true, writable: true, configurable: true });
        return value;
      },
    });
  }
  return links;
}

/** The id texts of one side (from settings.ids). */
export function idTexts(table: Table, column: string): string[] {
  const col = getColumn(table, column);
  const out = new Array<string>(table.rowCount);
  for (let i = 0; i < table.rowCount; i++) out[i] = rawText(col, i) ?? '';
  return out;
}

/** The (left id, right id) of the given candidate pairs. */
export function linkIds(result: LinkResult, pairIndices: Int32Array): { left: string[]; right: string[] } {
  const leftCol = getColumn(result.left, result.settings.ids.left);
  const rightCol = getColumn(result.right, result.settings.ids.right);
  const left: string[] = [];
  const right: string[] = [];
  for (const p of pairIndices) {
    left.push(rawText(leftCol, result.pairs.left[p]) ?? '');
    right.push(rawText(rightCol, result.pairs.right[p]) ?? '');
  }
  return { left, right };
}

/** The model as plain JSON: lambda and, per comparison level, m, u and the weight log2(m/u). */
export function modelJson(result: Pick<LinkResult, 'model' | 'sessions' | 'uEstimate' | 'warnings'> & Partial<Pick<LinkResult, 'settings' | 'expected'>>): unknown {
  const { model } = result;
  return {
    link_type: result.settings?.link_type,
    lambda: model.lambda,
    prior_match_weight: Math.log2(model.lambda / (1 - model.lambda)),
    comparisons: model.comparisons.map((c, k) => ({
      name: c.name,
      column: c.column,
      term_frequency: c.termFrequency,
      levels: c.levels.map((l, li) => ({
        name: l.name,
        type: l.type,
        m: l.isNull ? null : l.m,
        u: l.isNull ? null : l.u,
        match_weight: l.isNull ? 0 : Math.log2(l.m / l.u),
        m_fixed: l.mFixed,
        u_fixed: l.uFixed,
        u_from: result.uEstimate.method[k]?.[li] ?? null,
      })),
    })),
    u_sample_pairs: result.uEstimate.samplePairs,
    warnings: result.warnings,
    em_sessions: result.sessions.map((s) => ({
      rule: s.rule,
      pairs: s.pairs,
      trained: s.trained,
      excluded: s.excluded,
      iterations: s.iterations,
      converged: s.converged,
      lambda_in_session: Number.isNaN(s.lambda) ? null : s.lambda,
      matches_in_session: Number.isNaN(s.expectedMatches) ? null : s.expectedMatches,
      used: s.used,
      failed_checks: s.failed,
      m: s.m,
      u_conditioned: Object.keys(s.u).length === 0 ? undefined : Object.fromEntries(Object.entries(s.u).map(([name, u]) => [name, { given: s.uGiven[name], u }])),
    })),
    expected_errors: result.expected,
  };
}

export { blockPairs, ruleKeys, pairsMatchingRule } from './blocking.ts';
export type { CandidatePairs, RuleKeys } from './blocking.ts';
export { compileComparisons, compareCandidates, comparePairs } from './comparisons.ts';
export type { CompiledComparison, LevelInfo } from './comparisons.ts';
export { encodeAll, encodeValue, derive } from './encode.ts';
export type { Encoded, EncodedValue } from './encode.ts';
export { trainModel, estimateU, expectationMaximisation, estimateLambda, agreementShare } from './train.ts';
export type { SessionReport, UEstimate, TrainResult, Population } from './train.ts';
export { expectedErrors, expectedErrorEstimates } from './expected-errors.ts';
export type { ExpectedErrors } from './expected-errors.ts';
export { predictPairs, weightTables, probabilityFromWeight } from './predict.ts';
export type { LinkageModel, ComparisonParameters, LevelParameters, Predictions } from './predict.ts';
export { aboveThreshold, bestPerLeft, bestPerRight, oneToOne, clusters, clusterPairs, resolveLinks, RESOLVE_MODES } from './resolve.ts';
export type { ResolveMode, Clusters } from './resolve.ts';
export { deterministicLinks, exactAgreement } from './deterministic.ts';
export { scoreLinks, scoreDedupe } from './score.ts';
export type { LinkScore, ScoreResult, TruthKeys } from './score.ts';
export { parseSettings, loadSettingsFile, checkSettingsAgainstTables, thresholdWeight } from './settings.ts';
export type { LinkageSettings, ComparisonSettings, LevelSettings, Threshold } from './settings.ts';
