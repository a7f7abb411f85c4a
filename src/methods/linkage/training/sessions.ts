/**
 * EM sessions, one per training rule, as Splink runs them: each session's pairs are ALL the
 * pairs its rule matches (its own blocking), not the blocked candidates that happen to match
 * it. Within those pairs the comparisons that read the rule's source columns are fixed for
 * matches and non-matches alike, so the session leaves them out and estimates m for the rest.
 * Each session is checked for a fit that cannot be right (no convergence, more matches than
 * the smaller file's records allow, a match class that looks like the non-matches, matches that do not agree); a
 * session failing a check is left out of the averaged m and says why.
 */
import { InputError } from '../../../errors.ts';
import { bucketRight, countRulePairs, forEachRulePair, pairsMatchingRule, ruleKeys, type CandidatePairs, type RuleKeys } from '../blocking.ts';
import type { CompiledComparison } from '../comparisons.ts';
import type { Encoded } from '../encode.ts';
import { ruleTrains, type LinkageSettings, type SessionChecks } from '../settings.ts';
import type { Population } from './u.ts';

/** Distinct comparison patterns of a set of pairs with their counts. */
export interface PatternCounts {
  /** patterns[q * K + k]: level of comparison k in pattern q. */
  patterns: Uint8Array;
  weights: Float64Array;
  pairs: number;
}

/** Counts distinct level vectors by their mixed-radix id (exact while the product of level counts < 2^53). */
class PatternCounter {
  private readonly flat: Float64Array | null;
  private readonly map = new Map<number, number>();
  constructor(private readonly sizes: number[]) {
    const radix = sizes.reduce((a, n) => a * n, 1);
    this.flat = radix <= 1 << 22 ? new Float64Array(radix) : null;
  }
  add(id: number): void {
    if (this.flat) this.flat[id]++;
    else this.map.set(id, (this.map.get(id) ?? 0) + 1);
  }
  finish(): PatternCounts {
    const K = this.sizes.length;
    const entries: [number, number][] = [];
    if (this.flat) this.flat.forEach((w, id) => w > 0 && entries.push([id, w]));
    else entries.push(...this.map.entries());
    const patterns = new Uint8Array(entries.length * K);
    const weights = new Float64Array(entries.length);
    let pairs = 0;
    entries.forEach(([id, w], q) => {
      let rest = id;
      for (let k = K - 1; k >= 0; k--) {
        patterns[q * K + k] = rest % this.sizes[k];
        rest = Math.floor(rest / this.sizes[k]);
      }
      weights[q] = w;
      pairs += w;
    });
    return { patterns, weights, pairs };
  }
}

function sameRule(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((key) => b.includes(key));
}

/**
 * Pattern counts of every pair a training rule matches. When the rule is a blocking rule its
 * pairs are all candidates already and their levels are read from gamma; otherwise its own
 * pairs are made here and compared (only the comparisons the session uses; the rest read 0).
 */
export function sessionPatterns(
  rule: string[],
  use: boolean[],
  encoded: Encoded,
  comparisons: CompiledComparison[],
  pairs: CandidatePairs,
  gamma: Uint8Array,
  dedupe: boolean,
): PatternCounts {
  const K = comparisons.length;
  const sizes = comparisons.map((c) => c.levels.length);
  const counter = new PatternCounter(sizes);
  const blocking = pairs.keys.find((k) => sameRule(k.rule, rule));
  if (blocking) {
    const mask = pairsMatchingRule(pairs, blocking);
    for (let p = 0, at = 0; p < pairs.count; p++, at += K) {
      if (mask[p] === 0) continue;
      let id = 0;
      for (let k = 0; k < K; k++) id = id * sizes[k] + (use[k] ? gamma[at + k] : 0);
      counter.add(id);
    }
    return counter.finish();
  }
  const keys = ruleKeys(encoded, rule);
  const levelOf = comparisons.map((c) => c.levelOf);
  forEachRulePair(keys, bucketRight(keys), dedupe, (i, j) => {
    let id = 0;
    for (let k = 0; k < K; k++) id = id * sizes[k] + (use[k] ? levelOf[k](i, j) : 0);
    counter.add(id);
  });
  return counter.finish();
}

/** Refuse, before blocking, a training rule whose own pairs exceed max_pairs (a loose rule, not a slow run). */
export function checkTrainingRuleSizes(settings: LinkageSettings, encoded: Encoded): void {
  const rules = settings.training.rules;
  if (!rules) return;
  const dedupe = settings.link_type !== 'link_only';
  rules.forEach((rule, r) => {
    if (settings.blocking_rules.some((b) => sameRule(b, rule))) return;
    const keys: RuleKeys = ruleKeys(encoded, rule);
    const n = countRulePairs(keys, bucketRight(keys), dedupe);
    if (n > settings.max_pairs) {
      throw new InputError(
        `settings.training.rules[${r}]: rule [${rule.join(', ')}] matches ${n} pairs, over max_pairs ${settings.max_pairs}; an EM session runs on all of its rule's pairs, so make the rule stricter or raise max_pairs`,
      );
    }
  });
}

export interface SessionReport {
  rule: string[];
  pairs: number;
  trained: string[];
  /** Comparisons left out because the rule constrains their columns. */
  excluded: string[];
  iterations: number;
  converged: boolean;
  /** Share of this session's pairs in the match class. */
  lambda: number;
  /** Pairs in the match class (lambda x pairs). */
  expectedMatches: number;
  /** m estimated in this session, per comparison name (only those trained). */
  m: Record<string, number[]>;
  /** u held in this session where it differs from the population's: conditioned on the rule's values (see conditionalU), per comparison name. */
  u: Record<string, number[]>;
  /** For each comparison in `u`, the rule's values its u was conditioned on. */
  uGiven: Record<string, string[]>;
  /** Checks the session failed, each one line; empty when it passed. */
  failed: string[];
  /** Whether its m entered the model (it trained something and passed every check). */
  used: boolean;
}

/** Total variation distance between a comparison's m and u over its non-null levels. */
function separation(m: number[], u: number[], nullLevel: number): number {
  let d = 0;
  for (let l = 0; l < m.length; l++) if (l !== nullLevel) d += Math.abs(m[l] - u[l]);
  return d / 2;
}

/**
 * The records the match-class bound counts: every true pair of a link has a record of the
 * smaller file in it, so the smaller file's records (each matching at most a few of the other
 * file's) bound the true pairs; counting both files' records let a session put five times the
 * true pairs in its match class unflagged on a 50,000 x 500,000 link. Deduplicating: the one
 * (or stacked) file's records.
 */
export function matchBoundRecords(population: Population): { records: number; of: string } {
  if (population.dedupe) return { records: population.nLeft, of: 'being deduplicated' };
  return population.nLeft <= population.nRight
    ? { records: population.nLeft, of: 'of the left file (the smaller)' }
    : { records: population.nRight, of: 'of the right file (the smaller)' };
}

/**
 * The checks a session's fit must pass, against the u the session held (`u`: the
 * population's, or conditioned on the rule's values).
 */
export function checkSession(
  report: SessionReport,
  comparisons: CompiledComparison[],
  u: number[][],
  checks: SessionChecks,
  population: Population,
  maxIterations: number,
): string[] {
  const failed: string[] = [];
  if (!report.converged) failed.push(`did not converge in ${maxIterations} iterations (training.em_max_iterations)`);
  const { records, of } = matchBoundRecords(population);
  const bound = checks.max_matches_per_record * records;
  if (report.expectedMatches > bound) {
    failed.push(
      `its match class holds ${Math.round(report.expectedMatches)} pairs (${(100 * report.lambda).toPrecision(3)}% of its pairs), more than ${checks.max_matches_per_record} per record of the ${records} records ${of} (training.checks.max_matches_per_record)`,
    );
  }
  let best = 0;
  for (const name of report.trained) {
    const k = comparisons.findIndex((c) => c.name === name);
    const c = comparisons[k];
    const m = report.m[name];
    const agree = c.levels.findIndex((l) => !l.isNull);
    // A value never present on both sides has no u and taught EM nothing: nothing to check.
    if (Number.isNaN(u[k][agree])) continue;
    best = Math.max(best, separation(m, u[k], c.nullLevel));
    if (m[agree] < u[k][agree]) {
      failed.push(`"${name}": matches agree ("${c.levels[agree].name}") less often than non-matches (m ${m[agree].toPrecision(3)} < u ${u[k][agree].toPrecision(3)})`);
    } else if (m[agree] < checks.min_m_agree) {
      failed.push(`"${name}": m of "${c.levels[agree].name}" is ${m[agree].toPrecision(3)}, below training.checks.min_m_agree ${checks.min_m_agree}`);
    }
  }
  if (report.trained.length > 0 && best < checks.min_separation) {
    failed.push(
      `no comparison's m differs from its u by ${checks.min_separation} or more (largest ${best.toFixed(3)}; training.checks.min_separation): the match class looks like the non-matches`,
    );
  }
  return failed;
}

/** Which comparisons each rule leaves free to enter its session's likelihood. */
export function sessionUse(settings: LinkageSettings, rule: string[], comparisons: CompiledComparison[]): boolean[] {
  return comparisons.map((c) => ruleTrains(settings, rule, c.settings));
}
