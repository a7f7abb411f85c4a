/**
 * Re-running a stage re-runs the stages that rest on its outputs: `link --run` with a stricter
 * threshold changes the linked/unlinked reconviction figures and the notes-stage sample, and
 * results.json never mixes figures from two different linkages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Estimate, Results } from '../../src/results/estimate.ts';
import { cli } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathways-rerun-'));
const run = join(dir, 'run');
let before: Results;
let after: Results;
let linkOutput: string;

const read = (): Results => JSON.parse(readFileSync(join(run, 'results.json'), 'utf8'));
const find = (r: Results, id: string, group = 'all'): Estimate | undefined => r.estimates.find((e) => e.id === id && e.group === group);

beforeAll(() => {
  const made = cli(['run', '--scale', '0.03', '--seed', '7', '--format', 'csv', '--progress', 'none', '--out', run]);
  expect(made.status, made.stderr).toBe(0);
  before = read();
  const strict = join(dir, 'strict.yaml');
  writeFileSync(strict, 'linkage:\n  threshold: { match_probability: 0.9999999 }\n');
  const linked = cli(['link', '--run', run, '--methods', strict, '--quiet']);
  expect(linked.status, linked.stderr).toBe(0);
  linkOutput = linked.stdout;
  after = read();
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('link --run with a stricter threshold', () => {
  it('links fewer requirements', () => {
    expect(find(after, 'link.structured.pct')?.estimate).toBeLessThan((find(before, 'link.structured.pct')?.estimate ?? 0) - 5);
  });

  it('re-runs notes and reconviction: the linked/unlinked reconviction figures and the notes sample change', () => {
    for (const id of ['reconviction.pct.linked', 'reconviction.pct.unlinked', 'reconviction.linked.reconvicted']) {
      const [b, a] = [find(before, id), find(after, id)];
      expect(b, id).toBeDefined();
      expect(a?.estimate, id).not.toBe(b?.estimate);
    }
    // The sample is drawn from the unlinked requirements: more of them, another sample.
    for (const id of ['any_treatment.extrapolated_unlinked', 'nlp.keyword_notes']) {
      const [b, a] = [find(before, id), find(after, id)];
      expect(b, id).toBeDefined();
      expect(a?.estimate, id).not.toBe(b?.estimate);
    }
    expect(linkOutput).toMatch(/re-ran notes, reconviction/);
  });

  it('every figure of linkage, notes and reconviction names the new methods document; the cohort keeps its own', () => {
    const hashOf = (r: Results, stage: string) => r.stages.find((s) => s.name === stage)?.methods;
    const fresh = hashOf(after, 'linkage');
    expect(fresh).not.toBe(hashOf(before, 'linkage'));
    expect(after.stages.map((s) => s.name)).toEqual(['cohort', 'linkage', 'notes', 'reconviction']);
    for (const stage of ['notes', 'reconviction']) expect(hashOf(after, stage)).toBe(fresh);
    expect(hashOf(after, 'cohort')).toBe(hashOf(before, 'cohort'));
    for (const e of after.estimates) {
      expect(e.methods, `${e.id} ${e.group}`).toBe(e.stage === 'cohort' ? hashOf(before, 'cohort') : fresh);
    }
    expect(Object.keys(after.methods).sort()).toEqual([fresh, hashOf(before, 'cohort')].sort());
    expect((after.methods[fresh as string] as { linkage: { threshold: unknown } }).linkage.threshold).toEqual({ match_probability: 0.9999999 });
  });

  it('keeps one estimate per id and group', () => {
    const keys = after.estimates.map((e) => `${e.id}|${e.group}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
