/**
 * Two runs of different scenarios side by side on the figures that matter for engagement: what
 * the study published, what each run's methods recovered, and each run's truth in its scenario;
 * with each run's share of published figures within tolerance (as `pathways calibrate` gives it).
 * Made for the point in one pair of runs: two worlds that reproduce the same published figures
 * from very different truths.
 *   node --import tsx scripts/scenario-pair.ts RUN_A RUN_B > reports/high-engagement-vs-baseline.md
 */
import { runResults } from '../cli/run-results.ts';
import { calibration } from '../src/report/calibration.ts';
import { formatValue, TRUTH_LABEL } from '../src/report/headlines.ts';
import type { Results } from '../src/results/estimate.ts';

const FIGURES: { label: string; id: string; group: string }[] = [
  { label: 'Engaged in the unlinked sample (notes classifier), all', id: 'nlp.engaged.pct', group: 'all' },
  { label: 'Engaged in the unlinked sample (notes classifier), ATR', id: 'nlp.engaged.pct', group: 'ATR' },
  { label: 'Engaged in the unlinked sample (notes classifier), DRR', id: 'nlp.engaged.pct', group: 'DRR' },
  { label: 'Engaged by the manual review of 324 cases', id: 'manual_review.engaged.pct', group: 'all' },
  { label: '"Up to": in any treatment (linkage + notes)', id: 'any_treatment.pct', group: 'all' },
  { label: 'Linked to structured treatment', id: 'link.structured.pct', group: 'all' },
  { label: 'Classifier sensitivity (manual review as the standard)', id: 'nlp.classifier.sensitivity', group: 'all' },
  { label: 'Classifier specificity (manual review as the standard)', id: 'nlp.classifier.specificity', group: 'all' },
  { label: 'Engaged, corrected for the classifier (Rogan-Gladen)', id: 'nlp.engaged.corrected.pct', group: 'all' },
  { label: 'Reconvicted within 12 months, ATR', id: 'reconviction.pct', group: 'ATR' },
  { label: 'Reconvicted within 12 months, DRR', id: 'reconviction.pct', group: 'DRR' },
];

const [dirA, dirB] = process.argv.slice(2);
if (!dirA || !dirB) {
  process.stderr.write('usage: node --import tsx scripts/scenario-pair.ts RUN_A RUN_B\n');
  process.exit(2);
}
const runs = [runResults(dirA, 'RUN_A'), runResults(dirB, 'RUN_B')];
const find = (r: Results, id: string, group: string) => r.estimates.find((e) => e.id === id && e.group === group);
const cell = (x: number | null | undefined): string => formatValue(x, 'pct');
function gap(e: ReturnType<typeof find>): string {
  if (e?.truth === null || e?.truth === undefined || e.estimate === null) return '–';
  const d = e.estimate - e.truth;
  return `${d >= 0 ? '+' : ''}${d.toFixed(1)}`;
}

const lines = [
  `# ${runs[0].scenario} and ${runs[1].scenario}: the same published figures, different truths`,
  '',
  `Made by \`node --import tsx scripts/scenario-pair.ts\` from two runs, each \`pathways run --scenario scenarios/NAME.yaml --seed ${runs[0].seed} --scale ${runs[0].scale}\` (pathways-bench ${runs[0].packageVersion}). Percentages; "truth" is the ${TRUTH_LABEL}.`,
  '',
  '| scenario | seed | scale | published figures within tolerance (`pathways calibrate`) |',
  '|---|---:|---:|---|',
  ...runs.map((r) => {
    const c = calibration(r);
    return `| ${r.scenario} | ${r.seed} | ${r.scale} | ${(100 * c.share).toFixed(1)}% (${c.within} of ${c.total}) |`;
  }),
  '',
  `| figure | published | ${runs[0].scenario}: recovered | ${runs[0].scenario}: truth | gap | ${runs[1].scenario}: recovered | ${runs[1].scenario}: truth | gap |`,
  '|---|---:|---:|---:|---:|---:|---:|---:|',
];
for (const f of FIGURES) {
  const [a, b] = runs.map((r) => find(r, f.id, f.group));
  const published = a?.published ?? b?.published ?? null;
  lines.push(`| ${f.label} | ${cell(published)} | ${cell(a?.estimate)} | ${cell(a?.truth)} | ${gap(a)} | ${cell(b?.estimate)} | ${cell(b?.truth)} | ${gap(b)} |`);
}
// The published figures within tolerance in one run and not the other: where the two worlds' fits differ.
const [ca, cb] = runs.map(calibration);
const key = (r: { id: string; group: string }): string => `${r.id}\u0000${r.group}`;
const inB = new Map(cb.rows.map((r) => [key(r), r]));
const differ = ca.rows.filter((r) => inB.has(key(r)) && inB.get(key(r))!.within !== r.within);
lines.push('', `Published figures within tolerance in one run only (${differ.length}):`, '');
if (differ.length === 0) lines.push('none.');
for (const r of differ) {
  const b = inB.get(key(r))!;
  const side = (x: typeof r, name: string) => `${name} ${formatValue(x.recovered, x.unit)}${x.within ? ' (within)' : ''}`;
  lines.push(`- ${r.id} (${r.group}), published ${formatValue(r.published, r.unit)}: ${side(r, runs[0].scenario)}, ${side(b, runs[1].scenario)}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
