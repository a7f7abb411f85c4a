import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.ts';
import { decodeUtf8, distinctAsRead, parseCsv, readCsv, readCsvAsStrings } from '../../src/io/csv-read.ts';
import { strings } from '../../src/io/table.ts';
import { toCsv } from '../../src/methods/notes/notes-csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathways-csv-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('the one CSV reader', () => {
  it('refuses bytes that are not UTF-8, naming the file, line and byte offset', () => {
    // "café" in Latin-1, as a Windows export writes it: 0xE9 alone is not UTF-8.
    const latin1 = Buffer.concat([Buffer.from('note_id,text\n1,ok\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, latin1);
    expect(messageOf(() => readCsv(path))).toBe(`${path} line 3: not UTF-8 (byte 0xE9 at offset 23); save the file as UTF-8`);
    expect(messageOf(() => decodeUtf8(Buffer.from([0x61, 0xe2, 0x82]), 'cut.csv'))).toBe('cut.csv line 1: not UTF-8 (byte 0xE2 at offset 1); save the file as UTF-8');
    expect(decodeUtf8(Buffer.from('café ✓ 𝄞'), 'ok.csv')).toBe('café ✓ 𝄞');
  });

  it('drops a byte-order mark and reads CRLF like LF', () => {
    const doc = parseCsv('\ufeffnote_id,text\r\n1,"a\r\nb"\r\n2,c\r\n', 'x.csv', ['note_id']);
    expect(doc.header).toEqual(['note_id', 'text']);
    expect(doc.records).toEqual([
      { line: 2, fields: ['1', 'a\r\nb'] },
      { line: 4, fields: ['2', 'c'] },
    ]);
  });

  it('refuses a ragged row, a missing column, an empty file and a bad header, naming file, line and column', () => {
    expect(messageOf(() => parseCsv('a,b,c\n1,2,3\n1,2\n', 'r.csv'))).toBe('r.csv line 3: 2 fields, the header has 3 (no field for column c)');
    expect(messageOf(() => parseCsv('a,b\n1,2,3\n', 'r.csv'))).toBe('r.csv line 2: 3 fields, the header has 2 (an extra field 3)');
    expect(messageOf(() => parseCsv('a,b\n1,2\n', 'm.csv', ['a', 'text']))).toBe('m.csv line 1: missing column text (header has: a, b)');
    expect(messageOf(() => parseCsv('', 'e.csv'))).toBe('e.csv: file is empty (expected a header row)');
    expect(messageOf(() => parseCsv('\ufeff\r\n\r\n', 'e.csv'))).toBe('e.csv: file is empty (expected a header row)');
    expect(messageOf(() => parseCsv('a,,c\n', 'h.csv'))).toBe('h.csv line 1: header column 2 has no name');
    expect(messageOf(() => parseCsv('a,a\n', 'h.csv'))).toBe('h.csv line 1: column a appears twice in the header');
    expect(messageOf(() => parseCsv('a,b\n1,x"y\n', 'q.csv'))).toBe('q.csv line 2: a quote inside an unquoted field');
    expect(messageOf(() => parseCsv('a,b\n1,"x"y\n', 'q.csv'))).toBe('q.csv line 2: unexpected character after a closing quote');
    expect(messageOf(() => parseCsv('a,b\n1,"x\ny\n', 'q.csv'))).toBe('q.csv line 2: quoted field never closed');
    expect(messageOf(() => readCsv(join(dir, 'absent.csv')))).toMatch(/cannot read .*absent\.csv: no such file/);
    expect(messageOf(() => readCsv(dir))).toMatch(/cannot read .*: it is a folder/);
  });

  it('reads back any table written by the CSV writer, with LF or CRLF and with or without a BOM', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '😀') });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 8 }), fc.boolean(), fc.boolean(), (rows, crlf, bom) => {
        let csv = toCsv(['x', 'y'], rows);
        if (crlf) csv = csv.replace(/\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\r\n');
        if (bom) csv = `\ufeff${csv}`;
        const doc = parseCsv(csv, 't.csv');
        expect(doc.records.map((r) => r.fields)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a file into string columns as parseCsv reads its records (empty is null), each column knowing its distinct texts', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'NA'), maxLength: 3 });
    let n = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 12 }), fc.boolean(), (rows, crlf) => {
        let csv = toCsv(['x', 'y'], rows);
        if (crlf) csv = csv.replace(/\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\r\n');
        const path = join(dir, `columns-${n++}.csv`);
        writeFileSync(path, csv);
        const table = readCsvAsStrings(path, 't');
        const records = parseCsv(csv, path).records.map((r) => r.fields);
        expect(table.rowCount).toBe(records.length);
        for (const [c, name] of ['x', 'y'].entries()) {
          const values = strings(table, name);
          expect(values).toEqual(records.map((r) => (r[c] === '' ? null : r[c])));
          const seen = distinctAsRead(table.columns[name])!;
          // Numbered in order of first sight, as the linkage encoder numbers them.
          expect(seen.distinct).toEqual([...new Set(values)]);
          values.forEach((v, i) => expect(seen.distinct[seen.codes[i]]).toBe(v));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads a file with no quotes from its bytes as parseCsv reads its text (any line ends, blank lines, a BOM, UTF-8, a trailing separator)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', 'ab', ' ', 'NA', 'é', '😀', '\u00a0'), maxLength: 3 });
    const lineEnd = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n');
    let n = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell, lineEnd), { maxLength: 12 }), fc.boolean(), fc.boolean(), (rows, bom, endsWithLine) => {
        let csv = `${bom ? '\ufeff' : ''}x,y,z\n`;
        rows.forEach(([x, y, z, end], r) => {
          // A row of one empty field is a blank line (no record), as parseCsv reads it.
          csv += `${x},${y},${z}${r < rows.length - 1 || endsWithLine ? end : ''}`;
        });
        const path = join(dir, `bytes-${n++}.csv`);
        writeFileSync(path, csv);
        const table = readCsvAsStrings(path, 't');
        const records = parseCsv(csv, path).records.map((r) => r.fields);
        expect(table.rowCount).toBe(records.length);
        for (const [c, name] of ['x', 'y', 'z'].entries()) {
          const values = strings(table, name);
          expect(values).toEqual(records.map((r) => (r[c] === '' ? null : r[c])));
          const seen = distinctAsRead(table.columns[name])!;
          expect(seen.distinct).toEqual([...new Set(values)]);
          values.forEach((v, i) => expect(seen.distinct[seen.codes[i]]).toBe(v));
        }
      }),
      { numRuns: 300 },
    );
    // The refusals name the same line as the text reader's, with CR line ends too.
    const ragged = join(dir, 'ragged-cr.csv');
    writeFileSync(ragged, 'a,b\r1,2\r\r3,4,5\r');
    expect(messageOf(() => readCsvAsStrings(ragged, 'r'))).toBe(`${ragged} line 4: 3 fields, the header has 2 (an extra field 3)`);
    const trailing = join(dir, 'trailing.csv');
    writeFileSync(trailing, 'a,b\n1,');
    expect(strings(readCsvAsStrings(trailing, 't'), 'b')).toEqual([null]);
  });

  it('stops collecting the distinct texts of a column whose texts are mostly distinct (ids), and refuses what readCsv refuses', () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => `E${i},${i % 3 === 0 ? '' : 'M'}`);
    const path = join(dir, 'ids.csv');
    writeFileSync(path, `id,sex\n${rows.join('\n')}\n`);
    const table = readCsvAsStrings(path, 'ids');
    expect(strings(table, 'id')[69_999]).toBe('E69999');
    expect(distinctAsRead(table.columns.id)).toBeUndefined();
    expect(distinctAsRead(table.columns.sex)!.distinct).toEqual([null, 'M']);
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'a,b\n1,2\n3\n');
    expect(messageOf(() => readCsvAsStrings(ragged, 'r'))).toBe(`${ragged} line 3: 1 fields, the header has 2 (no field for column b)`);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '\n');
    expect(messageOf(() => readCsvAsStrings(empty, 'e', ['id']))).toBe(`${empty}: file is empty (expected a header row naming id)`);
    expect(messageOf(() => readCsvAsStrings(ragged, 'r', ['id']))).toBe(`${ragged} line 1: missing column id (header has: a, b)`);
  });
});
