/**
 * The 12-month window exact at its edges: day 365 always counts, day 366 only when a 29
 * February falls inside the year, day 367 never; the sentence day never; 29 February sentences
 * end on 28 February. Checked against a day-by-day calendar walk, not against addMonths.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayFromIso, partsFromDay } from '../../src/io/dates.ts';
import { checkWindow, inWindow, windowLastDay } from '../../src/methods/reconviction/window.ts';

const FROM = dayFromIso('1996-01-01');
const TO = dayFromIso('2040-12-31');
const anyDay = fc.integer({ min: FROM, max: TO });
const TWELVE = { months: 12 };

const isLeapDay = (day: number) => {
  const p = partsFromDay(day);
  return p.month === 2 && p.day === 29;
};

/** The same calendar date a year later, by walking day by day (29 Feb -> 28 Feb). */
function sameDateNextYear(sentence: number): number {
  const s = partsFromDay(sentence);
  const wanted = { month: s.month, day: s.month === 2 && s.day === 29 ? 28 : s.day };
  let d = sentence + 1;
  for (;;) {
    const p = partsFromDay(d);
    if (p.year === s.year + 1 && p.month === wanted.month && p.day === wanted.day) return d;
    d++;
  }
}

describe('12 calendar months after sentence', () => {
  it('the sentence day itself never counts; the next day always does', () => {
    fc.assert(fc.property(anyDay, (s) => !inWindow(s, s, TWELVE) && inWindow(s, s + 1, TWELVE)));
  });

  it('day 365 always counts, day 367 never', () => {
    fc.assert(fc.property(anyDay, (s) => inWindow(s, s + 365, TWELVE) && !inWindow(s, s + 367, TWELVE)));
  });

  it('day 366 counts exactly when a 29 February falls in days 1-365', () => {
    fc.assert(
      fc.property(anyDay, (s) => {
        let leap = false;
        for (let d = s + 1; d <= s + 365; d++) leap ||= isLeapDay(d);
        expect(inWindow(s, s + 366, TWELVE)).toBe(leap);
      }),
    );
  });

  it('the last day is the same calendar date a year on (a calendar walk agrees)', () => {
    fc.assert(fc.property(anyDay, (s) => windowLastDay(s, TWELVE) === sameDateNextYear(s)));
  });

  it('a 29 February sentence ends on 28 February; the day before a leap day runs 366 days', () => {
    for (const year of [2000, 2004, 2016, 2020, 2024, 2036]) {
      const leap = dayFromIso(`${year}-02-29`);
      expect(windowLastDay(leap, TWELVE)).toBe(dayFromIso(`${year + 1}-02-28`));
      expect(windowLastDay(leap, TWELVE) - leap).toBe(365);
      const before = dayFromIso(`${year}-02-28`);
      expect(windowLastDay(before, TWELVE) - before).toBe(366);
      expect(inWindow(leap, dayFromIso(`${year + 1}-03-01`), TWELVE)).toBe(false);
    }
    // 2100 is not a leap year: a sentence on 1 March 2099 runs 365 days.
    expect(windowLastDay(dayFromIso('2099-03-01'), TWELVE) - dayFromIso('2099-03-01')).toBe(365);
  });

  it('some sentences in the study window run 366 days and some 365', () => {
    expect(windowLastDay(dayFromIso('2019-03-01'), TWELVE)).toBe(dayFromIso('2020-03-01'));
    expect(windowLastDay(dayFromIso('2019-03-01'), TWELVE) - dayFromIso('2019-03-01')).toBe(366);
    expect(windowLastDay(dayFromIso('2020-03-01'), TWELVE) - dayFromIso('2020-03-01')).toBe(365);
  });
});

describe('a window of N days', () => {
  it('counts days 1..N after sentence and nothing else', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 800 }), fc.integer({ min: -30, max: 830 }), (s, n, k) => {
        expect(inWindow(s, s + k, { days: n })).toBe(k >= 1 && k <= n);
      }),
    );
  });

  it('365 days differs from 12 months exactly on day 366 of a year with a 29 February', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 400 }), (s, k) => {
        const differs = inWindow(s, s + k, { days: 365 }) !== inWindow(s, s + k, TWELVE);
        expect(differs).toBe(k === 366 && windowLastDay(s, TWELVE) - s === 366);
      }),
    );
  });
});

describe('window settings', () => {
  it('refuses an unknown date or a length below one', () => {
    expect(() => checkWindow({ date: 'arrest' as never, length: TWELVE })).toThrow(/offence, hearing, outcome/);
    expect(() => checkWindow({ date: 'offence', length: { months: 0 } })).toThrow(/whole number/);
    expect(() => checkWindow({ date: 'offence', length: { days: 2.5 } })).toThrow(/whole number/);
  });
});
