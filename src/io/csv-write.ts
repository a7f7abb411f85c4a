/** CSV text for a table: RFC 4180 quoting, ISO dates, empty cells for nulls. */
import { createWriteStream } from 'node:fs';
import type { Hash } from 'node:crypto';
import { once } from 'node:events';
import { NULL_INT, type Column, type Table } from './table.ts';
import { isoFromDay } from './dates.ts';

function needsQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return true;
  }
  return false;
}

function quote(text: string): string {
  return needsQuotes(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One formatter per column, chosen once, so the row loop does no type dispatch. */
function formatter(column: Column): (row: number) => string {
  switch (column.kind) {
    case 'string': {
      const v = column.values;
      return (row) => {
        const x = v[row];
        return x === null ? '' : quote(x);
      };
    }
    case 'int': {
      const v = column.values;
      return (row) => (v[row] === NULL_INT ? '' : String(v[row]));
    }
    case 'date': {
      const v = column.values;
      return (row) => isoFromDay(v[row]);
    }
    case 'float': {
      const v = column.values;
      return (row) => (Number.isNaN(v[row]) ? '' : String(v[row]));
    }
    case 'bool': {
      const v = column.values;
      return (row) => (v[row] === 255 ? '' : v[row] ? 'true' : 'false');
    }
  }
}

/**
 * Write a table as CSV, in chunks so a million rows never sit in one string. With `append`,
 * rows go after what the file holds and no header is written (a table written in parts).
 * With `hash`, every byte written also goes into it: the manifest's digest without reading
 * the file back.
 */
export async function writeCsv(table: Table, path: string, options: { append?: boolean; hash?: Hash } = {}): Promise<void> {
  const out = createWriteStream(path, { flags: options.append ? 'a' : 'w' });
  const { hash } = options;
  const write = (text: string): boolean => {
    if (!hash) return out.write(text);
    const bytes = Buffer.from(text, 'utf8');
    hash.update(bytes);
    return out.write(bytes);
  };
  const names = Object.keys(table.columns);
  const cells = names.map((n) => formatter(table.columns[n]));
  const width = cells.length;
  let chunk = options.append ? '' : names.map(quote).join(',') + '\n';
  for (let row = 0; row < table.rowCount; row++) {
    let line = cells[0](row);
    for (let c = 1; c < width; c++) line += ',' + cells[c](row);
    chunk += line + '\n';
    if (chunk.length > 1 << 20) {
      if (!write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk.length > 0) write(chunk);
  out.end();
  await once(out, 'finish');
}
