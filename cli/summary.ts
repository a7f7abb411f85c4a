/** The plain-text summary printed after a run: headline figures, published / estimate / truth. */
import type { Results } from '../src/results/estimate.ts';

export function summaryText(results: Results, dir: string): string {
  const rows = results.estimates.map((e) => {
    const f = (v: number | null) => (v === null ? '–' : e.unit === 'count' ? Math.round(v).toLocaleString('en-GB') : v.toFixed(1));
    return [`${e.id} [${e.group}]`, f(e.published), f(e.estimate), f(e.truth)];
  });
  const header = ['estimate', 'published', 'recovered', 'truth'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [
    `Run folder: ${dir}`,
    `Scenario ${results.scenario}, seed ${results.seed}, scale ${results.scale}; stages: ${results.stages.join(', ')}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n');
}
