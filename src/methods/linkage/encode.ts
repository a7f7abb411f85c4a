/**
 * Turn each derived value of the settings (initials, dob text, postcode sector, ...) into
 * integer codes over ONE dictionary shared by both sides, so blocking is a join on integers,
 * an exact comparison is `codeL === codeR`, and the string metrics run once per distinct value
 * rather than once per row. Code -1 is null.
 */
import { doubleMetaphone } from 'double-metaphone';
import { soundex } from 'soundex-code';
import { isoFromDay } from '../../io/dates.ts';
import { distinctAsRead, type DistinctTexts } from '../../io/csv-read.ts';
import { NULL_INT, getColumn, type Column, type Table } from '../../io/table.ts';
import type { Derivation, LinkageSettings, SideSettings } from './settings.ts';
import { sourceColumns } from './settings.ts';

export const NULL_CODE = -1;

export interface EncodedValue {
  name: string;
  /** Distinct derived texts; code i is dictionary[i]. */
  dictionary: string[];
  left: Int32Array;
  right: Int32Array;
  /** For values derived with `date`: year, month, day of each code (0 when not a date). */
  dateParts?: { year: Int32Array; month: Int32Array; day: Int32Array };
  /** Source columns per side, used to tell which comparisons a blocking rule constrains. */
  sources: { left: string[]; right: string[] };
}

export type Encoded = Map<string, EncodedValue>;

/** Raw text of one row of a column, or null. */
export function rawText(column: Column, row: number): string | null {
  switch (column.kind) {
    case 'string':
      return column.values[row];
    case 'date': {
      const v = column.values[row];
      return v === NULL_INT ? null : isoFromDay(v);
    }
    case 'int': {
      const v = column.values[row];
      return v === NULL_INT ? null : String(v);
    }
    case 'float': {
      const v = column.values[row];
      return Number.isNaN(v) ? null : String(v);
    }
    case 'bool': {
      const v = column.values[row];
      return v === 255 ? null : String(v);
    }
  }
}

const A = 65;
const Z = 90;

function firstLetter(text: string | null): string | null {
  if (text === null) return null;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c >= A && c <= Z) return String.fromCharCode(c);
  }
  return null;
}

/** `LS6 2AB`, `ls62ab` or `LS6 2` -> [outward, inward] upper-cased; null if it is not postcode-like. */
function postcodeParts(text: string): [string, string] | null {
  const t = text.trim().toUpperCase();
  if (t === '') return null;
  const space = t.indexOf(' ');
  if (space > 0) {
    const outward = t.slice(0, space);
    const inward = t.slice(space + 1).replace(/\s+/g, '');
    return [outward, inward];
  }
  if (t.length >= 5 && t.length <= 7) return [t.slice(0, -3), t.slice(-3)];
  // A district alone (e.g. `LS6`): outward only.
  return [t, ''];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

function isoText(text: string): string | null {
  const t = text.trim();
  if (ISO_DATE.test(t)) return t.slice(0, 10);
  const uk = UK_DATE.exec(t);
  if (uk) return `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}`;
  const compact = COMPACT_DATE.exec(t);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  return null;
}

/** Apply one derivation to a raw text (or the two texts for initials). */
export function derive(derivation: Derivation, text: string | null, second?: string | null): string | null {
  if (derivation === 'initials' && second !== undefined) {
    const f = firstLetter(text);
    const s = firstLetter(second);
    return f === null || s === null ? null : f + s;
  }
  if (text === null) return null;
  let out: string | null;
  switch (derivation) {
    case 'none':
      out = text.trim();
      break;
    case 'upper':
      out = text.trim().toUpperCase().replace(/\s+/g, ' ');
      break;
    case 'digits':
      out = text.replace(/\D+/g, '');
      break;
    case 'initials':
      // One column already holding initials: keep its letters, upper-cased.
      out = text.toUpperCase().replace(/[^A-Z]/g, '');
      break;
    case 'postcode_sector': {
      const p = postcodeParts(text);
      out = p && p[1].length > 0 ? `${p[0]} ${p[1][0]}` : null;
      break;
    }
    case 'postcode_district': {
      const p = postcodeParts(text);
      out = p ? p[0] : null;
      break;
    }
    case 'postcode_area': {
      // The letters before the district's number (LS6 -> LS, B36 -> B): people who move
      // mostly stay in their area, so a same-area level separates a move from a stranger.
      const p = postcodeParts(text);
      out = p ? (/^[A-Z]+/.exec(p[0])?.[0] ?? null) : null;
      break;
    }
    case 'date':
      out = isoText(text);
      break;
    case 'year': {
      const iso = isoText(text);
      out = iso ? iso.slice(0, 4) : null;
      break;
    }
    case 'month': {
      const iso = isoText(text);
      out = iso ? iso.slice(5, 7) : null;
      break;
    }
    case 'day': {
      const iso = isoText(text);
      out = iso ? iso.slice(8, 10) : null;
      break;
    }
    case 'first_letter':
      out = firstLetter(text);
      break;
    case 'soundex': {
      // The library pads a text without letters to "0000"; such a text has no sound to code.
      out = /[a-z]/i.test(text) ? soundex(text.trim()) : null;
      break;
    }
    case 'double_metaphone':
      // The primary code; names whose secondary code differs (Schmidt: XMT / SMT) keep the primary.
      out = doubleMetaphone(text.trim())[0];
      break;
  }
  return out === '' ? null : out;
}

/** A side's derivation with its missing tokens and substring length applied. */
export function deriveSide(spec: SideSettings, text: string | null, second?: string | null): string | null {
  const missing = spec.missing;
  const clean = (t: string | null | undefined): string | null | undefined =>
    t === null || t === undefined ? t : missing.length > 0 && missing.includes(t.trim()) ? null : t;
  const out = derive(spec.derive, clean(text) ?? null, second === undefined ? undefined : (clean(second) ?? null));
  return out !== null && spec.length !== undefined ? out.slice(0, spec.length) : out;
}

/** Widest range of integers (days) whose codes are memoised in a table rather than a Map. */
const DENSE_MEMO_MAX = 1 << 20;
/** A memo cell not yet filled (codes are -1 or more). */
const UNSEEN = -2;

/** Codes of one side: the row's derived text looked up in (and added to) the shared dictionary. */
function encodeSide(
  table: Table,
  spec: SideSettings,
  dictionary: string[],
  index: Map<string, number>,
): Int32Array {
  const out = new Int32Array(table.rowCount);
  const cols = sourceColumns(spec).map((c) => getColumn(table, c));
  const codeOf = (text: string | null): number => {
    if (text === null) return NULL_CODE;
    let code = index.get(text);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(text);
      index.set(text, code);
    }
    return code;
  };
  if (cols.length === 2) {
    for (let i = 0; i < table.rowCount; i++) out[i] = codeOf(deriveSide(spec, rawText(cols[0], i), rawText(cols[1], i)));
    return out;
  }
  const col = cols[0];
  // Derive once per distinct raw value: a million rows hold a few thousand dates or sectors.
  if (col.kind === 'date' || col.kind === 'int') {
    const values = col.values;
    const n = table.rowCount;
    // Days (and most integer columns) span a narrow range: a table indexed by value less the
    // least, where a Map would hash every row's value.
    let least = Infinity;
    let most = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === NULL_INT) continue;
      if (v < least) least = v;
      if (v > most) most = v;
    }
    const span = most - least + 1;
    if (span > 0 && span <= DENSE_MEMO_MAX) {
      const memo = new Int32Array(span).fill(UNSEEN);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        // A missing value derives to nothing whatever the derivation.
        if (v === NULL_INT) {
          out[i] = NULL_CODE;
          continue;
        }
        let code = memo[v - least];
        if (code === UNSEEN) {
          code = codeOf(deriveSide(spec, rawText(col, i)));
          memo[v - least] = code;
        }
        out[i] = code;
      }
      return out;
    }
    const memo = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let code = memo.get(v);
      if (code === undefined) {
        code = codeOf(deriveSide(spec, rawText(col, i)));
        memo.set(v, code);
      }
      out[i] = code;
    }
    return out;
  }
  // A text column: its distinct texts are found once however many values derive from it
  // (dob and birth year, district and area); each value then derives once per distinct text,
  // in order of first sight, so its codes are those a row-by-row pass would give.
  const { codes, distinct } = distinctTexts(col);
  const derived = new Int32Array(distinct.length);
  for (let d = 0; d < distinct.length; d++) derived[d] = codeOf(deriveSide(spec, distinct[d]));
  for (let i = 0; i < table.rowCount; i++) out[i] = derived[codes[i]];
  return out;
}

const distinctCache = new WeakMap<Column, DistinctTexts>();

function distinctTexts(col: Column): DistinctTexts {
  // The CSV reader found them while reading (numbered the same way: in order of first sight).
  const cached = distinctCache.get(col) ?? distinctAsRead(col);
  if (cached) return cached;
  const values = col.values as (string | number | null)[];
  const codes = new Int32Array(values.length);
  const distinct: (string | null)[] = [];
  const index = new Map<string | null, number>();
  for (let i = 0; i < values.length; i++) {
    const raw = rawText(col, i);
    let d = index.get(raw);
    if (d === undefined) {
      d = distinct.length;
      distinct.push(raw);
      index.set(raw, d);
    }
    codes[i] = d;
  }
  const out = { codes, distinct };
  distinctCache.set(col, out);
  return out;
}

function datePartsOf(dictionary: string[]): EncodedValue['dateParts'] {
  const n = dictionary.length;
  const year = new Int32Array(n);
  const month = new Int32Array(n);
  const day = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const m = ISO_DATE.exec(dictionary[i]);
    if (!m) continue;
    year[i] = Number(m[1]);
    month[i] = Number(m[2]);
    day[i] = Number(m[3]);
  }
  return { year, month, day };
}

/**
 * Encode one named value of the settings. When deduplicating, the "right" codes ARE the left
 * codes (the same array): a pair (i, j) with i < j compares two records of one file, and
 * link_and_dedupe first stacks the right file's records after the left's.
 */
export function encodeValue(name: string, settings: LinkageSettings, left: Table, right: Table): EncodedValue {
  const spec = settings.columns[name];
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  let l = encodeSide(left, spec.left, dictionary, index);
  let r: Int32Array;
  if (settings.link_type === 'dedupe_only') r = l;
  else {
    r = encodeSide(right, spec.right, dictionary, index);
    if (settings.link_type === 'link_and_dedupe') {
      const both = new Int32Array(l.length + r.length);
      both.set(l);
      both.set(r, l.length);
      l = both;
      r = both;
    }
  }
  const value: EncodedValue = {
    name,
    dictionary,
    left: l,
    right: r,
    sources: { left: sourceColumns(spec.left), right: sourceColumns(spec.right) },
  };
  if (spec.left.derive === 'date' && spec.right.derive === 'date') value.dateParts = datePartsOf(dictionary);
  return value;
}

/** Names of the values the settings actually use (blocking keys, comparison and level columns). */
export function usedValueNames(settings: LinkageSettings): string[] {
  const used = new Set<string>();
  for (const rule of settings.blocking_rules) for (const key of rule) used.add(key);
  for (const rule of settings.training.rules ?? []) for (const key of rule) used.add(key);
  for (const c of settings.comparisons) {
    used.add(c.column);
    for (const level of c.levels) if (level.column) used.add(level.column);
  }
  return [...used];
}

/** Encode every value the settings use. */
export function encodeAll(settings: LinkageSettings, left: Table, right: Table): Encoded {
  const encoded: Encoded = new Map();
  for (const name of usedValueNames(settings)) encoded.set(name, encodeValue(name, settings, left, right));
  return encoded;
}

/** Whether two values read a common source column on either side (so blocking on one constrains the other). */
export function sharesSource(a: EncodedValue, b: EncodedValue): boolean {
  return a.sources.left.some((c) => b.sources.left.includes(c)) || a.sources.right.some((c) => b.sources.right.includes(c));
}

/** Per-code frequency of a value among the non-null rows of the right side (for term-frequency adjustment). */
export function rightFrequencies(value: EncodedValue): Float64Array {
  const counts = new Float64Array(value.dictionary.length);
  let total = 0;
  for (const code of value.right) {
    if (code >= 0) {
      counts[code]++;
      total++;
    }
  }
  if (total > 0) for (let i = 0; i < counts.length; i++) counts[i] /= total;
  return counts;
}
