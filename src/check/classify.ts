/**
 * One world of `pathways check --kind classify`: generate the cohort and its probation contact
 * notes in memory (notes need no NDTMS background), write the notes the tool reads (the
 * observed `contact_notes` table as `pathways generate` writes it: note_id, text and the
 * columns beside them), run the tool, read its labels and score them against each note's true
 * label. The positive class is `engaged`; a note the tool leaves unlabelled counts as labelled
 * not engaged, so a tool that skips the hard notes is not flattered.
 */
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { writeCsv } from '../io/csv-write.ts';
import { strings, type Table } from '../io/table.ts';
import type { Scenario } from '../scenario/schema.ts';
import { buildCohortWorld } from '../world/build.ts';
import { noteSubjects } from '../records/notes-subjects.ts';
import { generateNotes } from '../records/notes/generate.ts';
import { readCsvColumns } from '../methods/notes/notes-csv.ts';
import { scoreLabels, type LabelScore } from './labels.ts';
import { runToolAndRead, type ToolTemplate } from './tool.ts';
import type { WorldOutcome } from './outcome.ts';

export const CLASSIFY_FILES = { notes: 'notes.csv', out: 'labels.csv' } as const;
export const CLASSIFY_METRICS = ['accuracy', 'sensitivity', 'specificity'] as const;
export const NOTE_LABELS = ['engaged', 'not_engaged'] as const;

export interface NotesProblem {
  /** The observed contact notes: what a classifier reads. */
  notes: Table;
  /** Each note's true label (engaged or not_engaged): for scoring only, never for the classifier. */
  truth: Map<string, string>;
}

/** The cohort's contact notes and their true labels, in memory. */
export function notesProblem(scenario: Scenario, options: { seed: number; scale: number }): NotesProblem {
  const cohort = buildCohortWorld(scenario, options.scale, options.seed);
  const { notes, truth } = generateNotes(noteSubjects(cohort), scenario.notes, options.seed, 0);
  const ids = strings(truth, 'note_id');
  const labels = strings(truth, 'true_label');
  return { notes, truth: new Map(ids.map((id, i) => [id ?? '', labels[i] ?? ''])) };
}

/** A labels file: note_id,label (other columns ignored), each note at most once, labels engaged or not_engaged. */
export function parseLabelsCsv(text: string, source: string, known: ReadonlyMap<string, string>): Map<string, string> {
  const labels = new Map<string, string>();
  for (const { line, values } of readCsvColumns(text, source, ['note_id', 'label'])) {
    const id = values.note_id.trim();
    const label = values.label.trim();
    if (id === '') throw new InputError(`${source} line ${line}: empty note_id`);
    if (!known.has(id)) throw new InputError(`${source} line ${line}: note_id ${id} is not in the notes file`);
    if (labels.has(id)) throw new InputError(`${source} line ${line}: note_id ${id} labelled twice`);
    if (!(NOTE_LABELS as readonly string[]).includes(label)) throw new InputError(`${source} line ${line}: label must be engaged or not_engaged, got "${label}"`);
    labels.set(id, label);
  }
  return labels;
}

export function labelMetrics(score: LabelScore): Record<string, number> {
  return { accuracy: score.accuracy, sensitivity: score.sensitivity, specificity: score.specificity };
}

/** Run one classify world in `dir`; `shownDir` is where its files are kept if it fails. */
export async function runClassifyWorld(scenario: Scenario, world: { seed: number; scale: number }, tool: ToolTemplate, dir: string, timeoutSeconds: number, shownDir = dir): Promise<WorldOutcome> {
  const problem = notesProblem(scenario, world);
  const paths = { notes: join(dir, CLASSIFY_FILES.notes), out: join(dir, CLASSIFY_FILES.out) };
  await writeCsv(problem.notes, paths.notes);
  const out = await runToolAndRead(tool, paths, timeoutSeconds, join(shownDir, CLASSIFY_FILES.out), (text, source) => parseLabelsCsv(text, source, problem.truth));
  const metrics = out.value ? labelMetrics(scoreLabels(out.value, problem.truth, 'engaged')) : null;
  return { metrics, toolProblem: out.toolProblem, toolLog: out.toolLog, toolSeconds: out.toolSeconds };
}
