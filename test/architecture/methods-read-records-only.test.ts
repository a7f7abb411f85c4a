/**
 * Methods never read the truth: no file under src/methods imports the world, the scenario,
 * evaluation, the truth tables, the records generator or the pipeline that holds both sides
 * (its progress type aside), nor names a truth table. Evaluation is the only place where
 * estimate meets truth. (test/architecture/method-types.test.ts checks the same by types.)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';

const FORBIDDEN = [/\/world\//, /\/scenario\//, /\/evaluate\//, /truth-tables/, /records\/truth/, /records\/build/, /\/pipeline\/(?!progress\.ts$)/];

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

describe('methods read records only', () => {
  const files = sources(join(ROOT, 'src', 'methods'));

  it('finds the method sources', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it('the rules catch each way up', () => {
    for (const path of ['../../world/types.ts', '../../scenario/schema.ts', '../evaluate/view.ts', '../../pipeline/views.ts', '../../records/truth-tables.ts']) {
      expect(FORBIDDEN.some((rule) => rule.test(path)), path).toBe(true);
    }
    expect(FORBIDDEN.some((rule) => rule.test('../pipeline/progress.ts'))).toBe(false);
  });

  it.each(files.map((f) => [f.slice(ROOT.length)]))('%s imports no truth', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const imports = [...text.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
    for (const path of imports) for (const rule of FORBIDDEN) expect(path, `${file} imports ${path}`).not.toMatch(rule);
    expect(text, `${file} names a truth table`).not.toMatch(/['"`]truth_[a-z_]+['"`]/);
  });
});
