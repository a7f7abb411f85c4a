/**
 * The notes stage's method (study sections 1.3.2, 1.5, 2.1, 2.5, 2.6): sample unlinked
 * requirements, classify their contact notes, extrapolate; a manual review of some of them
 * (a person, supplied with the records) gives the classifier's sensitivity and specificity
 * for the corrected rate.
 */
import { writeFileSync } from 'node:fs';
import { bools, ints, strings, NULL_INT, type Table } from '../../io/table.ts';
import { InputError } from '../../errors.ts';
import type { MethodEstimate } from '../../results/estimate.ts';
import { LINKAGE_STAGE, LINKED_REQUIREMENTS, LINKED_REQUIREMENTS_COLUMNS } from '../treatment/stage.ts';
import type { MethodOutputs, MethodStage, RecordsView } from '../stage.ts';
import { analyseNotes, selectNotes, type NotesAnalysis } from './analyse.ts';
import { createClassifier, type ClassifierName, type NoteLabel, type NoteText } from './classifiers/index.ts';
import { notesToJsonl } from './classifiers/external.ts';
import type { RequirementWindow } from './engagement.ts';
import { notesFigures, type GroupCounts } from './figures.ts';
import { correctedRates, type ReviewPair } from './misclassification.ts';
import { reviewRequirements, type Reviewer } from './review.ts';
import { sampleIndices } from './sample.ts';

export const NOTES_STAGE = 'notes';

/** The records, and the person who reads the reviewed requirements' notes. */
export interface NotesInputs extends RecordsView {
  reviewer: Reviewer;
}

/** Inputs that are files on the command line, not choices of the document. */
export interface NotesFiles {
  /** For the external classifier: the labels its tool wrote for the sample's keyword notes. */
  externalLabels?: NoteLabel[];
  /** Write the sample's keyword notes as JSONL here, for an external tool to label. */
  exportNotes?: string;
}

/** One classifier's run over the sample. */
export interface ClassifierRun {
  name: ClassifierName;
  /** '' for the classifier whose figures carry the study's ids, else `.name`. */
  suffix: string;
  analysis: NotesAnalysis;
  /** How the figures were made, in words (each estimate's `method`). */
  method: string;
  figures: MethodEstimate[];
}

export interface NotesOutputs extends MethodOutputs {
  /** The unlinked requirements the sample was drawn from, and the sample. */
  frame: RequirementWindow[];
  sample: RequirementWindow[];
  /** The sample's notes that pass the keyword filter (what every classifier read), in table order. */
  keywordNotes: NoteText[];
  runs: ClassifierRun[];
}

/** Figures that describe the sample and the review, not a classifier: reported once, for the first. */
const SAMPLE_FIGURES = /^(nlp\.(sample|keyword_notes|requirements_with|no_keyword)|manual_review|termination\.[a-z_]+(\.pct)?$|termination\.analysed)/;

function frameOf(linked: Table): { frame: RequirementWindow[]; counts: GroupCounts } {
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
 * The unlinked requirements and the sample of them whose notes are read: the method draws it,
 * and the explorer draws the same one to list the classifier's errors in it.
 */
export function notesSample(linked: Table, size: number, scale: number, seed: number): { frame: RequirementWindow[]; counts: GroupCounts; sample: RequirementWindow[] } {
  const { frame, counts } = frameOf(linked);
  const sampleSize = Math.max(50, Math.round(size * scale));
  return { frame, counts, sample: sampleIndices(frame.length, sampleSize, seed, 'methods.notes.sample').map((i) => frame[i]) };
}

export function makeNotesMethod(files: NotesFiles = {}): MethodStage<NotesOutputs, NotesInputs> {
  return {
    name: NOTES_STAGE,
    description: 'sample unlinked requirements, classify their contact notes, extrapolate and correct',
    needs: [LINKAGE_STAGE],
    async method(records, methods) {
      const options = methods.notes;
      const classifiers = [options.classifier, ...options.also_run.filter((c) => c !== options.classifier)];
      if (classifiers.includes('external') && !files.externalLabels) {
        throw new InputError('notes: the external classifier needs --labels FILE.jsonl (write the notes to label with --export-notes FILE.jsonl)');
      }
      const { extraction, scale, seed } = records.facts;
      const linked = await records.output(LINKAGE_STAGE, LINKED_REQUIREMENTS, LINKED_REQUIREMENTS_COLUMNS);
      const { frame, counts, sample } = notesSample(linked, options.sample, scale, seed);
      const crns = [...new Set(sample.map((r) => r.crn))];
      records.progress({ stage: NOTES_STAGE, step: `read the notes of ${sample.length} sampled requirements`, done: 0, total: 3 });
      const notes = await records.observedWhere('contact_notes', { column: 'crn', in: crns });

      // The manual review: a random subset of the sample, read by a person.
      const reviewSize = Math.min(sample.length, Math.max(30, Math.round(options.review * Math.min(1, scale * 4))));
      const reviewed = sampleIndices(sample.length, reviewSize, seed, 'methods.notes.review').map((i) => sample[i]);
      const review = await reviewRequirements(records.reviewer, reviewed, notes, extraction);

      // Every classifier reads the same keyword notes; its statuses are corrected against the same review.
      const selection = selectNotes(notes, sample);
      const analysed = classifiers.map((name, k) => {
        records.progress({ stage: NOTES_STAGE, step: `classify with ${name}`, done: 1 + k, total: 1 + classifiers.length });
        // The statistical classifier learns from the notes the manual reviewer read.
        const classifier = createClassifier(name, { training: review.labelled, externalLabels: files.externalLabels });
        const analysis = analyseNotes({ notes, requirements: sample, classifier, extractionDay: extraction }, selection);
        const status = new Map(analysis.requirements.map((r) => [r.requirementKey, r.status === 'engaged']));
        const pairs: ReviewPair[] = reviewed.map((r) => ({ classified: status.get(r.requirementKey) ?? false, reviewed: review.byRequirement.get(r.requirementKey) ?? false }));
        return { name, analysis, pairs, classified: sample.map((r) => status.get(r.requirementKey) ?? false) };
      });
      const corrections = correctedRates(
        analysed.map((a) => ({ classified: a.classified, review: a.pairs })),
        { replicates: options.bootstrap, seed },
      );
      const runs: ClassifierRun[] = analysed.map(({ name, analysis, pairs }, k) => {
        const method = `contact notes: keyword filter + ${name} classifier, any engaged note in the requirement window`;
        const figures = notesFigures(analysis, counts, { reviewed: pairs.length, engaged: pairs.filter((p) => p.reviewed).length, corrected: corrections[k] }, method);
        const suffix = k === 0 ? '' : `.${name}`;
        const renamed = figures.filter((e) => k === 0 || !SAMPLE_FIGURES.test(e.id)).map((e) => ({ ...e, id: e.id + suffix }));
        return { name, suffix, analysis, method, figures: renamed };
      });
      const exported = files.exportNotes ? notesToJsonl(selection.keywordRows) : null;
      return {
        frame,
        sample,
        keywordNotes: selection.keywordRows,
        runs,
        estimates: runs.flatMap((r) => r.figures),
        tables: [],
        write: async () => {
          if (files.exportNotes && exported !== null) writeFileSync(files.exportNotes, exported);
        },
      };
    },
  };
}
