/**
 * The repo stands on its own: no file refers to a document outside it (the reference notes the
 * bench was built from). Cite the study's sections, or write what the code relies on into
 * docs/, instead.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers.ts';

// Spelled in pieces so that this file does not match itself.
const OUTSIDE = new RegExp(['DOMAIN' + '\\.md', 'shared' + '/reference', '/work' + '/shared', 'reference' + '/pathways-follow-up'].join('|'));
const FOLDERS = ['src', 'cli', 'test', 'bench', 'scenarios', 'docs', 'examples'];
const TEXT = /\.(ts|tsx|mjs|js|json|ya?ml|md|txt|csv)$/;

function files(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : TEXT.test(name) ? [path] : [];
  });
}

describe('the repo stands on its own', () => {
  const all = [join(ROOT, 'README.md'), join(ROOT, 'package.json'), ...FOLDERS.flatMap((f) => files(join(ROOT, f)))];

  it('finds the files', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it('no file refers to a document outside the repo', () => {
    const offending = all.filter((f) => OUTSIDE.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offending).toEqual([]);
  });
});
