/**
 * The 12-month reconviction window as a setting. The study's glossary speaks of the court
 * appearance, its footnote 3 of the reoffence date (docs/reading-the-study.md, item 8): which date counts is a
 * choice, and so is whether "12 months" means calendar months or a fixed number of days.
 *
 * The window opens the day after sentence (the sentence day belongs to the index offence's
 * case) and closes on its last day inclusive. Twelve calendar months end on the same calendar
 * day a year later, which is day 366 when a 29 February falls inside and day 365 otherwise; a
 * sentence on 29 February ends on 28 February (addMonths clamps to the month's end).
 */
import { addMonths } from '../../io/dates.ts';

/** Which court date must fall in the window. */
export const WINDOW_DATES = ['offence', 'hearing', 'outcome'] as const;
export type WindowDate = (typeof WINDOW_DATES)[number];

export type WindowLength = { months: number } | { days: number };

export interface ReconvictionWindow {
  date: WindowDate;
  length: WindowLength;
}

/** The study's footnote 3: a reoffence date within 12 months of the original sentence. */
export const DEFAULT_WINDOW: ReconvictionWindow = { date: 'offence', length: { months: 12 } };

/** The last day of the window (inclusive), as a day number. */
export function windowLastDay(sentence: number, length: WindowLength): number {
  return 'months' in length ? addMonths(sentence, length.months) : sentence + length.days;
}

/** Whether `day` falls in the window that follows a sentence on `sentence`. */
export function inWindow(sentence: number, day: number, length: WindowLength): boolean {
  return day > sentence && day <= windowLastDay(sentence, length);
}

/** One line for method descriptions and CLI output. */
export function describeWindow(window: ReconvictionWindow): string {
  const span = 'months' in window.length ? `${window.length.months} calendar months` : `${window.length.days} days`;
  return `${window.date} date within ${span} after sentence`;
}

/** Check a window given by a user; returns it or throws with what is wrong. */
export function checkWindow(window: ReconvictionWindow): ReconvictionWindow {
  if (!(WINDOW_DATES as readonly string[]).includes(window.date)) {
    throw new RangeError(`reconviction window date must be one of ${WINDOW_DATES.join(', ')}, got "${window.date}"`);
  }
  const n = 'months' in window.length ? window.length.months : window.length.days;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`reconviction window length must be a whole number of months or days >= 1, got ${n}`);
  return window;
}
