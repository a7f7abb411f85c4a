/**
 * Reading a sweep back (issue 15 items 3 and 7, issue 17 item 2): sweep folders refused in one
 * line; `report --sweep` draws each estimand's bias and coverage against each knob from the
 * summary it read; the difference between two grid points and its Monte Carlo SE; the common
 * random numbers comparison. Sweep folders are written by the real writer from made-up rows.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { knobContrasts, pointDifference } from '../../src/experiments/difference.ts';
import { crnComparison } from '../../src/experiments/crn-figure.ts';
import { gridPoints } from '../../src/experiments/plan.ts';
import { knobLevels, readSweepFolder, readSweepResults, type SweepResultRow } from '../../src/experiments/read.ts';
import { estimandView } from '../../src/experiments/knob-view.ts';
import { cli, tempDir } from '../helpers.ts';
import { FIXTURE_GRID, writeFixtureSweep } from './sweep-fixture.ts';

describe('a sweep folder read back', () => {
  it.each([
    ['a missing folder', (d: string) => join(d, 'nope'), /--sweep .*nope: no such folder/],
    ['a file', (d: string) => (writeFileSync(join(d, 'f.txt'), 'x'), join(d, 'f.txt')), /--sweep .*f\.txt: not a folder/],
    ['a folder with no sweep.json', (d: string) => (mkdirSync(join(d, 'empty')), join(d, 'empty')), /not a sweep folder \(no sweep\.json\)/],
    ['unmerged shards', (d: string) => (mkdirSync(join(d, 'sh', 'shards'), { recursive: true }), join(d, 'sh')), /shards are not merged yet: npx pathways merge/],
    ['a sweep.json that is not JSON', (d: string) => (mkdirSync(join(d, 'bad')), writeFileSync(join(d, 'bad', 'sweep.json'), '{'), join(d, 'bad')), /sweep\.json is not JSON/],
  ])('refuses %s in one line, exit 2, writing nothing (report; ui for the missing folder)', (what, make, message) => {
    const dir = tempDir('sweep-bad');
    const target = make(dir);
    const before = readdirSync(dir).sort();
    const commands = [['report', '--sweep', target], ...(what === 'a missing folder' ? [['ui', '--sweep', target]] : [])];
    for (const args of commands) {
      const r = cli(args, { CI: 'true' });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(readdirSync(dir).sort()).toEqual(before);
    }
  });

  it('reads the knobs, the summary and the per-replicate rows', async () => {
    const folder = readSweepFolder(await writeFixtureSweep(tempDir('sweep-read'), 'fx', { replicates: 4 }));
    expect(folder.knobs).toEqual(Object.keys(FIXTURE_GRID));
    expect(knobLevels(folder)).toEqual({ 'noise.multiplier': ['0.5', '1', '2'], 'methods.linkage.threshold.match_probability': ['0.5', '0.99'] });
    // 6 points x (3 groups of one estimand + 1 of another).
    expect(folder.summary).toHaveLength(24);
    const rows = readSweepResults(folder);
    expect(rows).toHaveLength(6 * 4 * 4);
    expect(new Set(rows.map((r) => r.point))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    // The same row shape the sweep wrote: task id, interval and published figure come back.
    for (const r of rows) {
      expect(r.task).toBe(`p${r.point}-r${r.replicate}`);
      expect(r.published).toBe(49);
      if (r.estimand === 'linkage.precision') expect(r.ci).toBeNull();
      else expect(r.ci![1] - r.ci![0]).toBeCloseTo(3, 6);
    }
  });
});

describe('report --sweep', () => {
  it('draws bias and coverage against each knob, per estimand, from the summary it read', async () => {
    const dir = await writeFixtureSweep(tempDir('sweep-report'), 'fx', { replicates: 6 });
    const r = cli(['report', '--sweep', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = join(dir, 'report');
    expect(r.stdout.trim()).toBe(join(out, 'index.html'));
    const files = readdirSync(out).sort();
    // One chart per estimand x knob: link.structured.pct (bias and coverage) and linkage.precision (mean: no truth).
    const keys = ['link-structured-pct--methods-linkage-threshold-match-probability', 'link-structured-pct--noise-multiplier', 'linkage-precision--methods-linkage-threshold-match-probability', 'linkage-precision--noise-multiplier'];
    expect(files).toEqual([...keys.flatMap((k) => [`${k}.csv`, `${k}.vl.json`]), 'index.html', 'report.md'].sort());
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!vega\.github\.io|www\.w3\.org)/);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(4);
    // Every chart drew its points: each figure holds marks.
    for (const fig of html.split('<figure class="chart"').slice(1)) expect(fig).toMatch(/<path|<line|class="mark-/);
    for (const k of keys) {
      const spec = JSON.parse(readFileSync(join(out, `${k}.vl.json`), 'utf8'));
      expect(spec.data).toEqual({ url: `${k}.csv`, format: { type: 'csv' } });
      expect(() => compile(spec)).not.toThrow();
    }
    // The chart's bias at threshold 0.99, noise 2, group all is the summary's.
    const folder = readSweepFolder(dir);
    const summaryRow = folder.summary.find((s) => s.estimand === 'link.structured.pct' && s.group === 'all' && s.knobs['noise.multiplier'] === '2' && s.knobs['methods.linkage.threshold.match_probability'] === '0.99')!;
    const csv = readFileSync(join(out, 'link-structured-pct--methods-linkage-threshold-match-probability.csv'), 'utf8').trim().split('\n');
    const header = csv[0].split(',');
    const line = csv
      .slice(1)
      .map((l) => l.match(/("[^"]*"|[^,]+|)(?=,|$)/g)!.filter((_, i, a) => i % 2 === 0 || a.length === header.length))
      .map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])))
      .find((c) => c.level === '0.99' && c.group === 'all' && c.others === 'noise.multiplier=2' && c.measure.startsWith('bias'))!;
    expect(Number(line.value)).toBeCloseTo(summaryRow.values.bias!, 10);
    expect(Number(line.high) - Number(line.value)).toBeCloseTo(1.96 * summaryRow.values.bias_mcse!, 10);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/^# Pathways bench sweep: fx/);
    expect(md).toMatch(/## link\.structured\.pct/);
    expect(md).toMatch(/common random numbers/);
  });

  it('writes to --out, refusing an existing one without --force, and refuses --sweep with --run', async () => {
    const parent = tempDir('sweep-out');
    const dir = await writeFixtureSweep(parent, 'fx', { replicates: 3 });
    mkdirSync(join(parent, 'taken'));
    const r = cli(['report', '--sweep', dir, '--out', join(parent, 'taken')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out .*taken: already exists/);
    expect(readdirSync(join(parent, 'taken'))).toEqual([]);
    const both = cli(['report', '--sweep', dir, '--run', dir]);
    expect(both.status).toBe(2);
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
    const ok = cli(['report', '--sweep', dir, '--out', join(parent, 'taken'), '--force']);
    expect(ok.status).toBe(0);
    expect(existsSync(join(parent, 'taken', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'report'))).toBe(false);
  });

  it('groups beyond the first twelve are counted, not drawn; all comes first', async () => {
    const dir = tempDir('sweep-groups');
    const folder = readSweepFolder(await writeFixtureSweep(dir, 'fx', { replicates: 3 }));
    const view = estimandView(folder, 'link.structured.pct', 2);
    expect(view.groups).toEqual(['all', 'ATR']);
    expect(view.moreGroups).toBe(1);
  });
});

describe('the difference between two grid points', () => {
  it('picks, for each knob, the first point against the one with that knob at its last value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (sizes) => {
        const grid = Object.fromEntries(sizes.map((n, k) => [`k${k}`, Array.from({ length: n }, (_, i) => i)]));
        const points = gridPoints(grid);
        const levels = Object.fromEntries(Object.entries(grid).map(([k, v]) => [k, v.map(String)]));
        const contrasts = knobContrasts(levels);
        expect(contrasts.map((c) => c.knob)).toEqual(Object.keys(grid).filter((k) => grid[k].length > 1));
        for (const c of contrasts) {
          expect(c.a).toBe(0);
          expect(points[c.b]).toEqual({ ...points[0], [c.knob]: grid[c.knob].length - 1 });
        }
      }),
    );
  });

  it('is untouched by an effect both points share in a replicate (what common random numbers cancel)', () => {
    const row = (point: number, replicate: number, estimate: number): SweepResultRow => ({ task: `p${point}-r${replicate}`, point, replicate, estimate, knobs: {}, seed: replicate, estimand: 'e', group: 'all', unit: 'pct', ci: null, truth: null, published: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 2, maxLength: 30 }),
        (reps) => {
          const plain = reps.flatMap(([x, y], r) => [row(0, r, x), row(1, r, y)]);
          const shifted = reps.flatMap(([x, y, s], r) => [row(0, r, x + s), row(1, r, y + s)]);
          const a = pointDifference(plain, 'e', 'all', 0, 1);
          const b = pointDifference(shifted, 'e', 'all', 0, 1);
          expect(b.n).toBe(reps.length);
          expect(b.mean!).toBeCloseTo(a.mean!, 6);
          expect(b.mcse!).toBeCloseTo(a.mcse!, 6);
        },
      ),
    );
  });

  it('pairs replicates: a replicate missing at one point is left out; one pair has no MCSE', () => {
    const row = (point: number, replicate: number, estimate: number | null): SweepResultRow => ({ task: `p${point}-r${replicate}`, point, replicate, estimate, knobs: {}, seed: 0, estimand: 'e', group: 'all', unit: 'pct', ci: null, truth: null, published: null });
    const d = pointDifference([row(0, 0, 1), row(1, 0, 4), row(0, 1, 2), row(1, 1, null), row(0, 2, 3), row(1, 2, 5)], 'e', 'all', 0, 1);
    expect(d.n).toBe(2);
    expect(d.mean).toBe(2.5);
    expect(d.mcse).toBeCloseTo(Math.sqrt(0.5 / 2), 12);
    expect(pointDifference([row(0, 0, 1), row(1, 0, 4)], 'e', 'all', 0, 1).mcse).toBeNull();
  });
});

describe('the common random numbers comparison', () => {
  it('shows a smaller Monte Carlo SE of a difference with them than with independent seeds', async () => {
    const dir = tempDir('sweep-crn');
    const withCrn = readSweepFolder(await writeFixtureSweep(dir, 'on', { replicates: 20, world: 3, own: 0.5 }));
    const without = readSweepFolder(await writeFixtureSweep(dir, 'off', { replicates: 20, world: 3, own: 0.5, crn: false }));
    expect(without.record.seeds).toHaveLength(6 * 20);
    expect(withCrn.record.seeds).toHaveLength(20);
    const data = crnComparison(withCrn, without, ['link.structured.pct']);
    expect(data).toHaveLength(2 * 2);
    for (const contrast of new Set(data.map((d) => d.contrast))) {
      const [on, off] = ['common random numbers', 'independent seeds'].map((s) => data.find((d) => d.contrast === contrast && d.series === s)!.mcse as number);
      // World noise of SD 3 shared under common random numbers, own noise of SD 0.5: the
      // paired difference has SD about 0.7, the independent one about 4.3.
      expect(off / on).toBeGreaterThan(3);
    }
    expect(() => crnComparison(without, withCrn)).toThrow(/ran with independent seeds/);
    const other = readSweepFolder(await writeFixtureSweep(dir, 'other', { replicates: 10, crn: false }));
    expect(() => crnComparison(withCrn, other)).toThrow(/not the same plan/);
  });
});
