/**
 * CSV in and out for the `classify` command. Reading is the one CSV reader's (src/io/csv-read.ts),
 * with every field kept as text (a note_id "00123" or a note reading "NA" must survive as written)
 * and errors naming the FILE line where a record starts.
 */
import { parseCsv } from '../../io/csv-read.ts';

/** Rows of the named columns, checked: every record has the header's field count. */
export function readCsvColumns(text: string, source: string, required: readonly string[]): { line: number; values: Record<string, string> }[] {
  const doc = parseCsv(text, source, required);
  const index = required.map((name) => [name, doc.header.indexOf(name)] as const);
  return doc.records.map((record) => {
    const values: Record<string, string> = {};
    for (const [name, at] of index) values[name] = record.fields[at];
    return { line: record.line, values };
  });
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header.map(quote).join(',')];
  for (const row of rows) lines.push(row.map((v) => (typeof v === 'number' ? String(v) : quote(v))).join(','));
  return `${lines.join('\n')}\n`;
}
