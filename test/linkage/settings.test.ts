import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.ts';
import { DEFAULT_SETTINGS_PATH, defaultSettings } from '../../src/methods/linkage/default-settings.ts';
import { checkSettingsAgainstTables, loadSettingsFile, parseSettings, thresholdWeight } from '../../src/methods/linkage/settings.ts';
import { syntheticProblem } from '../../src/methods/linkage/synthetic.ts';

function base(): Record<string, any> {
  return parseYaml(readFileSync(DEFAULT_SETTINGS_PATH, 'utf8'));
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('linkage settings', () => {
  it('the default settings load, with YAML `type: null` read as the null level', () => {
    const s = defaultSettings();
    expect(s.comparisons.map((c) => c.name)).toEqual(['initials', 'dob', 'sex', 'postcode', 'nhs_number']);
    expect(s.comparisons[0].levels[0].type).toBe('null');
    // The default threshold is match probability 0.5, a match weight of log2(0.5 / 0.5) = 0.
    expect(thresholdWeight(s.threshold)).toBeCloseTo(0, 12);
    expect(thresholdWeight({ match_probability: 0.9 })).toBeCloseTo(Math.log2(9), 12);
    expect(thresholdWeight({ match_weight: 3 })).toBe(3);
  });

  it('JSON input works the same as YAML', () => {
    const s = parseSettings(JSON.parse(JSON.stringify(base())));
    expect(s.blocking_rules).toEqual(defaultSettings().blocking_rules);
  });

  it('a .json settings file (read by JSON.parse) loads as its YAML does; a broken one names the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    try {
      const file = join(dir, 'settings.json');
      writeFileSync(file, JSON.stringify(base()));
      expect(loadSettingsFile(file)).toEqual(loadSettingsFile(DEFAULT_SETTINGS_PATH));
      writeFileSync(file, '{"blocking_rules": [');
      expect(errorOf(() => loadSettingsFile(file)).message).toMatch(/settings\.json: not valid YAML\/JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown level type names its path and the valid types', () => {
    const raw = base();
    raw.comparisons[2].levels[1].type = 'jarowinkler';
    const e = errorOf(() => parseSettings(raw));
    expect(e.message).toMatch(/^settings\.comparisons\[2\]\.levels\[1\]\.type: unknown level "jarowinkler"; expected one of null, exact, jaro_winkler/);
  });

  it('a threshold out of range is an error naming it', () => {
    const raw = base();
    raw.threshold = { match_probability: 1.5 };
    expect(errorOf(() => parseSettings(raw)).message).toBe('settings.threshold.match_probability: must be in (0, 1), got 1.5');
    raw.threshold = { match_probability: 0 };
    expect(errorOf(() => parseSettings(raw)).message).toBe('settings.threshold.match_probability: must be in (0, 1), got 0');
  });

  it('level parameters are checked', () => {
    const raw = base();
    raw.comparisons[0].levels[3].threshold = 1.2;
    expect(errorOf(() => parseSettings(raw)).message).toBe('settings.comparisons[0].levels[3].threshold: must be in (0, 1], got 1.2');
    const raw2 = base();
    raw2.comparisons[1].levels[3].k = 0;
    expect(errorOf(() => parseSettings(raw2)).message).toMatch(/^settings\.comparisons\[1\]\.levels\[3\]\.k: must be a whole number/);
    const raw3 = base();
    raw3.comparisons[2].levels.splice(2, 1);
    expect(errorOf(() => parseSettings(raw3)).message).toMatch(/^settings\.comparisons\[2\]\.levels/);
    const raw4 = base();
    raw4.comparisons[2].levels[1].m = 0.9;
    expect(errorOf(() => parseSettings(raw4)).message).toBe('settings.comparisons[2].levels: give m for every non-null level or for none');
    const raw5 = base();
    raw5.comparisons[1].levels[3].day_month = '01-01';
    expect(errorOf(() => parseSettings(raw5)).message).toBe('settings.comparisons[1].levels[3].day_month: only date_placeholder levels take day_month');
    const raw6 = base();
    raw6.comparisons[1].levels[3] = { type: 'date_placeholder', day_month: '1 Jan' };
    expect(errorOf(() => parseSettings(raw6)).message).toBe('settings.comparisons[1].levels[3].day_month: must be a day and month as MM-DD (01-01 for 1 January), got "1 Jan"');
  });

  it('a prior on m (m_prior on every non-null level, summing to 1, with m_prior_matches) is checked', () => {
    // comparisons[3] is the postcode: null, sector, district, else.
    const withPrior = (shares: (number | undefined)[], matches: number | undefined): Record<string, any> => {
      const raw = base();
      shares.forEach((share, i) => {
        if (share !== undefined) raw.comparisons[3].levels[i + 1].m_prior = share;
      });
      if (matches !== undefined) raw.comparisons[3].m_prior_matches = matches;
      return raw;
    };
    expect(parseSettings(withPrior([0.9, 0.06, 0.04], 50)).comparisons[3].m_prior_matches).toBe(50);
    expect(parseSettings(withPrior([0.9, 0.06, 0.04], 0)).comparisons[3].levels[3].m_prior).toBe(0.04);
    expect(errorOf(() => parseSettings(withPrior([0.9, 0.06, undefined], 50))).message).toBe('settings.comparisons[3].levels: give m_prior for every non-null level or for none');
    expect(errorOf(() => parseSettings(withPrior([0.9, 0.06, 0.06], 50))).message).toBe('settings.comparisons[3].levels: the m_prior shares must sum to 1, got 1.02');
    expect(errorOf(() => parseSettings(withPrior([0.9, 0.1, 0], 50))).message).toBe('settings.comparisons[3].levels[3].m_prior: must be in (0, 1), got 0');
    expect(errorOf(() => parseSettings(withPrior([0.9, 0.06, 0.04], undefined))).message).toMatch(/^settings\.comparisons\[3\]\.m_prior_matches: needed with m_prior/);
    expect(errorOf(() => parseSettings(withPrior([0.9, 0.06, 0.04], -1))).message).toBe('settings.comparisons[3].m_prior_matches: must be a number >= 0, got -1');
    expect(errorOf(() => parseSettings(withPrior([], 50))).message).toMatch(/^settings\.comparisons\[3\]\.m_prior_matches: needs m_prior on every non-null level/);
    const nullLevel = withPrior([0.9, 0.06, 0.04], 50);
    nullLevel.comparisons[3].levels[0].m_prior = 0.5;
    expect(errorOf(() => parseSettings(nullLevel)).message).toBe('settings.comparisons[3].levels[0].m_prior: the null level has no m_prior (it carries no evidence)');
    const byHand = withPrior([0.9, 0.06, 0.04], 50);
    byHand.comparisons[3].levels.slice(1).forEach((l: Record<string, number>, i: number) => (l.m = [0.9, 0.06, 0.04][i]));
    expect(errorOf(() => parseSettings(byHand)).message).toMatch(/^settings\.comparisons\[3\]\.levels: m is given by hand/);
  });

  it('unknown keys and unknown value names are errors naming the path', () => {
    const raw = base();
    raw.comparisons[1].tf = true;
    expect(errorOf(() => parseSettings(raw)).message).toBe('settings.comparisons[1]: unknown key "tf"');
    const raw2 = base();
    raw2.blocking_rules[1] = ['initials', 'yob'];
    expect(errorOf(() => parseSettings(raw2)).message).toMatch(/^settings\.blocking_rules\[1\]\[1\]: unknown column "yob"/);
    const raw3 = base();
    raw3.columns.dob.left.derive = 'iso';
    expect(errorOf(() => parseSettings(raw3)).message).toMatch(/^settings\.columns\.dob\.left\.derive: unknown derivation "iso"/);
    const raw4 = base();
    raw4.comparisons[0].levels[2].type = 'date_transposed';
    expect(errorOf(() => parseSettings(raw4)).message).toMatch(/^settings\.comparisons\[0\]\.levels\[2\]\.type: level "date_transposed" needs a column derived with "date"/);
  });

  it('comparison templates fill in the levels; an unknown one is an error naming it', () => {
    const raw = base();
    raw.comparisons[2] = { name: 'sex', column: 'sex', template: 'exact' };
    raw.comparisons[1] = { name: 'dob', column: 'dob', template: 'date', term_frequency: true };
    const s = parseSettings(raw);
    expect(s.comparisons[2].levels.map((l) => l.type)).toEqual(['null', 'exact', 'else']);
    expect(s.comparisons[1].levels).toEqual(defaultSettings().comparisons[1].levels);
    raw.comparisons[2].template = 'exactly';
    expect(errorOf(() => parseSettings(raw)).message).toBe(
      'settings.comparisons[2].template: unknown comparison "exactly"; expected one of exact, initials, date, name',
    );
    raw.comparisons[2] = { name: 'sex', column: 'sex', template: 'exact', levels: [{ type: 'exact' }, { type: 'else' }] };
    expect(errorOf(() => parseSettings(raw)).message).toBe('settings.comparisons[2]: give either template or levels, not both');
    raw.comparisons[2] = { name: 'sex', column: 'sex' };
    expect(errorOf(() => parseSettings(raw)).message).toBe('settings.comparisons[2]: needs levels (or a template)');
  });

  it('a column missing from the data names the settings path and the column', () => {
    const raw = base();
    raw.columns.initials.left.columns = ['forname', 'surname'];
    const s = parseSettings(raw);
    const { left, right } = syntheticProblem({ leftRows: 10, rightRows: 10 });
    const e = errorOf(() => checkSettingsAgainstTables(s, left, right));
    expect(e.message).toMatch(/^settings\.columns\.initials\.left\.columns\[0\]: column "forname" not in the left table/);
  });
});
