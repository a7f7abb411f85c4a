/**
 * `pathways run`: generate, then every stage, then results.json and the report, all into a
 * staging folder that becomes the run folder only when everything has succeeded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageRunFolder } from '../io/run-folder.ts';
import { packageVersion } from '../io/package-version.ts';
import { markdownReport } from '../report/markdown.ts';
import { writeRunReport } from '../report/write.ts';
import { mergeResults, readResults, writeResults } from '../results/assemble.ts';
import type { Results } from '../results/estimate.ts';
import { readManifest } from '../io/manifest.ts';
import { loadScenario } from '../scenario/load.ts';
import { makeContext } from './context.ts';
import { generateInto, type GenerateOptions, type Generated } from './generate.ts';
import type { Progress } from './progress.ts';
import type { Stage } from './stage.ts';

export interface RunOptions extends GenerateOptions {
  out: string;
  force?: boolean;
  /** Stop after generation (the `generate` command). */
  generateOnly?: boolean;
  stages?: Stage[];
}

export async function runPipeline(options: RunOptions, progress: Progress): Promise<{ dir: string; generated: Generated; results: Results | null }> {
  const staging = stageRunFolder(options.out, { force: options.force });
  try {
    const generated = await generateInto(staging.dir, options, progress);
    let results: Results | null = null;
    if (!options.generateOnly) {
      const ctx = makeContext(staging.dir, options.scenario.scenario, options.scale, options.seed, progress, [
        ...generated.records.observed,
        ...generated.records.truth,
      ]);
      // The method stages are loaded only when they run: `generate` starts without them.
      const stages = options.stages ?? (await import('./stages/index.ts')).STAGES;
      results = await runStages(ctx.runDir, stages, ctx, baseOf(options.scenario.scenario.name, options.seed, options.scale));
    }
    staging.commit();
    return { dir: staging.target, generated, results };
  } catch (error) {
    staging.abandon();
    throw error;
  }
}

function baseOf(scenario: string, seed: number, scale: number): Omit<Results, 'stages' | 'estimates'> {
  return { schemaVersion: 1, scenario, seed, scale, packageVersion: packageVersion() };
}

async function runStages(runDir: string, stages: Stage[], ctx: ReturnType<typeof makeContext>, base: Omit<Results, 'stages' | 'estimates'>): Promise<Results> {
  let results = readResults(runDir);
  for (const [i, stage] of stages.entries()) {
    ctx.progress({ stage: stage.name, step: stage.description, done: i, total: stages.length });
    const estimates = await stage.run(ctx);
    results = mergeResults(results, base, stage.name, estimates);
    writeResults(runDir, results);
  }
  if (results) writeFileSync(join(runDir, 'report.md'), markdownReport(results));
  if (results) await writeRunReport(runDir, results);
  return results as Results;
}

/** Run one stage on an existing run folder (the `link`, `notes`, `reconvictions` commands). */
export async function runStageOnFolder(runDir: string, stage: Stage, progress: Progress, scenarioPath?: string): Promise<Results> {
  const manifest = readManifest(runDir);
  const loaded = loadScenario(scenarioPath ?? manifest.scenario.path);
  const ctx = makeContext(runDir, loaded.scenario, manifest.scale, manifest.seed, progress);
  return runStages(runDir, [stage], ctx, baseOf(manifest.scenario.name, manifest.seed, manifest.scale));
}
