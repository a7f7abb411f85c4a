/** Which court outcomes make a reconviction: the outcome, the recording date and the window date. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayFromIso } from '../../src/io/dates.ts';
import { countsAsReconviction, defaultRules, reconvictedFlags, type CourtCaseDates, type ReconvictionRules } from '../../src/methods/reconviction/reconvictions.ts';
import { reconvictionFigures, status3Of, type ReconvictionRow } from '../../src/methods/reconviction/figures.ts';
import { wilsonPct } from '../../src/methods/interval.ts';

const EXTRACTION = dayFromIso('2023-03-31');
const sentenceDay = fc.integer({ min: dayFromIso('2018-08-01'), max: EXTRACTION });
const outcomes = fc.constantFrom('guilty', 'not guilty', 'withdrawn', 'dismissed');
const courtCase = (sentence: number) =>
  fc.record({
    offenceDate: fc.integer({ min: sentence - 30, max: sentence + 400 }),
    hearingDate: fc.integer({ min: sentence - 30, max: sentence + 800 }),
    outcomeDate: fc.integer({ min: sentence - 30, max: sentence + 900 }),
    outcome: outcomes,
  });
const windowDate = fc.constantFrom('offence', 'hearing', 'outcome') as fc.Arbitrary<'offence' | 'hearing' | 'outcome'>;

describe('a court outcome counts as a reconviction', () => {
  it('never when it is not guilty (any dates, any window date)', () => {
    fc.assert(
      fc.property(sentenceDay.chain((s) => fc.tuple(fc.constant(s), courtCase(s), windowDate)), ([s, c, date]) => {
        const rules: ReconvictionRules = { ...defaultRules(EXTRACTION), window: { date, length: { months: 12 } } };
        expect(countsAsReconviction(s, { ...c, outcome: 'not guilty' }, rules)).toBe(false);
      }),
    );
  });

  it('never when it was recorded after the extraction date', () => {
    fc.assert(
      fc.property(sentenceDay.chain((s) => fc.tuple(fc.constant(s), courtCase(s), fc.integer({ min: 1, max: 500 }))), ([s, c, late]) => {
        const rules = defaultRules(EXTRACTION);
        expect(countsAsReconviction(s, { ...c, outcomeDate: EXTRACTION + late, offenceDate: s + 10 }, rules)).toBe(false);
        // The same case recorded on the extraction date itself counts.
        if (c.outcome !== 'not guilty') expect(countsAsReconviction(s, { ...c, outcomeDate: EXTRACTION, offenceDate: s + 10 }, rules)).toBe(true);
      }),
    );
  });

  it('exactly when not excluded, recorded by extraction and its chosen date is in the window', () => {
    fc.assert(
      fc.property(sentenceDay.chain((s) => fc.tuple(fc.constant(s), courtCase(s), windowDate, fc.subarray(['not guilty', 'withdrawn', 'dismissed']))), ([s, c, date, excluded]) => {
        const rules: ReconvictionRules = { window: { date, length: { days: 365 } }, excludedOutcomes: excluded, extraction: EXTRACTION };
        const day = date === 'offence' ? c.offenceDate : date === 'hearing' ? c.hearingDate : c.outcomeDate;
        const expected = !excluded.includes(c.outcome) && c.outcomeDate <= EXTRACTION && day - s >= 1 && day - s <= 365;
        expect(countsAsReconviction(s, c, rules)).toBe(expected);
      }),
    );
  });

  it("the study's definition (default) counts a withdrawn charge; excluding it counts convictions only", () => {
    const s = dayFromIso('2019-05-01');
    const withdrawn: CourtCaseDates = { offenceDate: s + 20, hearingDate: s + 60, outcomeDate: s + 60, outcome: 'withdrawn' };
    expect(countsAsReconviction(s, withdrawn, defaultRules(EXTRACTION))).toBe(true);
    expect(countsAsReconviction(s, withdrawn, { ...defaultRules(EXTRACTION), excludedOutcomes: ['not guilty', 'withdrawn'] })).toBe(false);
  });

  it('a requirement is reconvicted when any of its cases counts', () => {
    const s = dayFromIso('2020-01-10');
    const cases: CourtCaseDates[] = [
      { offenceDate: s + 400, hearingDate: s + 420, outcomeDate: s + 420, outcome: 'guilty' },
      { offenceDate: s + 100, hearingDate: s + 150, outcomeDate: s + 150, outcome: 'not guilty' },
      { offenceDate: s + 200, hearingDate: s + 250, outcomeDate: s + 250, outcome: 'guilty' },
    ];
    expect(reconvictedFlags([s, s, s], [cases, cases.slice(0, 2), []], defaultRules(EXTRACTION))).toEqual([true, false, false]);
  });
});

describe('section 4 figures', () => {
  it('folds prison and death into dropout and keeps not linked apart', () => {
    expect(['completed', 'remained', 'dropout', 'prison', 'died'].map((s) => status3Of(true, s))).toEqual(['completed', 'remained', 'dropout', 'dropout', 'dropout']);
    expect(status3Of(false, null)).toBe('not_linked');
  });

  it('counts add up: linked + unlinked, reconvicted + not, per type and overall (property)', () => {
    const row = fc.record({
      type: fc.constantFrom('ATR', 'DRR') as fc.Arbitrary<'ATR' | 'DRR'>,
      region: fc.constantFrom('South Central', 'North East'),
      lengthBand: fc.constantFrom('1-3m', '4-6m', '>12m'),
      linked: fc.boolean(),
      status: fc.constantFrom('completed', 'remained', 'dropout', 'prison', 'died'),
      reconvicted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 200 }), (raw) => {
        const rows: ReconvictionRow[] = raw.map((r) => ({ ...r, status3: status3Of(r.linked, r.status) }));
        const get = (id: string, group: string) => reconvictionFigures(rows, 'test').find((e) => e.id === id && e.group === group)?.estimate ?? null;
        for (const g of ['all', 'ATR', 'DRR']) {
          const xs = g === 'all' ? rows : rows.filter((r) => r.type === g);
          const parts = ['linked.reconvicted', 'linked.not_reconvicted', 'unlinked.reconvicted', 'unlinked.not_reconvicted'].map((p) => get(`reconviction.${p}`, g) as number);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(xs.length);
          const pct = get('reconviction.pct', g);
          if (xs.length) expect(pct).toBeCloseTo((100 * (parts[0] + parts[2])) / xs.length, 10);
          else expect(pct).toBeNull();
        }
        for (const t of ['ATR', 'DRR']) {
          const xs = rows.filter((r) => r.type === t);
          const unlinked = xs.filter((r) => !r.linked);
          // Not linked in 4.5 is the unlinked of 4.1.
          expect(get('reconviction.pct.status', `${t}|status=not_linked`)).toBe(get('reconviction.pct.unlinked', t));
          if (unlinked.length) expect(get('reconviction.pct.status', `${t}|status=not_linked`)).toBeCloseTo((100 * unlinked.filter((r) => r.reconvicted).length) / unlinked.length, 10);
        }
      }),
    );
  });

  it('a prefix makes a parallel set with the same groups', () => {
    const rows: ReconvictionRow[] = [{ type: 'ATR', region: 'North East', lengthBand: '4-6m', linked: true, status3: 'completed', reconvicted: true }];
    const plain = reconvictionFigures(rows, 'x');
    const other = reconvictionFigures(rows, 'x', 'reconviction.recorded_truth');
    expect(other.map((e) => `${e.id.replace('.recorded_truth', '')}|${e.group}`)).toEqual(plain.map((e) => `${e.id}|${e.group}`));
  });

  it('Wilson intervals hold the estimate and stay in [0, 100]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([k, n]) => {
        const [lo, hi] = wilsonPct(k, n) as [number, number];
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(100);
        expect(lo).toBeLessThanOrEqual((100 * k) / n + 1e-9);
        expect(hi).toBeGreaterThanOrEqual((100 * k) / n - 1e-9);
      }),
    );
    expect(wilsonPct(0, 0)).toBeNull();
  });
});
