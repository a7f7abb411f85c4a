/**
 * An identify run's report page (`pathways report --identify DIR`): the plan's facts, the
 * summary table (each knob's and each truth's interval among the accepted worlds beside all
 * draws'), a posterior histogram per knob and per truth (accepted over all draws), and the
 * method's error per figure across the accepted worlds, with which of the study's conclusions
 * hold in every consistent world. One self-contained index.html, report.md, and each chart's
 * spec beside its CSV; written into a staging folder moved into place at the end.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { stageRunFolder } from '../io/run-folder.ts';
import type { IdentifyFolder } from '../identify/read.ts';
import type { Datum } from './charts/chart.ts';
import { errorsData, errorsSpec, histogramData, histogramSpec } from './charts/posterior.ts';
import { specToSvg } from './charts/render.ts';
import { CSS } from './html.ts';
import { formatNumber as fmt, identifyView, intervalText, rangeText, type IdentifyView } from './identify-view.ts';
import { toCsv } from './write.ts';

export interface IdentifyChart {
  key: string;
  title: string;
  data: Datum[];
  saved: TopLevelSpec;
  svg: string;
}

export interface IdentifyPage {
  view: IdentifyView;
  histograms: IdentifyChart[];
  errors: IdentifyChart | null;
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export async function buildIdentifyPage(folder: IdentifyFolder): Promise<IdentifyPage> {
  const view = identifyView(folder);
  const histograms: IdentifyChart[] = [];
  for (const p of view.posterior) {
    const key = `posterior-${slug(p.label)}`;
    const data = histogramData(p);
    const svg = await specToSvg(histogramSpec({ values: data }, p, view.level));
    histograms.push({ key, title: p.label, data, svg, saved: histogramSpec({ url: `${key}.csv`, format: { type: 'csv' } }, p, view.level) });
  }
  const data = errorsData(view.errors);
  let errors: IdentifyChart | null = null;
  if (data.length > 0) {
    const figures = data.map((d) => String(d.figure));
    errors = { key: 'method-error', title: 'method error', data, svg: await specToSvg(errorsSpec({ values: data }, figures, view.level)), saved: errorsSpec({ url: 'method-error.csv', format: { type: 'csv' } }, figures, view.level) };
  }
  return { view, histograms, errors };
}

/** The summary table: per knob and truth, the published figure, the interval and median among the accepted worlds, all draws'. */
export function posteriorCells(view: IdentifyView): { header: string[]; cells: string[][] } {
  const pct = `${Math.round(view.level * 100)}%`;
  return {
    header: ['quantity', 'prior', 'published', `consistent (${pct} of accepted)`, 'median', 'accepted range', `all draws (${pct})`],
    cells: view.posterior.map((p) => [
      p.label,
      p.priorLow === null ? '' : p.priorLow < 0 ? `${p.priorLow} to ${p.priorHigh}` : `${p.priorLow}–${p.priorHigh}`,
      p.published === null ? '' : fmt(p.published),
      intervalText(p.accepted, p.digits),
      p.accepted.n === 0 ? '–' : fmt(p.accepted.median, p.digits),
      rangeText(p.accepted, p.digits),
      intervalText(p.all, p.digits),
    ]),
  };
}

/** The error table: per figure, what the method recovered and its error across the accepted worlds. */
export function errorCells(view: IdentifyView): { header: string[]; cells: string[][] } {
  const pct = `${Math.round(view.level * 100)}%`;
  return {
    header: ['figure', 'published', 'recovered (accepted range)', 'error median', `error ${pct}`, 'error range', 'in every consistent world'],
    cells: view.errors.map((e) => [e.label, e.published === null ? '' : fmt(e.published), rangeText(e.recovered, 1), fmt(e.error.median), intervalText(e.error, 1), rangeText(e.error, 1), e.holds]),
  };
}

const NOTE =
  'Rejection ABC: each draw lays knobs drawn uniformly from the plan’s priors over the scenario, makes a small world, runs the methods on its records and is accepted when its recovered figures match the published ones. The accepted draws’ truths are what the published figures allow. Small worlds: each figure carries the sampling noise of its world, so the tolerances take in that noise as well as the study’s rounding, and the intervals are of truths in worlds of this scale.';

function table(header: string[], cells: string[][], labels: number): string {
  const cls = (i: number) => (i < labels || i === header.length - 1 ? ' class="label"' : '');
  return `<table><thead><tr>${header.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${cells.map((c) => `<tr>${c.map((v, i) => `<td${cls(i)}>${esc(v)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

export function identifyHtml(page: IdentifyPage): string {
  const { view } = page;
  const facts = view.facts.map(([k, v]) => `<tr><th class="label">${esc(k)}</th><td class="label">${esc(v)}</td></tr>`).join('');
  const post = posteriorCells(view);
  const errs = errorCells(view);
  const caution = view.caution ? `<p class="note"><b>${esc(view.caution)}</b></p>` : '';
  const histograms = page.histograms.map((c) => `<figure class="chart" data-key="${esc(c.key)}">${c.svg}</figure>`).join('\n');
  const errorsChart = page.errors ? `<figure class="chart" data-key="${esc(page.errors.key)}">${page.errors.svg}</figure>` : '';
  const errorsBody = view.errors.length === 0 ? '<p class="note">No figure has a truth in the accepted worlds: no method error to show.</p>' : `${errorsChart}\n${table(errs.header, errs.cells, 1)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pathways bench identify: ${esc(view.name)}</title><style>${CSS}
.histograms figure { display: inline-block; vertical-align: top; margin: 0 1rem 1rem 0; }</style></head>
<body>
<h1>Pathways bench identify: ${esc(view.name)}</h1>
<table>${facts}</table>
<p class="note">${esc(NOTE)}</p>
<nav><ol><li><a href="#consistent">Which truths are consistent with the published figures</a></li><li><a href="#posterior">Posterior histograms</a></li><li><a href="#errors">Method error across the consistent worlds</a></li></ol></nav>
<section id="consistent"><h2>Which truths are consistent with the published figures</h2>
${caution}
${table(post.header, post.cells, 1)}
</section>
<section id="posterior"><h2>Posterior histograms</h2>
<p class="note">Grey: every draw (the prior as drawn; a truth's spread over the prior's worlds). Blue: the accepted draws, on the same bins. Shaded: the accepted draws' ${Math.round(view.level * 100)}% interval. Dashed: the published figure, on the axis of the truth behind it.</p>
<div class="histograms">
${histograms}
</div>
</section>
<section id="errors"><h2>Method error across the consistent worlds</h2>
<p class="note">Recovered minus truth in each accepted world. A sign that holds in every consistent world is a conclusion about the method that the published figures support whatever the unknowns; one that changes sign depends on them.</p>
${errorsBody}
</section>
<p class="note">Each chart's Vega-Lite specification is saved beside this page with its data (KEY.vl.json reads KEY.csv).</p>
</body></html>
`;
}

export function identifyMarkdown(view: IdentifyView): string {
  const lines = [`# Pathways bench identify: ${view.name}`, ''];
  for (const [k, v] of view.facts) lines.push(`- ${k}: ${v}`);
  lines.push('', NOTE, '', '## Which truths are consistent with the published figures', '');
  if (view.caution) lines.push(view.caution, '');
  const md = (header: string[], cells: string[][]) => [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 || i === header.length - 1 ? '---' : '---:')).join('|')}|`, ...cells.map((c) => `| ${c.map((v) => v.replace(/\|/g, '\\|')).join(' | ')} |`)];
  const post = posteriorCells(view);
  lines.push(...md(post.header, post.cells), '');
  if (view.errors.length > 0) {
    const errs = errorCells(view);
    lines.push('## Method error across the consistent worlds', '', ...md(errs.header, errs.cells), '');
  }
  return lines.join('\n');
}

/** Writes the identify run's report folder at `target` (index.html, report.md, KEY.vl.json and KEY.csv per chart). */
export async function writeIdentifyReport(folder: IdentifyFolder, target: string, options: { force?: boolean } = {}): Promise<string> {
  const page = await buildIdentifyPage(folder);
  const staging = stageRunFolder(target, options);
  try {
    for (const c of [...page.histograms, ...(page.errors ? [page.errors] : [])]) {
      writeFileSync(join(staging.dir, `${c.key}.csv`), toCsv(c.data));
      writeFileSync(join(staging.dir, `${c.key}.vl.json`), `${JSON.stringify(c.saved, null, 2)}\n`);
    }
    writeFileSync(join(staging.dir, 'index.html'), identifyHtml(page));
    writeFileSync(join(staging.dir, 'report.md'), identifyMarkdown(page.view));
    staging.commit();
    return staging.target;
  } catch (error) {
    staging.abandon();
    throw error;
  }
}
