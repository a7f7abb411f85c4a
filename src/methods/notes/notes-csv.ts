/**
 * CSV in and out for the `classify` command. Kept here rather than reusing src/io/csv-read.ts
 * because notes need what that reader does not give: every field kept as text (a note_id
 * "00123" or a note reading "NA" must survive as written) and errors that name the FILE line
 * where a record starts, which differs from the record number once notes hold newlines.
 */
import { InputError } from '../../errors.ts';

export interface CsvRecord {
  /** 1-based file line where the record starts. */
  line: number;
  fields: string[];
}

/** RFC 4180 records: comma separated, double-quote quoting, "" for a quote, CRLF or LF. */
export function parseCsvRecords(text: string, source: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    afterQuote = false;
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      throw new InputError(`${source} line ${line}: unexpected character after a closing quote`);
    } else if (ch === '"') {
      if (field !== '') throw new InputError(`${source} line ${line}: a quote inside an unquoted field`);
      quoted = true;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new InputError(`${source} line ${recordLine}: quoted field never closed`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Rows of the named columns, checked: every record has the header's field count. */
export function readCsvColumns(text: string, source: string, required: readonly string[]): { line: number; values: Record<string, string> }[] {
  const records = parseCsvRecords(text, source);
  if (records.length === 0) throw new InputError(`${source}: empty file, expected a header with ${required.join(', ')}`);
  const header = records[0].fields.map((h) => h.trim());
  const index: Record<string, number> = {};
  for (const name of required) {
    const at = header.indexOf(name);
    if (at < 0) throw new InputError(`${source}: missing column ${name} (header has: ${header.join(', ')})`);
    index[name] = at;
  }
  const rows: { line: number; values: Record<string, string> }[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record.fields.length !== header.length) {
      throw new InputError(`${source} line ${record.line}: ${record.fields.length} fields, the header has ${header.length}`);
    }
    const values: Record<string, string> = {};
    for (const name of required) values[name] = record.fields[index[name]];
    rows.push({ line: record.line, values });
  }
  return rows;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header.map(quote).join(',')];
  for (const row of rows) lines.push(row.map((v) => (typeof v === 'number' ? String(v) : quote(v))).join(','));
  return `${lines.join('\n')}\n`;
}
