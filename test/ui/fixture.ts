/** A small real run for the UI tests, and helpers to drive Ink frames. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tempDir as helperTempDir } from '../helpers.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { silent } from '../../src/pipeline/progress.ts';
import { cohortStage } from '../../src/pipeline/stages/cohort.ts';
import { STAGES } from '../../src/pipeline/stages/index.ts';
import type { Format } from '../../src/io/datasets.ts';
import type { Estimate, Results } from '../../src/results/estimate.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BASELINE = join(ROOT, 'scenarios', 'baseline.yaml');

export function tempDir(prefix: string): string {
  return helperTempDir(`ui-${prefix}`);
}

/**
 * Scale 0.01, cohort stage only: the other stages are still landing and the screens must
 * work on whatever stages a run has.
 */
export async function smallRun(name = 'small', format: Format = 'both', parent = tempDir('run')): Promise<string> {
  const out = join(parent, name);
  await runPipeline({ scenario: loadScenario(BASELINE), seed: 42, scale: 0.01, format, out, force: true, stages: [cohortStage] }, silent);
  return out;
}

/**
 * Every stage at scale 0.02 (CSV): the explorer's waterfalls, notes and conclusions and the
 * exercises need the linkage, notes and reconviction outputs, and a few false matches.
 */
export async function fullRun(name = 'full', parent = tempDir('full')): Promise<string> {
  const out = join(parent, name);
  await runPipeline({ scenario: loadScenario(BASELINE), seed: 42, scale: 0.02, format: 'csv', out, force: true, stages: STAGES }, silent);
  return out;
}

export function readResultsFile(dir: string): Results {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;
}

function estimate(id: string, group: string, estimate: number, truth: number | null, published: number | null, unit: Estimate['unit'] = 'pct'): Estimate {
  return { id, group, estimate, ci: unit === 'odds_ratio' ? [estimate * 0.8, estimate * 1.25] : null, truth, published, unit, method: 'test fixture' };
}

/** Figures of the stages still landing, in the shape they will have, to see those tabs work. */
export const LATER_STAGE_ESTIMATES: Estimate[] = [
  estimate('linkage.precision', 'all', 98.3, null, null),
  estimate('linkage.recall', 'all', 94.0, null, null),
  estimate('linkage.precision', 'all|sex=female', 99.4, null, null),
  estimate('linkage.recall', 'all|sex=female', 90.5, null, null),
  estimate('link.structured.pct', 'all', 49.0, 47.2, 49),
  estimate('nlp.engaged.pct', 'all', 77.5, 61.0, 81),
  estimate('any_treatment.pct', 'all', 88.5, 78.9, 90),
  estimate('reconviction.pct.status', 'DRR|status=dropout', 58.0, 57.0, 60),
  estimate('reconviction.pct.status', 'ATR|status=not_linked', 36.0, 39.5, 37),
  estimate('reconviction.pct.status', 'ATR|status=completed', 20.0, 19.0, 19),
  estimate('regression.linked.odds_ratio', 'ATR|term=female', 0.42, 0.5, null, 'odds_ratio'),
  estimate('regression.linked.odds_ratio', 'ATR|term=male', 1.1, 2.0, null, 'odds_ratio'),
  estimate('regression.linked.region_variance', 'ATR', 0.04, 0.05, null, 'variance'),
];

/** A copy of a run folder's results with the later stages' figures added. */
export function withLaterStages(dir: string, into: string): string {
  const results = readResultsFile(dir);
  mkdirSync(into, { recursive: true });
  const extended: Results = { ...results, stages: [...results.stages, ...['linkage', 'notes', 'reconviction', 'regression'].map((name) => ({ name, methods: null }))], estimates: [...results.estimates, ...LATER_STAGE_ESTIMATES] };
  writeFileSync(join(into, 'results.json'), JSON.stringify(extended, null, 2));
  return into;
}

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  end: '\u001B[F',
  pageDown: '\u001B[6~',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
} as const;

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A newly shown input listens for keys from an effect after its first frame: let it attach. */
export const settle = () => delay(150);

/** Wait until the frame satisfies `test` (Ink renders after React commits, not at once). */
export async function frameUntil(lastFrame: () => string | undefined, test: (frame: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() > until) throw new Error(`frame never matched; last frame:\n${frame}`);
    await delay(20);
  }
}

/**
 * Press `key` until the frame satisfies `test`: for a key whose effect depends on content
 * still loading (End before the last section is read), each press waits for a frame first.
 */
export async function pressUntil(stdin: { write: (data: string) => void }, key: string, lastFrame: () => string | undefined, test: (frame: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    stdin.write(key);
    const frame = await frameUntil(lastFrame, test, 1_000).catch(() => null);
    if (frame !== null) return frame;
    if (Date.now() > until) return frameUntil(lastFrame, test, 0);
  }
}

/** Ink pads lines; the visible width of a line is what counts for an 80-column terminal. */
export function widestLine(frame: string): number {
  // eslint-disable-next-line no-control-regex
  return Math.max(0, ...frame.split('\n').map((line) => line.replace(/\u001B\[[0-9;]*m/g, '').trimEnd().length));
}
