/** Calibration as plain lines, for the terminal (`calibrate`, the run summary) and report.md. */
import { formatValue } from './headlines.ts';
import { calibration, whyMissed, worst, type Calibration } from './calibration.ts';
import type { Results } from '../results/estimate.ts';

export function shareLine(c: Calibration): string {
  return `Published figures within tolerance: ${(100 * c.share).toFixed(1)}% (${c.within} of ${c.total}; 2 points for percentages, 5% for counts and days)`;
}

export function calibrationLines(results: Results, n = 10): string[] {
  const c = calibration(results);
  const misses = worst(c, n);
  return [
    shareLine(c),
    '',
    `Worst ${misses.length} (gap = recovered - published):`,
    '',
    '| id | group | published | recovered | truth | gap | why it misses |',
    '|---|---|---:|---:|---:|---:|---|',
    ...misses.map((r) => `| ${r.id} | ${r.group.replace(/\|/g, '\\|')} | ${formatValue(r.published, r.unit)} | ${formatValue(r.recovered, r.unit)} | ${formatValue(r.truth, r.unit)} | ${r.gap === null ? '–' : formatValue(r.gap, r.unit)} | ${whyMissed(r)} |`),
  ];
}
