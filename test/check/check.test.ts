/**
 * `pathways check` on outside tools: it finds the weak linker's failure and shrinks it; the
 * bench's own linker passes its documented properties; the same seed gives the same verdict and
 * the same shrunk world, at one world at a time or two; a tool that crashes, hangs or writes a malformed file is named with
 * the run and the file, and its world is kept.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck, type CheckOptions } from '../../src/check/run.ts';
import { LINK_METRICS, parseProperty } from '../../src/check/property.ts';
import { CLASSIFY_METRICS } from '../../src/check/classify.ts';
import { parseToolTemplate } from '../../src/check/tool.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { cliInProcess } from '../cli/in-process.ts';
import { baseline, ROOT, tempDir } from '../helpers.ts';

const WEAK = `node ${ROOT}examples/tools/weak-linker.mjs {left} {right} {out}`;
const BENCH = `node --import tsx --conditions=source ${ROOT}examples/tools/bench-linker.mjs {left} {right} {out}`;
const PROPERTIES = ['recall >= 0.9', 'precision >= 0.95'];
/**
 * The bench's own linker's documented properties (README, check): 0.8, not 0.9 and 0.95. In a
 * world of ~50 requirements one person carries several true pairs, so one person missed (a
 * changed surname and no postcode) or one doppelganger linked (the same date of birth, sex and
 * postcode sector) moves recall or precision 5-20 points; on the 500 worlds of `check --seed 1`
 * to 5 at scale 0.001 the lowest were 0.806 and 0.818 (bench-linker.test.ts holds it on 60 and
 * on run 97 of seed 1, which failed before the postcode prior: README, check).
 */
const BENCH_PROPERTIES = ['recall >= 0.8', 'precision >= 0.8'];

const WEAK_CLASSIFIER = `node ${ROOT}examples/tools/weak-classifier.mjs {notes} {out}`;
const BENCH_CLASSIFIER = `node --import tsx --conditions=source ${ROOT}examples/tools/bench-classifier.mjs {notes} {out}`;
/** The bench's own classifier's documented properties (README, check). */
const CLASSIFY_PROPERTIES = ['accuracy >= 0.75', 'specificity >= 0.75', 'sensitivity >= 0.85 when notes.typoRate <= 0.1'];

/** A check of the weak linker (link) or the weak classifier (classify) on their properties. */
function options(dir: string, seed: number, runs: number, kind: 'link' | 'classify' = 'link'): CheckOptions {
  const weak = kind === 'link' ? { tool: WEAK, placeholders: ['left', 'right', 'out'], properties: PROPERTIES, metrics: LINK_METRICS } : { tool: WEAK_CLASSIFIER, placeholders: ['notes', 'out'], properties: CLASSIFY_PROPERTIES, metrics: CLASSIFY_METRICS };
  return {
    kind,
    tool: parseToolTemplate(weak.tool, weak.placeholders),
    properties: weak.properties.map((p) => parseProperty(p, weak.metrics)),
    runs,
    seed,
    toolTimeoutSeconds: 60,
    base: baseline(),
    maxNoise: 0.1,
    failingDir: join(dir, 'failing'),
  };
}

/** Error rates above 0 in a drawn world, and their sum. */
function rates(overrides: Record<string, unknown>): { count: number; sum: number } {
  const set = Object.entries(overrides).filter(([p, v]) => p !== 'noise.multiplier' && typeof v === 'number' && v > 0) as [string, number][];
  return { count: set.length, sum: set.reduce((a, [, v]) => a + v, 0) };
}

describe('pathways check --kind link', () => {
  it("finds the weak linker's failure and shrinks it to a smaller world with simpler knobs; the CLI with the same seed gives the same verdict and world, JUnit XML and the one command that replays it", async () => {
    const dir = tempDir('check-weak');
    const report = await runCheck(options(dir, 42, 100));
    expect(report.passed).toBe(false);
    const f = report.failure!;
    // Exact initials and date of birth fail both ways: a keying error breaks a true link
    // (recall), and a background person sharing both with a cohort member (every scale-1
    // lookalike is kept at small scales) is linked too (precision).
    expect(f.shrunk.verdicts).toContain('failed');
    PROPERTIES.forEach((p, i) => {
      if (f.shrunk.verdicts[i] === 'failed') expect(f.shrunk.metrics![p.split(' ')[0]]).toBeLessThan(Number(p.split(' ')[2]));
    });
    expect(f.shrinkSteps).toBeGreaterThan(0);
    expect(f.first.draw.scale).toBeGreaterThan(0.001);
    expect(f.shrunk.draw.scale).toBe(0.001);
    const [first, shrunk] = [rates(f.first.draw.overrides), rates(f.shrunk.draw.overrides)];
    expect(shrunk.count).toBeLessThan(first.count);
    expect(shrunk.sum).toBeLessThan(first.sum);
    // What noise is left is an error that breaks exact matching: initials or date of birth.
    const left = Object.entries(f.shrunk.draw.overrides).filter(([p, v]) => p !== 'noise.multiplier' && (v as number) > 0).map(([p]) => p);
    expect(left.every((p) => /\.(dob|names)\./.test(p))).toBe(true);
    // The kept world: its files, and a scenario the bench reads back with the shrunk knobs.
    for (const file of ['scenario.yaml', 'world.json', 'left.csv', 'right.csv', 'links.csv', 'tool.log']) expect(existsSync(join(report.failingDir!, file)), file).toBe(true);
    const kept = loadScenario(join(report.failingDir!, 'scenario.yaml')).scenario;
    expect(kept.noise.ndtms.dob.missing).toBe(f.shrunk.draw.overrides['noise.ndtms.dob.missing']);
    const world = JSON.parse(readFileSync(join(report.failingDir!, 'world.json'), 'utf8'));
    expect(world).toMatchObject({ scale: f.shrunk.draw.scale, worldSeed: f.shrunk.draw.seed, checkSeed: 42, path: f.path, metrics: f.shrunk.metrics });

    // Two worlds at a time (and the shrink's next candidate started while one runs): the same
    // worlds counted, the same verdict and the same shrunk world.
    const twoJobs = await runCheck({ ...options(dir, 42, 100), jobs: 2, failingDir: join(dir, 'failing-jobs-2') });
    expect({ runs: twoJobs.runs, tallies: twoJobs.tallies, first: twoJobs.failure?.first, shrunk: twoJobs.failure?.shrunk, path: twoJobs.failure?.path, steps: twoJobs.failure?.shrinkSteps }).toEqual({ runs: report.runs, tallies: report.tallies, first: f.first, shrunk: f.shrunk, path: f.path, steps: f.shrinkSteps });
    expect(readFileSync(join(dir, 'failing-jobs-2', 'world.json'), 'utf8')).toBe(readFileSync(join(report.failingDir!, 'world.json'), 'utf8'));

    // The command line, same seed: the same verdict and the same shrunk world.
    const args = ['check', '--kind', 'link', '--tool', WEAK, ...PROPERTIES.flatMap((p) => ['--property', p]), '--runs', '100', '--seed', '42'];
    const r = await cliInProcess([...args, '--failing', join(dir, 'cli-failing'), '--junit', join(dir, 'check.xml')]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const failed = PROPERTIES.filter((_, i) => f.shrunk.verdicts[i] === 'failed').map((p) => `"${p}"`).join(', ');
    expect(r.stderr).toContain(`check: ${failed} failed; the smallest failing world is in ${join(dir, 'cli-failing')}`);
    const cliWorld = JSON.parse(readFileSync(join(dir, 'cli-failing', 'world.json'), 'utf8'));
    expect({ ...cliWorld, label: '' }).toEqual({ ...world, label: '' });
    const junit = readFileSync(join(dir, 'check.xml'), 'utf8');
    expect(junit).toContain(`<testsuites name="pathways check" tests="2" failures="${f.shrunk.verdicts.filter((v) => v === 'failed').length}"`);
    PROPERTIES.forEach((p, i) => {
      const name = p.replace('>', '&gt;');
      expect(junit).toContain(`<testcase classname="pathways.check.link" name="${name}" time="0">${f.shrunk.verdicts[i] === 'failed' ? '<failure' : '<system-out>'}`);
    });
    // The printed command replays the smallest world.
    const replay = /--replay (\S+)/.exec(r.stdout)![1];
    const rerun = await cliInProcess([...args, '--replay', replay, '--failing', join(dir, 'replayed')]);
    expect(rerun.status).toBe(1);
    const replayed = JSON.parse(readFileSync(join(dir, 'replayed', 'world.json'), 'utf8'));
    expect({ ...replayed, label: '' }).toEqual({ ...world, label: '' });
  });

  it("passes the bench's own linker, run as an outside command, on its documented properties", async () => {
    const dir = tempDir('check-bench');
    const r = await cliInProcess(['check', '--kind', 'link', '--tool', BENCH, ...BENCH_PROPERTIES.flatMap((p) => ['--property', p]), '--max-noise', '0.02', '--runs', '5', '--seed', '7', '--failing', join(dir, 'failing')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('recall >= 0.8: held in 5, failed in 0');
    expect(r.stdout).toContain('precision >= 0.8: held in 5, failed in 0');
    expect(existsSync(join(dir, 'failing'))).toBe(false);
  });

  it('stops drawing new worlds when the time budget is spent, and passes on what it ran', async () => {
    // Recall only: with perfect recording the weak linker misses no true link (its precision
    // still falls to lookalikes sharing initials and date of birth).
    const report = await runCheck({ ...options(tempDir('check-budget'), 9, 10_000), properties: [parseProperty('recall >= 0.9', LINK_METRICS)], maxNoise: 0, timeBudgetSeconds: 2 });
    expect(report.passed).toBe(true);
    expect(report.stoppedByBudget).toBe(true);
    expect(report.runs).toBeGreaterThan(0);
    expect(report.runs).toBeLessThan(10_000);
    expect(report.tallies[0].held).toBe(report.runs);
  });

  it.each([
    ['crash', '', /run 1: the tool exited with code 1: Error: linker crashed reading its input/],
    ['hang', '--tool-timeout 1', /run 1: the tool timed out after 1 s \(--tool-timeout\)/],
    ['malformed', '', /run 1: .*failing\/links.csv line 3: empty right_id/],
  ])('names the run and the file when the tool goes wrong (%s), and keeps its world', async (how, extra, message) => {
    const dir = tempDir(`check-${how}`);
    const tool = `node ${ROOT}examples/tools/crash-linker.mjs ${how} {left} {right} {out}`;
    const r = await cliInProcess(['check', '--kind', 'link', '--tool', tool, '--property', 'recall >= 0.9', '--runs', '5', '--seed', '1', '--failing', join(dir, 'failing'), ...extra.split(' ').filter(Boolean)]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    for (const file of ['scenario.yaml', 'world.json', 'left.csv', 'right.csv', 'tool.log']) expect(existsSync(join(dir, 'failing', file)), file).toBe(true);
  });
});

describe('pathways check --kind classify', () => {
  it('finds the weak classifier\'s failure and shrinks it to a smaller world with fewer knobs set; the same seed gives the same verdict and world', async () => {
    const dir = tempDir('check-classify-weak');
    const report = await runCheck(options(dir, 16, 30, 'classify'));
    expect(report.passed).toBe(false);
    const f = report.failure!;
    // A short list of treatment words is not the notes' vocabulary: engagement written in the
    // other voices' words (mutual aid, providers, keywork) is missed, so sensitivity fails on the
    // base scenario itself, and plans and the past read as engaged cost it specificity too.
    expect(f.shrunk.verdicts[2]).toBe('failed');
    expect(f.shrunk.metrics!.sensitivity).toBeLessThan(0.85);
    expect(f.first.draw.scale).toBeGreaterThan(0.001);
    expect(f.shrunk.draw.scale).toBe(0.001);
    expect(Object.keys(f.shrunk.draw.overrides).length).toBeLessThan(Object.keys(f.first.draw.overrides).length);
    for (const file of ['scenario.yaml', 'world.json', 'notes.csv', 'labels.csv', 'tool.log']) expect(existsSync(join(report.failingDir!, file)), file).toBe(true);
    expect(readFileSync(join(report.failingDir!, 'notes.csv'), 'utf8').split('\n')[0]).toMatch(/^note_id,.*\btext\b/);

    const again = await runCheck(options(tempDir('check-classify-again'), 16, 30, 'classify'));
    expect(again.failure!.first.draw).toEqual(f.first.draw);
    expect(again.failure!.shrunk.draw).toEqual(f.shrunk.draw);
    expect(again.failure!.shrunk.metrics).toEqual(f.shrunk.metrics);
  });

  it("passes the bench's own classifier, run as an outside command, on its documented properties", async () => {
    const dir = tempDir('check-classify-bench');
    const r = await cliInProcess(['check', '--kind', 'classify', '--tool', BENCH_CLASSIFIER, ...CLASSIFY_PROPERTIES.flatMap((p) => ['--property', p]), '--runs', '6', '--seed', '5', '--failing', join(dir, 'failing'), '--junit', join(dir, 'check.xml')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('accuracy >= 0.75: held in 6, failed in 0');
    expect(r.stdout).toContain('specificity >= 0.75: held in 6, failed in 0');
    expect(r.stdout).toMatch(/sensitivity >= 0.85 when notes.typoRate <= 0.1: held in \d, failed in 0/);
    expect(readFileSync(join(dir, 'check.xml'), 'utf8')).toMatch(/<testsuite name="pathways check --kind classify" tests="3" failures="0"/);
    expect(existsSync(join(dir, 'failing'))).toBe(false);
  });

  it('names the run and the file when the tool writes a malformed labels file, and keeps its world', async () => {
    const dir = tempDir('check-classify-malformed');
    const tool = `node ${ROOT}examples/tools/crash-linker.mjs malformed {notes} {notes} {out}`;
    const r = await cliInProcess(['check', '--kind', 'classify', '--tool', tool, '--property', 'accuracy >= 0.9', '--runs', '3', '--seed', '1', '--failing', join(dir, 'failing')]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/run 1: .*failing\/labels.csv.*note_id/);
    for (const file of ['scenario.yaml', 'world.json', 'notes.csv', 'labels.csv', 'tool.log']) expect(existsSync(join(dir, 'failing', file)), file).toBe(true);
  });
});
