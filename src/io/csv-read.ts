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

/** Split CSV text into rows of fields. */
export function parseCsvRows(text: string, source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fieldStarted = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      line++;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new InputError(`${source}: unterminated quoted field (opened before line ${line})`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // A blank last line is not a row.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function isMissingText(value: string): boolean {
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
    const raw = body.map((r) => r[c]);
    const numeric = raw.every((v) => isMissingText(v) || NUMBER.test(v.trim()));
    if (numeric) {
      columns[h] = floatColumn(Float64Array.from(raw, (v) => (isMissingText(v) ? NaN : Number(v.trim()))));
    } else {
      columns[h] = stringColumn(raw.map((v) => (isMissingText(v) ? null : v)));
    }
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
