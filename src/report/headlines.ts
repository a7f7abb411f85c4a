/** The figures a reader wants first, published / recovered / truth: the page, report.md and the summary lead with them. */
import type { Estimate, Results } from '../results/estimate.ts';

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

export interface HeadlineRow {
  label: string;
  estimate: Estimate | null;
}

export function headlineRows(results: Results): HeadlineRow[] {
  return HEADLINES.map((h) => ({ label: h.label, estimate: results.estimates.find((e) => e.id === h.id && e.group === h.group) ?? null }));
}

/** A value as the report prints it: counts with separators, others to one decimal (three for ratios). */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'count') return Math.round(value).toLocaleString('en-GB');
  if (unit === 'pct' || unit === 'days') return value.toFixed(1);
  return value.toFixed(3);
}
