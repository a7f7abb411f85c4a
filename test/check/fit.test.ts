/**
 * `pathways check --kind fit`: the analysis data carries the scenario's own coefficients as
 * its truth; the bench's own GLMM, run as an outside fitter, covers them at about its nominal
 * rate; a fitter whose intervals are half as wide as they should be is caught by the coverage
 * over the runs, reported with the worlds that missed most; bad input is refused before any run.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitWorld, applyOverrides } from '../../src/check/arbitraries.ts';
import { fitProblem, MIN_ROWS, parseCoefficientsCsv, scoreIntervals } from '../../src/check/fit.ts';
import { coefficientFor } from '../../src/scenario/schema.ts';
import { InputError } from '../../src/errors.ts';
import { cliInProcess } from '../cli/in-process.ts';
import { baseline, ROOT, tempDir } from '../helpers.ts';

const TSX = `node --import tsx --conditions=source`;
const BENCH_FITTER = `${TSX} ${ROOT}examples/tools/bench-fitter.mjs {data} {out} {level}`;
const NARROW_FITTER = `${TSX} ${ROOT}examples/tools/narrow-fitter.mjs {data} {out} {level}`;

describe('the analysis data of a fit world', () => {
  it("holds the study's covariates with the scenario's own coefficients as their truth, whatever the draw", () => {
    const base = baseline();
    fc.assert(
      fc.property(fitWorld(base), (draw) => {
        const scenario = applyOverrides(base, draw.overrides);
        const type = draw.requirementType ?? 'ATR';
        const p = fitProblem(scenario, { seed: draw.seed, scale: draw.scale, requirementType: type });
        const c = scenario.reconviction.model.coefficients;
        expect(p.header.slice(0, 2)).toEqual(['reconvicted', 'region']);
        expect([...p.truth.keys()]).toEqual(p.header.slice(2));
        for (const [term, truth] of p.truth) {
          if (term in c) expect(truth, term).toBe(coefficientFor(c[term as keyof typeof c], type));
          else if (term === 'ethnicity_black') expect(truth).toBe(type === 'ATR' ? coefficientFor(c.black_atr, type) : 0);
          else expect(truth, term).toBe(0);
        }
        // Every 0/1 covariate written has at least MIN_ROWS rows of each value; the outcome is 0/1.
        p.header.slice(2).forEach((term, k) => {
          if (term === 'length_months') return;
          const ones = p.rows.filter((r) => r[k + 2] === 1).length;
          expect(Math.min(ones, p.rows.length - ones), term).toBeGreaterThanOrEqual(MIN_ROWS);
        });
        expect(p.rows.every((r) => r[0] === 0 || r[0] === 1)).toBe(true);
      }),
      { numRuns: 8, seed: 5 },
    );
  });

  it('reads a coefficients file and refuses a malformed one by file, line and term', () => {
    const good = 'term,estimate,lower,upper\n(Intercept),-1,-1.5,-0.5\nmale,0.3,0.1,0.5\ntheft,0.4,0.25,0.55\n';
    const intervals = parseCoefficientsCsv(good, 'c.csv', ['male', 'theft']);
    expect(intervals).toHaveLength(3);
    const scored = scoreIntervals(intervals, new Map([['male', 0.3], ['theft', 0.7]]));
    expect(scored.map((s) => [s.term, s.covered])).toEqual([['male', true], ['theft', false]]);
    // 0.15 beyond an interval of half-width 0.15.
    expect(scored[1].miss).toBeCloseTo(1, 12);
    const bad: [string, RegExp][] = [
      ['term,estimate,lower,upper\nmale,0.3,0.4,0.5\ntheft,0.2,0.1,0.3\n', /c.csv line 2: male's interval \[0.4, 0.5\] does not hold its estimate 0.3/],
      ['term,estimate,lower,upper\nmale,0.3,0.1,0.5\nmale,0.3,0.1,0.5\ntheft,0.2,0.1,0.3\n', /c.csv line 3: term male given twice/],
      ['term,estimate,lower,upper\nmale,NaN,0.1,0.5\ntheft,0.2,0.1,0.3\n', /c.csv line 2: estimate of male must be a finite number/],
      ['term,estimate,lower,upper\nmale,0.3,0.1,0.5\n', /c.csv: no row for theft/],
      ['term,estimate,upper\nmale,0.3,0.5\n', /c.csv/],
    ];
    for (const [text, message] of bad) {
      expect(() => parseCoefficientsCsv(text, 'c.csv', ['male', 'theft'])).toThrow(InputError);
      expect(() => parseCoefficientsCsv(text, 'c.csv', ['male', 'theft'])).toThrow(message);
    }
  });
});

describe('pathways check --kind fit', () => {
  it("passes the bench's own GLMM, run as an outside fitter, on coverage >= 0.9 over the runs", async () => {
    const dir = tempDir('check-fit-bench');
    const r = await cliInProcess(['check', '--kind', 'fit', '--tool', BENCH_FITTER, '--property', 'coverage >= 0.9', '--runs', '30', '--seed', '3', '--jobs', '2', '--failing', join(dir, 'failing')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const m = /coverage >= 0\.9: held, coverage = ([\d.]+) \((\d+) of (\d+) intervals held the true coefficient, over 30 world\(s\); nominal 0\.95\)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    // 30 worlds of 13-16 scored coefficients each.
    expect(Number(m![3])).toBeGreaterThan(30 * 12);
    expect(existsSync(join(dir, 'failing'))).toBe(false);
  });

  it('catches a fitter whose intervals are half as wide as they should be, names the worlds that missed most and keeps the worst', async () => {
    const dir = tempDir('check-fit-narrow');
    const args = ['check', '--kind', 'fit', '--tool', NARROW_FITTER, '--property', 'coverage >= 0.9', '--runs', '15', '--seed', '3', '--failing', join(dir, 'failing'), '--junit', join(dir, 'check.xml')];
    const r = await cliInProcess(args);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`check: "coverage >= 0.9" failed over 15 world(s); the world that missed most is in ${join(dir, 'failing')}`);
    // Half-width intervals at 95% hold the truth about 2 times in 3 (P(|Z| < 0.98) = 0.67).
    const coverage = Number(/coverage >= 0\.9: failed, coverage = ([\d.]+)/.exec(r.stdout)![1]);
    expect(coverage).toBeGreaterThan(0.5);
    expect(coverage).toBeLessThan(0.8);
    expect(r.stdout).toMatch(/run \d+: \d+ of \d+ missed, farthest \w+ \(true /);
    for (const file of ['scenario.yaml', 'world.json', 'data.csv', 'coefficients.csv', 'tool.log']) expect(existsSync(join(dir, 'failing', file)), file).toBe(true);
    const world = JSON.parse(readFileSync(join(dir, 'failing', 'world.json'), 'utf8'));
    expect(world.intervals.some((i: { covered: boolean }) => !i.covered)).toBe(true);
    expect(world.requirementType).toMatch(/^(ATR|DRR)$/);
    expect(readFileSync(join(dir, 'check.xml'), 'utf8')).toContain('<failure message="coverage &gt;= 0.9 failed over the runs">');
    expect(r.stdout).toContain(`reproduce: npx pathways check --kind fit --tool '${NARROW_FITTER}' --property 'coverage >= 0.9' --seed 3 --runs 15`);
  });

  it.each([
    ['an unknown metric for this kind', ['--tool', BENCH_FITTER, '--property', 'recall >= 0.9'], /--property "recall >= 0.9": unknown metric "recall" \(one of coverage\)/],
    ['{out} missing', ['--tool', `${TSX} ${ROOT}examples/tools/bench-fitter.mjs {data} x.csv`, '--property', 'coverage >= 0.9'], /no \{out\} in the command/],
    ['{data} missing', ['--tool', `${TSX} ${ROOT}examples/tools/bench-fitter.mjs data.csv {out}`, '--property', 'coverage >= 0.9'], /no \{data\} in the command/],
    ['a level outside (0, 1)', ['--tool', BENCH_FITTER, '--property', 'coverage >= 0.9', '--level', '95'], /--level: expected a number between 0 and 1, got "95"/],
    ['a bad --jobs', ['--tool', BENCH_FITTER, '--property', 'coverage >= 0.9', '--jobs', '0'], /--jobs: expected a whole number above 0, got "0"/],
  ])('refuses %s with one line, exit 2, nothing run', async (_, extra, message) => {
    const dir = tempDir('check-fit-bad');
    const r = await cliInProcess(['check', '--kind', 'fit', ...extra, '--runs', '3', '--seed', '1', '--failing', join(dir, 'failing')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'failing'))).toBe(false);
  });
});
