/**
 * The plain-text summary printed after a run: the study's headline figures (those it published
 * for all requirements, ATRs or DRRs) and the bench's quality measures, published / recovered /
 * truth. Everything else, by group too, is in results.json and report.md.
 */
import type { Estimate, Results } from '../src/results/estimate.ts';

const BENCH_HEADLINES = new Set(['linkage.precision', 'linkage.recall', 'linkage.precision.expected', 'linkage.recall.expected', 'nlp.engaged.corrected.pct', 'any_treatment.corrected.pct', 'link.structured.pct.deterministic']);

function isHeadline(e: Estimate): boolean {
  if (e.group.includes('|')) return false;
  return e.published !== null || BENCH_HEADLINES.has(e.id);
}

export function summaryText(results: Results, dir: string, all = false): string {
  const shown = all ? results.estimates : results.estimates.filter(isHeadline);
  const rows = shown.map((e) => {
    const f = (v: number | null) => (v === null ? '–' : e.unit === 'count' ? Math.round(v).toLocaleString('en-GB') : v.toFixed(1));
    return [`${e.id} [${e.group}]`, f(e.published), f(e.estimate), f(e.truth)];
  });
  const header = ['estimate', 'published', 'recovered', 'truth'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rest = results.estimates.length - shown.length;
  return [
    `Run folder: ${dir}`,
    `Scenario ${results.scenario}, seed ${results.seed}, scale ${results.scale}; stages: ${results.stages.join(', ')}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...(rest > 0 ? [`${rest} more estimates (by group too) in ${dir}/results.json and report.md.`, ''] : []),
  ].join('\n');
}
