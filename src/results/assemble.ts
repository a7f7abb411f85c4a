/** results.json: read, merged stage by stage, and written atomically. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { atomicFilePath } from '../io/run-folder.ts';
import { estimateKey, parseResults, resultsSchema, type Estimate, type Results, type StageRun } from './estimate.ts';

export type ResultsBase = Omit<Results, 'stages' | 'estimates' | 'methods'>;

export function readResults(runDir: string): Results | null {
  const path = join(runDir, 'results.json');
  if (!existsSync(path)) return null;
  return parseResults(JSON.parse(readFileSync(path, 'utf8')));
}

/** A stage's run: its estimates, and the methods document (hash and document) it ran with. */
export interface StageResult {
  stage: string;
  methods: { hash: string; document: unknown };
  estimates: Estimate[];
}

/**
 * Replace everything a stage said before with what it says now, keeping every other stage's
 * estimates. Each estimate is stamped with its stage and methods document; an estimate of an
 * older file that names no stage is replaced by id and group.
 */
export function mergeResults(previous: Results | null, base: ResultsBase, result: StageResult): Results {
  const fresh = new Set(result.estimates.map(estimateKey));
  const kept = (previous?.estimates ?? []).filter((e) => (e.stage === undefined ? !fresh.has(estimateKey(e)) : e.stage !== result.stage));
  const run: StageRun = { name: result.stage, methods: result.methods.hash };
  const previousStages = previous?.stages ?? [];
  const stages = previousStages.some((s) => s.name === run.name) ? previousStages.map((s) => (s.name === run.name ? run : s)) : [...previousStages, run];
  const stamped = result.estimates.map((e) => ({ ...e, stage: result.stage, methods: result.methods.hash }));
  // Keep only the documents some stage still names.
  const documents: Record<string, unknown> = { ...(previous?.methods ?? {}), [result.methods.hash]: result.methods.document };
  const methods = Object.fromEntries(Object.entries(documents).filter(([hash]) => stages.some((s) => s.methods === hash)));
  return { ...base, stages, methods, estimates: [...kept, ...stamped] };
}

export function writeResults(runDir: string, results: Results): void {
  resultsSchema.parse(results);
  const file = atomicFilePath(join(runDir, 'results.json'));
  writeFileSync(file.temp, `${JSON.stringify(results, null, 2)}\n`);
  file.commit();
}
