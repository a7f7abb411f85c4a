/**
 * The compiled CLI (dist/, made by `npm run build` and npm ci's prepare step): it runs when it
 * was built from the sources as they are, and never when they have changed since.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';
import { buildState, sourceFingerprint, STAMP_FILE } from '../../cli/build-stamp.mjs';

function fakeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pathways-stamp-'));
  for (const sub of ['src/io', 'cli/commands', 'dist']) mkdirSync(join(dir, sub), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json', 'src/io/a.ts', 'cli/commands/b.ts', 'src/io/settings.yaml']) writeFileSync(join(dir, file), 'x');
  return dir;
}

describe('build stamp', () => {
  it('a build is current until a source is edited, added or removed, and missing without a stamp', () => {
    const dir = fakeRepo();
    try {
      expect(buildState(dir)).toBe('missing');
      writeFileSync(join(dir, STAMP_FILE), JSON.stringify({ fingerprint: sourceFingerprint(dir) }));
      expect(buildState(dir)).toBe('current');
      // Same size, later time: an edit that kept the length is still seen.
      utimesSync(join(dir, 'src/io/a.ts'), new Date(), new Date(Date.now() + 5000));
      expect(buildState(dir)).toBe('stale');
      writeFileSync(join(dir, STAMP_FILE), JSON.stringify({ fingerprint: sourceFingerprint(dir) }));
      writeFileSync(join(dir, 'cli/commands/new.ts'), 'y');
      expect(buildState(dir)).toBe('stale');
      rmSync(join(dir, 'cli/commands/new.ts'));
      expect(buildState(dir)).toBe('current');
      writeFileSync(join(dir, 'src/io/settings.yaml'), 'changed');
      expect(buildState(dir)).toBe('stale');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Runs where the build exists and is current (always after `npm ci`); a stale or missing build
// is never run by cli/bin.js, so there is nothing of it to test.
const built = buildState(ROOT) === 'current';
describe.skipIf(!built)('the compiled CLI in dist/', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'cli', 'bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('cli/bin.js runs the build: --help lists every command with nothing on stderr', () => {
    const r = run(['--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    for (const command of ['start', 'generate', 'run', 'link', 'score-links', 'notes', 'reconvictions', 'explain']) expect(r.stdout).toContain(command);
  });

  it('generates a small run folder, contact notes worker included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-built-'));
    try {
      const r = run(['generate', '--scale', '0.01', '--format', 'csv', '--progress', 'none', '--out', join(dir, 'g')]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      const files = readdirSync(join(dir, 'g', 'observed'));
      expect(files).toContain('contact_notes.csv');
      expect(files).toContain('ndtms_community.csv');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
