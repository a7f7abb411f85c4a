/**
 * The identify page (`report --identify DIR`, issue 20 item 3): built from an identify folder
 * written by the real writer, it shows the summary table that posterior.csv holds, a histogram
 * per knob and per truth (accepted over all draws, on shared bins), and the method error per
 * figure; the folder reads back to the draws written; a folder that is not an identify run is
 * refused in one line, exit 2, nothing written.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accepted, figureKey } from '../../src/identify/abc.ts';
import { readIdentifyFolder } from '../../src/identify/read.ts';
import { posterior } from '../../src/identify/write.ts';
import { identifyView, histogram } from '../../src/report/identify-view.ts';
import { errorCells, posteriorCells, writeIdentifyReport } from '../../src/report/identify.ts';
import { readCsv } from '../../src/io/csv-read.ts';
import { ROOT, cli, tempDir } from '../helpers.ts';
import { writeFixtureIdentify } from '../identify/identify-fixture.ts';

describe('an identify folder read back', () => {
  it('gives the draws written, their acceptance, and a posterior equal to the one written', async () => {
    const { dir, draws, record } = await writeFixtureIdentify(tempDir('identify-read'), 40);
    const folder = readIdentifyFolder(dir);
    expect(folder.draws.map((d) => d.draw)).toEqual(draws.map((d) => d.draw));
    for (const [i, d] of draws.entries()) {
      expect(folder.draws[i].knobs).toEqual(d.knobs);
      expect(folder.draws[i].distance).toBe(d.distance);
      for (const key of Object.keys(d.values)) expect(folder.draws[i].values[key]).toEqual(d.values[key]);
    }
    expect(folder.keep).toEqual(accepted(draws, record.plan.accept));
    // Some draws in, some out: the fixture is a real test of the rule.
    expect(folder.keep.filter(Boolean).length).toBeGreaterThan(5);
    expect(folder.keep.filter((k) => !k).length).toBeGreaterThan(5);
    expect(posterior(folder.record, folder.draws, folder.keep)).toEqual(posterior(record, draws, accepted(draws, record.plan.accept)));
  });
});

describe('posterior histograms', () => {
  it('count every value on the axis once, the accepted among them, on shared bins', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: fc.option(fc.double({ min: -10, max: 10, noNaN: true }), { nil: null }), keep: fc.boolean() }), { maxLength: 80 }),
        fc.double({ min: -10, max: 0, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        (rows, low, high, bins) => {
          const h = histogram(
            rows.map((r) => r.v),
            rows.map((r) => r.keep),
            low,
            high,
            bins,
          );
          expect(h.all).toHaveLength(bins);
          expect(h.edges).toHaveLength(bins + 1);
          const [lo, hi] = high > low ? [low, high] : [low - 0.5, high + 0.5];
          const on = rows.filter((r) => r.v !== null && r.v >= lo && r.v <= hi);
          expect(h.all.reduce((a, b) => a + b, 0)).toBe(on.length);
          expect(h.accepted.reduce((a, b) => a + b, 0)).toBe(on.filter((r) => r.keep).length);
          h.all.forEach((n, i) => expect(h.accepted[i]).toBeLessThanOrEqual(n));
        },
      ),
    );
  });

  it('put the high end in the last bin and a point mass in a unit-wide span', () => {
    expect(histogram([0, 1, 0.5, 0.999], [true, false, true, false], 0, 1, 2)).toEqual({ edges: [0, 0.5, 1], all: [1, 3], accepted: [1, 1] });
    expect(histogram([3, 3], [true, true], 3, 3, 2)).toEqual({ edges: [2.5, 3, 3.5], all: [0, 2], accepted: [0, 2] });
  });
});

describe('report --identify', () => {
  it('writes the page: the summary table, a histogram per knob and truth, the method error, each spec beside its data', async () => {
    const { dir } = await writeFixtureIdentify(tempDir('identify-page'), 60);
    const folder = readIdentifyFolder(dir);
    const out = await writeIdentifyReport(folder, join(dir, 'report'));
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const view = identifyView(folder);
    // Two knobs, two figures' truths, one scored quantity.
    expect(view.posterior.map((p) => p.label)).toEqual([
      'knob noise.multiplier',
      'knob treatment.structured.intercept.ATR',
      'truth of link.structured.pct (ATR)',
      'truth of link.structured.pct (DRR)',
      'linkage.recall (all), scored against the truth',
    ]);
    // Every cell of both tables is on the page, as posterior.csv and errors.csv have them.
    const written = readCsv(join(dir, 'posterior.csv')).records.map((r) => r.fields);
    const { cells } = posteriorCells(view);
    for (const [i, row] of cells.entries()) {
      for (const c of row) expect(html).toContain(c.replace(/&/g, '&amp;'));
      // The interval's low end as shown, rounded from posterior.csv's accepted_low.
      const digits = view.posterior[i].digits;
      expect(Math.abs(Number(row[3].split(/–| to /)[0]) - Number(written[i][9]))).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9);
    }
    for (const row of errorCells(view).cells) for (const c of row) expect(html).toContain(c);
    // One chart per knob and truth and the error chart, each an SVG with marks, its spec reading its CSV.
    const keys = [...html.matchAll(/<figure class="chart" data-key="([^"]+)">\s*<svg[^]*?<\/svg>/g)].map((m) => m[1]);
    expect(keys).toHaveLength(view.posterior.length + 1);
    expect(keys).toContain('method-error');
    const specs = readdirSync(out).filter((f) => f.endsWith('.vl.json')).map((f) => f.replace(/\.vl\.json$/, ''));
    expect(specs.sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const spec = JSON.parse(readFileSync(join(out, `${key}.vl.json`), 'utf8'));
      expect(spec.data).toEqual({ url: `${key}.csv`, format: { type: 'csv' } });
      expect(readFileSync(join(out, `${key}.csv`), 'utf8').split('\n').length).toBeGreaterThan(2);
    }
    // The histogram's CSV holds both series on the same bins, accepted never above all.
    const csv = readCsv(join(out, 'posterior-knob-noise-multiplier.csv'));
    const series = csv.records.map((r) => r.fields);
    const all = series.filter((r) => r[0] === 'all draws');
    const kept = series.filter((r) => r[0] === 'accepted');
    expect(all.map((r) => r[1])).toEqual(kept.map((r) => r[1]));
    expect(all.reduce((a, r) => a + Number(r[3]), 0)).toBe(60);
    expect(kept.reduce((a, r) => a + Number(r[3]), 0)).toBe(view.accepted);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^\| knob noise\.multiplier \| 0\.5–3 \|/m);
  });

  it('builds the page of a shipped plan as its posterior.csv has it', async () => {
    const dir = join(ROOT, 'reports/identify/engagement');
    const folder = readIdentifyFolder(dir);
    const view = identifyView(folder);
    const written = readCsv(join(dir, 'posterior.csv')).records.map((r) => r.fields);
    expect(view.posterior).toHaveLength(written.length);
    view.posterior.forEach((p, i) => {
      expect(p.quantity).toBe(written[i][1]);
      expect(p.accepted.n).toBe(Number(written[i][7]));
      expect(p.accepted.low).toBe(Number(written[i][9]));
      expect(p.accepted.high).toBe(Number(written[i][10]));
    });
    const out = await writeIdentifyReport(folder, join(tempDir('identify-shipped'), 'page'));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`${view.worlds} run, ${view.accepted} accepted`);
  });

  it('refuses a folder that is not an identify run in one line, exit 2, writing nothing', () => {
    const parent = tempDir('identify-bad');
    const empty = join(parent, 'empty');
    mkdirSync(empty);
    const notJson = join(parent, 'not-json');
    mkdirSync(notJson);
    writeFileSync(join(notJson, 'identify.json'), '{ nope');
    const sharded = join(parent, 'sharded');
    mkdirSync(join(sharded, 'shards', '1-of-2'), { recursive: true });
    writeFileSync(join(sharded, 'shards', '1-of-2', 'identify.json'), '{}');
    const cases: [string[], RegExp][] = [
      [['--identify', join(parent, 'missing')], /^pathways: --identify .*missing: no such folder$/],
      [['--identify', empty], /^pathways: --identify .*empty: not an identify folder \(no identify\.json\)$/],
      [['--identify', notJson], /^pathways: --identify .*not-json: identify\.json is not JSON$/],
      [['--identify', sharded], /^pathways: --identify .*sharded: not an identify folder \(no identify\.json; its shards are not merged yet: npx pathways merge .*\)$/],
      [['--identify', empty, '--sweep', empty], /^pathways: report: give one of --run DIR, --compare DIR1 DIR2 \.\.\., --sweep DIR, --identify DIR$/],
    ];
    for (const [args, message] of cases) {
      const r = cli(['report', ...args, '--out', join(parent, 'page')]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
    expect(existsSync(join(parent, 'page'))).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(parent).sort()).toEqual(['empty', 'not-json', 'sharded']);
  });

  it('writes DIR/report by default and prints where', async () => {
    const { dir } = await writeFixtureIdentify(tempDir('identify-cli'), 20);
    const r = cli(['report', '--identify', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join(dir, 'report', 'index.html'));
    expect(existsSync(join(dir, 'report', 'index.html'))).toBe(true);
    const again = cli(['report', '--identify', dir, '--out', join(dir, 'report')]);
    expect(again.status).toBe(2);
    expect(again.stderr.trim()).toMatch(/--out .*report: already exists \(use --force to replace it\)$/);
  });
});

describe('the method error', () => {
  it('gives each figure the sign that holds in every accepted world', async () => {
    const { dir } = await writeFixtureIdentify(tempDir('identify-sign'), 60);
    const folder = readIdentifyFolder(dir);
    const view = identifyView(folder);
    for (const e of view.errors) {
      const errs = folder.draws.filter((_, i) => folder.keep[i]).map((d) => d.values[figureKey(e)]).map((v) => v.recovered! - v.truth!);
      const expected = errs.every((x) => x > 0) ? 'over' : errs.every((x) => x < 0) ? 'under' : 'either';
      expect(e.sign).toBe(expected);
      expect(e.error.min).toBe(Math.min(...errs));
      expect(e.error.max).toBe(Math.max(...errs));
    }
  });
});
