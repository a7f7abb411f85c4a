/**
 * A sweep's report page (`pathways report --sweep DIR`): the plan (aims, grid, replicates,
 * scale, seeds, common random numbers), then per estimand its bias and interval coverage
 * against each swept knob as Vega-Lite charts with their Monte Carlo SEs, and the summary table
 * beneath each. One self-contained index.html, report.md for terminals and repositories, and
 * each chart's spec beside its CSV; written into a staging folder moved into place at the end.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { stageRunFolder } from '../io/run-folder.ts';
import { estimandView, estimandsOf, levelsOf, type EstimandView } from '../experiments/knob-view.ts';
import type { SweepFolder, SweepSummaryRow } from '../experiments/read.ts';
import type { Datum } from './charts/chart.ts';
import { knobData, knobSpec } from './charts/knob.ts';
import { specToSvg } from './charts/render.ts';
import { CSS } from './html.ts';
import { toCsv } from './write.ts';

export interface SweepChart {
  key: string;
  estimand: string;
  knob: string;
  data: Datum[];
  saved: TopLevelSpec;
  svg: string;
}

export interface SweepSection {
  view: EstimandView;
  charts: SweepChart[];
  rows: SweepSummaryRow[];
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Every estimand's charts, one per knob (none for a sweep without a grid). */
export async function buildSweepSections(folder: SweepFolder, maxGroups = 12): Promise<SweepSection[]> {
  const levels = levelsOf(folder);
  const sections: SweepSection[] = [];
  for (const estimand of estimandsOf(folder)) {
    const view = estimandView(folder, estimand, maxGroups);
    const charts: SweepChart[] = [];
    for (const knob of folder.knobs) {
      const points = view.points.filter((p) => p.knob === knob);
      const data = knobData(points);
      if (data.length === 0) continue;
      const options = { title: `${estimand} against ${knob}`, knob, levels: levels[knob], groups: view.groups, others: [...new Set(points.map((p) => p.others))] };
      const key = `${slug(estimand)}--${slug(knob)}`;
      const svg = await specToSvg(knobSpec({ values: data }, options));
      charts.push({ key, estimand, knob, data, svg, saved: knobSpec({ url: `${key}.csv`, format: { type: 'csv' } }, options) });
    }
    sections.push({ view, charts, rows: folder.summary.filter((r) => r.estimand === estimand && view.groups.includes(r.group)) });
  }
  return sections;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number to 3 significant places at most, '–' when missing. */
export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(digits);
}

const withSe = (v: Record<string, number | null>, m: string, scale = 1): string => {
  const x = v[m];
  if (x === null || x === undefined) return '–';
  const se = v[`${m}_mcse`];
  return `${fmt(x * scale)}${se === null || se === undefined ? '' : ` ± ${fmt(se * scale)}`}`;
};

/** The summary rows as table cells: the knobs, group, n, mean estimate and truth, bias and coverage with MCSEs. */
export function summaryCells(folder: SweepFolder, rows: readonly SweepSummaryRow[]): { header: string[]; cells: string[][] } {
  const header = [...folder.knobs, 'group', 'n', 'mean estimate', 'mean truth', 'bias ± MCSE', 'empirical SE', 'coverage % ± MCSE'];
  const cells = rows.map((r) => [
    ...folder.knobs.map((k) => r.knobs[k]),
    r.group,
    fmt(r.values.n, 0),
    fmt(r.values.mean_estimate),
    fmt(r.values.mean_truth),
    withSe(r.values, 'bias'),
    fmt(r.values.empirical_se),
    (r.values.n_ci ?? 0) > 0 ? withSe(r.values, 'coverage', 100) : '–',
  ]);
  return { header, cells };
}

function planFacts(folder: SweepFolder): [string, string][] {
  const { plan, packageVersion, seeds } = folder.record;
  const crn = plan.common_random_numbers !== false;
  return [
    ['aims', plan.aims],
    ['grid', folder.knobs.length === 0 ? 'none (one point)' : folder.knobs.map((k) => `${k}: ${levelsOf(folder)[k].join(', ')}`).join('; ')],
    ['replicates', `${plan.replicates} per grid point, scale ${plan.scale}`],
    ['seeds', crn ? `common random numbers: replicate r uses seed ${plan.seed} + r at every grid point` : `independent seeds: each grid point its own (${seeds.length} seeds from ${plan.seed})`],
    ['estimands', plan.estimands ? plan.estimands.join(', ') : 'all'],
    ['pathways-bench', packageVersion],
  ];
}

const NOTE =
  'Bias is the mean of estimate minus that replicate’s truth, in the estimand’s unit (percentage points for a percentage); coverage is the share of replicates whose interval holds the truth. Whiskers are ±1.96 Monte Carlo SE; the dashed line is what an unbiased estimate with a calibrated 95% interval would give. An estimand with no truth (a linkage error rate, itself scored against the truth) is drawn as its mean estimate, whiskers ±1.96 SE of that mean.';

export function sweepHtml(folder: SweepFolder, sections: readonly SweepSection[]): string {
  const name = folder.record.plan.name;
  const facts = planFacts(folder)
    .map(([k, v]) => `<tr><th class="label">${esc(k)}</th><td class="label">${esc(v)}</td></tr>`)
    .join('');
  const toc = sections.map((s) => `<li><a href="#${slug(s.view.estimand)}">${esc(s.view.estimand)}</a></li>`).join('');
  const body = sections
    .map((s) => {
      const { header, cells } = summaryCells(folder, s.rows);
      const table = `<table><thead><tr>${header.map((h, i) => `<th${i <= folder.knobs.length ? ' class="label"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${cells
        .map((c) => `<tr>${c.map((v, i) => `<td${i <= folder.knobs.length ? ' class="label"' : ''}>${esc(v)}</td>`).join('')}</tr>`)
        .join('\n')}</tbody></table>`;
      const more = s.view.moreGroups > 0 ? `<p class="note">${s.view.moreGroups} more group(s) of this estimand are in summary.csv.</p>` : '';
      const charts = s.charts.map((c) => `<figure class="chart" data-key="${esc(c.key)}">${c.svg}</figure>`).join('\n');
      return `<section id="${slug(s.view.estimand)}"><h2>${esc(s.view.estimand)}</h2>\n${charts}\n${more}<details><summary>the summary as a table</summary>${table}</details></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pathways bench sweep: ${esc(name)}</title><style>${CSS}</style></head>
<body>
<h1>Pathways bench sweep: ${esc(name)}</h1>
<table>${facts}</table>
<p class="note">${esc(NOTE)}</p>
<nav><ol>${toc}</ol></nav>
${body}
<p class="note">Each chart's Vega-Lite specification is saved beside this page with its data (KEY.vl.json reads KEY.csv).</p>
</body></html>
`;
}

export function sweepMarkdown(folder: SweepFolder, sections: readonly SweepSection[]): string {
  const lines = [`# Pathways bench sweep: ${folder.record.plan.name}`, ''];
  for (const [k, v] of planFacts(folder)) lines.push(`- ${k}: ${v}`);
  lines.push('', NOTE, '');
  for (const s of sections) {
    lines.push(`## ${s.view.estimand}`, '');
    const { header, cells } = summaryCells(folder, s.rows);
    lines.push(`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i <= folder.knobs.length ? '---' : '---:')).join('|')}|`);
    for (const c of cells) lines.push(`| ${c.map((v) => v.replace(/\|/g, '\\|')).join(' | ')} |`);
    if (s.view.moreGroups > 0) lines.push('', `${s.view.moreGroups} more group(s) in summary.csv.`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** Writes the sweep's report folder at `target` (index.html, report.md, KEY.vl.json and KEY.csv per chart). */
export async function writeSweepReport(folder: SweepFolder, target: string, options: { force?: boolean } = {}): Promise<string> {
  const sections = await buildSweepSections(folder);
  const staging = stageRunFolder(target, options);
  try {
    for (const c of sections.flatMap((s) => s.charts)) {
      writeFileSync(join(staging.dir, `${c.key}.csv`), toCsv(c.data));
      writeFileSync(join(staging.dir, `${c.key}.vl.json`), `${JSON.stringify(c.saved, null, 2)}\n`);
    }
    writeFileSync(join(staging.dir, 'index.html'), sweepHtml(folder, sections));
    writeFileSync(join(staging.dir, 'report.md'), sweepMarkdown(folder, sections));
    staging.commit();
    return staging.target;
  } catch (error) {
    staging.abandon();
    throw error;
  }
}
