/**
 * Running stages. `pathways run`: generate, then every stage, then results.json and the report,
 * all into a staging folder that becomes the run folder only when everything has succeeded.
 * A stage run again on a run folder re-runs every stage that rests on its outputs, so no
 * figure rests on stale outputs. `runStagesInMemory` runs stages on tables in memory and
 * writes nothing (sweeps, the check harness).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageRunFolder } from '../io/run-folder.ts';
import { packageVersion } from '../io/package-version.ts';
import type { Table } from '../io/table.ts';
import { markdownReport } from '../report/markdown.ts';
import { writeRunReport } from '../report/write.ts';
import { preloadChartRenderer } from '../report/charts/render.ts';
import { mergeResults, readResults, writeResults, type ResultsBase } from '../results/assemble.ts';
import { TRUTH_MEANS, type Estimate, type Results } from '../results/estimate.ts';
import { readManifest } from '../io/manifest.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { studyFacts } from '../study/facts.ts';
import type { RecordsView, RunFacts } from '../methods/stage.ts';
import { methodsFromRecord, resolveMethods, studyMethods, type MethodsLayer, type ResolvedMethods } from '../methods/load.ts';
import { makeViews, type Views } from './views.ts';
import { startGenerate, type GenerateOptions, type Generated, type Generating } from './generate.ts';
import { stageFinished, type Progress } from './progress.ts';
import type { AnyStage } from './stage.ts';
import type { TruthView } from '../evaluate/view.ts';

export interface RunOptions extends GenerateOptions {
  out: string;
  force?: boolean;
  /** Stop after generation (the `generate` command). */
  generateOnly?: boolean;
  stages?: AnyStage[];
}

async function allStages(): Promise<AnyStage[]> {
  // The method stages are loaded only when they run: `generate` starts without them.
  return (await import('./stages/index.ts')).STAGES;
}

export async function runPipeline(options: RunOptions, progress: Progress): Promise<{ dir: string; generated: Generated; results: Results | null }> {
  const staging = stageRunFolder(options.out, { force: options.force });
  let generating: Generating | null = null;
  try {
    // With stages to run they start on the tables in memory while the files are still being
    // written (Parquet on DuckDB's thread, contact notes on the worker), and this thread is theirs.
    const started = await startGenerate(staging.dir, options, progress, { spareCores: options.generateOnly === true });
    generating = started;
    started.written.then(() => progress(stageFinished('generate')), () => {});
    let results: Results | null = null;
    if (!options.generateOnly) {
      const { records } = started;
      const facts: RunFacts = { ...studyFacts(options.scenario.scenario.window), scale: options.scale, seed: options.seed };
      const views = makeViews({ runDir: staging.dir, tables: [...records.observed, ...records.truth], ready: (_side, name) => started.tableWritten(name) }, facts, options.scenario.scenario, progress);
      const stages = options.stages ?? (await allStages());
      results = await runStages(views, stages, options.methods ?? studyMethods(), baseOf(options.scenario.scenario.name, options.seed, options.scale), staging.dir);
    }
    const manifest = await started.written;
    staging.commit();
    return { dir: staging.target, generated: { world: started.world, records: started.records, manifest }, results };
  } catch (error) {
    // Nothing may still be writing into the folder when it is removed.
    await generating?.written.catch(() => {});
    staging.abandon();
    throw error;
  }
}

function baseOf(scenario: string, seed: number, scale: number): ResultsBase {
  return { schemaVersion: 2, truthMeans: TRUTH_MEANS, scenario, seed, scale, packageVersion: packageVersion() };
}

/**
 * Each stage's method on the records, its outputs handed on to later stages, then its
 * evaluation. A stage starts once the stages it needs have finished, so stages that need only
 * earlier ones run side by side (notes beside reconviction: one classifies on this thread while
 * the other's regressions fit on worker threads). Their estimates are merged in run order, so
 * results.json is the same whichever finishes first. With a run folder, each stage's files go
 * into its folder and results.json is rewritten after each stage; without one nothing is written.
 */
async function runStages(views: Views, stages: AnyStage[], methods: ResolvedMethods, base: ResultsBase, runDir: string | null, previous: Results | null = null, kept: KeptEstimates = {}): Promise<Results> {
  let results = previous;
  const truth: TruthView = kept.keeps === undefined ? views.truth : { ...views.truth, keeps: kept.keeps };
  const records: RecordsView = kept.keeps === undefined ? views.records : { ...views.records, keeps: kept.keeps };
  const progress = views.records.progress;
  const running = new Map<string, Promise<Estimate[]>>();
  const runOne = async (stage: AnyStage, i: number): Promise<Estimate[]> => {
    // A stage it needs that is not run here left its outputs in the run folder.
    await Promise.all(stage.needs.flatMap((n) => running.get(n) ?? []));
    progress({ stage: stage.name, step: stage.description, done: i, total: stages.length });
    const outputs = await stage.method(stage.inputs(records, views.truth), methods.document);
    views.share(stage.name, outputs.tables);
    if (runDir !== null) await outputs.write(join(runDir, stage.name));
    const estimates = kept.evaluated === undefined || kept.evaluated.has(stage.name) ? await stage.evaluate(truth, outputs) : [];
    if (runDir !== null) stage.writeEvaluation?.(join(runDir, stage.name), estimates);
    progress(stageFinished(stage.name));
    return estimates;
  };
  for (const [i, stage] of stages.entries()) {
    const run = runOne(stage, i);
    // Its failure is thrown when its turn to merge comes, not as an unhandled rejection before.
    run.catch(() => {});
    running.set(stage.name, run);
  }
  if (runDir !== null) preloadChartRenderer();
  try {
    for (const stage of stages) {
      const estimates = await (running.get(stage.name) as Promise<Estimate[]>);
      results = mergeResults(results, base, { stage: stage.name, methods: { hash: methods.hash, document: methods.document }, estimates });
      if (runDir !== null) writeResults(runDir, results);
    }
  } catch (error) {
    // Nothing may still be writing into the folder when the caller abandons it.
    await Promise.allSettled(running.values());
    throw error;
  }
  if (results && runDir !== null) {
    writeFileSync(join(runDir, 'report.md'), markdownReport(results));
    await writeRunReport(runDir, results);
  }
  return results as Results;
}

/** What a caller keeps of a run's estimates (undefined: all). */
export interface KeptEstimates {
  /** The stages whose evaluation runs; the others run their method alone (for the stages after them) and give no estimates. */
  evaluated?: ReadonlySet<string>;
  /** Whether an estimate whose id starts with this may be kept: an evaluation may leave out costly ones nobody keeps. */
  keeps?: (prefix: string) => boolean;
}

export interface InMemoryRun extends KeptEstimates {
  /** The observed and truth tables (a world generated in memory). */
  tables: Table[];
  scenario: Scenario;
  seed: number;
  scale: number;
  methods: ResolvedMethods;
  stages?: AnyStage[];
  progress: Progress;
}

/** Every stage (or those given) on tables in memory: the results, and nothing written. */
export async function runStagesInMemory(run: InMemoryRun): Promise<Results> {
  const facts: RunFacts = { ...studyFacts(run.scenario.window), scale: run.scale, seed: run.seed };
  const views = makeViews({ runDir: null, tables: run.tables }, facts, run.scenario, run.progress);
  return runStages(views, run.stages ?? (await allStages()), run.methods, baseOf(run.scenario.name, run.seed, run.scale), null, null, { evaluated: run.evaluated, keeps: run.keeps });
}

/** The stages that rest on `stage`'s outputs, directly or through another, in run order. */
export function dependentsOf(stage: string, stages: readonly AnyStage[]): AnyStage[] {
  const stale = new Set([stage]);
  const out: AnyStage[] = [];
  for (const s of stages) {
    if (s.needs.some((n) => stale.has(n))) {
      stale.add(s.name);
      out.push(s);
    }
  }
  return out;
}

export interface FolderStageOptions {
  /** A scenario file in place of the manifest's (the evaluation side's truth is the run's own). */
  scenarioPath?: string;
  /** Layers over the manifest's methods document (a `--methods FILE`, the command's flags). */
  methods?: MethodsLayer[];
}

/** The methods document a stage command runs with: the manifest's, with the command's layers over it. */
export function folderMethods(runDir: string, layers: MethodsLayer[] = []): ResolvedMethods {
  const manifest = readManifest(runDir);
  const recorded = manifest.methods ? [{ source: `${runDir}/manifest.json methods`, doc: manifest.methods.document }] : [];
  if (recorded.length === 0 && layers.length === 0) return studyMethods();
  return resolveMethods([...recorded, ...layers]);
}

/**
 * Run one stage on an existing run folder (the `link`, `notes`, `reconvictions` commands), then
 * every stage that rests on its outputs and has run on this folder before, so that results.json
 * never holds figures from two different upstream outputs.
 */
export async function runStageOnFolder(runDir: string, stage: AnyStage, progress: Progress, options: FolderStageOptions = {}): Promise<Results> {
  const manifest = readManifest(runDir);
  const loaded = loadScenario(options.scenarioPath ?? manifest.scenario.path);
  const methods = folderMethods(runDir, options.methods);
  const previous = readResults(runDir);
  const ran = new Set((previous?.stages ?? []).map((s) => s.name));
  const dependents = dependentsOf(stage.name, await allStages()).filter((s) => ran.has(s.name));
  const facts: RunFacts = { ...studyFacts(loaded.scenario.window), scale: manifest.scale, seed: manifest.seed };
  const views = makeViews({ runDir }, facts, loaded.scenario, progress);
  return runStages(views, [stage, ...dependents], methods, baseOf(manifest.scenario.name, manifest.seed, manifest.scale), runDir, previous);
}

export { methodsFromRecord };
