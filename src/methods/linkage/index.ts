/**
 * The linkage engine's front door: `linkTables` runs encode -> block -> compare -> train ->
 * predict -> resolve, and returns every intermediate so a user can inspect each step. Each
 * step is also exported on its own.
 */
import type { Table } from '../../io/table.ts';
import { blockPairs, type CandidatePairs } from './blocking.ts';
import { compareCandidates, compileComparisons, type CompiledComparison } from './comparisons.ts';
import { encodeAll, rawText, type Encoded } from './encode.ts';
import { predictPairs, type LinkageModel, type Predictions } from './predict.ts';
import { aboveThreshold, bestPerLeft, oneToOne } from './resolve.ts';
import { checkSettingsAgainstTables, parseSettings, thresholdWeight, type LinkageSettings } from './settings.ts';
import { trainModel, type SessionReport, type UEstimate } from './train.ts';
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
  settings: LinkageSettings;
  left: Table;
  right: Table;
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
  /** Indices into `pairs`, by descending weight: all pairs above threshold, the best per left record, a greedy one-to-one assignment. */
  links: { all: Int32Array; best: Int32Array; oneToOne: Int32Array };
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

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Link two tables with the given settings. Settings errors and missing columns throw an InputError. */
export async function linkTables(
  left: Table,
  right: Table,
  settingsInput: unknown,
  onProgress?: (event: LinkProgress) => void,
): Promise<LinkResult> {
  const settings = prepareSettings(settingsInput);
  checkSettingsAgainstTables(settings, left, right);
  const timings = {} as Record<LinkStep, number>;
  const run = async <T>(step: LinkStep, work: () => T, summary: (value: T) => string): Promise<T> => {
    onProgress?.({ step, phase: 'start' });
    await yieldToEventLoop();
    const t0 = performance.now();
    const value = work();
    const seconds = (performance.now() - t0) / 1000;
    timings[step] = seconds;
    onProgress?.({ step, phase: 'done', seconds, detail: summary(value) });
    return value;
  };
  const encoded = await run('encode', () => encodeAll(settings, left, right), (e) => `${e.size} values`);
  const comparisons = compileComparisons(settings.comparisons, encoded);
  const pairs = await run(
    'block',
    () => blockPairs(encoded, settings.blocking_rules, settings.max_pairs),
    (p) => `${p.count} candidate pairs (${p.emittedByRule.join(' + ')} by rule)`,
  );
  const gamma = await run('compare', () => compareCandidates(pairs, comparisons), () => `${comparisons.length} comparisons`);
  const trained = await run(
    'train',
    () => trainModel(settings, encoded, comparisons, pairs, gamma, left.rowCount, right.rowCount),
    (t) => `lambda ${t.model.lambda.toExponential(3)}, ${t.sessions.length} EM sessions`,
  );
  const predictions = await run('predict', () => predictPairs(pairs, gamma, comparisons, trained.model, trained.bayesFactors), () => 'weights');
  const threshold = thresholdWeight(settings.threshold);
  const links = await run(
    'resolve',
    () => {
      const all = aboveThreshold(pairs, predictions, threshold);
      return { all, best: bestPerLeft(pairs, predictions, threshold, all), oneToOne: oneToOne(pairs, predictions, threshold, all) };
    },
    (l) => `${l.all.length} pairs above threshold, ${l.best.length} left records linked`,
  );
  return {
    settings,
    left,
    right,
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
    timings,
  };
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
export function modelJson(result: Pick<LinkResult, 'model' | 'sessions' | 'uEstimate' | 'warnings'>): unknown {
  const { model } = result;
  return {
    lambda: model.lambda,
    prior_match_weight: Math.log2(model.lambda / (1 - model.lambda)),
    comparisons: model.comparisons.map((c) => ({
      name: c.name,
      column: c.column,
      term_frequency: c.termFrequency,
      levels: c.levels.map((l) => ({
        name: l.name,
        type: l.type,
        m: l.isNull ? null : l.m,
        u: l.isNull ? null : l.u,
        match_weight: l.isNull ? 0 : Math.log2(l.m / l.u),
        m_fixed: l.mFixed,
        u_fixed: l.uFixed,
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
    })),
  };
}

export { blockPairs, ruleKeys, pairsMatchingRule } from './blocking.ts';
export type { CandidatePairs, RuleKeys } from './blocking.ts';
export { compileComparisons, compareCandidates, comparePairs } from './comparisons.ts';
export type { CompiledComparison, LevelInfo } from './comparisons.ts';
export { encodeAll, encodeValue, derive } from './encode.ts';
export type { Encoded, EncodedValue } from './encode.ts';
export { trainModel, estimateU, expectationMaximisation, estimateLambda } from './train.ts';
export type { SessionReport, UEstimate, TrainResult } from './train.ts';
export { predictPairs, weightTables, probabilityFromWeight } from './predict.ts';
export type { LinkageModel, ComparisonParameters, LevelParameters, Predictions } from './predict.ts';
export { aboveThreshold, bestPerLeft, oneToOne, resolveLinks, RESOLVE_MODES } from './resolve.ts';
export type { ResolveMode } from './resolve.ts';
export { deterministicLinks } from './deterministic.ts';
export { scoreLinks } from './score.ts';
export type { LinkScore, ScoreResult, TruthKeys } from './score.ts';
export { parseSettings, loadSettingsFile, checkSettingsAgainstTables, thresholdWeight } from './settings.ts';
export type { LinkageSettings, ComparisonSettings, LevelSettings, Threshold } from './settings.ts';
