/**
 * The one CSV reader: every command and stage that reads a CSV a user (or another tool) gave
 * reads it here. RFC 4180 (comma separated, double-quote quoting, "" for a quote, fields may
 * hold commas and newlines), LF or CRLF line ends, a UTF-8 byte-order mark dropped. Refused,
 * each with one line naming the file and where: bytes that are not UTF-8 (a Latin-1 export
 * would otherwise be mangled without a word), an empty file, a header with an empty or repeated
 * name, a row with more or fewer fields than the header, a stray quote, a required column
 * missing.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { floatColumn, makeTable, stringColumn, type Column, type Table } from './table.ts';

export interface CsvRecord {
  /** 1-based file line where the record starts (differs from its index once fields hold newlines). */
  line: number;
  fields: string[];
}

export interface CsvDocument {
  source: string;
  header: string[];
  /** The data records (the header excluded), each with the header's number of fields. */
  records: CsvRecord[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Where the first byte that is not UTF-8 sits: its offset and line (for the error message). */
function firstBadByte(bytes: Uint8Array): { offset: number; line: number } {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    if (b < 0x80) {
      if (b === 10) line++;
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return { offset: i, line };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { offset: i, line };
    }
    // Overlong, surrogate and beyond-U+10FFFF forms: TextDecoder refuses them; point at the lead byte.
    const second = bytes[i + 1];
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) {
      return { offset: i, line };
    }
    i += need + 1;
  }
  return { offset: bytes.length, line };
}

/** Bytes as UTF-8 text, or an error naming the file, the byte, its offset and line. */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    const { offset, line } = firstBadByte(bytes);
    const byte = bytes[offset] === undefined ? 'a truncated character at the end' : `byte 0x${bytes[offset].toString(16).toUpperCase().padStart(2, '0')}`;
    throw new InputError(`${source} line ${line}: not UTF-8 (${byte} at offset ${offset}); save the file as UTF-8`);
  }
}

/** A file's text, read as UTF-8 (refused otherwise); a missing file is an InputError too. */
export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error));
    throw new InputError(`cannot read ${path}: ${why}`);
  }
  return decodeUtf8(bytes, path);
}

/**
 * Walk CSV text record by record, calling `onRecord` with each record's fields and the 1-based
 * line where it starts. Unquoted fields are sliced, not built a character at a time, since a
 * scale-1 file holds a million rows. Blank lines are not records. With `reuse` the same fields
 * array is handed to every call (the caller copies what it keeps), so a reader that spreads
 * fields into columns makes no array per row.
 */
function scanCsv(text: string, source: string, onRecord: (fields: string[], line: number) => void, reuse: boolean): void {
  let fields: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    if (!(fields.length === 1 && fields[0] === '')) onRecord(fields, recordLine);
    if (reuse) fields.length = 0;
    else fields = [];
  };
  while (i < length) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) throw new InputError(`${source} line ${line}: quoted field never closed`);
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
      const next = text.charCodeAt(i);
      if (i < length && next !== 44 && next !== 10 && next !== 13) {
        throw new InputError(`${source} line ${line}: unexpected character after a closing quote`);
      }
      field = value;
    } else {
      let end = i;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) throw new InputError(`${source} line ${line}: a quote inside an unquoted field`);
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    fields.push(field);
    if (i >= length) break;
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      // A trailing separator at the end of the text still ends an empty last field.
      if (i >= length) fields.push('');
    } else {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
    }
  }
  if (fields.length > 0) endRecord();
}

/** Split CSV text into records (see scanCsv for the rules). */
export function parseCsvRecords(text: string, source: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  scanCsv(text, source, (fields, line) => records.push({ line, fields }), false);
  return records;
}

/** Split CSV text into rows of fields (header first), for callers that want plain rows. */
export function parseCsvRows(text: string, source: string): string[][] {
  return parseCsvRecords(text, source).map((r) => r.fields);
}

/**
 * Header and records, checked: a header with no empty or repeated name, every record with the
 * header's number of fields, and each `required` column present.
 */
export function parseCsv(text: string, source: string, required: readonly string[] = []): CsvDocument {
  const records = parseCsvRecords(text, source);
  if (records.length === 0) throw emptyFileError(source, required);
  const header = checkedHeader(records[0].fields, records[0].line, source, required);
  const body = records.slice(1);
  for (const record of body) checkFieldCount(record.fields, record.line, header, source);
  return { source, header, records: body };
}

function emptyFileError(source: string, required: readonly string[]): InputError {
  return new InputError(`${source}: file is empty (expected a header row${required.length ? ` naming ${required.join(', ')}` : ''})`);
}

/** The header's names trimmed, refused when one is empty or repeated or a required one is missing. */
function checkedHeader(fields: string[], line: number, source: string, required: readonly string[]): string[] {
  const header = fields.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((h, c) => {
    if (h === '') throw new InputError(`${source} line ${line}: header column ${c + 1} has no name`);
    if (seen.has(h)) throw new InputError(`${source} line ${line}: column ${h} appears twice in the header`);
    seen.add(h);
  });
  for (const name of required) {
    if (!seen.has(name)) throw new InputError(`${source} line ${line}: missing column ${name} (header has: ${header.join(', ')})`);
  }
  return header;
}

function checkFieldCount(fields: string[], line: number, header: string[], source: string): void {
  if (fields.length === header.length) return;
  const extra = fields.length > header.length;
  const column = extra ? `an extra field ${header.length + 1}` : `no field for column ${header[fields.length]}`;
  throw new InputError(`${source} line ${line}: ${fields.length} fields, the header has ${header.length} (${column})`);
}

/** A CSV file read and checked as `parseCsv` checks it. */
export function readCsv(path: string, required: readonly string[] = []): CsvDocument {
  return parseCsv(readTextFile(path), path, required);
}

/** The values of one column, by name. */
export function csvColumn(doc: CsvDocument, name: string): string[] {
  const at = doc.header.indexOf(name);
  if (at < 0) throw new InputError(`${doc.source} line 1: missing column ${name} (header has: ${doc.header.join(', ')})`);
  return doc.records.map((r) => r.fields[at]);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function isMissingText(value: string): boolean {
  if (value === '' || value === 'NA') return true;
  const t = value.trim();
  return t === '' || t === 'NA';
}

/**
 * A table for the model code: a column whose every non-missing value parses as a finite number
 * becomes a float column, any other a string column (a factor). Empty fields and NA are
 * missing, as R's read.csv treats NA (and, for numbers, empty).
 */
export function tableFromCsvText(text: string, name: string): Table {
  return tableOfDocument(parseCsv(text, name), name);
}

function tableOfDocument(doc: CsvDocument, name: string): Table {
  const body = doc.records.map((r) => r.fields);
  const columns: Record<string, Column> = {};
  doc.header.forEach((h, c) => {
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
    columns[h] = numeric ? floatColumn(numbers) : stringColumn(body.map((r) => (isMissingText(r[c]) ? null : r[c])));
  });
  return makeTable(name, columns);
}

export function readCsvTable(path: string): Table {
  return tableOfDocument(readCsv(path), path);
}

/** A column's rows as indices into its distinct texts (null, an empty field, included), numbered in order of first sight. */
export interface DistinctTexts {
  codes: Int32Array;
  distinct: (string | null)[];
}

/** Distinct texts of the columns readCsvAsStrings found them for while reading. */
const readDistinct = new WeakMap<Column, DistinctTexts>();

/** A column's distinct texts as the reader found them, when it kept them (see readCsvAsStrings). */
export function distinctAsRead(column: Column): DistinctTexts | undefined {
  return readDistinct.get(column);
}

/**
 * One column as it is read: each cell's text looked up among the column's texts so far, so
 * equal cells share one string (a million rows of a few thousand dates hold a few thousand
 * strings, not a million) and the row's index into them is kept for the linkage encoder. A
 * column whose texts are mostly distinct (record ids) gains nothing from the lookup: after
 * INTERN_PROBE rows with more than half of them distinct, it keeps its cells as they come.
 */
const INTERN_PROBE = 1 << 16;

class ColumnReader {
  values: (string | null)[] = [];
  private codes: Int32Array | null = new Int32Array(1024);
  private distinct: (string | null)[] = [];
  private index: Map<string | null, number> | null = new Map();

  push(text: string): void {
    const value = text === '' ? null : text;
    const index = this.index;
    if (index === null) {
      this.values.push(value);
      return;
    }
    const row = this.values.length;
    let d = index.get(value);
    if (d === undefined) {
      d = this.distinct.length;
      this.distinct.push(value);
      index.set(value, d);
    }
    let codes = this.codes!;
    if (row === codes.length) {
      const grown = new Int32Array(codes.length * 2);
      grown.set(codes);
      this.codes = codes = grown;
    }
    codes[row] = d;
    this.values.push(this.distinct[d]);
    if (row + 1 === INTERN_PROBE && this.distinct.length * 2 > INTERN_PROBE) {
      this.index = null;
      this.codes = null;
      this.distinct = [];
    }
  }

  column(): Column {
    const column = stringColumn(this.values);
    if (this.codes) readDistinct.set(column, { codes: this.codes.slice(0, this.values.length), distinct: this.distinct });
    return column;
  }
}

/**
 * A CSV file as a table of string columns: identifiers keep their exact text (leading zeros,
 * NHS numbers); only an empty field is missing. Other tokens (NA, UNKNOWN) are values here:
 * initials NA (Nancy Allen) are a person's, and linkage settings name missing tokens per column.
 * Checked as readCsv checks; read straight into columns (no record objects).
 */
export function readCsvAsStrings(path: string, name: string, required: readonly string[] = []): Table {
  const text = readTextFile(path);
  let header: string[] | null = null;
  let readers: ColumnReader[] = [];
  scanCsv(
    text,
    path,
    (fields, line) => {
      if (header === null) {
        header = checkedHeader(fields, line, path, required);
        readers = header.map(() => new ColumnReader());
        return;
      }
      checkFieldCount(fields, line, header, path);
      for (let c = 0; c < fields.length; c++) readers[c].push(fields[c]);
    },
    true,
  );
  if (header === null) throw emptyFileError(path, required);
  const names: string[] = header;
  return makeTable(name, Object.fromEntries(names.map((h, c) => [h, readers[c].column()])));
}
