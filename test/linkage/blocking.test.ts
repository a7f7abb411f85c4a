import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeTable, stringColumn } from '../../src/io/table.ts';
import { blockPairs, pairsMatchingRule, ruleKeys } from '../../src/methods/linkage/blocking.ts';
import { encodeAll } from '../../src/methods/linkage/encode.ts';
import { parseSettings } from '../../src/methods/linkage/settings.ts';
import { deterministicLinks, exactAgreement } from '../../src/methods/linkage/deterministic.ts';
import { InputError } from '../../src/errors.ts';

const KEYS = ['a', 'b', 'c'] as const;
const cell = fc.option(fc.constantFrom('x', 'y', 'z'), { nil: null, freq: 5 });
const rowArb = fc.record({ a: cell, b: cell, c: cell });

function settingsFor(rules: string[][]) {
  const side = (c: string) => ({ column: c, derive: 'none' });
  return parseSettings({
    ids: { left: 'a', right: 'a' },
    columns: Object.fromEntries(KEYS.map((k) => [k, { left: side(k), right: side(k) }])),
    blocking_rules: rules,
    comparisons: [{ name: 'a', column: 'a', levels: [{ type: 'null' }, { type: 'exact' }, { type: 'else' }] }],
    // Blocking only: a training rule that leaves the comparison free, so the settings are complete.
    training: { rules: [['b']] },
  });
}

function tableOf(name: string, rows: { a: string | null; b: string | null; c: string | null }[]) {
  return makeTable(name, Object.fromEntries(KEYS.map((k) => [k, stringColumn(rows.map((r) => r[k]))])));
}

const ruleArb = fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 });

describe('blocking', () => {
  it('the union of the rules holds every matching pair exactly once, credited to the first rule that matches', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 25 }),
        fc.array(rowArb, { maxLength: 25 }),
        fc.array(ruleArb, { minLength: 1, maxLength: 4 }),
        (leftRows, rightRows, rules) => {
          const settings = settingsFor(rules);
          const left = tableOf('left', leftRows);
          const right = tableOf('right', rightRows);
          const pairs = blockPairs(encodeAll(settings, left, right), rules, 1e9);
          const seen = new Set<string>();
          for (let p = 0; p < pairs.count; p++) {
            const key = `${pairs.left[p]},${pairs.right[p]}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
          // Brute force: a rule matches when every key is non-null and equal.
          const matches = (i: number, j: number, rule: string[]) =>
            rule.every((k) => leftRows[i][k as 'a'] !== null && leftRows[i][k as 'a'] === rightRows[j][k as 'a']);
          let expected = 0;
          for (let i = 0; i < leftRows.length; i++) {
            for (let j = 0; j < rightRows.length; j++) {
              const first = rules.findIndex((rule) => matches(i, j, rule));
              if (first < 0) continue;
              expected++;
              expect(seen.has(`${i},${j}`)).toBe(true);
            }
          }
          expect(pairs.count).toBe(expected);
          for (let p = 0; p < pairs.count; p++) {
            const first = rules.findIndex((rule) => matches(pairs.left[p], pairs.right[p], rule));
            expect(pairs.rule[p]).toBe(first);
          }
          expect(pairs.emittedByRule.reduce((a, b) => a + b, 0)).toBe(pairs.count);
          // Which candidate pairs each rule matches on its own (the EM sessions' pairs), by the
          // shortcut on the emitting rule and by recomputed keys alike.
          const encoded = encodeAll(settings, left, right);
          rules.forEach((rule, r) => {
            const expectedMask = Array.from({ length: pairs.count }, (_, p) => (matches(pairs.left[p], pairs.right[p], rule) ? 1 : 0));
            expect(Array.from(pairsMatchingRule(pairs, pairs.keys[r]))).toEqual(expectedMask);
            expect(Array.from(pairsMatchingRule(pairs, ruleKeys(encoded, rule)))).toEqual(expectedMask);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a rule that would emit more pairs than max_pairs, naming the rule', () => {
    const rows = Array.from({ length: 20 }, () => ({ a: 'x', b: 'y', c: null }));
    const settings = settingsFor([['b'], ['a']]);
    const enc = encodeAll(settings, tableOf('l', rows), tableOf('r', rows));
    expect(() => blockPairs(enc, [['b'], ['a']], 500)).toThrowError(InputError);
    expect(() => blockPairs(enc, [['b'], ['a']], 500)).toThrowError(/^settings\.blocking_rules\[1\]: rule \[a\] brings the candidate pairs to 800/);
  });

  it('the exact pairs read off a link\'s candidates are the deterministic baseline\'s, in its order, when a rule uses only the fields', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 25 }),
        fc.array(rowArb, { maxLength: 25 }),
        fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
        ruleArb,
        (leftRows, rightRows, rules, fields) => {
          const settings = settingsFor(rules);
          const [left, right] = [tableOf('l', leftRows), tableOf('r', rightRows)];
          const encoded = encodeAll(settings, left, right);
          const pairs = blockPairs(encoded, rules, 1e9);
          const read = exactAgreement({ pairs, encoded, population: { dedupe: false } }, fields);
          // A field the settings never encode falls back to deterministicLinks (null here).
          const usable = rules.some((rule) => rule.every((key) => fields.includes(key))) && fields.every((f) => encoded.has(f));
          expect(read !== null).toBe(usable);
          if (!read) return;
          const want = deterministicLinks(settings, left, right, fields, encoded);
          expect(Array.from(read.left)).toEqual(Array.from(want.left));
          expect(Array.from(read.right)).toEqual(Array.from(want.right));
          expect(read.count).toBe(want.count);
          expect(exactAgreement({ pairs, encoded, population: { dedupe: true } }, fields)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the deterministic baseline links exactly the pairs agreeing on all fields', () => {
    const left = tableOf('l', [
      { a: 'x', b: 'y', c: null },
      { a: 'x', b: 'z', c: null },
      { a: null, b: 'y', c: null },
    ]);
    const right = tableOf('r', [
      { a: 'x', b: 'y', c: null },
      { a: 'x', b: 'y', c: 'z' },
      { a: 'y', b: 'y', c: null },
    ]);
    const pairs = deterministicLinks(settingsFor([['a']]), left, right, ['a', 'b']);
    expect(Array.from(pairs.left)).toEqual([0, 0]);
    expect(Array.from(pairs.right)).toEqual([0, 1]);
  });
});
