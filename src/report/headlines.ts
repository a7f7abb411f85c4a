/** The figures a reader wants first, published / recovered / truth: the page, report.md and the summary lead with them. */
import { estimateKey, type Estimate, type Results } from '../results/estimate.ts';
import { consistentRanges, describeRange, type ConsistentRange } from '../identify/consistent.ts';

export interface Headline {
  label: string;
  id: string;
  group: string;
}

export const HEADLINES: Headline[] = [
  { label: '"Up to": in any treatment (linkage + contact notes), %', id: 'any_treatment.pct', group: 'all' },
  { label: 'Linked to structured treatment, %', id: 'link.structured.pct', group: 'all' },
  { label: 'Engaged in the unlinked sample (contact notes), %', id: 'nlp.engaged.pct', group: 'all' },
  { label: 'Any treatment, corrected for the classifier (bench), %', id: 'any_treatment.corrected.pct', group: 'all' },
  { label: 'Reconvicted within 12 months, ATR, %', id: 'reconviction.pct', group: 'ATR' },
  { label: 'Reconvicted within 12 months, DRR, %', id: 'reconviction.pct', group: 'DRR' },
  // Recovered: estimated from the match probabilities alone (no labels); truth: scored against the people.
  { label: 'Linkage precision, label-free estimate (bench), %', id: 'linkage.precision.expected', group: 'all' },
  { label: 'Linkage recall, label-free estimate (bench), %', id: 'linkage.recall.expected', group: 'all' },
];

/** What the truth column is called wherever a run's truth is shown: one world's, not the world's. */
export const TRUTH_LABEL = 'truth in this scenario';

export interface HeadlineRow {
  label: string;
  estimate: Estimate | null;
  /** The truths consistent with the published figures, where an identify plan ran on this scenario. */
  consistent: ConsistentRange | null;
}

export function headlineRows(results: Results, ranges: Map<string, ConsistentRange> = consistentRanges(results.scenario)): HeadlineRow[] {
  return HEADLINES.map((h) => ({ label: h.label, estimate: results.estimates.find((e) => e.id === h.id && e.group === h.group) ?? null, consistent: ranges.get(estimateKey(h)) ?? null }));
}

/** The consistent range as a headline cell: "55.0–83.0 (90%, 41 of 200 worlds, plan engagement)", or '–'. */
export function consistentCell(row: HeadlineRow): string {
  return row.consistent === null ? '–' : describeRange(row.consistent, (x) => formatValue(x, row.estimate?.unit ?? 'pct'));
}

/** A value as the report prints it: counts with separators, others to one decimal (three for ratios). */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'count') return Math.round(value).toLocaleString('en-GB');
  if (unit === 'pct' || unit === 'days') return value.toFixed(1);
  return value.toFixed(3);
}
