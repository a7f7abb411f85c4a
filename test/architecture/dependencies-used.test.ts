/**
 * Every dependency in package.json earns its place: a package nothing imports is dead weight.
 * A package counts as used when a file under src/, cli/, bench/ or test/ imports it (static or
 * dynamic import, or require). A few are tools reached another way; each is listed below with
 * the reason, and the reason itself is checked, so the list cannot hide a package gone stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The package each import specifier names: 'a/b/c' -> 'a', '@s/a/b' -> '@s/a'; relative and node: specifiers are not packages. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function importedPackages(): { packages: Set<string>; nodeBuiltins: boolean } {
  const packages = new Set<string>();
  let nodeBuiltins = false;
  for (const dir of ['src', 'cli', 'bench', 'test']) {
    for (const file of sourceFiles(dir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        if (match[1].startsWith('node:')) nodeBuiltins = true;
        const name = packageOf(match[1]);
        if (name) packages.add(name);
      }
    }
  }
  return { packages, nodeBuiltins };
}

/**
 * Packages no source file imports, and why each is still needed. Every entry's check must hold.
 * Type packages (@types/X) are read by tsc for X's types, so X itself must be imported.
 */
const TOOL_ONLY: Record<string, { reason: string; check: (used: ReturnType<typeof importedPackages>) => boolean }> = {
  '@types/node': {
    reason: "types of Node's built-in modules (tsconfig's types: [\"node\"]), which the sources import as node:*",
    check: (used) => used.nodeBuiltins,
  },
  '@types/react': { reason: 'types for react, which the ink UI imports', check: (used) => used.packages.has('react') },
  '@types/seedrandom': { reason: 'types for seedrandom, the generator behind every random stream (src/random/stream.ts) and the training exercises\' draws (cli/train)', check: (used) => used.packages.has('seedrandom') },
};

describe('dependencies', () => {
  const used = importedPackages();
  const declared = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)];

  it.each(declared)('%s is imported somewhere in src/, cli/, bench/ or test/, or is a listed tool whose reason holds', (name) => {
    if (name in TOOL_ONLY) {
      expect(used.packages.has(name), `${name} is imported now: take it off the tool-only list`).toBe(false);
      expect(TOOL_ONLY[name].check(used), `${name}: "${TOOL_ONLY[name].reason}" no longer holds`).toBe(true);
    } else {
      expect(used.packages.has(name), `nothing imports ${name}: remove it from package.json or use it`).toBe(true);
    }
  });

  it('lists no tool-only package that package.json does not declare', () => {
    expect(Object.keys(TOOL_ONLY).filter((name) => !declared.includes(name))).toEqual([]);
  });
});
