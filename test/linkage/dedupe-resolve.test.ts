/**
 * Deduplication, the resolution modes, missing-value tokens and derivations, each against a
 * brute-force oracle or a hand case on small inputs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateColumn, intColumn, makeTable, NULL_INT, stringColumn, type Table } from '../../src/io/table.ts';
import { blockPairs } from '../../src/methods/linkage/blocking.ts';
import { derive, deriveSide, encodeAll, encodeValue, rawText } from '../../src/methods/linkage/encode.ts';
import { bestPerLeft, bestPerRight, clusters, oneToOne, aboveThreshold } from '../../src/methods/linkage/resolve.ts';
import { linkTables, parseSettings } from '../../src/methods/linkage/index.ts';
import { readCsvAsStrings } from '../../src/io/csv-read.ts';

const KEYS = ['a', 'b'] as const;
const cell = fc.option(fc.constantFrom('x', 'y', 'z'), { nil: null, freq: 5 });
const rows = (max: number) => fc.array(fc.record({ a: cell, b: cell }), { maxLength: max });
const tableOf = (name: string, r: { a: string | null; b: string | null }[]): Table =>
  makeTable(name, { id: stringColumn(r.map((_, i) => `${name}${i}`)), a: stringColumn(r.map((x) => x.a)), b: stringColumn(r.map((x) => x.b)) });

function settingsFor(linkType: string, rules: string[][], extra: Record<string, unknown> = {}) {
  return parseSettings({
    link_type: linkType,
    ids: 'id',
    columns: Object.fromEntries(KEYS.map((k) => [k, { column: k }])),
    blocking_rules: rules,
    comparisons: [{ name: 'a', column: 'a', levels: [{ type: 'null' }, { type: 'exact', m: 0.9, u: 0.3 }, { type: 'else', m: 0.1, u: 0.7 }] }],
    ...extra,
  });
}

/** Scored pairs for the resolution oracles: random weights on random (left, right) pairs, each pair once. */
const scoredPairs = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { selector: ([l, r]) => `${l},${r}`, maxLength: 40 })
  .chain((pairs) => fc.tuple(fc.constant(pairs), fc.array(fc.integer({ min: -4, max: 4 }), { minLength: pairs.length, maxLength: pairs.length })));

describe('deduplication', () => {
  it('blocking one file emits every pair i < j that any rule matches, exactly once', () => {
    fc.assert(
      fc.property(rows(20), fc.array(fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), (r, rules) => {
        const table = tableOf('t', r);
        const encoded = encodeAll(settingsFor('dedupe_only', rules), table, table);
        const pairs = blockPairs(encoded, rules, 1e9, true);
        const got = new Set<string>();
        for (let p = 0; p < pairs.count; p++) {
          expect(pairs.left[p]).toBeLessThan(pairs.right[p]);
          const key = `${pairs.left[p]},${pairs.right[p]}`;
          expect(got.has(key)).toBe(false);
          got.add(key);
        }
        const expected = new Set<string>();
        for (let i = 0; i < r.length; i++)
          for (let j = i + 1; j < r.length; j++)
            if (rules.some((rule) => rule.every((k) => r[i][k] !== null && r[i][k] === r[j][k]))) expected.add(`${i},${j}`);
        expect([...got].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('link_and_dedupe compares every pair of the two files stacked: within each file and across', async () => {
    const left = tableOf('l', [{ a: 'x', b: null }, { a: 'x', b: null }, { a: 'y', b: null }]);
    const right = tableOf('r', [{ a: 'x', b: null }, { a: 'y', b: null }]);
    const result = await linkTables(left, right, settingsFor('link_and_dedupe', [['a']], { training: { rules: [['b']], lambda: 0.5 } }));
    const ids = result.left.columns.id;
    const got = Array.from({ length: result.pairs.count }, (_, p) => `${(ids.values as string[])[result.pairs.left[p]]}-${(ids.values as string[])[result.pairs.right[p]]}`);
    expect(got.sort()).toEqual(['l0-l1', 'l0-r0', 'l1-r0', 'l2-r1'].sort());
    expect((result.left.columns.source_dataset.values as string[])).toEqual(['left', 'left', 'left', 'right', 'right']);
  });
});

describe('resolution modes against brute force', () => {
  it('best per right: each right record\'s highest-weight pair at or above the threshold', () => {
    fc.assert(
      fc.property(scoredPairs, fc.integer({ min: -3, max: 3 }), ([pairs, weights], threshold) => {
        const p = { left: Int32Array.from(pairs, (x) => x[0]), right: Int32Array.from(pairs, (x) => x[1]), count: pairs.length };
        const predictions = { matchWeight: Float64Array.from(weights), matchProbability: new Float64Array(pairs.length) };
        const got = [...bestPerRight(p, predictions, threshold)].map((i) => `${pairs[i][0]},${pairs[i][1]}`).sort();
        const oracle: string[] = [];
        for (let r = 0; r < 8; r++) {
          let best = -1;
          pairs.forEach(([, rr], i) => {
            if (rr === r && weights[i] >= threshold && (best < 0 || weights[i] > weights[best])) best = i;
          });
          if (best >= 0) oracle.push(`${pairs[best][0]},${pairs[best][1]}`);
        }
        expect(got).toEqual(oracle.sort());
        // Per left is the mirror image.
        const perLeft = bestPerLeft(p, predictions, threshold);
        expect(new Set([...perLeft].map((i) => pairs[i][0])).size).toBe(perLeft.length);
      }),
      { numRuns: 500 },
    );
  });

  it('one-to-one: each record at most once, and no pair above the threshold left with both records free', () => {
    fc.assert(
      fc.property(scoredPairs, fc.integer({ min: -3, max: 3 }), ([pairs, weights], threshold) => {
        const p = { left: Int32Array.from(pairs, (x) => x[0]), right: Int32Array.from(pairs, (x) => x[1]), count: pairs.length };
        const predictions = { matchWeight: Float64Array.from(weights), matchProbability: new Float64Array(pairs.length) };
        const chosen = [...oneToOne(p, predictions, threshold)];
        const l = new Set(chosen.map((i) => pairs[i][0]));
        const r = new Set(chosen.map((i) => pairs[i][1]));
        expect(l.size).toBe(chosen.length);
        expect(r.size).toBe(chosen.length);
        pairs.forEach(([a, b], i) => {
          if (weights[i] >= threshold) expect(l.has(a) || r.has(b)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  for (const dedupe of [false, true]) {
    it(`clusters are the connected components of the pairs above the threshold (${dedupe ? 'one file' : 'two files'})`, () => {
      fc.assert(
        fc.property(scoredPairs, fc.integer({ min: -3, max: 3 }), ([raw, weights], threshold) => {
          const pairs = dedupe ? raw.map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]) : raw;
          const p = { left: Int32Array.from(pairs, (x) => x[0]), right: Int32Array.from(pairs, (x) => x[1]), count: pairs.length };
          const predictions = { matchWeight: Float64Array.from(weights), matchProbability: new Float64Array(pairs.length) };
          const c = clusters(p, aboveThreshold(p, predictions, threshold), 8, 8, dedupe);
          // Oracle: breadth-first search over the graph of records.
          const n = dedupe ? 8 : 16;
          const node = (side: 'l' | 'r', i: number) => (side === 'l' || dedupe ? i : 8 + i);
          const adjacent: number[][] = Array.from({ length: n }, () => []);
          pairs.forEach(([a, b], i) => {
            if (weights[i] < threshold) return;
            adjacent[node('l', a)].push(node('r', b));
            adjacent[node('r', b)].push(node('l', a));
          });
          const component = new Int32Array(n).fill(-1);
          let count = 0;
          for (let s = 0; s < n; s++) {
            if (component[s] >= 0) continue;
            const queue = [s];
            component[s] = count;
            while (queue.length) for (const t of adjacent[queue.shift()!]) if (component[t] < 0) (component[t] = count, queue.push(t));
            count++;
          }
          expect(c.count).toBe(count);
          const label = (x: number) => (dedupe || x < 8 ? c.left[x] : c.right[x - 8]);
          for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) expect(label(x) === label(y)).toBe(component[x] === component[y]);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('the modes of a link', () => {
  it('linkTables gives each mode (found when first read) as the resolve functions give it, and the same array when read again', async () => {
    const settings = settingsFor('link_only', [['a'], ['b']], { training: { lambda: 0.3 }, threshold: { match_weight: -10 } });
    await fc.assert(
      fc.asyncProperty(rows(12), rows(12), async (l, r) => {
        const result = await linkTables(tableOf('l', l), tableOf('r', r), settings);
        const { pairs, predictions, threshold } = result;
        const all = aboveThreshold(pairs, predictions, threshold);
        expect(result.links.all).toEqual(all);
        expect(result.links.best).toEqual(bestPerLeft(pairs, predictions, threshold));
        expect(result.links.bestRight).toEqual(bestPerRight(pairs, predictions, threshold));
        expect(result.links.oneToOne).toEqual(oneToOne(pairs, predictions, threshold));
        expect(result.links.clusters).toEqual(clusters(pairs, all, l.length, r.length, false));
        expect(result.links.clusters).toBe(result.links.clusters);
        expect(Object.keys(result.links).sort()).toEqual(['all', 'best', 'bestRight', 'clusters', 'oneToOne']);
      }),
      { numRuns: 40 },
    );
  });
});

describe('missing-value tokens and derivations', () => {
  it('NA is a value unless the settings name it missing: initials NA (Nancy Allen) link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-na-'));
    try {
      writeFileSync(join(dir, 'l.csv'), 'id,initials,dob\nL1,NA,1980-01-02\nL2,JS,1975-05-06\n');
      writeFileSync(join(dir, 'r.csv'), 'id,initials,dob\nR1,NA,1980-01-02\nR2,JS,1975-05-06\nR3,,1975-05-06\n');
      const left = readCsvAsStrings(join(dir, 'l.csv'), 'l');
      const right = readCsvAsStrings(join(dir, 'r.csv'), 'r');
      expect(left.columns.initials.values).toEqual(['NA', 'JS']);
      expect(right.columns.initials.values).toEqual(['NA', 'JS', null]);
      const settings = (missing: string[]) => ({
        ids: 'id',
        columns: { initials: { column: 'initials', derive: 'initials', missing }, dob: { column: 'dob', derive: 'date' } },
        blocking_rules: [['dob']],
        comparisons: [{ name: 'initials', column: 'initials', levels: [{ type: 'null' }, { type: 'exact', m: 0.95, u: 0.01 }, { type: 'else', m: 0.05, u: 0.99 }] }],
        training: { lambda: 0.1 },
      });
      const asValue = await linkTables(left, right, settings([]));
      const linked = (r: typeof asValue) => [...r.links.all].map((p) => `${r.pairs.left[p]}-${r.pairs.right[p]}`).sort();
      expect(linked(asValue)).toEqual(['0-0', '1-1']);
      const asMissing = await linkTables(left, right, settings(['NA']));
      expect(linked(asMissing)).toEqual(['1-1']);
      expect(asMissing.encoded.get('initials')!.left[0]).toBe(-1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('date and integer columns get the codes a row-by-row pass gives: one per derived text, in order of first sight', () => {
    // Narrow spans (a table memo) and wide ones (past the table, a Map), nulls among them.
    // Days as far as 2e6 from 1970 (past the table's 2^20), integers anywhere.
    const value = (wide: number) => fc.oneof(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -wide, max: wide }), fc.constant(NULL_INT));
    const column = fc.constantFrom('date', 'year', 'digits', 'none').chain((how) => {
      const v = fc.array(value(how === 'date' || how === 'year' ? 2e6 : 2e9), { maxLength: 30 });
      return fc.tuple(v, v, fc.constant(how));
    });
    fc.assert(
      fc.property(column, ([l, r, how]) => {
        const kind = how === 'date' || how === 'year' ? dateColumn : intColumn;
        const tableOf = (name: string, v: number[]) => makeTable(name, { id: stringColumn(v.map((_, i) => String(i))), x: kind(Int32Array.from(v)) });
        const settings = parseSettings({ link_type: 'link_only', ids: 'id', columns: { x: { column: 'x', derive: how } }, blocking_rules: [['x']], comparisons: [{ name: 'x', column: 'x', levels: [{ type: 'null' }, { type: 'exact', m: 0.9 }, { type: 'else', m: 0.1 }] }] });
        const [left, right] = [tableOf('l', l), tableOf('r', r)];
        const got = encodeValue('x', settings, left, right);
        const dictionary: string[] = [];
        const codes = (t: Table) =>
          Array.from({ length: t.rowCount }, (_, i) => {
            const text = derive(how, rawText(t.columns.x, i));
            if (text === null) return -1;
            if (!dictionary.includes(text)) dictionary.push(text);
            return dictionary.indexOf(text);
          });
        expect([...got.left]).toEqual(codes(left));
        expect([...got.right]).toEqual(codes(right));
        expect(got.dictionary).toEqual(dictionary);
      }),
      { numRuns: 300 },
    );
  });

  it('derivations: first letter, a substring, Soundex, Double Metaphone, date parts', () => {
    expect(derive('first_letter', ' smith')).toBe('S');
    expect(deriveSide({ derive: 'upper', missing: [], length: 3 }, 'Jonathan')).toBe('JON');
    expect(deriveSide({ derive: 'none', missing: ['UNKNOWN', 'NA'] }, ' UNKNOWN ')).toBeNull();
    expect(derive('soundex', 'Robert')).toBe('R163');
    expect(derive('soundex', 'Rupert')).toBe('R163');
    expect(derive('soundex', '1234')).toBeNull();
    expect(derive('double_metaphone', 'Smith')).toBe(derive('double_metaphone', 'Smyth'));
    expect(derive('double_metaphone', 'Schmidt')).toBe('XMT');
    expect(derive('month', '1980-07-21')).toBe('07');
    expect(derive('day', '21/07/1980')).toBe('21');
    expect(derive('date', '19800721')).toBe('1980-07-21');
  });

  it('postcode area: the letters before the district number, from a full postcode or a district', () => {
    expect(derive('postcode_area', 'ls6 2ab')).toBe('LS');
    expect(derive('postcode_area', 'B36')).toBe('B');
    expect(derive('postcode_area', 'EC1A1BB')).toBe('EC');
    expect(derive('postcode_area', '  ')).toBeNull();
    expect(derive('postcode_area', '123')).toBeNull();
  });
});
