/**
 * `pathways check`: property tests of an outside tool on many small worlds whose truth is
 * known. Two passes of fast-check over the same seed: the first draws worlds until one fails
 * a property (or the runs or the time budget are spent) and stops there; the second replays
 * that world by its path and shrinks it to the smallest world that still fails. Splitting
 * them lets a time budget stop the drawing without cutting the shrinking short, and shows the
 * first failing draw beside the shrunk one.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { stageRunFolder } from '../io/run-folder.ts';
import type { Scenario } from '../scenario/schema.ts';
import { applyOverrides, type SmallScaleOptions, type WorldDraw } from './arbitraries.ts';
import { valueAt } from './knobs.ts';
import { judge, type Property, type Verdict } from './property.ts';
import type { WorldOutcome } from './link.ts';
import type { ToolTemplate } from './tool.ts';
import { CHECK_KINDS, type CheckKindName } from './kinds.ts';

export interface CheckOptions {
  /** What the tool does (default link). */
  kind?: CheckKindName;
  tool: ToolTemplate;
  properties: Property[];
  runs: number;
  seed: number;
  /** A fast-check path: replay that world (and shrink from it) instead of drawing. */
  replay?: string;
  timeBudgetSeconds?: number;
  toolTimeoutSeconds: number;
  base: Scenario;
  /** The highest identifier error rate drawn for any one kind of error (link). */
  maxNoise: number;
  /** The scales drawn, in thousandths of England (default 1 to 5). */
  scale?: SmallScaleOptions;
  /** Where a failing world is written (checked to be free before the check starts). */
  failingDir: string;
  force?: boolean;
  /** One line per event worth a user's eye. */
  log?: (line: string) => void;
}

export interface PropertyTally {
  property: Property;
  held: number;
  failed: number;
  notApplicable: number;
}

export interface FailedWorld {
  /** Which call found it: "run 12", or "shrink step 4". */
  label: string;
  draw: WorldDraw;
  verdicts: Verdict[];
  metrics: Record<string, number> | null;
}

export interface CheckReport {
  passed: boolean;
  /** Worlds drawn before the first failure, or all of them. */
  runs: number;
  /** True when the time budget stopped the drawing before --runs worlds. */
  stoppedByBudget: boolean;
  tallies: PropertyTally[];
  /** The first failing draw and the smallest world that still fails, with the path replaying it. */
  failure?: { first: FailedWorld; shrunk: FailedWorld; shrinkSteps: number; path: string; replayedPassed: boolean };
  /** The tool crashed, timed out or wrote a malformed file: the message names the run and the file. */
  toolFailure?: { message: string; world: FailedWorld };
  failingDir?: string;
  seconds: number;
  /** Of `seconds`, the time the tool's runs took (their process starts included). */
  toolSeconds: number;
}

interface Kept {
  world: FailedWorld;
  outcome: WorldOutcome;
  dir: string;
}

/** The knob values of a drawn world that a `when` clause may read. */
function knobReader(scenario: Scenario, draw: WorldDraw): (path: string) => number | undefined {
  return (path) => {
    if (path === 'scale') return draw.scale;
    const v = valueAt(scenario, path);
    return typeof v === 'number' ? v : undefined;
  };
}

export async function runCheck(o: CheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const work = mkdtempSync(join(tmpdir(), 'pathways-check-'));
  const tallies: PropertyTally[] = o.properties.map((property) => ({ property, held: 0, failed: 0, notApplicable: 0 }));
  const kind = CHECK_KINDS[o.kind ?? 'link'];
  const arbitrary = kind.arbitrary(o);
  const runOne = kind.runner();
  let phase: 'draw' | 'shrink' = 'draw';
  let runs = 0;
  let shrinkCalls = 0;
  let toolSeconds = 0;
  let toolFailure = null as Kept | null;
  let firstFailure = null as FailedWorld | null;
  let lastFailure = null as FailedWorld | null;

  // An error of the bench itself (not a failed property, not the tool's) ends the check as it is.
  let bug: unknown = null;
  const predicate = async (draw: WorldDraw): Promise<boolean> => {
    // After a tool failure no more worlds are run: its world is the one kept.
    if (toolFailure || bug) return true;
    try {
      return await runWorld(draw);
    } catch (error) {
      bug = error;
      return true;
    }
  };
  const runWorld = async (draw: WorldDraw): Promise<boolean> => {
    const label = phase === 'draw' ? `run ${++runs}` : shrinkCalls++ === 0 ? `${firstFailure?.label ?? 'the failing run'} (replayed)` : `shrink step ${shrinkCalls - 1}`;
    const scenario = applyOverrides(o.base, draw.overrides, `${label} overrides`);
    const dir = mkdtempSync(join(work, 'world-'));
    const outcome = await runOne(scenario, draw, o.tool, dir, o.toolTimeoutSeconds, o.failingDir);
    toolSeconds += outcome.toolSeconds;
    if (outcome.toolProblem) {
      toolFailure = { world: { label, draw, verdicts: [], metrics: null }, outcome, dir };
      return true;
    }
    rmSync(dir, { recursive: true, force: true });
    const knob = knobReader(scenario, draw);
    const verdicts = o.properties.map((p) => judge(p, outcome.metrics as Record<string, number>, knob));
    if (phase === 'draw') {
      verdicts.forEach((v, i) => {
        if (v === 'held') tallies[i].held++;
        else if (v === 'failed') tallies[i].failed++;
        else tallies[i].notApplicable++;
      });
    }
    const failed = verdicts.includes('failed');
    if (failed) {
      lastFailure = { label, draw, verdicts, metrics: outcome.metrics };
      if (phase === 'draw') {
        firstFailure = lastFailure;
        log(`${label}: failed (${describeDraw(draw)}); shrinking`);
      }
    }
    return !failed;
  };

  try {
    const property = fc.asyncProperty(arbitrary, predicate);
    const first = await fc.check(property, {
      seed: o.seed,
      numRuns: o.runs,
      endOnFailure: true,
      ...(o.replay === undefined ? {} : { path: o.replay }),
      ...(o.timeBudgetSeconds === undefined ? {} : { interruptAfterTimeLimit: o.timeBudgetSeconds * 1000, markInterruptAsFailure: false }),
    });
    if (bug) throw bug;
    const stoppedByBudget = first.interrupted && !first.failed;
    const report: CheckReport = { passed: !first.failed && !toolFailure, runs, stoppedByBudget, tallies, seconds: 0, toolSeconds: 0 };
    // Read through a function: the predicate sets it, which the compiler's narrowing cannot see.
    const failedTool = (): Kept | null => toolFailure;
    const reportToolFailure = (kept: Kept) => {
      report.passed = false;
      report.toolFailure = { message: `${kept.world.label}: ${kept.outcome.toolProblem}`, world: kept.world };
      report.failingDir = keep(o, kept, null);
    };
    const early = failedTool();
    if (early) reportToolFailure(early);
    else if (first.failed && firstFailure) {
      phase = 'shrink';
      const shrunk = await fc.check(property, { seed: o.seed, numRuns: o.runs, path: first.counterexamplePath ?? undefined });
      if (bug) throw bug;
      const late = failedTool();
      if (late) reportToolFailure(late);
      else {
        const smallest = (shrunk.failed ? lastFailure : firstFailure) as FailedWorld;
        const path = shrunk.failed ? (shrunk.counterexamplePath as string) : (first.counterexamplePath as string);
        report.failure = { first: firstFailure, shrunk: smallest, shrinkSteps: shrunk.numShrinks, path, replayedPassed: !shrunk.failed };
        // The smallest world is run once more, its files written where they are kept.
        const dir = mkdtempSync(join(work, 'world-'));
        const outcome = await runOne(applyOverrides(o.base, smallest.draw.overrides), smallest.draw, o.tool, dir, o.toolTimeoutSeconds, o.failingDir);
        report.failingDir = keep(o, { world: smallest, outcome, dir }, { seed: o.seed, path });
      }
    }
    report.seconds = (performance.now() - started) / 1000;
    report.toolSeconds = toolSeconds;
    return report;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Scale and knobs of a drawn world, in a few words: error rates above 0, or the knobs set over the base. */
export function describeDraw(draw: WorldDraw): string {
  const entries = Object.entries(draw.overrides);
  if (entries.length > 0 && entries.every(([p]) => p.startsWith('noise.'))) {
    const rates = entries.filter(([p, v]) => p !== 'noise.multiplier' && typeof v === 'number' && v > 0) as [string, number][];
    const total = rates.reduce((a, [, v]) => a + v, 0);
    const shown = rates.length <= 3 ? `: ${rates.map(([p, v]) => `${p} ${v}`).join(', ')}` : ` summing to ${total.toFixed(3)}`;
    return `scale ${draw.scale}, world seed ${draw.seed}, ${rates.length} error rate(s) above 0${rates.length === 0 ? '' : shown}`;
  }
  const shown = entries.length > 0 && entries.length <= 3 ? `: ${entries.map(([p, v]) => `${p} ${JSON.stringify(v)}`).join(', ')}` : '';
  return `scale ${draw.scale}, world seed ${draw.seed}, ${entries.length} knob(s) set over the base scenario${shown}`;
}

/** Write a failing world's folder: its scenario, seed, input files, the tool's output and log. */
function keep(o: CheckOptions, kept: Kept, replay: { seed: number; path: string } | null): string {
  const staging = stageRunFolder(o.failingDir, { force: o.force });
  try {
    cpSync(kept.dir, staging.dir, { recursive: true });
    const scenario = applyOverrides(o.base, kept.world.draw.overrides);
    writeFileSync(join(staging.dir, 'scenario.yaml'), `# The world ${kept.world.label} of pathways check ran on (scale ${kept.world.draw.scale}, world seed ${kept.world.draw.seed}).\n${stringify({ ...scenario, name: `${o.base.name}-check-failing` })}`);
    writeFileSync(
      join(staging.dir, 'world.json'),
      `${JSON.stringify({ label: kept.world.label, scale: kept.world.draw.scale, worldSeed: kept.world.draw.seed, overrides: kept.world.draw.overrides, checkSeed: o.seed, ...(replay ? { path: replay.path } : {}), metrics: kept.outcome.metrics, toolProblem: kept.outcome.toolProblem }, null, 2)}\n`,
    );
    writeFileSync(join(staging.dir, 'tool.log'), kept.outcome.toolLog);
    staging.commit();
    return staging.target;
  } catch (error) {
    staging.abandon();
    throw error;
  }
}
