/**
 * The invariants that make the bench trustworthy: noise never touches the truth, zero noise
 * records the truth exactly, every observed row has exactly one truth row, and counts are
 * conserved from world to records.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildWorld } from '../../src/world/build.ts';
import { buildRecords, type RecordSet } from '../../src/records/build.ts';
import { ints, strings, bools, type Table } from '../../src/io/table.ts';
import { postcodeSector } from '../../src/world/identifiers.ts';
import { NULL_INT } from '../../src/io/table.ts';
import { scenario } from '../helpers.ts';

const SCALE = 0.01;

function byName(set: RecordSet, name: string): Table {
  const t = [...set.observed, ...set.truth].find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

function sameTable(a: Table, b: Table): boolean {
  if (a.rowCount !== b.rowCount) return false;
  for (const [name, col] of Object.entries(a.columns)) {
    const other = b.columns[name];
    if (!other || other.kind !== col.kind) return false;
    const x = col.values as ArrayLike<unknown>;
    const y = other.values as ArrayLike<unknown>;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

describe('noise leaves the truth alone', () => {
  it('changing any noise knob leaves every truth table identical (property)', () => {
    const knobs = [
      ['ndtms', 'dob', 'transpose'],
      ['ndtms', 'sex', 'miscoded'],
      ['ndelius', 'postcode', 'missing'],
      ['courts', 'pnc', 'missing'],
      ['pnomis', 'dob', 'typo'],
    ] as const;
    const base = scenario('baseline');
    const world = buildWorld(base, SCALE, 7);
    const reference = buildRecords(base, world, 7).truth;
    fc.assert(
      fc.property(fc.constantFrom(...knobs), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), ([system, field, kind], rate, multiplier) => {
        const edited = scenario('baseline', { noise: { multiplier, [system]: { [field]: { [kind]: rate } } } });
        const w = buildWorld(edited, SCALE, 7);
        const truth = buildRecords(edited, w, 7).truth;
        return truth.every((t, i) => sameTable(t, reference[i]));
      }),
      { numRuns: 6 },
    );
  });
});

describe('zero noise records the truth', () => {
  it('observed identifiers equal the true ones in every system (property over seeds)', () => {
    const clean = scenario('clean');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const world = buildWorld(clean, SCALE, seed);
        const records = buildRecords(clean, world, seed);
        const people = world.people;

        const nd = byName(records, 'ndelius_requirements');
        const ndKey = ints(byName(records, 'truth_ndelius_requirements'), 'person_id');
        const [fn, sn, dob, sex, pc] = [strings(nd, 'forename'), strings(nd, 'surname'), ints(nd, 'dob'), strings(nd, 'sex'), strings(nd, 'postcode')];
        for (let i = 0; i < nd.rowCount; i++) {
          const p = people[ndKey[i]];
          if (fn[i] !== p.forename || sn[i] !== p.surname || dob[i] !== p.dob || sex[i] !== p.sex || pc[i] !== p.postcode) return false;
        }

        const nt = byName(records, 'ndtms_community');
        const ntKey = ints(byName(records, 'truth_ndtms_community'), 'person_id');
        const [ini, ndob, nsex, sector] = [strings(nt, 'initials'), ints(nt, 'dob'), strings(nt, 'sex'), strings(nt, 'postcode_sector')];
        for (let i = 0; i < nt.rowCount; i++) {
          const p = people[ntKey[i]];
          if (ini[i] !== (p.forename[0] + p.surname[0]).toUpperCase() || ndob[i] !== p.dob || nsex[i] !== p.sex) return false;
          if (sector[i] !== postcodeSector(p.postcode) && sector[i] !== postcodeSector(p.previousPostcode)) return false;
        }

        const co = byName(records, 'court_outcomes');
        const coKey = ints(byName(records, 'truth_court_outcomes'), 'person_id');
        const [cf, cd, cp] = [strings(co, 'forename'), ints(co, 'dob'), strings(co, 'pnc')];
        for (let i = 0; i < co.rowCount; i++) {
          const p = people[coKey[i]];
          if (cf[i] !== p.forename || cd[i] !== p.dob || cp[i] !== p.pnc) return false;
        }
        return true;
      }),
      { numRuns: 3 },
    );
  });
});

describe('records and truth keys', () => {
  const s = scenario('baseline');
  const world = buildWorld(s, SCALE, 11);
  const records = buildRecords(s, world, 11);
  const pairs: [string, string, string][] = [
    ['ndelius_requirements', 'truth_ndelius_requirements', 'record_id'],
    ['ndtms_community', 'truth_ndtms_community', 'episode_id'],
    ['ndtms_cjit', 'truth_ndtms_cjit', 'contact_id'],
    ['ndtms_secure', 'truth_ndtms_secure', 'episode_id'],
    ['pnomis_spells', 'truth_pnomis_spells', 'spell_id'],
    ['court_outcomes', 'truth_court_outcomes', 'case_id'],
  ];

  it.each(pairs)('every %s row has exactly one truth row', (observed, truth, id) => {
    const o = strings(byName(records, observed), id);
    const t = strings(byName(records, truth), id);
    expect(new Set(o).size).toBe(o.length);
    expect(t).toEqual(o);
  });

  it('observed tables carry no truth key', () => {
    for (const t of records.observed) {
      for (const column of Object.keys(t.columns)) expect(column).not.toMatch(/person_id|requirement_id|truth/);
    }
  });

  it('conserves counts from world to records', () => {
    const inScope = world.requirements.filter((r) => r.scope === 'in_scope').length;
    expect(inScope).toBe(Math.round(45943 * SCALE));
    const nd = byName(records, 'truth_ndelius_requirements');
    const dup = bools(nd, 'duplicate');
    let duplicates = 0;
    for (let i = 0; i < nd.rowCount; i++) duplicates += dup[i];
    expect(nd.rowCount - duplicates).toBe(world.requirements.length);
    expect(new Set(ints(nd, 'requirement_id')).size).toBe(world.requirements.length);
    const end = world.window.end;
    expect(byName(records, 'ndtms_community').rowCount).toBe(world.episodes.filter((e) => e.triageDate <= end).length);
    expect(byName(records, 'court_outcomes').rowCount).toBe(world.courtCases.filter((c) => c.outcomeDate <= end).length);
    expect(byName(records, 'truth_court_cases').rowCount).toBe(world.courtCases.length);
    expect(byName(records, 'pnomis_spells').rowCount).toBe(world.prisonSpells.length);
    expect(byName(records, 'truth_people').rowCount).toBe(world.people.length);
    expect(byName(records, 'truth_requirements').rowCount).toBe(world.requirements.length);
  });

  it('records nothing after the extraction date', () => {
    const end = world.window.end;
    for (const [table, column] of [['ndtms_community', 'triage_date'], ['court_outcomes', 'outcome_date'], ['ndtms_cjit', 'contact_date']] as const) {
      const days = ints(byName(records, table), column);
      for (const d of days) if (d !== NULL_INT) expect(d).toBeLessThanOrEqual(end);
    }
  });
});
