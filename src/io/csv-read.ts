/**
 * A small CSV reader for user data files (RFC 4180 quoting, comma separated, first row is
 * the header). A column whose every non-missing value parses as a finite number becomes a
 * float column; any other column becomes a string column (a factor to the model code).
 * Empty fields and NA are missing, as R's read.csv treats NA (and, for numbers, empty).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { floatColumn, makeTable, stringColumn, type Column, type Table } from './table.ts';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Split CSV text into rows of fields. Unquoted fields are sliced, not built a character at a time. */
export function parseCsvRows(text: string, source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  let line = 1;
  while (i < length) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      const opened = line;
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) throw new InputError(`${source}: unterminated quoted field (opened on line ${opened})`);
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      for (let k = 0; k < value.length; k++) if (value.charCodeAt(k) === 10) line++;
      // Anything between the closing quote and the separator is kept, as R does.
      let end = i;
      while (end < length && text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      field = value + text.slice(i, end);
      i = end;
    } else {
      let end = i;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= length) break;
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      // A trailing separator at the end of the text still ends an empty last field.
      if (i >= length) row.push('');
    } else {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      rows.push(row);
      row = [];
      line++;
    }
  }
  if (row.length > 0) rows.push(row);
  // A blank line is not a row.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function isMissingText(value: string): boolean {
  if (value === '' || value === 'NA') return true;
  const t = value.trim();
  return t === '' || t === 'NA';
}

export function tableFromCsvText(text: string, name: string): Table {
  const rows = parseCsvRows(text, name);
  if (rows.length === 0) throw new InputError(`${name}: file is empty (expected a header row)`);
  const header = rows[0].map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '') throw new InputError(`${name}: header has an empty column name`);
    if (seen.has(h)) throw new InputError(`${name}: column name ${h} appears twice in the header`);
    seen.add(h);
  }
  const body = rows.slice(1);
  body.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new InputError(`${name}: data row ${k + 1} has ${r.length} fields, the header has ${header.length}`);
    }
  });
  const columns: Record<string, Column> = {};
  header.forEach((h, c) => {
    // One pass tries the column as numbers and gives up at the first value that is not one.
    const numbers = new Float64Array(body.length);
    let numeric = true;
    for (let r = 0; r < body.length; r++) {
      const v = body[r][c];
      if (isMissingText(v)) {
        numbers[r] = NaN;
        continue;
      }
      const n = Number(v);
      if (!Number.isFinite(n) || !NUMBER.test(v.trim())) {
        numeric = false;
        break;
      }
      numbers[r] = n;
    }
    columns[h] = numeric
      ? floatColumn(numbers)
      : stringColumn(body.map((r) => (isMissingText(r[c]) ? null : r[c])));
  });
  return makeTable(name, columns);
}

export function readCsvTable(path: string): Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return tableFromCsvText(text, path);
}
