import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers.ts';

describe('pathways export-splink', () => {
  it("writes the cohort and NDTMS episodes with Splink's columns, and refuses an existing folder", () => {
    const dir = tempDir('splink');
    expect(cli(['generate', '--scale', '0.01', '--format', 'csv', '--progress', 'none', '--out', join(dir, 'run')]).status).toBe(0);
    const out = join(dir, 'splink');
    const r = cli(['export-splink', '--run', join(dir, 'run'), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const left = readFileSync(join(out, 'ndelius.csv'), 'utf8').trim().split('\n');
    const right = readFileSync(join(out, 'ndtms.csv'), 'utf8').trim().split('\n');
    expect(left[0].split(',').slice(0, 2)).toEqual(['unique_id', 'source_dataset']);
    expect(left[1]).toMatch(/^R\d+,ndelius,/);
    expect(right[1]).toMatch(/^E\d+,ndtms,/);
    // One row per in-scope requirement (459 at scale 0.01) and per NDTMS episode.
    expect(left.length - 1).toBe(459);
    const episodes = readFileSync(join(dir, 'run', 'observed', 'ndtms_community.csv'), 'utf8').trim().split('\n').length;
    expect(right.length).toBe(episodes);
    const again = cli(['export-splink', '--run', join(dir, 'run'), '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(existsSync(join(out, 'ndelius.csv'))).toBe(true);
  });
});
