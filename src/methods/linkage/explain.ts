/**
 * Why a left record linked (or did not): its candidate right records, each with a waterfall
 * of the prior, then every comparison's level and partial weight, then the total weight and
 * probability.
 */
import type { LinkResult } from './index.ts';
import { rawText } from './encode.ts';
import { partialWeight, probabilityFromWeight, weightTables } from './predict.ts';
import { getColumn } from '../../io/table.ts';

export interface WaterfallStep {
  /** 'prior', a comparison name, or 'total'. */
  label: string;
  /** The level name for a comparison step. */
  level?: string;
  /** The left and right derived values the comparison saw. */
  leftValue?: string | null;
  rightValue?: string | null;
  weight: number;
  cumulative: number;
}

export interface Explanation {
  rightRow: number;
  rightId: string;
  /** Index of the blocking rule that produced the pair. */
  rule: number;
  steps: WaterfallStep[];
  matchWeight: number;
  matchProbability: number;
  aboveThreshold: boolean;
}

/** Candidates of one left row, best first (at most `limit`). */
export function explainLeft(result: LinkResult, leftRow: number, limit = 10): Explanation[] {
  const { pairs, comparisons, gamma, model, predictions } = result;
  const tables = weightTables(model, comparisons);
  const K = comparisons.length;
  const rightIds = getColumn(result.right, result.settings.ids.right);
  const candidates: number[] = [];
  for (let p = 0; p < pairs.count; p++) if (pairs.left[p] === leftRow) candidates.push(p);
  candidates.sort((a, b) => predictions.matchWeight[b] - predictions.matchWeight[a]);
  return candidates.slice(0, limit).map((p) => {
    const rightRow = pairs.right[p];
    let cumulative = tables.prior;
    const steps: WaterfallStep[] = [{ label: 'prior', weight: tables.prior, cumulative }];
    for (let k = 0; k < K; k++) {
      const c = comparisons[k];
      const weight = partialWeight(tables, comparisons, gamma, p, k, leftRow);
      cumulative += weight;
      const l = c.main.left[leftRow];
      const r = c.main.right[rightRow];
      steps.push({
        label: c.name,
        level: c.levels[gamma[p * K + k]].name,
        leftValue: l < 0 ? null : c.main.dictionary[l],
        rightValue: r < 0 ? null : c.main.dictionary[r],
        weight,
        cumulative,
      });
    }
    steps.push({ label: 'total', weight: cumulative, cumulative });
    return {
      rightRow,
      rightId: rawText(rightIds, rightRow) ?? '',
      rule: pairs.rule[p],
      steps,
      matchWeight: predictions.matchWeight[p],
      matchProbability: probabilityFromWeight(cumulative),
      aboveThreshold: predictions.matchWeight[p] >= result.threshold,
    };
  });
}

/** A plain-text waterfall, one line per step, for the CLI. */
export function formatExplanation(e: Explanation): string {
  const lines = [`right ${e.rightId} (blocking rule ${e.rule})`];
  for (const s of e.steps) {
    const values = s.level !== undefined ? `  ${s.level}  [${s.leftValue ?? '∅'} | ${s.rightValue ?? '∅'}]` : '';
    const signed = `${s.weight >= 0 ? '+' : ''}${s.weight.toFixed(2)}`;
    lines.push(`  ${s.label.padEnd(18)} ${signed.padStart(8)}  = ${s.cumulative.toFixed(2).padStart(7)}${values}`);
  }
  lines.push(`  match probability ${e.matchProbability.toFixed(4)}${e.aboveThreshold ? ' (linked)' : ''}`);
  return lines.join('\n');
}
