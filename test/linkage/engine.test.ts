import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayFromParts, isoFromDay } from '../../src/io/dates.ts';
import { dateColumn, makeTable, strings, stringColumn, type Table } from '../../src/io/table.ts';
import { stream } from '../../src/random/stream.ts';
import { defaultSettings } from '../../src/methods/linkage/default-settings.ts';
import { comparePairs } from '../../src/methods/linkage/comparisons.ts';
import { linkIds, linkTables, scoreLinks, type LinkResult } from '../../src/methods/linkage/index.ts';
import { explainLeft } from '../../src/methods/linkage/explain.ts';
import { NO_NOISE, syntheticProblem, type SyntheticNoise } from '../../src/methods/linkage/synthetic.ts';

function truthOf(left: Table, right: Table) {
  const map = (t: Table, id: string) => new Map(strings(t, id).map((v, i) => [v!, strings(t, 'person_id')[i]!]));
  return { left: map(left, 'record_id'), right: map(right, 'episode_id') };
}

/**
 * Entities whose every identifier is unique (initials, dob, postcode sector), recorded
 * identically on both sides: some on the left only, some on the right only (once or twice).
 */
function uniqueWorld(seed: number, entities: number): { left: Table; right: Table } {
  const rng = stream(seed, 'test.unique').at(0);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const initials = new Set<string>();
  const dobs = new Set<number>();
  const L: { id: string; f: string; s: string; dob: number; sex: string; pc: string; person: string }[] = [];
  const R: { id: string; initials: string; dob: number; sex: string; sector: string; person: string }[] = [];
  for (let e = 0; e < entities; e++) {
    let ini: string;
    do ini = letters[rng.int(26)] + letters[rng.int(26)];
    while (initials.has(ini));
    initials.add(ini);
    let dob: number;
    do dob = dayFromParts(1950, 1, 1) + rng.int(20000);
    while (dobs.has(dob));
    dobs.add(dob);
    const sex = rng.chance(0.5) ? 'M' : 'F';
    const sector = `LS${e + 1} ${e % 10}`;
    const where = rng.int(3); // 0 left only, 1 right only, 2 both
    if (where !== 1) L.push({ id: `L${e}`, f: ini[0] + 'x', s: ini[1] + 'y', dob, sex, pc: `${sector}AB`, person: `P${e}` });
    if (where !== 0) {
      const copies = 1 + rng.int(2);
      for (let c = 0; c < copies; c++) R.push({ id: `R${e}.${c}`, initials: ini, dob, sex, sector, person: `P${e}` });
    }
  }
  const nulls = (n: number) => stringColumn(new Array(n).fill(null));
  const left = makeTable('left', {
    record_id: stringColumn(L.map((r) => r.id)),
    forename: stringColumn(L.map((r) => r.f)),
    surname: stringColumn(L.map((r) => r.s)),
    dob: dateColumn(Int32Array.from(L, (r) => r.dob)),
    sex: stringColumn(L.map((r) => r.sex)),
    postcode: stringColumn(L.map((r) => r.pc)),
    nhs_number: nulls(L.length),
    person_id: stringColumn(L.map((r) => r.person)),
  });
  const right = makeTable('right', {
    episode_id: stringColumn(R.map((r) => r.id)),
    initials: stringColumn(R.map((r) => r.initials)),
    dob: dateColumn(Int32Array.from(R, (r) => r.dob)),
    sex: stringColumn(R.map((r) => r.sex)),
    postcode_sector: stringColumn(R.map((r) => r.sector)),
    nhs_number: nulls(R.length),
    person_id: stringColumn(R.map((r) => r.person)),
  });
  return { left, right };
}

function settingsForTests() {
  const s = defaultSettings();
  // Small problems: a smaller u sample keeps the tests quick (it is still >= 1000 pairs).
  s.training.u_sample_pairs = 20_000;
  return s;
}

describe('linkage engine end to end', () => {
  it('with zero noise and identifiers unique per entity, precision and recall are both 1', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 12, max: 150 }), async (seed, entities) => {
        const { left, right } = uniqueWorld(seed, entities);
        const result = await linkTables(left, right, settingsForTests());
        const { overall } = scoreLinks(linkIds(result, result.links.all), truthOf(left, right));
        if (overall.truePairs === 0) return;
        expect(overall.precision).toBe(1);
        expect(overall.recall).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  it('zero noise on the synthetic problem reproduces the identifiers exactly', () => {
    const { left, right } = syntheticProblem({ leftRows: 50, rightRows: 200, noise: NO_NOISE, seed: 9 });
    const people = new Map(strings(left, 'person_id').map((p, i) => [p, i]));
    const leftDob = (left.columns.dob.values as Int32Array);
    strings(right, 'person_id').forEach((p, r) => {
      const i = people.get(p);
      if (i === undefined) return;
      expect(isoFromDay((right.columns.dob.values as Int32Array)[r])).toBe(isoFromDay(leftDob[i]));
      expect(strings(right, 'initials')[r]).toBe(strings(left, 'forename')[i]![0] + strings(left, 'surname')[i]![0]);
    });
  });

  it('recall falls as identifier noise rises (mean over 3 seeds)', async () => {
    const levels = [0, 0.15, 0.3, 0.5];
    const recall: number[] = [];
    for (const s of levels) {
      const noise: SyntheticNoise = { initials: s, initialsSwap: s / 5, dob: s, sex: s / 5, postcodeMissing: s / 2, postcodeMoved: s };
      let sum = 0;
      for (const seed of [1, 2, 3]) {
        const { left, right } = syntheticProblem({ leftRows: 1000, rightRows: 10000, seed, noise });
        const result = await linkTables(left, right, settingsForTests());
        sum += scoreLinks(linkIds(result, result.links.all), truthOf(left, right)).overall.recall;
      }
      recall.push(sum / 3);
    }
    // Stated tolerance: each step of noise must cost at least 2 points of recall, and no noise
    // must find at least 99% of true pairs.
    expect(recall[0]).toBeGreaterThanOrEqual(0.99);
    for (let i = 1; i < recall.length; i++) expect(recall[i]).toBeLessThan(recall[i - 1] - 0.02);
  });

  it('EM recovers the m probabilities within 0.02 of the true agreement rates', async () => {
    const noise: SyntheticNoise = { initials: 0.08, initialsSwap: 0.03, dob: 0.1, sex: 0.03, postcodeMissing: 0.2, postcodeMoved: 0.25 };
    const { left, right } = syntheticProblem({ leftRows: 6000, rightRows: 60000, seed: 11, noise, matchShare: 0.6, extraEpisodes: 2 });
    const result = await linkTables(left, right, defaultSettings());
    expect(result.pairs.count).toBeGreaterThanOrEqual(20_000);
    // True pairs: every (left, right) with the same person; their level shares are the true m.
    const leftOf = new Map(strings(left, 'person_id').map((p, i) => [p, i]));
    const tl: number[] = [];
    const tr: number[] = [];
    strings(right, 'person_id').forEach((p, r) => {
      const i = leftOf.get(p!);
      if (i !== undefined) {
        tl.push(i);
        tr.push(r);
      }
    });
    const truePairs = { left: Int32Array.from(tl), right: Int32Array.from(tr), count: tl.length };
    const gamma = comparePairs(truePairs, result.comparisons);
    const K = result.comparisons.length;
    const errors: Record<string, number> = {};
    result.comparisons.forEach((c, k) => {
      const counts = c.levels.map(() => 0);
      for (let p = 0; p < truePairs.count; p++) counts[gamma[p * K + k]]++;
      const nonNull = counts.reduce((a, n, l) => (l === c.nullLevel ? a : a + n), 0);
      if (nonNull === 0) return; // nhs_number: absent on both sides, nothing to learn.
      c.levels.forEach((level, l) => {
        if (l === c.nullLevel) return;
        const truth = counts[l] / nonNull;
        const m = result.model.comparisons[k].levels[l].m;
        errors[`${c.name}/${level.name}`] = Math.abs(m - truth);
      });
    });
    expect(Object.keys(errors).length).toBeGreaterThanOrEqual(14);
    for (const [level, error] of Object.entries(errors)) expect(error, level).toBeLessThanOrEqual(0.02);
  });

  it('explain: the waterfall adds up to the pair weight', async () => {
    const { left, right } = syntheticProblem({ leftRows: 300, rightRows: 3000, seed: 4 });
    const result: LinkResult = await linkTables(left, right, settingsForTests());
    const row = result.pairs.left[result.links.all[0]];
    const [top] = explainLeft(result, row);
    expect(top.steps[0].label).toBe('prior');
    expect(top.steps.at(-1)!.label).toBe('total');
    const sum = top.steps.slice(0, -1).reduce((a, s) => a + s.weight, 0);
    expect(sum).toBeCloseTo(top.matchWeight, 9);
    expect(top.steps.map((s) => s.label)).toEqual(['prior', 'initials', 'dob', 'sex', 'postcode', 'nhs_number', 'total']);
  });
});
