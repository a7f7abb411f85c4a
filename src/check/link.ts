/**
 * One world of `pathways check --kind link`: generate it in memory, write the two files the
 * tool reads (the Splink-ready columns `export-splink` writes), run the tool, read its links
 * (as `score-links` reads them) and score them against the world's truth.
 */
import { join } from 'node:path';
import { writeCsv } from '../io/csv-write.ts';
import { scoreLinks, type LinkScore } from '../methods/linkage/score.ts';
import type { Scenario } from '../scenario/schema.ts';
import { parseLinksCsv } from '../io/links-file.ts';
import { runToolAndRead, type ToolTemplate } from './tool.ts';
import { linkageProblem, type WorldCache } from './world.ts';
import type { WorldOutcome } from './outcome.ts';

export const LINK_FILES = { left: 'left.csv', right: 'right.csv', out: 'links.csv' } as const;

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
  const out = await runToolAndRead(tool, paths, timeoutSeconds, join(shownDir, LINK_FILES.out), parseLinksCsv);
  const metrics = out.value ? linkMetrics(scoreLinks(out.value, problem.truth).overall) : null;
  return { metrics, toolProblem: out.toolProblem, toolLog: out.toolLog, toolSeconds: out.toolSeconds };
}
