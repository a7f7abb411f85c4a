/**
 * The report page: one self-contained HTML file (inline CSS and SVG, no script, nothing fetched)
 * with the headline figures, the study's sections in order with each figure and table rebuilt,
 * what each method hid, and the calibration against the published figures.
 */
import { calibration, whyMissed, worst } from './calibration.ts';
import type { BuiltFigure, NamedRun } from './figures.ts';
import { consistentCell, formatValue, headlineRows, TRUTH_LABEL } from './headlines.ts';
import type { FigureRow } from './rows.ts';
import type { Section } from './study.ts';
import { stageNames } from '../results/estimate.ts';

export interface BuiltSection {
  section: Section;
  figures: BuiltFigure[];
}

export const CSS = `
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #1f6fb4; padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 0.4rem; }
.runs { color: #555; margin: 0 0 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.2rem 0.6rem; text-align: right; vertical-align: top; }
th { background: #f4f6f8; } td.label, th.label { text-align: left; }
.published { color: #6b6b6b; } .recovered { color: #1f6fb4; font-weight: 600; } .truth { color: #b35c00; }
.key span { display: inline-block; margin-right: 1.2rem; } .key b { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: -1px; }
figure { margin: 0; overflow-x: auto; } figure svg { max-width: none; }
.note { color: #555; font-size: 0.85rem; max-width: 60rem; }
.share { font-size: 1.3rem; font-weight: 600; }
nav ol { columns: 2; font-size: 0.9rem; }
details summary { cursor: pointer; color: #1f6fb4; font-size: 0.85rem; }
`;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The study's sections carry their number; the bench's own (what each method hid) only a title. */
function heading(s: Section): string {
  return /^\d/.test(s.number) ? `${esc(s.number)} ${esc(s.title)}` : esc(s.title);
}

function anchor(s: Section): string {
  return `s-${s.number.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function rowsTable(rows: FigureRow[]): string {
  const body = rows
    .map((r) => {
      const ci = r.ci ? ` <small>[${formatValue(r.ci[0], r.unit)}, ${formatValue(r.ci[1], r.unit)}]</small>` : '';
      const gap = r.recovered === null || r.truth === null ? '–' : formatValue(r.recovered - r.truth, r.unit);
      return `<tr><td class="label">${esc(r.panel)}</td><td class="label">${esc(r.category)}</td><td class="published">${formatValue(r.published, r.unit)}</td><td class="recovered">${formatValue(r.recovered, r.unit)}${ci}</td><td class="truth">${formatValue(r.truth, r.unit)}</td><td>${gap}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th class="label">type</th><th class="label">figure</th><th>published</th><th>recovered</th><th>truth</th><th>recovered − truth</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function figureHtml(b: BuiltFigure): string {
  const parts = [`<h3 id="${esc(b.figure.key)}">${esc(b.figure.title)}</h3>`];
  if (b.rows.length === 0) return `${parts[0]}\n<p class="note">This run has none of this figure's estimates (a stage not run).</p>`;
  if (b.chart) parts.push(`<figure class="chart" data-key="${esc(b.figure.key)}">${b.chart.svg}</figure>`);
  if (b.figure.note) parts.push(`<p class="note">${esc(b.figure.note)}</p>`);
  const table = rowsTable(b.rows);
  parts.push(b.chart ? `<details><summary>the figures as a table (spec: ${esc(b.figure.key)}.vl.json, data: ${esc(b.figure.key)}.csv)</summary>${table}</details>` : table);
  return parts.join('\n');
}

function headlinesHtml(runs: NamedRun[]): string {
  const header = runs.map((r) => `<th colspan="4">${esc(r.label)}</th>`).join('');
  const sub = runs.map(() => `<th>published</th><th>recovered</th><th>${TRUTH_LABEL}</th><th>consistent with the published figures</th>`).join('');
  const per = runs.map((r) => headlineRows(r.results));
  const body = per[0]
    .map((h, i) => {
      const cells = per
        .map((rows) => {
          const e = rows[i].estimate;
          const u = e?.unit ?? 'pct';
          return `<td class="published">${formatValue(e?.published, u)}</td><td class="recovered">${formatValue(e?.estimate, u)}</td><td class="truth">${formatValue(e?.truth, u)}</td><td class="label note">${esc(consistentCell(rows[i]))}</td>`;
        })
        .join('');
      return `<tr><td class="label">${esc(h.label)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="headlines"><thead><tr><th></th>${header}</tr><tr><th class="label">headline</th>${sub}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function calibrationHtml(runs: NamedRun[]): string {
  return runs
    .map((run) => {
      const c = calibration(run.results);
      const rows = worst(c)
        .map((r) => `<tr><td class="label">${esc(r.id)}</td><td class="label">${esc(r.group)}</td><td class="published">${formatValue(r.published, r.unit)}</td><td class="recovered">${formatValue(r.recovered, r.unit)}</td><td class="truth">${formatValue(r.truth, r.unit)}</td><td class="label note">${esc(whyMissed(r))}</td></tr>`)
        .join('\n');
      return `<h3>${esc(run.label)}</h3><p><span class="share">${(100 * c.share).toFixed(1)}%</span> of the ${c.total} published figures the bench models are within tolerance (${c.within}): 2 points for percentages, 5% of the published value for counts and days.</p>
<table><thead><tr><th class="label">worst ten: id</th><th class="label">group</th><th>published</th><th>recovered</th><th>truth</th><th class="label">why it misses</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
    })
    .join('\n');
}

/** Which method made the headline figures (linkage, classifier, court matching): runs may differ in them. */
function methodsOf(run: NamedRun): string {
  const ids = ['link.structured.pct', 'nlp.engaged.pct', 'reconviction.pct'];
  const methods = ids.map((id) => run.results.estimates.find((e) => e.id === id && e.group === 'all')?.method).filter((m): m is string => m !== undefined);
  return methods.length ? `; methods: ${methods.map(esc).join(' · ')}` : '';
}

export function reportHtml(runs: NamedRun[], study: BuiltSection[], hidden: BuiltSection[]): string {
  const title = runs.length === 1 ? `Pathways bench report: ${runs[0].label}` : `Pathways bench: ${runs.length} runs compared`;
  const shares = runs.map((r) => `${esc(r.label)}: <span class="share">${(100 * calibration(r.results).share).toFixed(1)}%</span>`).join(' · ');
  const toc = [...study, ...hidden].map((s) => `<li><a href="#${anchor(s.section)}">${heading(s.section)}</a></li>`).join('');
  const sections = (list: BuiltSection[]) =>
    list.map((s) => `<section id="${anchor(s.section)}"><h2>${heading(s.section)}</h2>\n${s.figures.map(figureHtml).join('\n')}</section>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="runs">${runs.map((r) => `${esc(r.label)} (pathways-bench ${esc(r.results.packageVersion)}; stages ${esc(stageNames(r.results).join(', '))}${methodsOf(r)})`).join('<br>')}</p>
<p>The published methods of the Pathways follow-up study (MoJ/OHID, March 2026) run on synthetic records alone. Each figure shows what the method <span class="recovered">recovered</span> from the records, what was <span class="truth">true</span> in the synthetic world, and the study's <span class="published">published</span> figure (counts multiplied by the run's scale).</p>
<p class="key"><span><b style="background:#9a9a9a"></b>published</span><span><b style="background:#1f6fb4"></b>recovered</span><span><b style="background:#e07b00"></b>truth</span></p>
${headlinesHtml(runs)}
<p>Published figures within tolerance: ${shares} (<a href="#calibration">the worst misses and why</a>).</p>
<nav><ol>${toc}<li><a href="#calibration">Calibration against the published figures</a></li></ol></nav>
${sections(study)}
<h2 style="border-color:#b35c00">What the truth shows that each method hid</h2>
${sections(hidden)}
<section id="calibration"><h2>Calibration against the published figures</h2>
${calibrationHtml(runs)}</section>
<p class="note">Each chart's Vega-Lite specification is saved beside this page with its data (KEY.vl.json reads KEY.csv); open one in the Vega editor to change it.</p>
</body></html>
`;
}
