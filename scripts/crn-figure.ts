/**
 * The README's common random numbers figure, from one plan swept with and without them:
 *   node --import tsx scripts/crn-figure.ts SWEEP_WITH_CRN SWEEP_WITH_INDEPENDENT_SEEDS OUT_DIR
 * writes OUT_DIR/crn-mcse.csv, crn-mcse.vl.json (the Vega-Lite spec) and crn-mcse.svg, and
 * prints the table as markdown. scripts/sweeps.sh crn runs both sweeps and this.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crnComparison, crnSpec } from '../src/experiments/crn-figure.ts';
import { readSweepFolder } from '../src/experiments/read.ts';
import { specToSvg } from '../src/report/charts/render.ts';
import { toCsv } from '../src/report/write.ts';

const [withDir, withoutDir, out] = process.argv.slice(2);
if (!withDir || !withoutDir || !out) {
  process.stderr.write('usage: node --import tsx scripts/crn-figure.ts SWEEP_WITH_CRN SWEEP_WITH_INDEPENDENT_SEEDS OUT_DIR\n');
  process.exit(2);
}
const data = crnComparison(readSweepFolder(withDir, 'with'), readSweepFolder(withoutDir, 'without'));
mkdirSync(out, { recursive: true });
const spec = crnSpec(data);
writeFileSync(join(out, 'crn-mcse.csv'), toCsv(data));
writeFileSync(join(out, 'crn-mcse.vl.json'), `${JSON.stringify(spec, null, 2)}\n`);
writeFileSync(join(out, 'crn-mcse.svg'), await specToSvg(spec));
const fmt = (x: unknown, d: number): string => (typeof x === 'number' ? x.toFixed(d) : '');
const rows = new Map<string, Record<string, unknown>>();
for (const d of data) {
  const key = `${d.contrast}\u0000${d.estimand}`;
  rows.set(key, { ...(rows.get(key) ?? { contrast: d.contrast, estimand: d.estimand }), [String(d.series)]: d.mcse, [`${d.series} difference`]: d.difference, n: d.n });
}
const lines = ['| contrast | estimand | difference (CRN) | MCSE with CRN | MCSE independent | ratio |', '|---|---|---:|---:|---:|---:|'];
for (const r of rows.values()) {
  const a = r['common random numbers'] as number | undefined;
  const b = r['independent seeds'] as number | undefined;
  lines.push(`| ${r.contrast} | ${r.estimand} | ${fmt(r['common random numbers difference'], 2)} | ${fmt(a, 3)} | ${fmt(b, 3)} | ${a && b ? (b / a).toFixed(1) : ''} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
