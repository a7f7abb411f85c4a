/**
 * How far the two-file link can go, and by what route: an analysis, not a method (it reads the
 * truth files, which no link ever does). On the candidate pairs the shipped settings propose,
 * the best F1 over cut-offs of per-right resolution (each episode to its best left record; one
 * link per episode) when each pair is scored by
 *   - the model as trained (EM m; u from frequency tables and samples);
 *   - the TRUE m (level shares of every true pair) and true prior, same u and term-frequency
 *     treatment; and with initials and sex weighed jointly (u of the (initials, sex) pair);
 *   - the best pairwise classifier on the comparison vector: the share of true pairs among
 *     the candidate pairs of the same full pattern (every comparison's level, and for an exact
 *     level with a term-frequency adjustment the value's right-file frequency in half-powers
 *     of two); in-sample (optimistic: a cell of one pair is always right) and cross-fitted
 *     (shares from the other half of the left records, shrunk toward the model's probability);
 *   - the same pattern with the left record's best other episode (its probability and how the
 *     two episodes compare): evidence across a left record's episodes;
 *   - the right file's people known (an oracle deduplication): each pair scored by the best
 *     probability of the left record with any of the episode's person's episodes, or by the
 *     person-level pattern (per comparison the best and worst level over all the person's
 *     episodes, and their number), cross-fitted;
 *   - with --right-dedupe, the same two with the right file's people as the engine finds them
 *     (dedupe_only on the right file, clusters at 0.5, 0.9 and 0.99) in place of the truth;
 *   - with --link-and-dedupe, Splink's route: link_type link_and_dedupe on the same settings.
 * And it counts the errors cross-record evidence could fix at most. Recall is of every true
 * pair (those blocking never proposes included). bench/two-file/README.md has the figures.
 *
 *   node --import tsx bench/two-file/ceiling.ts DIR [--right-dedupe] [--link-and-dedupe]   # DIR from generate.ts --out
 */
import { join } from 'node:path';
import { readCsvAsStrings } from '../../src/io/csv-read.ts';
import type { Table } from '../../src/io/table.ts';
import { comparePairs } from '../../src/methods/linkage/comparisons.ts';
import { rightFrequencies, type EncodedValue } from '../../src/methods/linkage/encode.ts';
import { linkTables, loadSettingsFile, type LinkResult } from '../../src/methods/linkage/index.ts';
import { predictPairs, type LinkageModel } from '../../src/methods/linkage/predict.ts';
import { TWO_FILE_SETTINGS } from './benchmark.ts';

export interface Best {
  f1: number;
  precision: number;
  recall: number;
  links: number;
  cutoff: number;
}

/** Best F1 over cut-offs when each right row takes its highest-scoring left row (ties: lower pair index). */
export function bestPerRightF1(right: Int32Array, score: Float64Array, isTrue: Uint8Array, totalTrue: number, nRight: number): Best {
  const bestPair = new Int32Array(nRight).fill(-1);
  for (let p = 0; p < score.length; p++) {
    const j = right[p];
    if (bestPair[j] < 0 || score[p] > score[bestPair[j]]) bestPair[j] = p;
  }
  const chosen = Array.from(bestPair).filter((p) => p >= 0);
  chosen.sort((a, b) => score[b] - score[a]);
  let tp = 0;
  let best: Best = { f1: 0, precision: 0, recall: 0, links: 0, cutoff: Infinity };
  for (let n = 0; n < chosen.length; n++) {
    tp += isTrue[chosen[n]];
    // A cut-off only between distinct scores.
    if (n + 1 < chosen.length && score[chosen[n + 1]] === score[chosen[n]]) continue;
    const f1 = (2 * tp) / (n + 1 + totalTrue);
    if (f1 > best.f1) best = { f1, precision: tp / (n + 1), recall: tp / totalTrue, links: n + 1, cutoff: score[chosen[n]] };
  }
  return best;
}

export function truthOf(dir: string): { leftEntity: string[]; rightEntity: string[] } {
  const read = (file: string) => {
    const t = readCsvAsStrings(join(dir, file), file);
    return t.columns.entity.values as string[];
  };
  return { leftEntity: read('left_truth.csv'), rightEntity: read('right_truth.csv') };
}

/** Every true (left row, right row) pair. Truth rows are in the record files' order. */
export function truePairs(leftEntity: string[], rightEntity: string[]): { left: Int32Array; right: Int32Array; count: number } {
  const byEntity = new Map<string, number>();
  leftEntity.forEach((e, i) => byEntity.set(e, i));
  const l: number[] = [];
  const r: number[] = [];
  rightEntity.forEach((e, j) => {
    const i = byEntity.get(e);
    if (i !== undefined) (l.push(i), r.push(j));
  });
  return { left: Int32Array.from(l), right: Int32Array.from(r), count: l.length };
}

export function labels(result: LinkResult, leftEntity: string[], rightEntity: string[]): Uint8Array {
  const isTrue = new Uint8Array(result.pairs.count);
  for (let p = 0; p < result.pairs.count; p++) isTrue[p] = leftEntity[result.pairs.left[p]] === rightEntity[result.pairs.right[p]] ? 1 : 0;
  return isTrue;
}

/** The model with m replaced by the level shares of every true pair, and the true prior. */
export function trueModel(result: LinkResult, truth: { left: Int32Array; right: Int32Array; count: number }): LinkageModel {
  const K = result.comparisons.length;
  const gamma = comparePairs(truth, result.comparisons);
  return {
    lambda: truth.count / (result.population.nLeft * result.population.nRight),
    comparisons: result.model.comparisons.map((c, k) => {
      const counts = c.levels.map(() => 0);
      for (let p = 0; p < truth.count; p++) counts[gamma[p * K + k]]++;
      const nonNull = counts.reduce((a, n, l) => (c.levels[l].isNull ? a : a + n), 0);
      return { ...c, levels: c.levels.map((level, l) => (level.isNull ? level : { ...level, m: Math.max(counts[l], 0.5) / nonNull })) };
    }),
  };
}

/** Share of true pairs among the candidate pairs of each full pattern (levels and term-frequency bins). */
/** Pairs' worth of the model's probability a cross-fitted cell's share is shrunk toward (2 and 10 give the same F1 within 0.001). */
const SHRINK = 5;

export function patternScores(result: LinkResult, isTrue: Uint8Array, extra?: (p: number) => string, crossFit = false): { score: Float64Array; patterns: number } {
  const K = result.comparisons.length;
  const { pairs, gamma, comparisons, model } = result;
  const tfBin = comparisons.map((c, k) => {
    if (!model.comparisons[k].termFrequency) return null;
    const freq = rightFrequencies(c.main);
    return { exact: c.levels.findIndex((l) => l.isExactOnMain), bin: Int32Array.from(freq, (f) => (f > 0 ? Math.round(2 * Math.log2(f)) : -99)) };
  });
  const keyOf = (p: number): string => {
    let key = '';
    for (let k = 0; k < K; k++) {
      const level = gamma[p * K + k];
      key += level;
      const tf = tfBin[k];
      if (tf && level === tf.exact) key += `(${tf.bin[comparisons[k].main.left[pairs.left[p]]]})`;
      key += '|';
    }
    return extra ? key + extra(p) : key;
  };
  const keys = new Array<string>(pairs.count);
  // Cross-fitted: a pair's score is the share among pairs of the other half of the left records (by row parity).
  const fold = (p: number) => (crossFit ? pairs.left[p] & 1 : 0);
  const tally = new Map<string, { n: number[]; t: number[] }>();
  for (let p = 0; p < pairs.count; p++) {
    const key = (keys[p] = keyOf(p));
    const s = tally.get(key) ?? tally.set(key, { n: [0, 0], t: [0, 0] }).get(key)!;
    s.n[fold(p)]++;
    s.t[fold(p)] += isTrue[p];
  }
  const score = Float64Array.from(keys, (key, p) => {
    const s = tally.get(key)!;
    const f = crossFit ? 1 - fold(p) : 0;
    // Shrunk toward the model's probability, worth SHRINK pairs, so a sparse cell does not decide alone.
    const prior = result.predictions.matchProbability[p];
    return crossFit ? (s.t[f] + SHRINK * prior) / (s.n[f] + SHRINK) : s.t[f] / s.n[f];
  });
  return { score, patterns: tally.size };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: ceiling.ts DIR [--right-dedupe] [--link-and-dedupe] (DIR written by generate.ts --out)');
  const left = readCsvAsStrings(join(dir, 'left.csv'), 'left');
  const right = readCsvAsStrings(join(dir, 'right.csv'), 'right');
  const result = await linkTables(left, right, loadSettingsFile(TWO_FILE_SETTINGS));
  const { leftEntity, rightEntity } = truthOf(dir);
  const truth = truePairs(leftEntity, rightEntity);
  const isTrue = labels(result, leftEntity, rightEntity);
  const proposed = isTrue.reduce((a, b) => a + b, 0);
  const nRight = result.population.nRight;
  const on = (score: Float64Array) => bestPerRightF1(result.pairs.right, score, isTrue, truth.count, nRight);
  console.log(`${result.pairs.count} candidate pairs, ${proposed} of ${truth.count} true pairs proposed (recall at most ${(proposed / truth.count).toFixed(4)})`);
  show('model as trained, cut at probability 0.5', bestAt(result.pairs.right, result.predictions.matchProbability, isTrue, truth.count, nRight, 0.5));
  show('model as trained, best cut-off', on(result.predictions.matchProbability));
  show('true m and prior', on(predictPairs(result.pairs, result.gamma, result.comparisons, trueModel(result, truth)).matchProbability));
  show('initials and sex weighed jointly', on(jointInitialsSex(result)));
  const patterns = patternScores(result, isTrue);
  show(`P(match | pattern), ${patterns.patterns} patterns, in-sample`, on(patterns.score));
  show('P(match | pattern), cross-fitted', on(patternScores(result, isTrue, undefined, true).score));
  const values = valueBinsKey(result);
  show('P(match | pattern, value frequencies), in-sample', on(patternScores(result, isTrue, values).score));
  show('P(match | pattern, value frequencies), cross-fitted', on(patternScores(result, isTrue, values, true).score));
  const other = otherEpisodeKey(result);
  show('P(match | pattern, best other episode), in-sample', on(patternScores(result, isTrue, other).score));
  show('P(match | pattern, best other episode), cross-fitted', on(patternScores(result, isTrue, other, true).score));
  const personIds = new Map<string, number>();
  const rightPerson = Int32Array.from(rightEntity, (e) => personIds.get(e) ?? personIds.set(e, personIds.size).get(e)!);
  show('right people known: max over their episodes', siblingMaxF1(result, result.predictions.matchProbability, rightPerson, leftEntity, rightEntity, truth.count));
  show('right people known: person-level pattern, in-sample', oraclePersonF1(result, rightPerson, leftEntity, rightEntity, truth.count, false));
  show('right people known: person-level pattern, cross-fitted', oraclePersonF1(result, rightPerson, leftEntity, rightEntity, truth.count));
  console.log(fixableCounts(result, leftEntity, rightEntity, truth.count));
  if (process.argv.includes('--right-dedupe')) {
    for (const cut of [0.5, 0.9, 0.99]) {
      const found = await dedupeRight(right, cut);
      const pure = purity(found.labels, rightEntity);
      console.log(`right file deduplicated (dedupe_only, ${found.pairs} pairs, ${found.cpu.toFixed(1)} s CPU), clusters at ${cut}: ${pure}`);
      show(`  its people: max over their episodes`, siblingMaxF1(result, result.predictions.matchProbability, found.labels, leftEntity, rightEntity, truth.count));
      show(`  its people: person-level pattern, cross-fitted`, oraclePersonF1(result, found.labels, leftEntity, rightEntity, truth.count));
    }
  }
  if (process.argv.includes('--link-and-dedupe')) await linkAndDedupe(left, right, leftEntity, rightEntity, truth.count);
}

/** The right file deduplicated by the engine with the shipped comparisons (dedupe_only), clustered at a probability. */
async function dedupeRight(right: Table, cut: number): Promise<{ labels: Int32Array; pairs: number; cpu: number }> {
  const shipped = loadSettingsFile(TWO_FILE_SETTINGS) as { ids: { right: string } };
  const settings = { ...shipped, link_type: 'dedupe_only', ids: { left: shipped.ids.right, right: shipped.ids.right }, threshold: { match_probability: cut } };
  const cpu0 = process.cpuUsage();
  const r = await linkTables(right, right, settings);
  const cpu = process.cpuUsage(cpu0);
  return { labels: Int32Array.from(r.links.clusters.left), pairs: r.pairs.count, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** Pairs of episodes in one found cluster that are one person (precision), and the share of one person's episode pairs found together (recall). */
function purity(labels: Int32Array, entity: string[]): string {
  const count = (key: (j: number) => string) => {
    const n = new Map<string, number>();
    for (let j = 0; j < entity.length; j++) n.set(key(j), (n.get(key(j)) ?? 0) + 1);
    let pairs = 0;
    for (const c of n.values()) pairs += (c * (c - 1)) / 2;
    return pairs;
  };
  const found = count((j) => String(labels[j]));
  const truth = count((j) => entity[j]);
  const both = count((j) => `${labels[j]}/${entity[j]}`);
  return `episode pairs precision ${(both / found).toFixed(3)}, recall ${(both / truth).toFixed(3)}`;
}

function show(name: string, b: Best): void {
  console.log(`${name.padEnd(56)} F1 ${b.f1.toFixed(4)}  precision ${b.precision.toFixed(4)}  recall ${b.recall.toFixed(4)}  links ${b.links}`);
}

/**
 * What Splink users do for cross-record evidence: `link_and_dedupe` (the left file's records
 * and the episodes stacked, every pair of the same blocks compared, one model), scored per
 * episode three ways: the left record of its cluster at the threshold (the first, when a
 * cluster holds several), its best direct left pair, and its best direct pair or evidence
 * inherited through another episode (p(left, j') * p(j', j)), best cut-off.
 */
async function linkAndDedupe(left: Table, right: Table, leftEntity: string[], rightEntity: string[], totalTrue: number): Promise<void> {
  const settings = { ...(loadSettingsFile(TWO_FILE_SETTINGS) as object), link_type: 'link_and_dedupe', max_pairs: 200_000_000 };
  const cpu0 = process.cpuUsage();
  const r = await linkTables(left, right, settings);
  const cpu = process.cpuUsage(cpu0);
  const nL = leftEntity.length;
  const nR = rightEntity.length;
  const entity = (row: number) => (row < nL ? leftEntity[row] : rightEntity[row - nL]);
  console.log(`link_and_dedupe: ${r.pairs.count} candidate pairs, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`);
  const prob = r.predictions.matchProbability;
  // Clusters: each episode to the (first) left record of its cluster.
  const label = r.links.clusters.left;
  const leftOfCluster = new Map<number, number>();
  for (let i = nL - 1; i >= 0; i--) leftOfCluster.set(label[i], i);
  let links = 0;
  let tp = 0;
  for (let j = nL; j < nL + nR; j++) {
    const i = leftOfCluster.get(label[j]);
    if (i !== undefined) (links++, (tp += entity(i) === entity(j) ? 1 : 0));
  }
  show('link_and_dedupe: clusters at the threshold', { f1: (2 * tp) / (links + totalTrue), precision: tp / links, recall: tp / totalTrue, links, cutoff: 0.5 });
  // Direct and inherited scores of (left, episode) pairs.
  const neighbours = new Map<number, [number, number][]>();
  const direct: [number, number, number][] = [];
  for (let p = 0; p < r.pairs.count; p++) {
    if (prob[p] < 0.01) continue;
    const a = r.pairs.left[p];
    const b = r.pairs.right[p];
    if (a >= nL) {
      (neighbours.get(a) ?? neighbours.set(a, []).get(a)!).push([b, prob[p]]);
      (neighbours.get(b) ?? neighbours.set(b, []).get(b)!).push([a, prob[p]]);
    } else if (b >= nL) direct.push([a, b, prob[p]]);
  }
  const score = (inherit: boolean) => {
    const best = new Map<number, number>();
    const keep = (i: number, j: number, s: number) => {
      const key = i * (nL + nR) + j;
      if ((best.get(key) ?? -1) < s) best.set(key, s);
    };
    for (const [i, j, p] of direct) {
      keep(i, j, p);
      if (inherit) for (const [j2, q] of neighbours.get(j) ?? []) if (j2 >= nL) keep(i, j2, p * q);
    }
    const rightRow = new Int32Array(best.size);
    const s = new Float64Array(best.size);
    const t = new Uint8Array(best.size);
    let n = 0;
    for (const [key, value] of best) {
      const i = Math.floor(key / (nL + nR));
      const j = key - i * (nL + nR);
      (rightRow[n] = j - nL), (s[n] = value), (t[n] = entity(i) === entity(j) ? 1 : 0), n++;
    }
    return bestPerRightF1(rightRow, s, t, totalTrue, nR);
  };
  show('link_and_dedupe: best direct left pair', score(false));
  show('link_and_dedupe: direct or inherited through an episode', score(true));
}

/** Per-right resolution cut at a fixed probability: every episode's best left record at or above `cut`. */
function bestAt(right: Int32Array, score: Float64Array, isTrue: Uint8Array, totalTrue: number, nRight: number, cut: number): Best {
  const bestPair = new Int32Array(nRight).fill(-1);
  for (let p = 0; p < score.length; p++) {
    const j = right[p];
    if (score[p] >= cut && (bestPair[j] < 0 || score[p] > score[bestPair[j]])) bestPair[j] = p;
  }
  let links = 0;
  let tp = 0;
  for (const p of bestPair) if (p >= 0) (links++, (tp += isTrue[p]));
  return { f1: (2 * tp) / (links + totalTrue), precision: tp / links, recall: tp / totalTrue, links, cutoff: cut };
}


/**
 * Cross-record evidence with the right file's people known (an oracle): each pair (left i,
 * episode j) scored by the best probability of i with any episode of j's person. What
 * inheriting evidence across episodes could give if the right file's deduplication were
 * perfect.
 */
export function siblingMaxF1(result: LinkResult, prob: Float64Array, rightPerson: Int32Array, leftEntity: string[], rightEntity: string[], totalTrue: number): Best {
  const members = new Map<number, number[]>();
  rightPerson.forEach((c, j) => (members.get(c) ?? members.set(c, []).get(c)!).push(j));
  const best = new Map<number, number>(); // key i * nRight + j
  const nRight = result.population.nRight;
  for (let p = 0; p < result.pairs.count; p++) {
    const i = result.pairs.left[p];
    for (const j of members.get(rightPerson[result.pairs.right[p]])!) {
      const key = i * nRight + j;
      if ((best.get(key) ?? -1) < prob[p]) best.set(key, prob[p]);
    }
  }
  const right = new Int32Array(best.size);
  const score = new Float64Array(best.size);
  const isTrue = new Uint8Array(best.size);
  let n = 0;
  for (const [key, s] of best) {
    const i = Math.floor(key / nRight);
    const j = key - i * nRight;
    right[n] = j;
    score[n] = s;
    isTrue[n] = leftEntity[i] === rightEntity[j] ? 1 : 0;
    n++;
  }
  return bestPerRightF1(right, score, isTrue, totalTrue, nRight);
}

/**
 * Cross-record context of pair (i, j): the match probability of i's best other candidate
 * episode j' (binned), and how j compares with j' (every comparison's level).
 */
export function otherEpisodeKey(result: LinkResult): (p: number) => string {
  const { pairs, comparisons } = result;
  const prob = result.predictions.matchProbability;
  // Best and second-best pair per left row.
  const first = new Int32Array(result.population.nLeft).fill(-1);
  const second = new Int32Array(result.population.nLeft).fill(-1);
  for (let p = 0; p < pairs.count; p++) {
    const i = pairs.left[p];
    if (first[i] < 0 || prob[p] > prob[first[i]]) (second[i] = first[i], first[i] = p);
    else if (second[i] < 0 || prob[p] > prob[second[i]]) second[i] = p;
  }
  const bin = (q: number) => (q < 0.01 ? 0 : q < 0.1 ? 1 : q < 0.5 ? 2 : q < 0.9 ? 3 : q < 0.99 ? 4 : 5);
  return (p: number) => {
    const i = pairs.left[p];
    const o = first[i] === p ? second[i] : first[i];
    if (o < 0) return 'none';
    const a = pairs.right[o];
    const b = pairs.right[p];
    const same = comparisons.map(({ main: { right } }) => (right[a] < 0 || right[b] < 0 ? 'n' : right[a] === right[b] ? '1' : '0')).join('');
    return `${bin(prob[o])}:${same}`;
  };
}

/**
 * The most cross-record evidence could fix, counted with the truth: the model's per-right
 * links at probability 0.5; a missed true pair is fixable when another episode of the same
 * person is linked to the right left record, a false link when its episode's person has
 * another episode (whose fields might speak against the left record).
 */
export function fixableCounts(result: LinkResult, leftEntity: string[], rightEntity: string[], totalTrue: number): string {
  const prob = result.predictions.matchProbability;
  const { pairs } = result;
  const bestPair = new Int32Array(result.population.nRight).fill(-1);
  for (let p = 0; p < pairs.count; p++) {
    const j = pairs.right[p];
    if (prob[p] >= 0.5 && (bestPair[j] < 0 || prob[p] > prob[bestPair[j]])) bestPair[j] = p;
  }
  const episodes = new Map<string, number>();
  rightEntity.forEach((e) => episodes.set(e, (episodes.get(e) ?? 0) + 1));
  const leftOf = new Map<string, number>();
  leftEntity.forEach((e, i) => leftOf.set(e, i));
  const linkedTrue = new Set<string>(); // entities with a correct link
  let tp = 0;
  let fp = 0;
  let fpWithSiblings = 0;
  for (let j = 0; j < bestPair.length; j++) {
    const p = bestPair[j];
    if (p < 0) continue;
    if (leftEntity[pairs.left[p]] === rightEntity[j]) (tp++, linkedTrue.add(rightEntity[j]));
    else {
      fp++;
      if (episodes.get(rightEntity[j])! > 1) fpWithSiblings++;
    }
  }
  let fnFixable = 0;
  for (let j = 0; j < rightEntity.length; j++) {
    const e = rightEntity[j];
    if (!leftOf.has(e)) continue;
    const p = bestPair[j];
    const correct = p >= 0 && leftEntity[pairs.left[p]] === e;
    if (!correct && linkedTrue.has(e)) fnFixable++;
  }
  const fn = totalTrue - tp;
  const bestTp = tp + fnFixable;
  const bestFp = fp - fpWithSiblings;
  const f1 = (2 * bestTp) / (bestTp + bestFp + totalTrue);
  return `${tp} true and ${fp} false links, ${fn} true pairs missed; missed with another episode of the person linked right: ${fnFixable}; false links whose episode's person has other episodes: ${fpWithSiblings}; F1 if every one of them were fixed: ${f1.toFixed(4)}`;
}

/**
 * Initials and sex are not independent (J is 17% of male forenames): a pair agreeing on both
 * weighed with u = the right file's share of that (initials, sex) pair, instead of the
 * initials' share times the sex comparison's u.
 */
export function jointInitialsSex(result: LinkResult): Float64Array {
  const K = result.comparisons.length;
  const ki = result.comparisons.findIndex((c) => c.name === 'initials');
  const ks = result.comparisons.findIndex((c) => c.name === 'sex');
  const ini = result.comparisons[ki].main;
  const sex = result.comparisons[ks].main;
  const ns = sex.dictionary.length;
  const joint = new Map<number, number>();
  for (let j = 0; j < ini.right.length; j++) if (ini.right[j] >= 0 && sex.right[j] >= 0) joint.set(ini.right[j] * ns + sex.right[j], (joint.get(ini.right[j] * ns + sex.right[j]) ?? 0) + 1);
  const total = ini.right.length;
  const iFreq = rightFrequencies(ini);
  const mI = result.model.comparisons[ki].levels[1].m;
  const sexLevel = result.model.comparisons[ks].levels[1];
  const w = Float64Array.from(result.predictions.matchWeight);
  for (let p = 0; p < result.pairs.count; p++) {
    if (result.gamma[p * K + ki] !== 1 || result.gamma[p * K + ks] !== 1) continue;
    const i = result.pairs.left[p];
    const v = ini.left[i];
    const s = sex.left[i];
    const uJoint = Math.max(joint.get(v * ns + s) ?? 0, 1) / total;
    const old = Math.log2(mI / Math.max(iFreq[v], 1 / total)) + Math.log2(sexLevel.m / sexLevel.u);
    w[p] += Math.log2((mI * sexLevel.m) / uJoint) - old;
  }
  return Float64Array.from(w, (x) => 1 / (1 + Math.pow(2, -x)));
}

/**
 * The best use of the right file's people if they were known exactly (an oracle): every
 * (left record, right person) with a candidate pair is described by, per comparison, the best
 * and the worst level over ALL the person's episodes (and the term-frequency bin of the best
 * exact match), and the person's episode count; scored by the share of true pairs among the
 * (left, person) groups of the same description in the other half of the left records (shrunk
 * toward the group's best model probability), and every episode of the person takes its
 * group's score.
 */
export function oraclePersonF1(result: LinkResult, rightPerson: Int32Array, leftEntity: string[], rightEntity: string[], totalTrue: number, crossFit = true): Best {
  const { pairs, comparisons } = result;
  const K = comparisons.length;
  const prob = result.predictions.matchProbability;
  const members = new Map<number, number[]>();
  rightPerson.forEach((c, j) => (members.get(c) ?? members.set(c, []).get(c)!).push(j));
  const nPersons = members.size;
  const groups = new Map<number, number>(); // i * nPersons + person -> best model probability
  for (let p = 0; p < pairs.count; p++) {
    const key = pairs.left[p] * nPersons + rightPerson[pairs.right[p]];
    if ((groups.get(key) ?? -1) < prob[p]) groups.set(key, prob[p]);
  }
  const tfBin = comparisons.map((c, k) => {
    if (!result.model.comparisons[k].termFrequency) return null;
    return Int32Array.from(rightFrequencies(c.main), (f) => (f > 0 ? Math.round(2 * Math.log2(f)) : -99));
  });
  const gl: number[] = [];
  const gr: number[] = [];
  const owner: number[] = [];
  const keys = [...groups.keys()];
  keys.forEach((key, g) => {
    const i = Math.floor(key / nPersons);
    for (const j of members.get(key - i * nPersons)!) (gl.push(i), gr.push(j), owner.push(g));
  });
  const gamma = comparePairs({ left: Int32Array.from(gl), right: Int32Array.from(gr), count: gl.length }, comparisons);
  const best = keys.map(() => new Array<number>(K).fill(255));
  const worst = keys.map(() => new Array<number>(K).fill(-1));
  const size = new Int32Array(keys.length);
  for (let q = 0; q < gl.length; q++) {
    const g = owner[q];
    size[g]++;
    for (let k = 0; k < K; k++) {
      const level = gamma[q * K + k];
      if (level === comparisons[k].nullLevel) continue;
      if (level < best[g][k]) best[g][k] = level;
      if (level > worst[g][k]) worst[g][k] = level;
    }
  }
  const describe = (g: number, i: number) =>
    comparisons
      .map((c, k) => {
        const tf = tfBin[k];
        const exact = c.levels.findIndex((l) => l.isExactOnMain);
        return `${best[g][k]}-${worst[g][k]}${tf && best[g][k] === exact ? `(${tf[c.main.left[i]]})` : ''}`;
      })
      .join('|') + `#${Math.min(size[g], 3)}`;
  const isTrueGroup = keys.map((key) => {
    const i = Math.floor(key / nPersons);
    return leftEntity[i] === rightEntity[members.get(key - i * nPersons)![0]] ? 1 : 0;
  });
  const desc = keys.map((key, g) => describe(g, Math.floor(key / nPersons)));
  const tally = new Map<string, { n: number[]; t: number[] }>();
  keys.forEach((key, g) => {
    const f = crossFit ? Math.floor(key / nPersons) & 1 : 0;
    const s = tally.get(desc[g]) ?? tally.set(desc[g], { n: [0, 0], t: [0, 0] }).get(desc[g])!;
    s.n[f]++;
    s.t[f] += isTrueGroup[g];
  });
  const score = new Float64Array(gl.length);
  const isTrue = new Uint8Array(gl.length);
  for (let q = 0; q < gl.length; q++) {
    const g = owner[q];
    const s = tally.get(desc[g])!;
    const f = crossFit ? 1 - (gl[q] & 1) : 0;
    score[q] = crossFit ? (s.t[f] + SHRINK * groups.get(keys[g])!) / (s.n[f] + SHRINK) : s.t[f] / s.n[f];
    isTrue[q] = leftEntity[gl[q]] === rightEntity[gr[q]] ? 1 : 0;
  }
  return bestPerRightF1(Int32Array.from(gr), score, isTrue, totalTrue, result.population.nRight);
}

/**
 * The value frequencies the comparison levels leave out: for every non-null level other than
 * the term-frequency exact one, the right-file frequency of the left record's value (whole
 * powers of two), and for a level on another value (same postcode area) that value's.
 */
export function valueBinsKey(result: LinkResult): (p: number) => string {
  const { pairs, gamma, comparisons } = result;
  const K = comparisons.length;
  const bins = comparisons.map((c) => {
    const binOf = (v: EncodedValue) => Int32Array.from(rightFrequencies(v), (f) => (f > 0 ? Math.round(Math.log2(f)) : -99));
    const main = binOf(c.main);
    const others = c.settings.levels.map((l) => (l.column && l.column !== c.settings.column ? { value: result.encoded.get(l.column)!, bin: binOf(result.encoded.get(l.column)!) } : null));
    return { main, others };
  });
  return (p: number) => {
    let key = '';
    const i = pairs.left[p];
    for (let k = 0; k < K; k++) {
      const level = gamma[p * K + k];
      const c = comparisons[k];
      if (level === c.nullLevel || c.levels[level].isExactOnMain) continue;
      const other = bins[k].others[level];
      key += other ? `${k}a${other.bin[other.value.left[i]]}` : `${k}v${bins[k].main[c.main.left[i]]}`;
    }
    return key;
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
