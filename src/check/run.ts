/**
 * `pathways check`: property tests of an outside tool on many small worlds whose truth is
 * known. Two passes of fast-check over the same seed: the first takes the worlds it draws and
 * runs them (several at once with `jobs`, read back in order) until one fails a property (or
 * the runs or the time budget are spent); the second replays that world by its path and
 * shrinks it to the smallest world that still fails. Splitting them lets a time budget stop
 * the drawing without cutting the shrinking short, and shows the first failing draw beside the
 * shrunk one. A property over all the runs (fit's coverage) is judged after the draw; no one
 * world fails it, so it is reported with the worlds that missed most, not shrunk.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { stageRunFolder } from '../io/run-folder.ts';
import type { Scenario } from '../scenario/schema.ts';
import { applyOverrides, type SmallScaleOptions, type WorldDraw } from './arbitraries.ts';
import { Lookahead } from './lookahead.ts';
import { valueAt } from './knobs.ts';
import { applies, compare, judge, type Property, type Verdict } from './property.ts';
import type { WorldOutcome } from './outcome.ts';
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
  /** Worlds run at once (default 1): their tools run side by side; the verdict does not depend on it. */
  jobs?: number;
  /** Fit: the nominal level of the tool's intervals, passed as {level} (default 0.95). */
  level?: number;
}

/** A property over all the runs (fit's coverage): its value, what it counts, and the worlds that missed most. */
export interface OverRunsResult {
  property: Property;
  value: number;
  /** Intervals holding the true coefficient, of all the intervals scored in `worlds` worlds. */
  covered: number;
  intervals: number;
  worlds: number;
  verdict: Verdict;
  worst: { label: string; draw: WorldDraw; missed: number; intervals: number; farthest: { term: string; truth: number; lower: number; upper: number; miss: number } | null }[];
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
  /** The properties judged over all the runs, when there are any. */
  overRuns?: OverRunsResult[];
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

/** One world's result, in the order it was drawn. */
interface WorldResult {
  label: string;
  draw: WorldDraw;
  outcome: WorldOutcome;
  verdicts: Verdict[];
  /** A world property failed (not the tool, not a property over the runs). */
  failed: boolean;
}

/**
 * The worlds fast-check draws for this seed, in its order: the same values, run for run, a
 * check drawing them one by one would see (a run's value does not depend on earlier runs'
 * verdicts), so they can be run several at a time and read back in order. With a replay path,
 * the one world at that path.
 */
async function drawnWorlds(arbitrary: fc.Arbitrary<WorldDraw>, o: CheckOptions): Promise<WorldDraw[]> {
  const draws: WorldDraw[] = [];
  await fc.check(
    fc.asyncProperty(arbitrary, async (draw) => {
      draws.push(draw);
      return true;
    }),
    { seed: o.seed, numRuns: o.runs, ...(o.replay === undefined ? {} : { path: o.replay }) },
  );
  return o.replay === undefined ? draws : draws.slice(0, 1);
}

export async function runCheck(o: CheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const jobs = Math.max(1, Math.floor(o.jobs ?? 1));
  const work = mkdtempSync(join(tmpdir(), 'pathways-check-'));
  const kind = CHECK_KINDS[o.kind ?? 'link'];
  const arbitrary = kind.arbitrary(o);
  const runOne = kind.runner({ level: o.level ?? 0.95 });
  const overRuns = o.properties.map((p) => kind.overRuns.includes(p.metric));
  let toolSeconds = 0;

  /** Run one world and judge the properties that one world can fail. */
  const runWorld = async (label: string, draw: WorldDraw): Promise<{ result: WorldResult; dir: string }> => {
    const scenario = applyOverrides(o.base, draw.overrides, `${label} overrides`);
    const dir = mkdtempSync(join(work, 'world-'));
    const outcome = await runOne(scenario, draw, o.tool, dir, o.toolTimeoutSeconds, o.failingDir);
    toolSeconds += outcome.toolSeconds;
    const knob = knobReader(scenario, draw);
    const metrics = outcome.metrics as Record<string, number>;
    // A property over the runs is judged once, at the end: here a world only counts toward it ("held") or not.
    const verdicts: Verdict[] = outcome.toolProblem ? [] : o.properties.map((p, i) => (overRuns[i] ? (applies(p, metrics, knob) ? 'held' : 'not-applicable') : judge(p, metrics, knob)));
    if (!outcome.toolProblem) rmSync(dir, { recursive: true, force: true });
    return { result: { label, draw, outcome, verdicts, failed: verdicts.some((v, i) => v === 'failed' && !overRuns[i]) }, dir };
  };

  try {
    // The draw: up to `jobs` worlds at once, read back in the order drawn. The first world
    // (in that order) that fails or whose tool fails ends it, whatever finished first, so the
    // verdict and the worlds counted do not depend on --jobs.
    const draws = await drawnWorlds(arbitrary, o);
    const results: (WorldResult | undefined)[] = [];
    const dirs: string[] = [];
    let end = draws.length;
    let next = 0;
    let bug: unknown = null;
    let stoppedByBudget = false;
    const deadline = o.timeBudgetSeconds === undefined ? Infinity : started + o.timeBudgetSeconds * 1000;
    const worker = async () => {
      while (next < end && bug === null) {
        if (performance.now() >= deadline) {
          stoppedByBudget = true;
          return;
        }
        const index = next++;
        try {
          const { result, dir } = await runWorld(o.replay === undefined ? `run ${index + 1}` : `the replayed world (path ${o.replay})`, draws[index]);
          results[index] = result;
          dirs[index] = dir;
          if (result.failed || result.outcome.toolProblem) end = Math.min(end, index + 1);
        } catch (error) {
          bug ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, draws.length) }, worker));
    // An error of the bench itself (not a failed property, not the tool's) ends the check as it is.
    if (bug) throw bug;
    // The worlds counted: the unbroken run from the first, up to the one that ended the draw.
    const done: WorldResult[] = [];
    for (let i = 0; i < end && results[i]; i++) done.push(results[i] as WorldResult);
    if (done.length < draws.length && !done.some((r) => r.failed || r.outcome.toolProblem)) stoppedByBudget = true;
    for (const r of done) {
      if (r.failed) log(`${r.label}: failed (${describeDraw(r.draw)}); shrinking`);
    }
    const tallies: PropertyTally[] = o.properties.map((property, i) => {
      const t = { property, held: 0, failed: 0, notApplicable: 0 };
      for (const r of done) {
        const v = r.verdicts[i];
        if (v === 'held') t.held++;
        else if (v === 'failed') t.failed++;
        else if (v !== undefined) t.notApplicable++;
      }
      return t;
    });
    const last = done[done.length - 1] as WorldResult | undefined;
    const report: CheckReport = { passed: true, runs: done.length, stoppedByBudget, tallies, seconds: 0, toolSeconds: 0 };
    const aggregates = o.properties.flatMap((p, i) => (overRuns[i] ? [overRunsResult(p, i, done.filter((r) => !r.outcome.toolProblem))] : []));
    if (aggregates.length > 0) report.overRuns = aggregates;

    if (last?.outcome.toolProblem) {
      report.passed = false;
      const world = { label: last.label, draw: last.draw, verdicts: [], metrics: null };
      report.toolFailure = { message: `${last.label}: ${last.outcome.toolProblem}`, world };
      report.failingDir = keep(o, { world, outcome: last.outcome, dir: dirs[done.length - 1] }, null);
    } else if (last?.failed) {
      const shrinking = await shrink(o, arbitrary, last, done.length - 1, runWorld, log, jobs);
      if (shrinking.toolFailure) {
        report.passed = false;
        report.toolFailure = { message: `${shrinking.toolFailure.world.label}: ${shrinking.toolFailure.outcome.toolProblem}`, world: shrinking.toolFailure.world };
        report.failingDir = keep(o, shrinking.toolFailure, null);
      } else {
        const f = shrinking.failure as NonNullable<CheckReport['failure']>;
        report.passed = false;
        report.failure = f;
        // The smallest world is run once more, its files written where they are kept.
        const dir = mkdtempSync(join(work, 'world-'));
        const outcome = await runOne(applyOverrides(o.base, f.shrunk.draw.overrides), f.shrunk.draw, o.tool, dir, o.toolTimeoutSeconds, o.failingDir);
        report.failingDir = keep(o, { world: f.shrunk, outcome, dir }, { seed: o.seed, path: f.path });
      }
    } else if (aggregates.some((a) => a.verdict === 'failed')) {
      // No one world fails a property over the runs, so none is shrunk: the worst world of the
      // first failing one is run once more and kept, with the path that reruns it alone.
      report.passed = false;
      const worst = aggregates.find((a) => a.verdict === 'failed')?.worst[0];
      if (worst) {
        const index = done.findIndex((r) => r.label === worst.label);
        const dir = mkdtempSync(join(work, 'world-'));
        const outcome = await runOne(applyOverrides(o.base, worst.draw.overrides), worst.draw, o.tool, dir, o.toolTimeoutSeconds, o.failingDir);
        const world = { label: worst.label, draw: worst.draw, verdicts: done[index].verdicts, metrics: outcome.metrics };
        report.failingDir = keep(o, { world, outcome, dir }, o.replay === undefined ? { seed: o.seed, path: String(index) } : null);
      }
    }
    report.seconds = (performance.now() - started) / 1000;
    report.toolSeconds = toolSeconds;
    return report;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The worlds a property over the runs reports first: the most intervals missed, then the farthest miss. */
const WORST_SHOWN = 5;

function overRunsResult(property: Property, index: number, results: readonly WorldResult[]): OverRunsResult {
  const counted = results.filter((r) => r.verdicts[index] === 'held' && r.outcome.intervals);
  let covered = 0;
  let intervals = 0;
  const worlds = counted.map((r) => {
    const scored = r.outcome.intervals ?? [];
    const missed = scored.filter((i) => !i.covered);
    covered += scored.length - missed.length;
    intervals += scored.length;
    const farthest = missed.reduce((a, b) => (b.miss > a.miss ? b : a), missed[0]);
    return { label: r.label, draw: r.draw, missed: missed.length, intervals: scored.length, farthest: farthest ? { term: farthest.term, truth: farthest.truth, lower: farthest.lower, upper: farthest.upper, miss: farthest.miss } : null };
  });
  const worst = worlds
    .filter((w) => w.missed > 0)
    .sort((a, b) => b.missed - a.missed || (b.farthest?.miss ?? 0) - (a.farthest?.miss ?? 0))
    .slice(0, WORST_SHOWN);
  const value = intervals === 0 ? NaN : covered / intervals;
  const verdict: Verdict = intervals === 0 ? 'not-applicable' : compare(value, property.op, property.value) ? 'held' : 'failed';
  return { property, value, covered, intervals, worlds: counted.length, verdict, worst };
}

/**
 * Shrink a failing world: fast-check replays it by its path and shrinks it to the smallest
 * world that still fails. fast-check tries one candidate at a time (each step depends on the
 * one before), but with `jobs` above 1 the next `jobs - 1` candidates of the same step are
 * started while it runs (lookahead.ts): the same candidates are judged in the same order, so
 * the shrunk world does not depend on `jobs`; a started candidate fast-check never asks for
 * is only work thrown away.
 */
async function shrink(
  o: CheckOptions,
  arbitrary: fc.Arbitrary<WorldDraw>,
  first: WorldResult,
  index: number,
  runWorld: (label: string, draw: WorldDraw) => Promise<{ result: WorldResult; dir: string }>,
  log: (line: string) => void,
  jobs: number,
): Promise<{ failure?: NonNullable<CheckReport['failure']>; toolFailure?: Kept }> {
  const firstWorld: FailedWorld = { label: first.label, draw: first.draw, verdicts: first.verdicts, metrics: first.outcome.metrics };
  const path = o.replay ?? String(index);
  let calls = 0;
  let lastFailure = firstWorld;
  let toolFailure = null as Kept | null;
  let bug: unknown = null;
  let replayFailed = false;
  let finished = false;
  const shrinking = () => replayFailed && !finished && !toolFailure && !bug;
  // Candidates started ahead of fast-check, by their draw; all of them, to wait for at the end.
  const started = new Map<string, Promise<{ result: WorldResult; dir: string }>>();
  const running = new Set<Promise<unknown>>();
  const start = (label: string, draw: WorldDraw) => {
    const run = runWorld(label, draw);
    const settled: Promise<unknown> = run.then(
      () => running.delete(settled),
      () => running.delete(settled),
    );
    running.add(settled);
    return run;
  };
  const ahead = (next: readonly WorldDraw[]) => {
    // After fast-check has started the current candidate (it awaits before calling the property).
    setImmediate(() => {
      for (const draw of next) {
        if (!shrinking() || running.size >= jobs) return;
        const key = JSON.stringify(draw);
        if (!started.has(key)) started.set(key, start('a shrink candidate', draw));
      }
    });
  };
  const shrinkable = jobs > 1 ? new Lookahead(arbitrary, jobs - 1, ahead) : arbitrary;
  const property = fc.asyncProperty(shrinkable, async (draw) => {
    // After the replay passes, fast-check would draw on from its path: nothing is left to shrink.
    if (toolFailure || bug || (calls > 0 && !replayFailed)) return true;
    const call = calls++;
    try {
      // The first call replays the failing world: a different draw there is the bench's own error.
      if (call === 0 && JSON.stringify(draw) !== JSON.stringify(first.draw)) throw new Error(`check: path ${path} replays ${describeDraw(draw)}, not the failing ${describeDraw(first.draw)}`);
      const label = call === 0 ? `${first.label} (replayed)` : `shrink step ${call}`;
      const key = JSON.stringify(draw);
      const early = started.get(key);
      started.delete(key);
      const { result, dir } = await (early ?? start(label, draw));
      if (result.outcome.toolProblem) {
        toolFailure = { world: { label, draw, verdicts: [], metrics: null }, outcome: result.outcome, dir };
        return true;
      }
      if (result.failed) lastFailure = { label, draw, verdicts: result.verdicts, metrics: result.outcome.metrics };
      if (call === 0) replayFailed = result.failed;
      return !result.failed;
    } catch (error) {
      bug = error;
      return true;
    }
  });
  let shrunk: fc.RunDetails<[WorldDraw]>;
  try {
    shrunk = await fc.check(property, { seed: o.seed, numRuns: o.runs, path });
  } finally {
    // No tool left running when the check moves on (and removes the worlds' folders).
    finished = true;
    await Promise.allSettled([...running]);
  }
  if (bug) throw bug;
  const failedTool = (): Kept | null => toolFailure;
  const tool = failedTool();
  if (tool) return { toolFailure: tool };
  if (!shrunk.failed) log(`${first.label}: passed when run again`);
  return {
    failure: {
      first: firstWorld,
      shrunk: shrunk.failed ? lastFailure : firstWorld,
      shrinkSteps: shrunk.numShrinks,
      path: shrunk.failed ? (shrunk.counterexamplePath as string) : path,
      replayedPassed: !shrunk.failed,
    },
  };
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
  return `scale ${draw.scale}, world seed ${draw.seed}${draw.requirementType ? `, ${draw.requirementType}s` : ''}, ${entries.length} knob(s) set over the base scenario${shown}`;
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
      `${JSON.stringify({ label: kept.world.label, scale: kept.world.draw.scale, worldSeed: kept.world.draw.seed, ...(kept.world.draw.requirementType ? { requirementType: kept.world.draw.requirementType } : {}), overrides: kept.world.draw.overrides, checkSeed: o.seed, ...(replay ? { path: replay.path } : {}), metrics: kept.outcome.metrics, ...(kept.outcome.intervals ? { intervals: kept.outcome.intervals } : {}), toolProblem: kept.outcome.toolProblem }, null, 2)}\n`,
    );
    writeFileSync(join(staging.dir, 'tool.log'), kept.outcome.toolLog);
    staging.commit();
    return staging.target;
  } catch (error) {
    staging.abandon();
    throw error;
  }
}
