/**
 * The bench as a library (`import { ... } from 'pathways-bench'`): a scenario as an object,
 * a world and its records generated in memory (or the cohort's contact notes with their true
 * labels), a method stage run on them, links or labels scored against the truth. Nothing here writes a file. Fast-check arbitraries of scenarios
 * are the other entry point, `pathways-bench/arbitraries`.
 */
import { join } from 'node:path';
import { packageRoot } from '../io/package-root.ts';
import { isPlainObject } from '../io/document.ts';
import { loadScenario, validateScenario, type LoadedScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { studyMethods, type ResolvedMethods } from '../methods/load.ts';
import type { AnyStage } from '../pipeline/stage.ts';
import type { Results } from '../results/estimate.ts';
import type { GeneratedRecords } from './world.ts';

export { loadScenario, type LoadedScenario, type Scenario };
export { generateRecords, linkageProblem, linkageProblemOf, WorldCache, type GeneratedRecords, type LinkageProblem } from './world.ts';
export { scoreLinks, scoreDedupe, type LinkScore, type ScoreResult, type TruthKeys } from '../methods/linkage/score.ts';
export { linkTables, prepareSettings, resolveLinks, linkIds, loadSettingsFile, type LinkResult, type LinkageSettings } from '../methods/linkage/index.ts';
export { readCsvAsStrings, readCsvTable } from '../io/csv-read.ts';
export { fitFormula, type FormulaFit } from '../methods/regression/index.ts';
export { normalUpperTail } from '../methods/regression/normal.ts';
export { fitProblem, parseCoefficientsCsv, scoreIntervals, type FitProblem } from './fit.ts';
export type { Interval, ScoredInterval } from './outcome.ts';
export { scoreLabels, type LabelScore } from './labels.ts';
export { notesProblem, parseLabelsCsv, type NotesProblem } from './classify.ts';
export { createClassifier, CLASSIFIER_NAMES, type ClassifierName, type NoteClassifier, type NoteText, type NoteLabel } from '../methods/notes/classifiers/index.ts';
export { studyMethods, type ResolvedMethods } from '../methods/load.ts';
export { strings, ints, floats, bools, makeTable, stringColumn, type Table, type Column } from '../io/table.ts';
export type { Results, Estimate } from '../results/estimate.ts';

/** A scenario from a plain object (as a YAML file would hold it), validated; a `methods:` block is left out. */
export function scenarioFromObject(doc: unknown, source = 'scenario object'): Scenario {
  const world = isPlainObject(doc) ? Object.fromEntries(Object.entries(doc).filter(([k]) => k !== 'methods')) : doc;
  return validateScenario(world, source);
}

/** A scenario shipped with the bench (`baseline`, `clean`, `nhs-number`). */
export function shippedScenario(name = 'baseline'): Scenario {
  return loadScenario(join(packageRoot(), 'scenarios', `${name}.yaml`)).scenario;
}

/** The method stages, by name, in run order. */
export async function methodStages(): Promise<AnyStage[]> {
  return (await import('../pipeline/stages/index.ts')).STAGES;
}

export interface StageRun {
  scenario: Scenario;
  generated: GeneratedRecords;
  seed: number;
  scale: number;
  /** The methods document (the study's when not given). */
  methods?: ResolvedMethods;
}

/**
 * One method stage (and the stages it rests on) on records in memory, each scored by its
 * evaluation half: the results as `results.json` would hold them. The notes stage reads
 * contact notes, which an in-memory world does not hold; it is refused by name.
 */
export async function runMethodStage(name: string, run: StageRun): Promise<Results> {
  const all = await methodStages();
  const wanted = new Set([name]);
  for (const stage of [...all].reverse()) if (wanted.has(stage.name)) stage.needs.forEach((n) => wanted.add(n));
  const stages = all.filter((s) => wanted.has(s.name));
  if (!all.some((s) => s.name === name)) throw new Error(`runMethodStage: no stage "${name}" (there are: ${all.map((s) => s.name).join(', ')})`);
  if (wanted.has('notes')) throw new Error('runMethodStage: the notes stage reads contact notes, which a world generated in memory does not hold');
  // Loaded here: the pipeline brings the report and its charts, which a linker importing this library never needs.
  const { runStagesInMemory } = await import('../pipeline/run.ts');
  return runStagesInMemory({
    tables: [...run.generated.records.observed, ...run.generated.records.truth],
    scenario: run.scenario,
    seed: run.seed,
    scale: run.scale,
    methods: run.methods ?? studyMethods(),
    stages,
    progress: () => {},
  });
}
