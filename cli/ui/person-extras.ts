/**
 * What the explorer adds to a person's records: the linkage's candidates with `explain`'s
 * waterfall, the contact notes of the requirement's window as the notes method read them, and
 * the methods' conclusions for the requirement beside the truth. Methods' code is reused as it
 * is (explainLeft, analyseNotes); the truth is read only here, to be shown beside it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dayFromIso, isoFromDay } from '../../src/io/dates.ts';
import { getColumn, ints, strings, type Table } from '../../src/io/table.ts';
import { parseCsvRows, readTextFile } from '../../src/io/csv-read.ts';
import { readManifest } from '../../src/io/manifest.ts';
import { TABLES } from '../../src/records/tables.ts';
import { TRUTH_TABLES } from '../../src/records/truth-tables.ts';
import { analyseNotes } from '../../src/methods/notes/analyse.ts';
import { createClassifier, type ClassifierName } from '../../src/methods/notes/classifiers/index.ts';
import { keywordPattern } from '../../src/methods/notes/keywords.ts';
import type { Explanation } from '../../src/methods/linkage/explain.ts';
import { inWindow } from '../../src/methods/reconviction/window.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { studyFacts } from '../../src/study/facts.ts';
import { candidatesOf, runLinkOf } from './run-link.ts';
import { textAt, type RunTables } from './run-tables.ts';
import type { PersonView } from './person-model.ts';

export interface Candidate {
  recordId: string;
  explanation: Explanation;
  /** Truth: the episode is this person's. */
  samePerson: boolean;
  /** Truth: the episode belongs to the requirement shown. */
  thisRequirement: boolean;
  /** The run linked the pair (linkage/links.csv, after resolution; above the threshold when the run kept no links). */
  linked: boolean;
}

export interface NoteRow {
  noteId: string;
  date: string;
  type: string | null;
  text: string;
  /** The keyword filter let it through to the classifier. */
  keyword: boolean;
  /** The word the filter matched, when it did. */
  cue: string | null;
  label: 'engaged' | 'not_engaged';
  score: number;
  trueLabel: string | null;
  kind: string | null;
}

export interface Conclusion {
  question: string;
  method: string;
  truth: string;
  agree: boolean;
}

export interface PersonExtras {
  candidates: Candidate[];
  /** Why there are none, when there are none. */
  candidatesNote: string | null;
  notes: NoteRow[];
  notesWindow: [string, string] | null;
  classifier: string;
  conclusions: Conclusion[];
}

const csvCache = new Map<string, Map<string, Record<string, string>> | null>();

/** A stage's per-record CSV (linkage/requirements.csv, ...), keyed by record_id; null when absent. */
export function recordCsv(runDir: string, path: string): Map<string, Record<string, string>> | null {
  const file = join(runDir, path);
  if (csvCache.has(file)) return csvCache.get(file) ?? null;
  let rows: Map<string, Record<string, string>> | null = null;
  if (existsSync(file)) {
    const [header, ...body] = parseCsvRows(readTextFile(file), file);
    rows = new Map(body.filter((r) => r.length === header.length).map((r) => [r[header.indexOf('record_id')], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
  }
  csvCache.set(file, rows);
  return rows;
}

/** The classifier the run's notes stage used, when it can be redone on one requirement. */
export function runClassifier(runDir: string): { name: ClassifierName; note: string | null } {
  const manifest = readManifest(runDir);
  const named = (manifest.methods?.document as { notes?: { classifier?: ClassifierName } } | undefined)?.notes?.classifier ?? 'no-plan-cues';
  // These two need the run's training sample or an external tool's labels, which the run folder does not keep.
  if (named === 'statistical' || named === 'external') return { name: 'no-plan-cues', note: `the run used ${named}; shown: no-plan-cues` };
  return { name: named, note: null };
}

const yesNo = (b: boolean | null) => (b === null ? '–' : b ? 'yes' : 'no');

export async function loadPersonExtras(t: RunTables, view: PersonView): Promise<PersonExtras> {
  const runDir = t.runDir;
  const ndelius = view.groups.find((g) => g.system === 'ndelius');
  const record = ndelius?.rows[0] ?? null;
  const recordId = record?.id ?? null;
  const ndtmsPerson = getColumn(t.ndtmsKey, 'person_id').values as Int32Array;

  // Candidates and waterfalls: the cohort linked again with the run's settings.
  const candidates: Candidate[] = [];
  let candidatesNote: string | null = null;
  const linked = recordCsv(runDir, 'linkage/requirements.csv');
  if (view.requirement.scope !== 'in_scope' || !recordId) candidatesNote = 'not in the study cohort: the linkage never saw it';
  else {
    const link = await runLinkOf(runDir);
    for (const row of ndelius?.rows ?? []) {
      for (const e of candidatesOf(link, row.id)) {
        const key = t.ndtmsKeyRowById.get(e.rightId);
        candidates.push({
          recordId: row.id,
          explanation: e,
          samePerson: key !== undefined && ndtmsPerson[key] === view.personId,
          thisRequirement: key !== undefined && textAt(t.ndtmsKey, 'requirement_id', key) === String(view.requirementId),
          linked: t.links ? (t.linksByRecord.get(row.id) ?? []).some((l) => l.episodeId === e.rightId) : e.aboveThreshold,
        });
      }
    }
    // The linkage's mistakes first (a false match, a miss): they are what the explorer is for.
    const wrong = (c: Candidate) => (c.linked !== c.samePerson ? 0 : 1);
    candidates.sort((a, b) => wrong(a) - wrong(b) || b.explanation.matchWeight - a.explanation.matchWeight);
    if (candidates.length === 0) candidatesNote = 'no NDTMS episode shares a blocking key with this record';
  }

  // Notes of the requirement's window, classified as the notes stage would.
  const { name: classifierName, note: classifierNote } = runClassifier(runDir);
  let notes: NoteRow[] = [];
  let window: [string, string] | null = null;
  let engagedInNotes: boolean | null = null;
  const crn = record?.cells.crn.value ?? view.crn;
  const start = view.requirement.sentence_date;
  if (crn && start) {
    const extraction = readExtraction(runDir);
    const end = view.requirement.termination_date;
    const observed = await t.rows.read('observed', 'contact_notes', TABLES.contact_notes.columns, 'crn', [crn]);
    const analysis = analyseNotes({
      notes: observed,
      requirements: [{ requirementKey: recordId ?? 'shown', crn, requirementType: (view.requirement.requirement_type as 'ATR' | 'DRR') ?? 'ATR', start: dayFromIso(start), end: end ? dayFromIso(end) : null, terminationReason: null }],
      classifier: createClassifier(classifierName),
      extractionDay: extraction,
    });
    const from = dayFromIso(start);
    const to = Math.min(end ? dayFromIso(end) : extraction, extraction);
    window = [isoFromDay(from), isoFromDay(to)];
    const ids = strings(observed, 'note_id');
    const truth = await t.rows.read('truth', 'truth_contact_notes', TRUTH_TABLES.truth_contact_notes.columns, 'note_id', ids.filter((id): id is string => id !== null));
    const truthById = new Map(strings(truth, 'note_id').map((id, i) => [id, i]));
    const rowById = new Map(ids.map((id, i) => [id, i]));
    const pattern = keywordPattern();
    const dates = ints(observed, 'contact_date');
    notes = analysis.classified
      .filter((n) => n.contactDate >= from && n.contactDate <= to)
      .map((n) => {
        const row = rowById.get(n.noteId) as number;
        const text = textAt(observed, 'text', row) ?? '';
        const tr = truthById.get(n.noteId);
        const match = n.keyword ? pattern.exec(text) : null;
        return {
          noteId: n.noteId,
          date: isoFromDay(dates[row]),
          type: textAt(observed, 'contact_type', row),
          text,
          keyword: n.keyword,
          cue: match ? match[0].replace(/^[^a-z0-9]/i, '') : null,
          label: n.keyword ? n.label : 'not_engaged',
          score: n.score,
          trueLabel: tr === undefined ? null : textAt(truth, 'true_label', tr),
          kind: tr === undefined ? null : textAt(truth, 'note_kind', tr),
        };
      })
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    engagedInNotes = analysis.requirements[0]?.status === 'engaged';
  }

  // The methods' conclusions for this requirement beside the truth.
  const r = view.requirement;
  const conclusions: Conclusion[] = [];
  const add = (question: string, method: string, truth: string) => conclusions.push({ question, method, truth, agree: method === truth });
  const linkRow = recordId ? linked?.get(recordId) : undefined;
  if (linked) {
    add('linked to structured treatment?', linkRow ? yesNo(linkRow.linked === 'true') : 'not in cohort', yesNo(r.structured === 'yes'));
    add('status at 31 March 2023', linkRow ? linkRow.status || 'not_linked' : 'not in cohort', r.structured === 'yes' ? (r.status ?? '–') : 'not_linked');
  } else add('linked to structured treatment?', 'no linkage stage in this run', yesNo(r.structured === 'yes'));
  add('engaged in notes (window)?', engagedInNotes === null ? '–' : yesNo(engagedInNotes), yesNo(r.engaged_in_window === 'yes'));
  const reconv = recordCsv(runDir, 'reconviction/requirements.csv');
  const recRow = recordId ? reconv?.get(recordId) : undefined;
  const lost = await lostToLag(t, view);
  add(
    'reconvicted in 12 months?',
    reconv ? (recRow ? yesNo(recRow.reconvicted === 'true') : 'not in cohort') : 'no reconviction stage in this run',
    `${yesNo(r.reconvicted === 'yes')}${lost > 0 ? ` (${lost} offence${lost > 1 ? 's' : ''} in window recorded after extraction)` : ''}`,
  );
  return {
    candidates,
    candidatesNote,
    notes,
    notesWindow: window,
    classifier: classifierNote ? `${classifierName} (${classifierNote})` : classifierName,
    conclusions: conclusions.map((c) => ({ ...c, agree: c.truth.startsWith(c.method) })),
  };
}

const extractionCache = new Map<string, number>();

/** The scenario's extraction date (the study window's end). */
export function readExtraction(runDir: string): number {
  let day = extractionCache.get(runDir);
  if (day === undefined) {
    day = studyFacts(loadScenario(readManifest(runDir).scenario.path).scenario.window).extraction;
    extractionCache.set(runDir, day);
  }
  return day;
}

/** The person's true court cases for this requirement with an offence in the 12 months but no record by the extraction date. */
async function lostToLag(t: RunTables, view: PersonView): Promise<number> {
  const cases: Table = await t.rows.read('truth', 'truth_court_cases', TRUTH_TABLES.truth_court_cases.columns, 'requirement_id', [view.requirementId]);
  const sentence = view.requirement.sentence_date ? dayFromIso(view.requirement.sentence_date) : null;
  if (sentence === null) return 0;
  const offence = ints(cases, 'offence_date');
  const recorded = getColumn(cases, 'recorded').values as Uint8Array;
  const outcome = strings(cases, 'outcome');
  let lost = 0;
  for (let i = 0; i < cases.rowCount; i++) {
    if (inWindow(sentence, offence[i], { months: 12 }) && outcome[i] === 'guilty' && recorded[i] === 0) lost++;
  }
  return lost;
}
