/** Dates as whole days since 1970-01-01 (UTC): cheap to store in Int32Array and to compare. */
import { NULL_INT } from './table.ts';

const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not a date (YYYY-MM-DD): "${iso}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`not a calendar date: "${iso}"`);
  }
  return Math.round(ms / MS_PER_DAY);
}

export function dayFromParts(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Days 1900-01-01 to 2099-12-31: every date a run writes, dates of birth included. */
const CACHE_FIRST = -25_567;
const CACHE_SIZE = 73_049;
const isoCache: (string | undefined)[] = new Array(CACHE_SIZE);

/**
 * ISO text of a day number. A run formats the same few thousand days millions of times, so
 * the text is kept in a dense array indexed by day (a Map lookup cost more than the write).
 */
export function isoFromDay(day: number): string {
  if (day === NULL_INT) return '';
  const slot = day - CACHE_FIRST;
  if (slot < 0 || slot >= CACHE_SIZE) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  let text = isoCache[slot];
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache[slot] = text;
  }
  return text;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function partsFromDay(day: number): DateParts {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whether a day/month/year combination is a real calendar date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

/** Whole years between two days (age on a date). */
export function ageOn(dob: number, on: number): number {
  const a = partsFromDay(dob);
  const b = partsFromDay(on);
  let age = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) age--;
  return age;
}

/** The same calendar day `months` later (clamped to the month's end). */
export function addMonths(day: number, months: number): number {
  const p = partsFromDay(day);
  const targetMonth = p.month - 1 + months;
  const year = p.year + Math.floor(targetMonth / 12);
  const month = ((targetMonth % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(year, month, Math.min(p.day, last)) / MS_PER_DAY);
}
