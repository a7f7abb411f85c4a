/**
 * The report folder a run writes: every figure the run has estimates for is drawn (an SVG with
 * marks), its spec is saved beside its CSV and reads it, the CSV holds the run's own numbers,
 * the page fetches nothing, and report.md leads with the headlines then keeps the full table.
 * Also the `report` and `calibrate` commands.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { readResults } from '../../src/results/assemble.ts';
import type { Results } from '../../src/results/estimate.ts';
import { markdownReport } from '../../src/report/markdown.ts';
import { calibration } from '../../src/report/calibration.ts';
import { figureRows } from '../../src/report/rows.ts';
import { METHOD_SECTIONS, STUDY_SECTIONS } from '../../src/report/study.ts';
import { cli } from '../helpers.ts';
import { smallFullRun } from './small-run.ts';

let parent: string;
let dir: string;
let results: Results;
let html: string;
const figures = [...STUDY_SECTIONS, ...METHOD_SECTIONS].flatMap((s) => s.figures);

beforeAll(async () => {
  ({ parent, dir } = await smallFullRun('page'));
  results = readResults(dir) as Results;
  html = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
});

afterAll(() => rmSync(parent, { recursive: true, force: true }));

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const columns = head.split(',');
  // The report's CSVs quote only labels with commas (a region's name): split outside quotes.
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')) ?? [];
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

describe('a run\'s report folder', () => {
  it('draws every figure the run has estimates for, each an SVG with marks, with its spec and CSV beside it', () => {
    const charted = figures.filter((f) => f.chart !== 'table' && figureRows(results, f).length > 0);
    expect(charted.length).toBeGreaterThan(20);
    for (const f of charted) {
      const at = html.indexOf(`<figure class="chart" data-key="${f.key}">`);
      expect(at, f.key).toBeGreaterThan(0);
      const svg = html.slice(at, html.indexOf('</figure>', at));
      expect(svg, f.key).toMatch(/<svg[^>]*>/);
      expect(svg, f.key).toMatch(/class="mark-(rect|symbol|rule) role-mark[^"]*"[^>]*>\s*<(path|line)/);
      expect(existsSync(join(dir, 'report', `${f.key}.csv`)), f.key).toBe(true);
      const spec = JSON.parse(readFileSync(join(dir, 'report', `${f.key}.vl.json`), 'utf8'));
      expect(spec.data).toEqual({ url: `${f.key}.csv`, format: { type: 'csv' } });
      expect(() => compile(spec)).not.toThrow();
    }
    const specs = readdirSync(join(dir, 'report')).filter((f) => f.endsWith('.vl.json'));
    expect(specs.length).toBe(charted.length);
    expect((html.match(/<figure class="chart"/g) ?? []).length).toBe(charted.length);
  });

  it('puts the run\'s own published, recovered and truth in each CSV', () => {
    const csv = parseCsv(readFileSync(join(dir, 'report', 'fig06-07-linked-by-region.csv'), 'utf8'));
    const e = results.estimates.find((x) => x.id === 'link.structured.pct.region' && x.group === 'ATR|region=Greater London');
    expect(e).toBeDefined();
    const of = (series: string) => csv.find((r) => r.panel === 'ATR' && r.category === 'Greater London' && r.series === series)?.value;
    expect(Number(of('recovered'))).toBe(e?.estimate);
    expect(Number(of('truth'))).toBe(e?.truth);
    expect(Number(of('published'))).toBe(e?.published);
    const odds = parseCsv(readFileSync(join(dir, 'report', 'sec3-1-odds-linked.csv'), 'utf8'));
    const or = results.estimates.find((x) => x.id === 'regression.linked.odds_ratio' && x.group === 'ATR|term=female');
    const row = odds.find((r) => r.panel === 'ATR' && r.term === 'female');
    expect(Number(row?.recovered)).toBe(or?.estimate);
    expect(Number(row?.ci_low)).toBe(or?.ci?.[0]);
    expect(Number(row?.truth)).toBe(or?.truth);
  });

  it('scores the classifier by note kind against each note\'s true label', () => {
    const rows = results.estimates.filter((e) => e.id === 'nlp.note_errors.engaged.pct');
    expect(rows.map((e) => e.group)).toContain('all|kind=plan');
    for (const e of rows) {
      // Only notes of the engagement kind are truly engaged (the generator's labels).
      expect(e.truth, e.group).toBe(e.group === 'all|kind=engagement' ? 100 : 0);
      expect(e.estimate).toBeGreaterThanOrEqual(0);
      expect(e.estimate).toBeLessThanOrEqual(100);
    }
    // The study's stand-in classifier reads plans as engagement; the full context rules do not.
    const plan = (id: string) => results.estimates.find((e) => e.id === id && e.group === 'all|kind=plan')?.estimate as number;
    expect(plan('nlp.note_errors.engaged.pct')).toBeGreaterThan(plan('nlp.note_errors.engaged.pct.rules') + 20);
    expect(html).toContain('data-key="hidden-notes-errors-by-note-kind"');
  });

  it('fetches nothing: no script, stylesheet link, image or external reference', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain('<style>');
  });

  it('gives the study\'s sections in its order', () => {
    const at = STUDY_SECTIONS.map((s) => html.indexOf(`<h2>${s.number} `));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('leads report.md with the headline figures and the share, then keeps every estimate as in report.md', () => {
    const md = readFileSync(join(dir, 'report', 'report.md'), 'utf8');
    expect(md.indexOf('| headline |')).toBeLessThan(md.indexOf('| id | group |'));
    const c = calibration(results);
    expect(md).toContain(`${(100 * c.share).toFixed(1)}% (${c.within} of ${c.total}`);
    expect(md.endsWith(markdownReport(results))).toBe(true);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe(markdownReport(results));
  });

  it('writes the same page again from the same results', () => {
    const r = cli(['report', '--run', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'report', 'index.html'), 'utf8')).toBe(html);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

describe('calibrate', () => {
  it('prints the share within tolerance and exits 1 below --min-share, 0 at or above', () => {
    const c = calibration(results);
    const low = cli(['calibrate', '--run', dir, '--min-share', '0']);
    expect(low.status, low.stderr).toBe(0);
    expect(low.stdout).toContain(`${(100 * c.share).toFixed(1)}% (${c.within} of ${c.total}`);
    expect(low.stdout).toMatch(/Worst 10/);
    const high = cli(['calibrate', '--run', dir, '--min-share', String(Math.min(1, c.share + 0.01))]);
    expect(high.status).toBe(1);
    expect(high.stdout).toContain('FAIL');
  });

  it('refuses bad input with one line and exit 2', () => {
    for (const args of [['--run', dir, '--min-share', '1.5'], ['--run', dir, '--min-share', 'x'], ['--run', join(parent, 'none')], ['--run', parent]]) {
      const r = cli(['calibrate', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('report --compare', () => {
  it('puts two runs side by side, each named by scenario, seed and scale, and will not overwrite --out', () => {
    const out = join(parent, 'compared');
    const r = cli(['report', '--compare', dir, dir, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toContain('2 runs compared');
    expect(page).toContain(`run-42: baseline, seed 42, scale 0.02`);
    expect(page).toContain('ATR · run-42: baseline, seed 42, scale 0.02');
    const again = cli(['report', '--compare', dir, dir, '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const one = cli(['report', '--compare', dir, '--out', join(parent, 'one')]);
    expect(one.status).toBe(2);
    expect(existsSync(join(parent, 'one'))).toBe(false);
  });
});
