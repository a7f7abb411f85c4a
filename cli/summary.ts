/**
 * The plain-text summaries: after a stage (`link`, `notes`), the study's figures it published
 * for all requirements, ATRs or DRRs and the bench's quality measures, published / recovered /
 * truth; after a whole run, the headline figures and the calibration share first. Everything
 * else, by group too, is in results.json and report.md.
 */
import { join } from 'node:path';
import { stageNames, type Estimate, type Results } from '../src/results/estimate.ts';
import { calibration } from '../src/report/calibration.ts';
import { shareLine } from '../src/report/calibration-text.ts';
import { consistentCell, formatValue, headlineRows, TRUTH_LABEL } from '../src/report/headlines.ts';

const BENCH_HEADLINES = new Set(['linkage.precision', 'linkage.recall', 'linkage.precision.expected', 'linkage.recall.expected', 'nlp.engaged.corrected.pct', 'any_treatment.corrected.pct', 'link.structured.pct.deterministic']);

function isHeadline(e: Estimate): boolean {
  if (e.group.includes('|')) return false;
  return e.published !== null || BENCH_HEADLINES.has(e.id);
}

export function summaryText(results: Results, dir: string, all = false): string {
  return [
    `Run folder: ${dir}`,
    `Scenario ${results.scenario}, seed ${results.seed}, scale ${results.scale}; stages: ${stageNames(results).join(', ')}`,
    '',
    ...estimateLines(results, dir, all),
  ].join('\n');
}

/** The study's figures by id, published / recovered / truth, and where the rest are. */
function estimateLines(results: Results, dir: string, all: boolean): string[] {
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
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...(rest > 0 ? [`${rest} more estimates (by group too) in ${dir}/results.json and report.md.`, ''] : []),
  ];
}

/**
 * After a whole run (`run`, `npm start`): the headline figures and the share of published
 * figures within tolerance first, where the report is, then the study's figures by id.
 */
export function runSummaryText(results: Results, dir: string): string {
  const rows = headlineRows(results).map((h) => {
    const e = h.estimate;
    return [h.label, formatValue(e?.published, e?.unit ?? 'pct'), formatValue(e?.estimate, e?.unit ?? 'pct'), formatValue(e?.truth, e?.unit ?? 'pct'), consistentCell(h)];
  });
  const header = ['headline', 'published', 'recovered', TRUTH_LABEL, 'consistent with the published figures'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // Labels and the consistent range (words) read from the left; the numbers line up on the right.
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === header.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const c = calibration(results);
  return [
    `Run folder: ${dir}`,
    `Scenario ${results.scenario}, seed ${results.seed}, scale ${results.scale}; stages: ${stageNames(results).join(', ')}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    shareLine(c),
    `Report: ${join(dir, 'report', 'index.html')} (worst misses: npx pathways calibrate --run ${dir})`,
    '',
    ...estimateLines(results, dir, false),
  ].join('\n');
}
