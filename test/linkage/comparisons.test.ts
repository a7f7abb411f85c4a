/**
 * The compiled comparisons' shortcuts (a dense cache keyed on the main value's codes, the
 * one-edit test on fixed-width texts) give the level the level definitions give.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeTable, stringColumn, type Table } from '../../src/io/table.ts';
import { characterClasses, comparePairs, compileComparisons, jaroWinklerBound } from '../../src/methods/linkage/comparisons.ts';
import { derive, encodeAll } from '../../src/methods/linkage/encode.ts';
import { parseSettings } from '../../src/methods/linkage/index.ts';
import { jaroWinkler, withinOneEdit } from '../../src/methods/linkage/strings.ts';

const table = (name: string, columns: Record<string, (string | null)[]>): Table =>
  makeTable(name, Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, stringColumn(v)])));

const settings = parseSettings({
  link_type: 'link_only',
  ids: 'id',
  columns: {
    district: { column: 'pc', derive: 'upper' },
    area: { column: 'pc', derive: 'postcode_area' },
    other: { column: 'other', derive: 'upper' },
    dob: { column: 'dob', derive: 'date' },
  },
  blocking_rules: [['district'], ['dob']],
  comparisons: [
    { name: 'district', column: 'district', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'exact', column: 'area' }, { type: 'else' }] },
    { name: 'loose', column: 'district', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'exact', column: 'other' }, { type: 'else' }] },
    { name: 'dob', column: 'dob', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'damerau_levenshtein', k: 1 }, { type: 'else' }] },
    { name: 'dob_lev', column: 'dob', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'levenshtein', k: 1 }, { type: 'else' }] },
  ],
});

const district = fc.constantFrom('LS6', 'LS7', 'B36', 'B3', 'BS1', 'S2', null);
const dob = fc.option(
  fc.record({ y: fc.integer({ min: 1980, max: 1982 }), m: fc.integer({ min: 1, max: 3 }), d: fc.constantFrom(10, 11, 12, 13, 21, 31) }).map(
    ({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${d}`,
  ),
);
const row = fc.record({ pc: district, other: fc.constantFrom('X', 'Y', null), dob });

/** The level a pair takes by the definitions, text by text. */
function reference(k: number, a: { pc: string | null; other: string | null; dob: string | null }, b: typeof a): number {
  if (k < 2) {
    const x = a.pc && a.pc.toUpperCase();
    const y = b.pc && b.pc.toUpperCase();
    if (x === null || y === null) return 0;
    if (x === y) return 1;
    const [p, q] = k === 0 ? [derive('postcode_area', a.pc), derive('postcode_area', b.pc)] : [a.other, b.other];
    return p !== null && p === q ? 2 : 3;
  }
  if (a.dob === null || b.dob === null) return 0;
  if (a.dob === b.dob) return 1;
  return withinOneEdit(a.dob, b.dob, k === 2) ? 2 : 3;
}

describe('compiled comparisons', () => {
  it('give every pair the level of the first definition it passes, shortcuts or not', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.array(row, { minLength: 1, maxLength: 12 }), (ls, rs) => {
        const cols = (rows: typeof ls) => ({
          id: rows.map((_, i) => String(i)),
          pc: rows.map((r) => r.pc),
          other: rows.map((r) => r.other),
          dob: rows.map((r) => r.dob),
        });
        const encoded = encodeAll(settings, table('l', cols(ls)), table('r', cols(rs)));
        const comparisons = compileComparisons(settings.comparisons, encoded);
        const left = Int32Array.from(ls.flatMap((_, i) => rs.map(() => i)));
        const right = Int32Array.from(ls.flatMap(() => rs.map((_, j) => j)));
        // The matrix loop (dense caches read inline) twice: cold, then with the caches filled.
        for (const gamma of [comparePairs({ left, right, count: left.length }, comparisons), comparePairs({ left, right, count: left.length }, comparisons)]) {
          for (let p = 0; p < left.length; p++) {
            comparisons.forEach((c, k) => {
              const want = reference(k, ls[left[p]], rs[right[p]]);
              expect(c.levelOf(left[p], right[p])).toBe(want);
              expect(gamma[p * comparisons.length + k]).toBe(want);
            });
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('jaro_winkler levels', () => {
  const bound = (a: string, b: string): number => jaroWinklerBound(a, b, 0, 1, characterClasses([a, b]));
  // Few characters, so that texts share many: letters, a lower-case one, a space, a hyphen.
  const text = fc.string({ unit: fc.constantFrom('A', 'N', 'E', 'M', 'R', 'a', ' ', '-'), maxLength: 9 });

  it('bound Jaro-Winkler from above (the test turns a pair away on the bound alone)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(bound(a, b)).toBeGreaterThanOrEqual(jaroWinkler(a, b) - 1e-12);
      }),
      { numRuns: 3000 },
    );
    expect(bound('JS', 'KM')).toBe(0);
    // Matches are at most the shared characters counted with their repeats: ANNA and NANCY share A, N, N.
    expect(bound('ANNA', 'NANCY')).toBeCloseTo((3 / 4 + 3 / 5 + 1) / 3, 12);
  });

  it('give the level Jaro-Winkler gives, a ladder of thresholds on one value included', () => {
    const ladder = parseSettings({
      link_type: 'link_only',
      ids: 'id',
      columns: { name: { column: 'name' }, key: { column: 'key' } },
      blocking_rules: [['key']],
      comparisons: [
        { name: 'name', column: 'name', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'jaro_winkler', threshold: 0.92 }, { type: 'jaro_winkler', threshold: 0.8 }, { type: 'jaro_winkler', threshold: 0.6 }, { type: 'else' }] },
      ],
    });
    const name = fc.option(text, { nil: null });
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 10 }), fc.array(name, { minLength: 1, maxLength: 10 }), (ls, rs) => {
        const tableOf = (t: string, names: (string | null)[]) => table(t, { id: names.map((_, i) => String(i)), name: names, key: names.map(() => 'k') });
        const encoded = encodeAll(ladder, tableOf('l', ls), tableOf('r', rs));
        const [c] = compileComparisons(ladder.comparisons, encoded);
        const tidy = (t: string | null) => (t === null || t.trim() === '' ? null : t.trim());
        ls.forEach((x, i) =>
          rs.forEach((y, j) => {
            const [a, b] = [tidy(x), tidy(y)];
            const jw = a === null || b === null ? NaN : jaroWinkler(a, b);
            const want = a === null || b === null ? 0 : a === b ? 1 : jw >= 0.92 ? 2 : jw >= 0.8 ? 3 : jw >= 0.6 ? 4 : 5;
            expect(c.levelOf(i, j)).toBe(want);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('the date_placeholder level', () => {
  it('takes the same year with one side, not both, on the placeholder day and month', () => {
    const placeholder = (dayMonth?: string) =>
      parseSettings({
        link_type: 'link_only',
        ids: 'id',
        columns: { dob: { column: 'dob', derive: 'date' }, key: { column: 'key' } },
        blocking_rules: [['key']],
        comparisons: [
          {
            name: 'dob',
            column: 'dob',
            levels: [{ type: 'null' }, { type: 'exact' }, { type: 'date_placeholder', ...(dayMonth ? { day_month: dayMonth } : {}) }, { type: 'year' }, { type: 'else' }],
          },
        ],
      });
    const pairs: [string | null, string | null, number][] = [
      ['1974-01-01', '1974-12-07', 2],
      ['1974-12-07', '01/01/1974', 2],
      ['1974-01-01', '1974-01-01', 1],
      ['1974-01-01', '1975-12-07', 4],
      ['1974-03-04', '1974-12-07', 3],
      ['1974-01-01', null, 0],
    ];
    const cols = (side: 0 | 1) => ({ id: pairs.map((_, i) => String(i)), key: pairs.map(() => 'k'), dob: pairs.map((p) => p[side]) });
    const levels = (s: ReturnType<typeof placeholder>) => {
      const encoded = encodeAll(s, table('l', cols(0)), table('r', cols(1)));
      const [c] = compileComparisons(s.comparisons, encoded);
      return pairs.map((_, i) => c.levelOf(i, i));
    };
    expect(levels(placeholder())).toEqual(pairs.map((p) => p[2]));
    // Another system's placeholder (1 July): 1 January is then an ordinary date of that year.
    expect(levels(placeholder('07-01'))).toEqual([3, 3, 1, 4, 3, 0]);
  });
});
