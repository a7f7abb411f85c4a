/** CSV text for a table: RFC 4180 quoting, ISO dates, empty cells for nulls. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { NULL_INT, type Column, type Table } from './table.ts';
import { isoFromDay } from './dates.ts';

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cell(column: Column, row: number): string {
  switch (column.kind) {
    case 'string': {
      const v = column.values[row];
      return v === null ? '' : quote(v);
    }
    case 'int': {
      const v = column.values[row];
      return v === NULL_INT ? '' : String(v);
    }
    case 'date':
      return isoFromDay(column.values[row]);
    case 'float': {
      const v = column.values[row];
      return Number.isNaN(v) ? '' : String(v);
    }
    case 'bool': {
      const v = column.values[row];
      return v === 255 ? '' : v ? 'true' : 'false';
    }
  }
}

/** Write a table as CSV, in chunks so a million rows never sit in one string. */
export async function writeCsv(table: Table, path: string): Promise<void> {
  const out = createWriteStream(path);
  const names = Object.keys(table.columns);
  const columns = names.map((n) => table.columns[n]);
  let chunk = names.map(quote).join(',') + '\n';
  for (let row = 0; row < table.rowCount; row++) {
    let line = cell(columns[0], row);
    for (let c = 1; c < columns.length; c++) line += ',' + cell(columns[c], row);
    chunk += line + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
