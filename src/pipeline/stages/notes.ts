/**
 * Stage: contact notes (study sections 1.3.2, 1.5, 2.1, 2.5, 2.6). The method samples unlinked
 * requirements, classifies their notes and extrapolates; a manual review of some of them (here
 * a perfect reviewer reading each note's true label, the one place a person would look) gives
 * the classifier's sensitivity and specificity for the corrected rate. Evaluation compares
 * each figure with who truly engaged in any treatment.
 */
import { dayFromIso } from '../../io/dates.ts';
import { bools, ints, strings, NULL_INT, type Table } from '../../io/table.ts';
import { sqlString } from '../../io/duckdb-sql.ts';
import { analyseNotes } from '../../methods/notes/analyse.ts';
import { createClassifier, type ClassifierName, type LabelledNote, type NoteLabel } from '../../methods/notes/classifiers/index.ts';
import { keywordFilter } from '../../methods/notes/keywords.ts';
import { notesToJsonl } from '../../methods/notes/classifiers/external.ts';
import { writeFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { sampleIndices, DEFAULT_SAMPLE_SIZE } from '../../methods/notes/sample.ts';
import { DEFAULT_REVIEW_SIZE, correctedRate, type ReviewPair } from '../../methods/notes/misclassification.ts';
import type { RequirementWindow } from '../../methods/notes/engagement.ts';
import { notesFigures } from '../../methods/notes/figures.ts';
import { notesTruth } from '../../evaluate/notes.ts';
import { withTruth } from '../../results/assemble.ts';
import type { Estimate } from '../../results/estimate.ts';
import type { Stage } from '../stage.ts';
import type { StageContext } from '../context.ts';
import { LINKAGE_FOLDER, LINKED_REQUIREMENTS_COLUMNS } from './linkage.ts';

export interface NotesStageOptions {
  /** The classifier whose figures carry the study's ids. */
  classifier: ClassifierName;
  /** Classifiers also run, their figures under ids suffixed with their name. */
  alsoRun: ClassifierName[];
  /** Sample and review sizes at scale 1; scaled with the run (at least 50 and 30). */
  sampleSize: number;
  reviewSize: number;
  bootstrap: number;
  /** For the external classifier: the labels its tool wrote for the sample's keyword notes. */
  externalLabels?: NoteLabel[];
  /** Write the sample's keyword notes as JSONL here, for an external tool to label. */
  exportNotes?: string;
}

export const DEFAULT_NOTES_OPTIONS: NotesStageOptions = {
  classifier: 'no-plan-cues',
  alsoRun: ['rules', 'negex', 'keyword'],
  sampleSize: DEFAULT_SAMPLE_SIZE,
  reviewSize: DEFAULT_REVIEW_SIZE,
  bootstrap: 1000,
};

function frameOf(linked: Table): { frame: RequirementWindow[]; counts: { linked: Record<'all' | 'ATR' | 'DRR', number>; total: Record<'all' | 'ATR' | 'DRR', number> } } {
  const [id, crn, type, sentence, termination, reason] = [
    strings(linked, 'record_id'), strings(linked, 'crn'), strings(linked, 'requirement_type'),
    ints(linked, 'sentence_date'), ints(linked, 'termination_date'), strings(linked, 'termination_reason'),
  ];
  const isLinked = bools(linked, 'linked');
  const counts = { linked: { all: 0, ATR: 0, DRR: 0 }, total: { all: 0, ATR: 0, DRR: 0 } };
  const frame: RequirementWindow[] = [];
  for (let i = 0; i < linked.rowCount; i++) {
    const t = type[i] === 'ATR' ? 'ATR' : 'DRR';
    counts.total.all++;
    counts.total[t]++;
    if (isLinked[i] === 1) {
      counts.linked.all++;
      counts.linked[t]++;
      continue;
    }
    frame.push({
      requirementKey: id[i] ?? '',
      crn: crn[i] ?? '',
      requirementType: t,
      start: sentence[i],
      end: termination[i] === NULL_INT ? null : termination[i],
      terminationReason: reason[i],
    });
  }
  return { frame, counts };
}

/**
 * A perfect manual reviewer: a requirement shows engagement when any of its notes in the
 * window truly does. The notes the reviewer read, with their labels, can train a classifier.
 */
async function reviewLabels(ctx: StageContext, reviewed: RequirementWindow[], notes: Table, extraction: number): Promise<{ byRequirement: Map<string, boolean>; labelled: LabelledNote[] }> {
  const ids = strings(notes, 'note_id');
  const crn = strings(notes, 'crn');
  const date = ints(notes, 'contact_date');
  const wanted = new Map<string, RequirementWindow[]>();
  for (const r of reviewed) wanted.set(r.crn, [...(wanted.get(r.crn) ?? []), r]);
  const noteIds: string[] = [];
  for (let i = 0; i < notes.rowCount; i++) if (wanted.has(crn[i] ?? '')) noteIds.push(ids[i] ?? '');
  const truth = noteIds.length
    ? await ctx.truthWhere('truth_contact_notes', `note_id IN (${noteIds.map(sqlString).join(',')})`)
    : null;
  const engagedNote = new Set<string>();
  if (truth) {
    const tid = strings(truth, 'note_id');
    const label = strings(truth, 'true_label');
    for (let i = 0; i < truth.rowCount; i++) if (label[i] === 'engaged') engagedNote.add(tid[i] ?? '');
  }
  const out = new Map<string, boolean>();
  const labelled: LabelledNote[] = [];
  const keyword = keywordFilter();
  const text = strings(notes, 'text');
  for (const r of reviewed) out.set(r.requirementKey, false);
  for (let i = 0; i < notes.rowCount; i++) {
    const inWindow = (wanted.get(crn[i] ?? '') ?? []).filter((r) => date[i] >= r.start && date[i] <= Math.min(r.end ?? extraction, extraction));
    if (inWindow.length === 0) continue;
    const isEngaged = engagedNote.has(ids[i] ?? '');
    if (keyword.matches(text[i] ?? '')) labelled.push({ noteId: ids[i] ?? '', text: text[i] ?? '', label: isEngaged ? 'engaged' : 'not_engaged' });
    if (isEngaged) for (const r of inWindow) out.set(r.requirementKey, true);
  }
  return { byRequirement: out, labelled };
}

export function makeNotesStage(options: NotesStageOptions = DEFAULT_NOTES_OPTIONS): Stage {
  return {
    name: 'notes',
    description: 'sample unlinked requirements, classify their contact notes, extrapolate and correct',
    async run(ctx) {
      const extraction = dayFromIso(ctx.scenario.window.end);
      const linked = await ctx.methodOutput(LINKAGE_FOLDER, 'requirements', LINKED_REQUIREMENTS_COLUMNS);
      const { frame, counts } = frameOf(linked);
      const sampleSize = Math.max(50, Math.round(options.sampleSize * ctx.scale));
      const sample = sampleIndices(frame.length, sampleSize, ctx.seed, 'methods.notes.sample').map((i) => frame[i]);
      const crns = [...new Set(sample.map((r) => r.crn))];
      ctx.progress({ stage: 'notes', step: `read the notes of ${sample.length} sampled requirements`, done: 0, total: 3 });
      const notes = await ctx.observedWhere('contact_notes', crns.length ? `crn IN (${crns.map(sqlString).join(',')})` : 'false');

      // The manual review: a random subset of the sample, read by a person.
      const reviewSize = Math.min(sample.length, Math.max(30, Math.round(options.reviewSize * Math.min(1, ctx.scale * 4))));
      const reviewed = sampleIndices(sample.length, reviewSize, ctx.seed, 'methods.notes.review').map((i) => sample[i]);
      const review = await reviewLabels(ctx, reviewed, notes, extraction);
      const reviewerSays = review.byRequirement;
      if (options.exportNotes) {
        const filter = keywordFilter();
        const [ids, texts] = [strings(notes, 'note_id'), strings(notes, 'text')];
        const keywordNotes = [];
        for (let i = 0; i < notes.rowCount; i++) if (filter.matches(texts[i] ?? '')) keywordNotes.push({ noteId: ids[i] ?? '', text: texts[i] ?? '' });
        writeFileSync(options.exportNotes, notesToJsonl(keywordNotes));
      }

      const estimates: Estimate[] = [];
      const truth = await notesTruth(ctx, frame, sample);
      for (const [k, name] of [options.classifier, ...options.alsoRun].entries()) {
        ctx.progress({ stage: 'notes', step: `classify with ${name}`, done: 1 + k, total: 2 + options.alsoRun.length });
        if (name === 'external' && !options.externalLabels) {
          throw new InputError('notes: the external classifier needs --labels FILE.jsonl (write the notes to label with --export-notes FILE.jsonl)');
        }
        // The statistical classifier learns from the notes the manual reviewer read.
        const classifier = createClassifier(name, { training: review.labelled, externalLabels: options.externalLabels });
        const analysis = analyseNotes({ notes, requirements: sample, classifier, extractionDay: extraction });
        const status = new Map(analysis.requirements.map((r) => [r.requirementKey, r.status === 'engaged']));
        const pairs: ReviewPair[] = reviewed.map((r) => ({ classified: status.get(r.requirementKey) ?? false, reviewed: reviewerSays.get(r.requirementKey) ?? false }));
        const corrected = correctedRate({
          classified: sample.map((r) => status.get(r.requirementKey) ?? false),
          review: pairs,
          replicates: options.bootstrap,
          seed: ctx.seed,
        });
        const method = `contact notes: keyword filter + ${name} classifier, any engaged note in the requirement window`;
        const figures = notesFigures(analysis, counts, { reviewed: pairs.length, engaged: pairs.filter((p) => p.reviewed).length, corrected }, method);
        const suffix = k === 0 ? '' : `.${name}`;
        const renamed = figures
          .filter((e) => k === 0 || !/^(nlp\.(sample|keyword_notes|requirements_with|no_keyword)|manual_review|termination\.[a-z_]+(\.pct)?$|termination\.analysed)/.test(e.id))
          .map((e) => ({ ...e, id: e.id + suffix }));
        const truthFor = await truth.forClassifier(analysis);
        estimates.push(...withTruth(renamed, new Map([...truthFor].map(([key, v]) => [key.replace('\u0000', `${suffix}\u0000`), v])), ctx.scale));
        estimates.push(...truth.errorsByNoteKind(analysis, method, suffix));
      }
      return estimates;
    },
  };
}

export const notesStage = makeNotesStage();
