/**
 * The one CSV reader: every command and stage that reads a CSV a user (or another tool) gave
 * reads it here. RFC 4180 (comma separated, double-quote quoting, "" for a quote, fields may
 * hold commas and newlines), LF or CRLF line ends, a UTF-8 byte-order mark dropped. Refused,
 * each with one line naming the file and where: bytes that are not UTF-8 (a Latin-1 export
 * would otherwise be mangled without a word), an empty file, a header with an empty or repeated
 * name, a row with more or fewer fields than the header, a stray quote, a required column
 * missing.
 */
import { isAscii, isUtf8 } from 'node:buffer';
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

/** A file's bytes; a missing file is an InputError. */
function readFileBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error));
    throw new InputError(`cannot read ${path}: ${why}`);
  }
}

/** A file's text, read as UTF-8 (refused otherwise); a missing file is an InputError too. */
export function readTextFile(path: string): string {
  return decodeUtf8(readFileBytes(path), path);
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
  if (fields.length !== header.length) throw fieldCountError(fields.length, line, header, source);
}

function fieldCountError(count: number, line: number, header: string[], source: string): InputError {
  const extra = count > header.length;
  const column = extra ? `an extra field ${header.length + 1}` : `no field for column ${header[count]}`;
  return new InputError(`${source} line ${line}: ${count} fields, the header has ${header.length} (${column})`);
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
    if (row === codes.length) this.codes = codes = doubled(codes);
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
 * Checked as readCsv checks; read straight into columns (no record objects). A file with no
 * quote in it (the usual export) is read from its bytes (readUnquotedColumns); one with quotes
 * is decoded and scanned as text.
 */
export function readCsvAsStrings(path: string, name: string, required: readonly string[] = []): Table {
  const bytes = readFileBytes(path);
  if (!isUtf8(bytes)) decodeUtf8(bytes, path); // throws, naming the first byte that is not UTF-8
  if (bytes.indexOf(34 /* " */) < 0) return readUnquotedColumns(bytes, path, name, required);
  const text = decodeUtf8(bytes, path);
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

/** Texts of byte ranges of one UTF-8 file: slices of its Latin-1 reading when it is all ASCII (the same characters, one per byte), decoded otherwise. */
class ByteTexts {
  private readonly ascii: string | null;
  constructor(readonly bytes: Buffer) {
    this.ascii = isAscii(bytes) ? bytes.toString('latin1') : null;
  }
  text(from: number, to: number): string {
    return this.ascii !== null ? this.ascii.slice(from, to) : this.bytes.toString('utf8', from, to);
  }
}

function doubled(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/**
 * One column read from bytes, as ColumnReader reads it from texts (the same values, distinct
 * texts in the same order, the same give-up for ids), but a cell's bytes are looked up by their
 * hash among the distinct texts' bytes so far, so a repeated text makes no string at all: only
 * a text seen for the first time (or a cell of an id column) is decoded.
 */
class ByteColumnReader {
  values: (string | null)[];
  private row = 0;
  private codes: Int32Array | null;
  private distinct: (string | null)[] = [];
  /** Per distinct text: where its bytes first were, how many (-1 for null), and their hash. */
  private from: Int32Array = new Int32Array(256);
  private length: Int32Array = new Int32Array(256);
  private hash: Int32Array = new Int32Array(256);
  /** Open addressing: distinct index + 1, 0 for an empty slot. */
  private slots: Int32Array = new Int32Array(1024);
  private nullCode = -1;
  private interning = true;

  constructor(private readonly source: ByteTexts, rows: number) {
    this.values = new Array<string | null>(rows).fill(null);
    this.codes = new Int32Array(rows);
  }

  push(from: number, to: number, h: number): void {
    const row = this.row++;
    if (!this.interning) {
      this.values[row] = to === from ? null : this.source.text(from, to);
      return;
    }
    const d = to === from ? this.nullIndex() : this.lookup(from, to - from, h);
    let codes = this.codes!;
    if (row === codes.length) this.codes = codes = doubled(codes);
    codes[row] = d;
    this.values[row] = this.distinct[d];
    if (row + 1 === INTERN_PROBE && this.distinct.length * 2 > INTERN_PROBE) {
      this.interning = false;
      this.codes = null;
      this.distinct = [];
      this.slots = new Int32Array(0);
    }
  }

  private nullIndex(): number {
    if (this.nullCode < 0) this.nullCode = this.add(null, 0, -1, 0);
    return this.nullCode;
  }

  private lookup(from: number, length: number, h: number): number {
    const bytes = this.source.bytes;
    let slots = this.slots;
    let mask = slots.length - 1;
    let p = h & mask;
    for (;;) {
      const q = slots[p];
      if (q === 0) break;
      const d = q - 1;
      if (this.hash[d] === h && this.length[d] === length) {
        const at = this.from[d];
        let k = 0;
        while (k < length && bytes[at + k] === bytes[from + k]) k++;
        if (k === length) return d;
      }
      p = (p + 1) & mask;
    }
    const d = this.add(this.source.text(from, from + length), from, length, h);
    if ((d + 1) * 2 > slots.length) {
      slots = this.rehash(slots.length * 2);
      mask = slots.length - 1;
      p = h & mask;
      while (slots[p] !== 0) p = (p + 1) & mask;
    }
    slots[p] = d + 1;
    return d;
  }

  private add(text: string | null, from: number, length: number, h: number): number {
    const d = this.distinct.length;
    if (d === this.from.length) {
      this.from = doubled(this.from);
      this.length = doubled(this.length);
      this.hash = doubled(this.hash);
    }
    this.distinct.push(text);
    this.from[d] = from;
    this.length[d] = length;
    this.hash[d] = h;
    return d;
  }

  private rehash(size: number): Int32Array {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let d = 0; d < this.distinct.length; d++) {
      if (this.length[d] < 0) continue;
      let p = this.hash[d] & mask;
      while (slots[p] !== 0) p = (p + 1) & mask;
      slots[p] = d + 1;
    }
    this.slots = slots;
    return slots;
  }

  column(): Column {
    this.values.length = this.row;
    const column = stringColumn(this.values);
    if (this.codes) readDistinct.set(column, { codes: this.codes.slice(0, this.row), distinct: this.distinct });
    return column;
  }
}

/**
 * readCsvAsStrings for bytes with no quote in them (already checked as UTF-8): the same records
 * as scanCsv finds (LF, CRLF or CR line ends, blank lines skipped, a trailing separator ending an
 * empty field, a byte-order mark dropped) and the same refusals, but each field is a byte range
 * hashed as it is scanned, so most cells never become strings (ByteColumnReader).
 */
function readUnquotedColumns(bytes: Buffer, path: string, name: string, required: readonly string[]): Table {
  const texts = new ByteTexts(bytes);
  const length = bytes.length;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let header: string[] | null = null;
  let readers: ByteColumnReader[] = [];
  // The current record's fields: byte ranges and hashes.
  let starts: Int32Array = new Int32Array(16);
  let ends: Int32Array = new Int32Array(16);
  let hashes: Int32Array = new Int32Array(16);
  let fieldCount = 0;
  // With no quotes a record never spans lines: its line is the line it ends on.
  let line = 1;
  const addField = (from: number, to: number, h: number) => {
    if (fieldCount === starts.length) {
      starts = doubled(starts);
      ends = doubled(ends);
      hashes = doubled(hashes);
    }
    starts[fieldCount] = from;
    ends[fieldCount] = to;
    hashes[fieldCount] = h;
    fieldCount++;
  };
  const endRecord = () => {
    const count = fieldCount;
    fieldCount = 0;
    if (count === 1 && starts[0] === ends[0]) return; // a blank line
    if (header === null) {
      const fields = Array.from({ length: count }, (_, f) => texts.text(starts[f], ends[f]));
      header = checkedHeader(fields, line, path, required);
      let rows = 0;
      for (let at = bytes.indexOf(10, i); at >= 0; at = bytes.indexOf(10, at + 1)) rows++;
      readers = header.map(() => new ByteColumnReader(texts, rows + 1));
      return;
    }
    if (count !== header.length) throw fieldCountError(count, line, header, path);
    for (let c = 0; c < count; c++) readers[c].push(starts[c], ends[c], hashes[c]);
  };
  while (i < length) {
    let h = FNV_OFFSET;
    let end = i;
    while (end < length) {
      const c = bytes[end];
      if (c === 44 || c === 10 || c === 13) break;
      h = Math.imul(h ^ c, FNV_PRIME);
      end++;
    }
    addField(i, end, h);
    i = end;
    if (i >= length) break;
    const c = bytes[i];
    if (c === 44) {
      i++;
      // A trailing separator at the end of the file still ends an empty last field.
      if (i >= length) addField(i, i, FNV_OFFSET);
    } else {
      i += c === 13 && bytes[i + 1] === 10 ? 2 : 1;
      endRecord();
      line++;
    }
  }
  if (fieldCount > 0) endRecord();
  if (header === null) throw emptyFileError(path, required);
  const names: string[] = header;
  return makeTable(name, Object.fromEntries(names.map((h, c) => [h, readers[c].column()])));
}
