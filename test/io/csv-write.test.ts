import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCsv } from '../../src/io/csv-write.ts';
import { isoFromDay } from '../../src/io/dates.ts';
import { NULL_INT, boolColumn, dateColumn, floatColumn, intColumn, makeTable, stringColumn, type Column, type Table } from '../../src/io/table.ts';

const dir = mkdtempSync(join(tmpdir(), 'csv-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = (): string => join(dir, `t${files++}.csv`);

/** The CSV a table has always been written as, built the plain way: a string per cell. */
function plainCsv(table: Table, header = true): string {
  const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const cell = (column: Column, row: number): string => {
    switch (column.kind) {
      case 'string': {
        const x = column.values[row];
        return x === null ? '' : quote(x);
      }
      case 'int':
        return column.values[row] === NULL_INT ? '' : String(column.values[row]);
      case 'date':
        return isoFromDay(column.values[row]);
      case 'float':
        return Number.isNaN(column.values[row]) ? '' : String(column.values[row]);
      case 'bool':
        return column.values[row] === 255 ? '' : column.values[row] ? 'true' : 'false';
    }
  };
  const names = Object.keys(table.columns);
  const columns = names.map((n) => table.columns[n]);
  let text = header ? names.map(quote).join(',') + '\n' : '';
  for (let row = 0; row < table.rowCount; row++) text += columns.map((c) => cell(c, row)).join(',') + '\n';
  return text;
}

/** Write a table and check the file holds exactly the plain CSV, and the hash exactly the file. */
async function expectWritten(table: Table): Promise<string> {
  const path = fresh();
  const hash = createHash('sha256');
  await writeCsv(table, path, { hash });
  const bytes = readFileSync(path);
  const expected = Buffer.from(plainCsv(table), 'utf8');
  if (!bytes.equals(expected)) expect(bytes.toString('utf8')).toBe(expected.toString('utf8'));
  expect(bytes.equals(expected)).toBe(true);
  expect(hash.digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  return bytes.toString('utf8');
}

const TEXTS = [
  'plain',
  '',
  null,
  'a,b',
  'say "hi"',
  '"',
  'line\nbreak',
  'cr\ronly',
  'crlf\r\n',
  ' spaced out ',
  'caf\u00e9',
  '\u00a3100',
  'emoji \ud83d\ude00 here',
  'emoji, quoted \ud83d\ude00',
  'lone \ud800 surrogate',
  '\udc00',
  'x'.repeat(64),
  'y'.repeat(65),
  'long, with "quotes" ' + 'z'.repeat(100),
  '\u00e9'.repeat(90),
  '!#$%&\'()*+-./:;<=>?@[\\]^_`{|}~\t',
];

describe('writeCsv', () => {
  it('writes every kind of cell as the plain formatter does: quotes, nulls, dates, numbers, bools', async () => {
    const ints = [NULL_INT, 0, 7, -1, -5, 10, 99, 100, 12345, -678901, 1000000000, 999999999, 2147483647, -2147483647];
    const days = [NULL_INT, 0, -1, 19000, -25567, -25568, 47481, 47482, -30000, 80000, 2000000, -2000000];
    const floats = [NaN, 0, -0, 1.5, -2.25, 0.1 + 0.2, 1e21, 1e-7, 123456789.123, Infinity, -Infinity, -1e-300];
    const bools = [0, 1, 255, 2];
    const rows = Math.max(TEXTS.length, ints.length, days.length, floats.length);
    const table = makeTable('cells', {
      text: stringColumn(Array.from({ length: rows }, (_, r) => TEXTS[r % TEXTS.length])),
      count: intColumn(Int32Array.from({ length: rows }, (_, r) => ints[r % ints.length])),
      day: dateColumn(Int32Array.from({ length: rows }, (_, r) => days[r % days.length])),
      value: floatColumn(Float64Array.from({ length: rows }, (_, r) => floats[r % floats.length])),
      flag: boolColumn(Uint8Array.from({ length: rows }, (_, r) => bools[r % bools.length])),
      other: stringColumn(Array.from({ length: rows }, (_, r) => TEXTS[(r * 7 + 3) % TEXTS.length])),
    });
    const text = await expectWritten(table);
    // Spelled out too, so the check does not rest on the plain formatter alone.
    const y65 = 'y'.repeat(65);
    expect(text.startsWith('text,count,day,value,flag,other\nplain,,,,false,"a,b"\n,0,1970-01-01,0,true,caf\u00e9\n')).toBe(true);
    for (const row of [
      '"a,b",-1,2022-01-08,1.5,true,"a,b"',
      '"say ""hi""",-5,1900-01-01,-2.25,false,caf\u00e9',
      `"""",10,1899-12-31,0.30000000000000004,true,${y65}`,
      '"line\nbreak",99,2099-12-31,1e+21,,"a,b"',
      '"cr\ronly",100,2100-01-01,1e-7,true,caf\u00e9',
      `"crlf\r\n",12345,1887-11-12,123456789.123,false,${y65}`,
      ' spaced out ,-678901,2189-01-12,Infinity,true,"a,b"',
      'caf\u00e9,1000000000,7445-10-25,-Infinity,,caf\u00e9',
      `\u00a3100,999999999,-003506-03,-1e-300,true,${y65}`,
      'emoji \ud83d\ude00 here,2147483647,,,false,"a,b"',
      '"emoji, quoted \ud83d\ude00",-2147483647,1970-01-01,0,true,caf\u00e9',
      `lone \ufffd surrogate,,1969-12-31,0,,${y65}`,
    ]) {
      expect(text).toContain(`\n${row}\n`);
    }
    expect(text).not.toContain('NaN');
    expect(text).not.toContain('-2147483648');
  });

  it('writes the header alone for a table without rows, and nothing when appending one', async () => {
    const table = makeTable('empty', { a: stringColumn([]), 'b,c': intColumn(new Int32Array(0)), 'say "d"': dateColumn(new Int32Array(0)) });
    expect(await expectWritten(table)).toBe('a,"b,c","say ""d"""\n');
    const path = fresh();
    writeFileSync(path, 'kept\n');
    const hash = createHash('sha256');
    await writeCsv(table, path, { append: true, hash });
    expect(readFileSync(path, 'utf8')).toBe('kept\n');
    expect(hash.digest('hex')).toBe(createHash('sha256').digest('hex'));
  });

  it('appends rows after what the file holds, without a header, hashing only what it wrote', async () => {
    const part = (from: number): Table =>
      makeTable('part', {
        id: intColumn(Int32Array.from({ length: 3000 }, (_, r) => from + r)),
        note: stringColumn(Array.from({ length: 3000 }, (_, r) => TEXTS[(from + r) % TEXTS.length])),
      });
    const path = fresh();
    const hash = createHash('sha256');
    await writeCsv(part(0), path, { hash });
    await writeCsv(part(3000), path, { append: true, hash });
    await writeCsv(part(6000), path, { append: true, hash });
    const bytes = readFileSync(path);
    expect(bytes.equals(Buffer.from(plainCsv(part(0)) + plainCsv(part(3000), false) + plainCsv(part(6000), false), 'utf8'))).toBe(true);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('writes a cell longer than its buffer, quoted or not, among ordinary rows', async () => {
    const huge = 'a'.repeat(150_000) + ', "and" \u00e9\ud83d\ude00 ' + 'b'.repeat(150_000);
    const plainHuge = 'c'.repeat(300_001);
    const rows = 5000;
    const text = Array.from({ length: rows }, (_, r) => (r === 10 ? huge : r === 4000 ? plainHuge : r === 4001 ? huge : `row ${r}`));
    const table = makeTable('long', {
      text: stringColumn(text),
      n: intColumn(Int32Array.from({ length: rows }, (_, r) => r)),
      day: dateColumn(Int32Array.from({ length: rows }, (_, r) => 18000 + r)),
    });
    const written = await expectWritten(table);
    expect(written.length).toBeGreaterThan(900_000);
    const names = makeTable('names', { ['h'.repeat(250_000)]: stringColumn(['x']), 'a,b': stringColumn([huge]) });
    await expectWritten(names);
  });

  it('quotes a cell that first needs it far into a large table, in any column', async () => {
    const rows = 40_000;
    const ids = Array.from({ length: rows }, (_, r) => `ID${r}`);
    const names: string[] = Array.from({ length: rows }, (_, r) => (r % 3 === 0 ? 'Smith' : 'Jones'));
    ids[31_111] = 'ID,31111';
    names[39_999] = 'Jo\nnes';
    names[20_000] = 'Zo\u00eb';
    const table = makeTable('big', {
      id: stringColumn(ids),
      name: stringColumn(names),
      age: intColumn(Int32Array.from({ length: rows }, (_, r) => (r % 97 === 0 ? NULL_INT : (r * 37) % 120))),
      flag: boolColumn(Uint8Array.from({ length: rows }, (_, r) => [0, 1, 255][r % 3])),
    });
    const text = await expectWritten(table);
    expect(text).toContain('\n"ID,31111",');
    expect(text).toContain(',"Jo\nnes",');
    expect(text).toContain(',Zo\u00eb,');
  });

  it('writes tables of many columns', async () => {
    const columns: Record<string, Column> = {};
    for (let c = 0; c < 300; c++) {
      columns[`c${c}`] = c % 3 === 0 ? stringColumn([`s${c}`, null, 'x,y']) : c % 3 === 1 ? intColumn(Int32Array.of(c, -c, NULL_INT)) : boolColumn(Uint8Array.of(1, 0, 255));
    }
    await expectWritten(makeTable('wide', columns));
  });

  it('keeps overlapping writes apart', async () => {
    const table = (tag: string): Table =>
      makeTable(tag, {
        id: stringColumn(Array.from({ length: 150_000 }, (_, r) => `${tag}${r}`)),
        n: intColumn(Int32Array.from({ length: 150_000 }, (_, r) => r * 3)),
      });
    const [a, b] = [table('a'), table('b')];
    const [pa, pb] = [fresh(), fresh()];
    await Promise.all([writeCsv(a, pa), writeCsv(b, pb), writeCsv(a, fresh())]);
    expect(readFileSync(pa, 'utf8')).toBe(plainCsv(a));
    expect(readFileSync(pb, 'utf8')).toBe(plainCsv(b));
  });

  it('writes any table exactly as the plain formatter does (property)', async () => {
    const special = fc.constantFrom(',', '"', '\n', '\r', '\r\n', '""', '\u00e9', '\ud83d\ude00', '\ud800', ' ');
    const text = fc.oneof(
      { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
      { weight: 2, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 6 }), special), { maxLength: 12 }).map((parts) => parts.join('')) },
    );
    const column = (rows: number): fc.Arbitrary<Column> =>
      fc.oneof(
        fc.array(fc.option(text, { nil: null, freq: 4 }), { minLength: rows, maxLength: rows }).map(stringColumn),
        fc.array(fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constant(NULL_INT)), { minLength: rows, maxLength: rows }).map((v) => intColumn(Int32Array.from(v))),
        fc.array(fc.oneof(fc.integer({ min: -100_000, max: 150_000 }), fc.constant(NULL_INT)), { minLength: rows, maxLength: rows }).map((v) => dateColumn(Int32Array.from(v))),
        fc.array(fc.double(), { minLength: rows, maxLength: rows }).map((v) => floatColumn(Float64Array.from(v))),
        fc.array(fc.constantFrom(0, 1, 255), { minLength: rows, maxLength: rows }).map((v) => boolColumn(Uint8Array.from(v))),
      );
    const table = fc
      .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 6 }))
      .chain(([rows, width]) => fc.tuple(fc.array(column(rows), { minLength: width, maxLength: width }), fc.uniqueArray(text.filter((t) => t !== null), { minLength: width, maxLength: width })))
      .map(([columns, names]) => makeTable('random', Object.fromEntries(names.map((n, c) => [n, columns[c]]))));
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        await expectWritten(t);
      }),
      { numRuns: 150 },
    );
  });
});
