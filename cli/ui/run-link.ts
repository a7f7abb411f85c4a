/**
 * The run's nDelius -> NDTMS linkage redone in memory (the run folder keeps the links, not the
 * pairs and weights), so the explorer and the exercises can show `explain`'s waterfall for any
 * requirement of the cohort. The settings are the ones the run recorded in its manifest.
 */
import { readManifest } from '../../src/io/manifest.ts';
import { ints, strings, type Table } from '../../src/io/table.ts';
import { silent } from '../../src/pipeline/progress.ts';
import { makeViews } from '../../src/pipeline/views.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { cohortTable, studyCohort } from '../../src/study/cohort.ts';
import { studyFacts } from '../../src/study/facts.ts';
import { linkTables, type LinkResult } from '../../src/methods/linkage/index.ts';
import { explainLeft, type Explanation } from '../../src/methods/linkage/explain.ts';
import { communitySettings } from '../../src/methods/document.ts';
import { methodsFromRecord, studyMethods } from '../../src/methods/load.ts';

export interface RunLink {
  result: LinkResult;
  cohort: Table;
  community: Table;
  /** nDelius record id -> row of the cohort table (the linkage's left side). */
  cohortRow: Map<string, number>;
  /** NDTMS episode id -> row of the community table. */
  episodeRow: Map<string, number>;
  /** The study's extraction date (day number): the notes window and the 'remained' status end there. */
  extraction: number;
}

const cache = new Map<string, Promise<RunLink>>();

export function runLinkOf(runDir: string): Promise<RunLink> {
  let link = cache.get(runDir);
  if (!link) {
    link = linkRun(runDir);
    cache.set(runDir, link);
    link.catch(() => cache.delete(runDir));
  }
  return link;
}

async function linkRun(runDir: string): Promise<RunLink> {
  const manifest = readManifest(runDir);
  const { scenario } = loadScenario(manifest.scenario.path);
  const facts = studyFacts(scenario.window);
  const { records } = makeViews({ runDir }, { ...facts, scale: manifest.scale, seed: manifest.seed }, scenario, silent);
  const ndelius = await records.observed('ndelius_requirements');
  const cohort = cohortTable(ndelius, studyCohort(ndelius, facts).rows);
  const community = await records.observed('ndtms_community');
  const methods = manifest.methods ? methodsFromRecord(manifest.methods.document, `${runDir}/manifest.json`) : studyMethods();
  const result = await linkTables(cohort, community, communitySettings(methods.document));
  const index = (ids: (string | null)[]) => new Map(ids.flatMap((id, i) => (id === null ? [] : [[id, i] as [string, number]])));
  return { result, cohort, community, cohortRow: index(strings(cohort, 'record_id')), episodeRow: index(strings(community, 'episode_id')), extraction: facts.extraction };
}

/** `explain`'s candidates for one nDelius record, best first; empty when it is not in the cohort. */
export function candidatesOf(link: RunLink, recordId: string, limit = 5): Explanation[] {
  const row = link.cohortRow.get(recordId);
  return row === undefined ? [] : explainLeft(link.result, row, limit);
}

export function dayOf(table: Table, column: string, row: number): number {
  return ints(table, column)[row];
}
