import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { isoFromDay } from '../../src/io/dates.ts';
import type { Table } from '../../src/io/table.ts';
import { InputError } from '../../src/errors.ts';
import { defaultSettings } from '../../src/methods/linkage/default-settings.ts';
import { linkTables, weightTables } from '../../src/methods/linkage/index.ts';
import { syntheticProblem } from '../../src/methods/linkage/synthetic.ts';
import { runLinkFiles } from '../../cli/commands/link-files.ts';
import { tempDir } from '../helpers.ts';

function small() {
  const s = defaultSettings();
  s.training.u_sample_pairs = 20_000;
  return s;
}

describe('model details', () => {
  it('m and u given by hand are kept as given', async () => {
    const s = small();
    s.comparisons[2].levels[1].m = 0.97;
    s.comparisons[2].levels[2].m = 0.03;
    s.comparisons[2].levels[1].u = 0.6;
    s.comparisons[2].levels[2].u = 0.4;
    const { left, right } = syntheticProblem({ leftRows: 400, rightRows: 4000, seed: 2 });
    const result = await linkTables(left, right, s);
    const sex = result.model.comparisons[2];
    expect(sex.levels.map((l) => [l.m, l.u])).toEqual([[NaN, NaN], [0.97, 0.6], [0.03, 0.4]]);
    expect(sex.levels[1].mFixed && sex.levels[1].uFixed).toBe(true);
  });

  it('term frequencies: an exact match on rare initials weighs more than on common ones', async () => {
    const { left, right } = syntheticProblem({ leftRows: 400, rightRows: 4000, seed: 2 });
    const result = await linkTables(left, right, small());
    const tables = weightTables(result.model, result.comparisons);
    const initials = result.comparisons[0].main;
    const code = (v: string) => initials.dictionary.indexOf(v);
    const tf = tables.tf[0]!;
    // J and S are the commonest first letters in the synthetic names; Q and X the rarest.
    expect(code('JS')).toBeGreaterThanOrEqual(0);
    const rare = initials.dictionary.map((_, c) => tf[c]).reduce((a, b) => Math.max(a, b));
    expect(tf[code('JS')]).toBeLessThan(rare - 3);
  });

  it('NHS numbers absent everywhere: the comparison stays at the null level and training says so', async () => {
    const { left, right } = syntheticProblem({ leftRows: 200, rightRows: 2000, seed: 3 });
    const result = await linkTables(left, right, small());
    expect(result.warnings).toEqual([
      'comparison "nhs_number": no candidate pair had a value on both sides in any EM session; m left at its starting values',
    ]);
    const K = result.comparisons.length;
    for (let p = 0; p < result.pairs.count; p++) expect(result.gamma[p * K + 4]).toBe(0);
  });

  it('a comparison every training rule constrains cannot be trained: an error naming it', async () => {
    const s = small();
    s.training.rules = [['dob'], ['birth_year', 'sex']];
    const { left, right } = syntheticProblem({ leftRows: 100, rightRows: 1000, seed: 2 });
    await expect(linkTables(left, right, s)).rejects.toThrowError(InputError);
    await expect(linkTables(left, right, s)).rejects.toThrowError(/^settings\.comparisons\[1\]: comparison "dob" is constrained by every training rule/);
  });
});

function csv(table: Table): string {
  const names = Object.keys(table.columns);
  const lines = [names.join(',')];
  for (let i = 0; i < table.rowCount; i++) {
    lines.push(
      names
        .map((n) => {
          const c = table.columns[n];
          if (c.kind === 'date') return isoFromDay(c.values[i]);
          return c.kind === 'string' ? (c.values[i] ?? '') : String(c.values[i]);
        })
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

describe('pathways link (file mode)', () => {
  it('writes links.csv, model.json and scores.json into a new folder, and refuses an existing one', async () => {
    const dir = tempDir('link');
    const { left, right } = syntheticProblem({ leftRows: 300, rightRows: 3000, seed: 6 });
    writeFileSync(join(dir, 'left.csv'), csv(left));
    writeFileSync(join(dir, 'right.csv'), csv(right));
    const s = small() as unknown as Record<string, unknown>;
    s.truth = { left: 'person_id', right: 'person_id' };
    writeFileSync(join(dir, 'settings.yaml'), stringify(s));
    const out = join(dir, 'out');
    const opts = { left: join(dir, 'left.csv'), right: join(dir, 'right.csv'), settings: join(dir, 'settings.yaml'), out };
    const summary = await runLinkFiles(opts);
    expect(readdirSync(out).sort()).toEqual(['links.csv', 'model.json', 'scores.json']);
    const links = readFileSync(join(out, 'links.csv'), 'utf8').trim().split('\n');
    expect(links[0]).toBe('left_id,right_id,match_weight,match_probability');
    expect(links.length - 1).toBe(summary.links);
    // Every written link is at or above the settings' threshold (the default's match probability 0.5).
    expect(links.slice(1).every((l) => Number(l.split(',')[3]) >= 0.5)).toBe(true);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(model.comparisons[0].levels[1]).toMatchObject({ name: 'exact', type: 'exact' });
    const scores = JSON.parse(readFileSync(join(out, 'scores.json'), 'utf8'));
    expect(scores.all.overall.precision).toBeGreaterThan(0.95);
    await expect(runLinkFiles(opts)).rejects.toThrowError(/already exists/);
    // Nothing half-written beside the output.
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    expect(existsSync(join(out, 'links.csv'))).toBe(true);
  });
});
