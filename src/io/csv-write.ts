/** CSV text for a table: RFC 4180 quoting, ISO dates, empty cells for nulls. */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Hash } from 'node:crypto';
import { NULL_INT, type Column, type ColumnKind, type Table } from './table.ts';
import { isoFromDay } from './dates.ts';

const NEEDS_QUOTES = /[",\r\n]/;

function quote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A write's buffer (a bigger one once a cell did not fit) and, after fillChunk, the row after
 * the last one it wrote.
 */
interface Out {
  buffer: Buffer;
  end: number;
}

/**
 * Room kept per column for the rest of a row whenever a cell is written: the row loop writes
 * ints (11 bytes at most), dates (10) and bools (5) without checking the room left.
 */
const FIXED_CELL_BYTES = 32;

/** Make room for `need` bytes after the `used` already in `out.buffer`. */
function grow(out: Out, used: number, need: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(2 * out.buffer.length, used + need));
  out.buffer.copy(bigger, 0, 0, used);
  out.buffer = bigger;
  return bigger;
}

/** Text as UTF-8 at byte `at`, keeping `reserve` bytes of room after it; returns where it ends. */
function writeText(text: string, at: number, reserve: number, out: Out): number {
  const need = 3 * text.length + reserve;
  const buffer = at + need > out.buffer.length ? grow(out, at, need) : out.buffer;
  return at + buffer.write(text, at, 'utf8');
}

/**
 * A string cell the row loop does not copy itself (quotes needed, a character beyond ASCII, or
 * long), quoted if need be.
 */
function writeString(text: string, at: number, reserve: number, out: Out): number {
  return writeText(quote(text), at, reserve, out);
}

/**
 * Dates as UTF-8 bytes, 10 a day, for the days isoFromDay keeps (1900 to 2099), filled as met;
 * a day outside them is written as isoFromDay's text.
 */
const DATE_FIRST = -25_567;
const DATE_DAYS = 73_049;
const dateBytes = new Uint8Array(10 * DATE_DAYS);
const dateKnown = new Uint8Array(DATE_DAYS);

/** Fill the cache for a day (slot `slot`); false if its text is not ten ASCII characters. */
function learnDate(slot: number): boolean {
  const text = isoFromDay(slot + DATE_FIRST);
  if (text.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return false;
    dateBytes[10 * slot + i] = c;
  }
  dateKnown[slot] = 1;
  return true;
}

/** Column kinds as numbers, for the switch in the row loop. */
const STRING = 0;
const INT = 1;
const DATE = 2;
const FLOAT = 3;
const BOOL = 4;
const KIND_CODE: Record<ColumnKind, number> = { string: STRING, int: INT, date: DATE, float: FLOAT, bool: BOOL };

/**
 * Strings longer than this go to Buffer#write in one call rather than through the row loop's
 * copy a char at a time (which costs about 2 ns a char, the call about 100 ns).
 */
const LOOP_CHARS = 64;

/** Rows touched ahead of a table's first chunk (see `touch`); then as many as the last chunk held. */
const TOUCH_ROWS = 64;
/** Where `touch` leaves its sum, so that V8 cannot drop the loads it makes. */
let touched = 0;

/**
 * Read the length of every string cell of rows [row, end) of the given string columns, before
 * the row loop writes them. A large table's strings were made over a whole run and lie all over
 * the old generation; the row loop, busy copying one cell's chars, waited for each next string
 * to come from memory in turn, while this loop has nothing else to do, so the CPU fetches many
 * at once and the row loop finds them in its cache (a chunk's strings fit in L2). It took a
 * fifth off the CPU of writing the scale-1 records, and costs the contact notes nothing.
 */
function touch(values: ArrayLike<unknown>[], strings: Int32Array, row: number, end: number): void {
  let sum = 0;
  for (let s = 0; s < strings.length; s++) {
    const column = values[strings[s]] as (string | null)[];
    for (let r = row; r < end; r++) {
      const x = column[r];
      if (x !== null) sum += x.length;
    }
  }
  touched += sum;
}

/**
 * Rows [row, end) as CSV bytes into `out.buffer` from byte `at`, stopping after the row that
 * takes them past `limit` bytes; returns the bytes in the buffer, and the row after the last
 * one written goes into `out.end`. Every cell is written straight into the buffer as bytes, no
 * string made for it; each kind's code reads one kind of array, so V8 sees it monomorphic.
 * One loop serves every table: a row function generated for each table's column kinds (new
 * Function) was no faster once compiled, and compiling (and recompiling) one per table cost more.
 */
function fillChunk(values: ArrayLike<unknown>[], kinds: Uint8Array, row: number, end: number, at: number, limit: number, out: Out): number {
  const width = kinds.length;
  const reserve = FIXED_CELL_BYTES * width + 2;
  let buffer = out.buffer;
  if (Math.max(at, limit) + reserve > buffer.length) buffer = grow(out, at, Math.max(at, limit) + reserve - at);
  let p = at;
  while (row < end) {
    for (let c = 0; c < width; c++) {
      if (c > 0) buffer[p++] = 44;
      switch (kinds[c]) {
        case STRING: {
          const x = (values[c] as (string | null)[])[row];
          if (x === null) break;
          const n = x.length;
          let i = 0;
          // ASCII with nothing to quote is copied a char at a time; anything else (and long
          // text) goes to writeString, which starts the cell again from where it began.
          if (n <= LOOP_CHARS && p + n + reserve <= buffer.length) {
            for (let q = p; i < n; i++) {
              const ch = x.charCodeAt(i);
              if ((ch - 45) >>> 0 > 82 && (ch > 127 || ch === 44 || ch === 34 || ch === 10 || ch === 13)) break;
              buffer[q++] = ch;
            }
          }
          if (i === n) p += n;
          else {
            p = writeString(x, p, reserve, out);
            buffer = out.buffer;
          }
          break;
        }
        case INT: {
          let d = (values[c] as Int32Array)[row];
          if (d === NULL_INT) break;
          if (d < 0) {
            buffer[p++] = 45;
            d = -d;
          }
          let n = d < 10 ? 1 : d < 100 ? 2 : d < 1000 ? 3 : d < 10000 ? 4 : d < 100000 ? 5 : d < 1000000 ? 6 : d < 10000000 ? 7 : d < 100000000 ? 8 : d < 1000000000 ? 9 : 10;
          p += n;
          for (let q = p; n > 0; n--) {
            const e = (d / 10) | 0;
            buffer[--q] = 48 + d - 10 * e;
            d = e;
          }
          break;
        }
        case DATE: {
          const d = (values[c] as Int32Array)[row];
          if (d === NULL_INT) break;
          let e = d - DATE_FIRST;
          if (e >>> 0 < DATE_DAYS && (dateKnown[e] === 1 || learnDate(e))) {
            e *= 10;
            buffer[p] = dateBytes[e];
            buffer[p + 1] = dateBytes[e + 1];
            buffer[p + 2] = dateBytes[e + 2];
            buffer[p + 3] = dateBytes[e + 3];
            buffer[p + 4] = dateBytes[e + 4];
            buffer[p + 5] = dateBytes[e + 5];
            buffer[p + 6] = dateBytes[e + 6];
            buffer[p + 7] = dateBytes[e + 7];
            buffer[p + 8] = dateBytes[e + 8];
            buffer[p + 9] = dateBytes[e + 9];
            p += 10;
          } else {
            p = writeText(isoFromDay(d), p, reserve, out);
            buffer = out.buffer;
          }
          break;
        }
        case FLOAT: {
          const f = (values[c] as Float64Array)[row];
          if (f !== f) break;
          p = writeText(String(f), p, reserve, out);
          buffer = out.buffer;
          break;
        }
        default: {
          const b = (values[c] as Uint8Array)[row];
          if (b === 255) break;
          if (b !== 0) {
            buffer[p] = 116;
            buffer[p + 1] = 114;
            buffer[p + 2] = 117;
            buffer[p + 3] = 101;
            p += 4;
          } else {
            buffer[p] = 102;
            buffer[p + 1] = 97;
            buffer[p + 2] = 108;
            buffer[p + 3] = 115;
            buffer[p + 4] = 101;
            p += 5;
          }
        }
      }
    }
    buffer[p++] = 10;
    row++;
    if (p > limit) break;
  }
  out.end = row;
  return p;
}

/**
 * Run the row loop once over a small made-up table with every kind of cell (nulls, negative and
 * ten-digit ints, dates outside the cache, NaN, cells to quote, Latin-1 text, long text) before
 * the first real table. V8 compiles a function with only the branches it has seen taken; without
 * this, each table that first took a branch (a bool column, a six-digit int) threw the compiled
 * row loop away and had it compiled again, tens of milliseconds each time (a tenth of the CPU of
 * writing all scale-1 records). No text here is beyond Latin-1: once the loop has met a
 * two-byte string, V8 compiles its charCodeAt for both kinds of string, twice as slow (the
 * generated data is all ASCII).
 */
let warmedUp = false;
function warmUp(): void {
  warmedUp = true;
  const texts = ['', 'text', 'a,b', 'a "b"', 'a\nb', 'a\rb', 'caf\u00e9 \u00a3', 'long '.repeat(20), null];
  const ints = [NULL_INT, 0, 7, -5, 12, 345, 6789, 12345, 678901, 2345678, 34567890, 456789012, 2147483647, -2147483647];
  const days = [NULL_INT, 0, 19000, -30000, 80000, 1];
  const floats = [NaN, 0, -0, 1.5, -2.25, 1e21, 1e-7, Infinity];
  const bools = [0, 1, 255];
  const rows = 64;
  const holey = new Array<string | null>(rows);
  const packed: (string | null)[] = [];
  const [int, date, float, bool] = [new Int32Array(rows), new Int32Array(rows), new Float64Array(rows), new Uint8Array(rows)];
  for (let r = 0; r < rows; r++) {
    holey[r] = texts[r % texts.length];
    packed.push(texts[(r * 7) % texts.length]);
    int[r] = ints[r % ints.length];
    date[r] = days[r % days.length];
    float[r] = floats[r % floats.length];
    bool[r] = bools[r % bools.length];
  }
  const values = [holey, int, date, float, bool, packed];
  const kinds = Uint8Array.of(STRING, INT, DATE, FLOAT, BOOL, STRING);
  const out: Out = { buffer: Buffer.allocUnsafe(1 << 12), end: 0 };
  touch(values, Int32Array.of(0, 5), 0, rows);
  for (let row = 0; row < rows; row = out.end) fillChunk(values, kinds, row, rows, 0, 1 << 10, out);
}

/**
 * Bytes of CSV gathered before they are hashed and written: small, so the buffer they are made
 * in stays in the cache and a worker's messages and DuckDB's conversions get their turns.
 */
const CHUNK_BYTES = 1 << 15;
/** A chunk's buffer: room for the chunk and the row that takes it past CHUNK_BYTES. */
const BUFFER_BYTES = 3 * (CHUNK_BYTES + (1 << 16));
/** A buffer no write holds: the next write takes it rather than allocating its own. */
let spare: Buffer | null = null;
/** Chunks written between turns of the event loop. */
const CHUNKS_PER_TURN = 32;

/**
 * Write a table as CSV, in chunks so a million rows never sit in memory at once. With `append`,
 * rows go after what the file holds and no header is written (a table written in parts).
 * With `hash`, every byte written also goes into it: the manifest's digest without reading
 * the file back.
 *
 * Each chunk's rows are formatted straight into one buffer, reused, as UTF-8 (no string per
 * row or chunk, so nothing to flatten and encode), and written at once. The event loop gets a
 * turn every megabyte or so, so DuckDB's queued conversions and a worker's messages are not
 * held up.
 */
export async function writeCsv(table: Table, path: string, options: { append?: boolean; hash?: Hash } = {}): Promise<void> {
  const { hash } = options;
  if (!warmedUp) warmUp();
  const out: Out = { buffer: spare ?? Buffer.allocUnsafe(BUFFER_BYTES), end: 0 };
  spare = null;
  let chunks = 0;
  const fd = openSync(path, options.append ? 'a' : 'w');
  try {
    const write = (bytes: number): void => {
      const { buffer } = out;
      if (hash) hash.update(buffer.subarray(0, bytes));
      for (let at = 0; at < bytes; ) at += writeSync(fd, buffer, at, bytes - at);
    };
    const names = Object.keys(table.columns);
    const columns: Column[] = names.map((n) => table.columns[n]);
    const values = columns.map((c) => c.values as ArrayLike<unknown>);
    const kinds = Uint8Array.from(columns, (c) => KIND_CODE[c.kind]);
    const strings = Int32Array.from(columns.flatMap((c, i) => (c.kind === 'string' ? [i] : [])));
    let chunkRows = TOUCH_ROWS;
    let at = options.append ? 0 : writeText(names.map(quote).join(',') + '\n', 0, 0, out);
    for (let row = 0; row < table.rowCount; ) {
      if (strings.length > 0) touch(values, strings, row, Math.min(table.rowCount, row + chunkRows));
      at = fillChunk(values, kinds, row, table.rowCount, at, CHUNK_BYTES, out);
      chunkRows = out.end - row;
      row = out.end;
      write(at);
      at = 0;
      if (++chunks % CHUNKS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (at > 0) write(at);
  } finally {
    closeSync(fd);
    // A buffer grown for a long cell is let go.
    if (out.buffer.length === BUFFER_BYTES) spare = out.buffer;
  }
}
