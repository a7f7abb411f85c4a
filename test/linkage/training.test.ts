/**
 * Training that cannot fail silently: each training rule's session on its own pairs, checks
 * that leave a degenerate session out, exact u from frequency tables, m against the true
 * agreement rates on the bench's own records.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeTable, ints, strings, stringColumn, type Table } from '../../src/io/table.ts';
import { buildWorld } from '../../src/world/build.ts';
import { buildRecords } from '../../src/records/build.ts';
import { defaultSettings } from '../../src/methods/linkage/default-settings.ts';
import { compileComparisons } from '../../src/methods/linkage/comparisons.ts';
import { encodeAll } from '../../src/methods/linkage/encode.ts';
import { conditionalU, estimateU } from '../../src/methods/linkage/training/u.ts';
import { checkSession } from '../../src/methods/linkage/training/sessions.ts';
import { linkTables, parseSettings, type LinkResult } from '../../src/methods/linkage/index.ts';
import { syntheticProblem } from '../../src/methods/linkage/synthetic.ts';
import { baseline } from '../helpers.ts';
import { trueAgreement } from './agreement.ts';

const table = (name: string, columns: Record<string, (string | null)[]>): Table =>
  makeTable(name, Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, stringColumn(v)])));

/** A comparison ladder null / exact a / exact b / else and a one-value ladder, on columns a and b. */
function smallSettings(linkType: string) {
  return parseSettings({
    link_type: linkType,
    ids: 'id',
    // af is a function of a (its first letter, none for a value without one): agreeing on both is agreeing on a with af present.
    columns: { a: { column: 'a' }, af: { column: 'a', derive: 'first_letter' }, b: { column: 'b' }, c: { column: 'c' }, d: { column: 'd', derive: 'date' } },
    blocking_rules: [['c']],
    comparisons: [
      { name: 'ab', column: 'a', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'exact', column: 'b' }, { type: 'else' }] },
      { name: 'a', column: 'a', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'levenshtein', k: 1 }, { type: 'else' }] },
      { name: 'd', column: 'd', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'date_transposed' }, { type: 'damerau_levenshtein', k: 1 }, { type: 'else' }] },
      { name: 'a_first', column: 'a', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'exact', column: 'af' }, { type: 'else' }] },
    ],
  });
}

/** Brute force: the level shares over every (ordered, distinct when deduplicating) pair with the comparison's value present. */
function bruteForceU(result: { comparisons: ReturnType<typeof compileComparisons> }, nLeft: number, nRight: number, dedupe: boolean): number[][] {
  return result.comparisons.map((c) => {
    const counts = c.levels.map(() => 0);
    for (let i = 0; i < nLeft; i++) {
      for (let j = 0; j < nRight; j++) {
        if (dedupe && i === j) continue;
        counts[c.levelOf(i, j)]++;
      }
    }
    const total = counts.reduce((a, n, l) => (l === c.nullLevel ? a : a + n), 0);
    return counts.map((n, l) => (l === c.nullLevel ? NaN : n / total));
  });
}

describe('exact u from frequency tables', () => {
  it('a hand case: u of exact is the sum over values of the product of the two sides\' shares', () => {
    const settings = smallSettings('link_only');
    const d = ['2001-02-03', '2001-03-02', null, '2001-02-03'];
    const left = table('l', { id: ['1', '2', '3', '4'], a: ['x', 'x', 'y', null], b: ['p', 'p', 'q', 'q'], c: ['c', 'c', 'c', 'c'], d });
    const right = table('r', { id: ['5', '6', '7', '8'], a: ['x', 'y', 'y', 'z'], b: ['p', 'p', 'q', 'p'], c: ['c', 'c', 'c', 'c'], d });
    const encoded = encodeAll(settings, left, right);
    const comparisons = compileComparisons(settings.comparisons, encoded);
    const u = estimateU(comparisons, encoded, { nLeft: 4, nRight: 4, dedupe: false }, { maxPairs: 1000, minAgreeing: 1, seed: 1 });
    // Left non-null a: x 2/3, y 1/3; right: x 1/4, y 2/4, z 1/4. Exact: 2/3 * 1/4 + 1/3 * 2/4 = 1/3.
    expect(u.u[0][1]).toBeCloseTo(1 / 3, 12);
    // Same b but not same a: left rows with a (x/p, x/p, y/q) against right (x/p, y/p, y/q, z/p):
    // x/p agrees on b with y/p and z/p (2 x 2 pairs), y/q with none besides its own a-match: 4 of 12.
    expect(u.u[0][2]).toBeCloseTo(4 / 12, 12);
    expect(u.u[0][3]).toBeCloseTo(1 - 1 / 3 - 4 / 12, 12);
    expect(u.method[0]).toEqual(['null', 'exact', 'exact', 'exact']);
    // Dates, without enumeration: exact 2 x 2 + 1 x 1 = 5 of 3 x 3 non-null pairs; transposed (02-03 against
    // 03-02 both ways) 2 x 1 + 1 x 2 = 4 of 9.
    const byFormula = estimateU(comparisons, encoded, { nLeft: 4, nRight: 4, dedupe: false }, { maxPairs: 1000, minAgreeing: 1, seed: 1, enumerateMax: 0 });
    expect(byFormula.method[2]).toEqual(['null', 'exact', 'exact', 'exact', 'exact']);
    expect(byFormula.samplePairs).toBe(0);
    expect(byFormula.u[2][1]).toBeCloseTo(5 / 9, 12);
    expect(byFormula.u[2][2]).toBeCloseTo(4 / 9, 12);
    // 02-03 and 03-02 differ in two places that are not side by side: no pair is one edit apart.
    expect(byFormula.u[2][3]).toBe(0);
    expect(byFormula.u[2][4]).toBeCloseTo(0, 12);
  });

  for (const linkType of ['link_only', 'dedupe_only', 'link_and_dedupe'] as const) {
    it(`equals brute-force enumeration of all pairs on small random tables (${linkType})`, () => {
      // Values one substitution, insertion, deletion or adjacent swap apart, and further.
      const value = fc.option(fc.constantFrom('x', 'xy', 'y', 'yz', 'z', 'NA', 'yx', 'xyz', 'xzy', 'zy', '1', '1x'), { nil: null, freq: 4 });
      const date = fc.option(fc.constantFrom('2001-02-03', '2001-03-02', '2001-02-02', '2002-03-02', '2001-02-13', '2010-02-03', '2001-12-03', '2001-02-31'), { nil: null, freq: 4 });
      const row = fc.record({ a: value, b: fc.constantFrom('p', 'q', 'r'), d: date });
      fc.assert(
        fc.property(fc.array(row, { minLength: 2, maxLength: 14 }), fc.array(row, { minLength: 1, maxLength: 14 }), fc.boolean(), (l, r, enumerate) => {
          const settings = smallSettings(linkType);
          const mk = (name: string, rows: typeof l) =>
            table(name, { id: rows.map((_, i) => `${name}${i}`), a: rows.map((x) => x.a), b: rows.map((x) => x.b), c: rows.map(() => 'c'), d: rows.map((x) => x.d) });
          const left = mk('l', l);
          const right = mk('r', r);
          const encoded = encodeAll(settings, left, right);
          const comparisons = compileComparisons(settings.comparisons, encoded);
          const dedupe = linkType !== 'link_only';
          const n = encoded.get('a')!.left.length;
          const population = { nLeft: n, nRight: dedupe ? n : right.rowCount, dedupe };
          // Small dictionaries are enumerated pair by pair; with enumeration off, the frequency
          // formulas alone (exact, transposed dates, one-edit neighbours, the rest to else).
          const u = estimateU(comparisons, encoded, population, { maxPairs: 1000, minAgreeing: 1, seed: 1, enumerateMax: enumerate ? undefined : 0 });
          const truth = bruteForceU({ comparisons }, population.nLeft, population.nRight, dedupe);
          comparisons.forEach((c, k) =>
            c.levels.forEach((_, lv) => {
              if (lv === c.nullLevel || Number.isNaN(truth[k][lv])) return;
              expect(u.method[k][lv]).toBe('exact');
              expect(Math.abs(u.u[k][lv] - truth[k][lv])).toBeLessThan(1e-12);
            }),
          );
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('u within an EM session, conditioned on a rule value', () => {
  for (const linkType of ['link_only', 'dedupe_only'] as const) {
    it(`equals brute force over the pairs agreeing on the value (${linkType})`, () => {
      const value = fc.option(fc.constantFrom('x', 'xy', 'y', 'yz', 'z'), { nil: null, freq: 4 });
      const row = fc.record({ a: value, b: fc.option(fc.constantFrom('p', 'q', 'r'), { nil: null, freq: 5 }) });
      fc.assert(
        fc.property(fc.array(row, { minLength: 2, maxLength: 14 }), fc.array(row, { minLength: 1, maxLength: 14 }), (l, r) => {
          const settings = smallSettings(linkType);
          const mk = (name: string, rows: typeof l) =>
            table(name, { id: rows.map((_, i) => `${name}${i}`), a: rows.map((x) => x.a), b: rows.map((x) => x.b), c: rows.map(() => 'c'), d: rows.map(() => null) });
          const encoded = encodeAll(settings, mk('l', l), mk('r', r));
          const c = compileComparisons(settings.comparisons, encoded)[1];
          const dedupe = linkType !== 'link_only';
          const b = encoded.get('b')!;
          const n = b.left.length;
          const population = { nLeft: n, nRight: dedupe ? n : b.right.length, dedupe };
          const counts = c.levels.map(() => 0);
          let pairs = 0;
          for (let i = 0; i < population.nLeft; i++) {
            for (let j = 0; j < population.nRight; j++) {
              if ((dedupe && i === j) || b.left[i] < 0 || b.left[i] !== (dedupe ? b.left : b.right)[j]) continue;
              const level = c.levelOf(i, j);
              if (level === c.nullLevel) continue;
              counts[level]++;
              pairs++;
            }
          }
          const got = conditionalU(c, encoded, 'b', population, 1);
          if (pairs === 0) {
            expect(got).toBeNull();
            return;
          }
          expect(got!.pairs).toBe(pairs);
          counts.forEach((count, level) => level !== c.nullLevel && expect(Math.abs(got!.u[level] - count / pairs)).toBeLessThan(1e-12));
          // Too few agreeing pairs (matches would be a large share of them): not conditioned.
          expect(conditionalU(c, encoded, 'b', population, pairs + 1)).toBeNull();
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('EM sessions', () => {
  it('a training rule whose EM is degenerate is flagged and left out of m, with a warning', async () => {
    // [initials, dob, sex] leaves one informative comparison (postcode): a two-class mixture of
    // one categorical is not identifiable, EM drifts with every pair in the match class and
    // never converges. [initials, sex], the example, now runs on its own pairs and
    // trains well on this data; it stays in.
    const { left, right } = syntheticProblem({ leftRows: 3000, rightRows: 30000, seed: 5 });
    const settings = defaultSettings();
    settings.training.rules = [['dob'], ['postcode_sector', 'sex'], ['initials', 'sex'], ['initials', 'dob', 'sex']];
    const result = await linkTables(left, right, settings);
    const session = (rule: string) => result.sessions.find((s) => s.rule.join() === rule)!;
    const bad = session('initials,dob,sex');
    expect(bad.lambda).toBeGreaterThan(0.9);
    expect(bad.used).toBe(false);
    expect(bad.failed).toEqual(['did not converge in 10000 iterations (training.em_max_iterations)']);
    expect(result.warnings).toContain('EM session [initials, dob, sex] left out of the model: did not converge in 10000 iterations (training.em_max_iterations)');
    // Its own pairs, not the blocked pairs that happen to match it: [initials, sex] has far more than the candidates.
    expect(session('initials,sex').pairs).toBeGreaterThan(result.pairs.count);
    expect(session('initials,sex').used).toBe(true);
    // postcode's m is the mean over the sessions that passed, the bad one left out.
    const k = result.comparisons.findIndex((c) => c.name === 'postcode');
    const good = result.sessions.filter((s) => s.used && s.m.postcode);
    expect(good.map((s) => s.rule.join())).toEqual(['dob', 'initials,sex']);
    result.model.comparisons[k].levels.forEach((l, i) => {
      if (!l.isNull) expect(l.m).toBeCloseTo((good[0].m.postcode[i] + good[1].m.postcode[i]) / 2, 12);
    });
  });

  it('the checks catch the issue\'s degenerate session: every pair a match, matches agreeing on dob 0.4% of the time', () => {
    const { left, right } = syntheticProblem({ leftRows: 50, rightRows: 500, seed: 1 });
    const settings = defaultSettings();
    const encoded = encodeAll(settings, left, right);
    const comparisons = compileComparisons(settings.comparisons, encoded);
    const u = comparisons.map((c) => c.levels.map((l) => (l.isNull ? NaN : 1 / (c.levels.length - 1))));
    const k = comparisons.findIndex((c) => c.name === 'dob');
    u[k] = [NaN, 3e-5, 1e-5, 0.0015, 0.017, 0.98145];
    const report = {
      rule: ['initials', 'sex'], pairs: 80_000_000, trained: ['dob'], excluded: ['initials', 'sex'], iterations: 40, converged: true,
      lambda: 1, expectedMatches: 80_000_000, m: { dob: [NaN, 0.004, 0.00001, 0.0016, 0.0175, 0.97689] }, failed: [], used: false, u: {}, uGiven: {},
    };
    const failed = checkSession(report, comparisons, u, settings.training.checks, { nLeft: 50_000, nRight: 500_000, dedupe: false }, 10_000);
    expect(failed[0]).toMatch(/^its match class holds 80000000 pairs \(100% of its pairs\), more than 2 per record of the 50000 records of the left file \(the smaller\)/);
    expect(failed[1]).toMatch(/^"dob": m of "exact" is 0.00400, below training.checks.min_m_agree 0.05/);
    expect(failed[2]).toMatch(/^no comparison's m differs from its u by 0.2 or more/);
    // The two-file benchmark's [initials, birth_year] session put 11% of its 3.1 M pairs in the
    // match class: under twice both files' 550,000 records, so it passed; the bound is now the
    // smaller file's records (linking) and it fails.
    const sure = { ...report, lambda: 0.11, expectedMatches: 341_000, m: { dob: [NaN, 0.9, 0.01, 0.04, 0.04, 0.01] } };
    const flagged = checkSession(sure, comparisons, u, settings.training.checks, { nLeft: 50_000, nRight: 500_000, dedupe: false }, 10_000);
    expect(flagged).toEqual([expect.stringMatching(/^its match class holds 341000 pairs \(11.0% of its pairs\), more than 2 per record of the 50000 records of the left file/)]);
    expect(checkSession(sure, comparisons, u, settings.training.checks, { nLeft: 500_000, nRight: 50_000, dedupe: false }, 10_000)[0]).toMatch(/of the 50000 records of the right file/);
    expect(checkSession({ ...sure, expectedMatches: 90_000 }, comparisons, u, settings.training.checks, { nLeft: 50_000, nRight: 500_000, dedupe: false }, 10_000)).toEqual([]);
  });

  it('a session that cannot converge in its iterations is flagged', async () => {
    const { left, right } = syntheticProblem({ leftRows: 500, rightRows: 5000, seed: 6 });
    const settings = defaultSettings();
    settings.training.em_max_iterations = 2;
    const result = await linkTables(left, right, settings);
    expect(result.sessions.every((s) => !s.used && s.failed.some((f) => f.startsWith('did not converge in 2 iterations')))).toBe(true);
    expect(result.warnings.some((w) => w.includes('every EM session that could train it'))).toBe(true);
  });

  it('a comparison no training rule leaves free is refused before any work, with the fix', () => {
    const s = defaultSettings() as unknown as Record<string, unknown>;
    (s.training as Record<string, unknown>).rules = [['dob'], ['birth_year', 'sex']];
    expect(() => parseSettings(s)).toThrowError(/^settings\.comparisons\[1\]: comparison "dob" is constrained by every training rule in training\.rules.*add a training rule that does not use its columns \(dob\)/);
  });

  it('m within 0.02 of the true agreement rates on the bench\'s own records (nDelius -> NDTMS community, truth tables give the true pairs)', async () => {
    const sc = baseline();
    const world = buildWorld(sc, 0.1, 11);
    const records = buildRecords(sc, world, 11);
    const get = (tables: Table[], name: string) => tables.find((t) => t.name === name)!;
    const left = get(records.observed, 'ndelius_requirements');
    const right = get(records.observed, 'ndtms_community');
    const result = await linkTables(left, right, defaultSettings());
    const personOf = (keys: Table, id: string, ids: (string | null)[]) => {
      const m = new Map(strings(keys, id).map((v, i) => [v, String(ints(keys, 'person_id')[i])]));
      return ids.map((v) => m.get(v) ?? null);
    };
    const agreement = trueAgreement(
      result,
      personOf(get(records.truth, 'truth_ndelius_requirements'), 'record_id', strings(left, 'record_id')),
      personOf(get(records.truth, 'truth_ndtms_community'), 'episode_id', strings(right, 'episode_id')),
    );
    expect(agreement.size).toBeGreaterThanOrEqual(12);
    const report = [...agreement].map(([k, v]) => `${k}: m ${v.m.toFixed(4)} truth ${v.truth.toFixed(4)}`).join('\n');
    for (const [level, { m, truth }] of agreement) expect(Math.abs(m - truth), `${level}\n${report}`).toBeLessThanOrEqual(0.02);
  }, 300_000);
});

describe('session checks with a comparison never observed', () => {
  it('a comparison absent on both sides (NHS number) does not switch off the separation check', () => {
    const { left, right } = syntheticProblem({ leftRows: 50, rightRows: 500, seed: 1 });
    const settings = defaultSettings();
    const encoded = encodeAll(settings, left, right);
    const comparisons = compileComparisons(settings.comparisons, encoded);
    const u = comparisons.map((c) => c.levels.map((l) => (l.isNull ? NaN : 1 / (c.levels.length - 1))));
    const nhs = comparisons.findIndex((c) => c.name === 'nhs_number');
    u[nhs] = u[nhs].map(() => NaN);
    const report = {
      rule: ['dob'], pairs: 1000, trained: ['sex', 'nhs_number'], excluded: ['dob'], iterations: 5, converged: true,
      lambda: 0.01, expectedMatches: 10, m: { sex: [NaN, 0.55, 0.45], nhs_number: [NaN, 0.95, 0.05] }, failed: [], used: false, u: {}, uGiven: {},
    };
    const failed = checkSession(report, comparisons, u, settings.training.checks, { nLeft: 50, nRight: 500, dedupe: false }, 10_000);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^no comparison's m differs from its u by 0.2 or more \(largest 0.050/);
  });
});
