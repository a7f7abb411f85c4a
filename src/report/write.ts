/**
 * Writes a report folder: index.html (the page), report.md (for terminals), and each chart's
 * Vega-Lite spec beside its CSV. Everything is written into a staging folder renamed into place
 * at the end, replacing the report before it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageRunFolder } from '../io/run-folder.ts';
import type { Results } from '../results/estimate.ts';
import type { Datum } from './charts/chart.ts';
import { calibrationLines } from './calibration-text.ts';
import { buildFigure, runLabel, type NamedRun } from './figures.ts';
import { headlineRows } from './headlines.ts';
import { reportHtml, type BuiltSection } from './html.ts';
import { headlinedMarkdownReport } from './markdown.ts';
import { METHOD_SECTIONS, STUDY_SECTIONS, type Section } from './study.ts';

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(data: Datum[]): string {
  const columns = [...new Set(data.flatMap((d) => Object.keys(d)))];
  return `${[columns.join(','), ...data.map((d) => columns.map((c) => csvCell(d[c] ?? null)).join(','))].join('\n')}\n`;
}

async function buildSections(runs: NamedRun[], sections: Section[]): Promise<BuiltSection[]> {
  const out: BuiltSection[] = [];
  for (const section of sections) {
    const figures = [];
    for (const figure of section.figures) figures.push(await buildFigure(runs, figure));
    out.push({ section, figures });
  }
  return out;
}

/** Build the page for one or more runs into `target` (a folder, replaced). */
export async function writeReportFolder(target: string, runs: NamedRun[], options: { force?: boolean } = { force: true }): Promise<string> {
  const staging = stageRunFolder(target, options);
  try {
    const study = await buildSections(runs, STUDY_SECTIONS);
    const hidden = await buildSections(runs, METHOD_SECTIONS);
    for (const b of [...study, ...hidden].flatMap((s) => s.figures)) {
      if (!b.chart) continue;
      writeFileSync(join(staging.dir, `${b.figure.key}.csv`), toCsv(b.chart.data));
      writeFileSync(join(staging.dir, `${b.figure.key}.vl.json`), `${JSON.stringify(b.chart.saved, null, 2)}\n`);
    }
    writeFileSync(join(staging.dir, 'index.html'), reportHtml(runs, study, hidden));
    const md = runs.map((r) => headlinedMarkdownReport(r.results, headlineRows(r.results), calibrationLines(r.results))).join('\n');
    writeFileSync(join(staging.dir, 'report.md'), md);
    staging.commit();
    return staging.target;
  } catch (error) {
    staging.abandon();
    throw error;
  }
}

/** A run's own report: DIR/report/. */
export function writeRunReport(runDir: string, results: Results): Promise<string> {
  return writeReportFolder(join(runDir, 'report'), [{ label: runLabel(results), results }]);
}
