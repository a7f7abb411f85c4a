/**
 * One world of `pathways check --kind link`: generate it in memory, write the two files the
 * tool reads (the Splink-ready columns `export-splink` writes), run the tool, read its links
 * (as `score-links` reads them) and score them against the world's truth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { writeCsv } from '../io/csv-write.ts';
import { scoreLinks, type LinkScore } from '../methods/linkage/score.ts';
import type { Scenario } from '../scenario/schema.ts';
import { parseLinksCsv } from '../io/links-file.ts';
import { runTool, type ToolTemplate } from './tool.ts';
import { linkageProblem, type WorldCache } from './world.ts';

export const LINK_FILES = { left: 'left.csv', right: 'right.csv', out: 'links.csv' } as const;

export interface WorldOutcome {
  /** The metrics, or null when the tool failed. */
  metrics: Record<string, number> | null;
  /** What went wrong with the tool: crashed, timed out, wrote no file or a malformed one. */
  toolProblem: string | null;
  toolLog: string;
}

export function linkMetrics(score: LinkScore): Record<string, number> {
  return { recall: score.recall, precision: score.precision, f1: score.f1, false_match_rate: score.falseMatchRate, left_recall: score.leftRecall };
}

/**
 * Run one world in `dir` (its files stay there). `shownDir` is where the files will be kept if
 * this world fails, so a malformed file's message names the file the user can open. Worlds
 * come from `worlds`, which keeps the ones a shrinking reruns with other noise.
 */
export async function runLinkWorld(scenario: Scenario, world: { seed: number; scale: number }, tool: ToolTemplate, dir: string, timeoutSeconds: number, worlds: WorldCache, shownDir = dir): Promise<WorldOutcome> {
  const problem = linkageProblem(scenario, { ...world, world: worlds.get(scenario, world.scale, world.seed) });
  const paths = { left: join(dir, LINK_FILES.left), right: join(dir, LINK_FILES.right), out: join(dir, LINK_FILES.out) };
  await writeCsv(problem.left, paths.left);
  await writeCsv(problem.right, paths.right);
  const run = runTool(tool, paths, timeoutSeconds);
  const toolLog = `$ ${tool.text}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
  const shown = join(shownDir, LINK_FILES.out);
  if (run.problem) return { metrics: null, toolProblem: `the tool ${run.problem}`, toolLog };
  if (!existsSync(paths.out)) return { metrics: null, toolProblem: `the tool wrote no ${shown} ({out})`, toolLog };
  let links;
  try {
    links = parseLinksCsv(readFileSync(paths.out, 'utf8'), shown);
  } catch (error) {
    if (error instanceof InputError) return { metrics: null, toolProblem: error.message, toolLog };
    throw error;
  }
  const score = scoreLinks(links, problem.truth).overall;
  return { metrics: linkMetrics(score), toolProblem: null, toolLog };
}
