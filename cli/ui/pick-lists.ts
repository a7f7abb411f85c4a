/**
 * Pick lists that teach: the run's own mistakes, grouped by what kind of mistake each is. The
 * linkage's misses and false matches by what the records got wrong (error-kinds.ts), the notes
 * classifier's false positives and false negatives in the run's own sample by what the note was
 * truly about, and the reconvictions the records lost (to the recording lag, or otherwise).
 * Evaluation side: every kind is read from the truth beside the records; the methods never see it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isoFromDay } from '../../src/io/dates.ts';
import { readManifest } from '../../src/io/manifest.ts';
import { readRunTable } from '../../src/io/read-table.ts';
import { getColumn, ints, strings } from '../../src/io/table.ts';
import { TABLES } from '../../src/records/tables.ts';
import { TRUTH_TABLES } from '../../src/records/truth-tables.ts';
import { analyseNotes } from '../../src/methods/notes/analyse.ts';
import { createClassifier } from '../../src/methods/notes/classifiers/index.ts';
import { notesWindow } from '../../src/methods/notes/engagement.ts';
import { keywordPattern } from '../../src/methods/notes/keywords.ts';
import { notesSample } from '../../src/methods/notes/stage.ts';
import { LINKAGE_STAGE, LINKED_REQUIREMENTS, LINKED_REQUIREMENTS_COLUMNS } from '../../src/methods/treatment/stage.ts';
import { methodsFromRecord, studyMethods } from '../../src/methods/load.ts';
import { inWindow, windowLastDay } from '../../src/methods/reconviction/window.ts';
import { falseMatchKind, lessonOf, missKind, NOTE_KIND_NAMES, NOTE_LESSONS, type NdeliusIdentity, type NdtmsIdentity, type TrueIdentity } from './error-kinds.ts';
import { readRunResults } from './dashboard-model.ts';
import { readExtraction, recordCsv, runClassifier } from './person-extras.ts';
import { requirementRows } from './person-model.ts';
import { indexBy, pick, rowAt, textAt, type RunTables } from './run-tables.ts';

/** The explorer's section an entry opens on. */
export type PickSection = 'candidates' | 'records' | 'notes' | 'conclusions';

export interface PickEntry {
  personId: number;
  /** Which of the person's requirements (as the explorer orders them). */
  requirementIndex: number;
  crn: string | null;
  /** The cohort's nDelius record of the requirement. */
  recordId: string;
  /** One line: the case and the data that shows its kind. */
  label: string;
  /** The whole story, for the lines under the list. */
  detail: string[];
  section: PickSection;
  /** The episode or note to show first in that section. */
  focus: string | null;
}

export interface PickKind {
  kind: string;
  lesson: string;
  entries: PickEntry[];
}

export interface PickList {
  name: string;
  /** For the row of list names at the top of the screen. */
  short: string;
  what: string;
  kinds: PickKind[];
  /** Why the list is empty when the run lacks the stage. */
  absent: string | null;
}

export interface PickLists {
  lists: PickList[];
}

function group(entries: { kind: string; entry: PickEntry }[], lesson: (kind: string) => string): PickKind[] {
  const byKind = new Map<string, PickEntry[]>();
  for (const { kind, entry } of entries) {
    const list = byKind.get(kind);
    if (list) list.push(entry);
    else byKind.set(kind, [entry]);
  }
  // The commonest kinds first: they are what a trainee will meet most.
  return [...byKind.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([kind, list]) => ({ kind, lesson: lesson(kind), entries: list }));
}

/** Where a requirement sits among its person's requirements, as the explorer numbers them. */
function placer(t: RunTables): (requirementId: number) => { personId: number; index: number } | null {
  const rowOf = indexBy(t.requirements, 'requirement_id');
  const person = getColumn(t.requirements, 'person_id').values as Int32Array;
  return (requirementId) => {
    const row = rowOf.get(String(requirementId));
    if (row === undefined) return null;
    const personId = person[row];
    return { personId, index: Math.max(0, requirementRows(t, personId).indexOf(row)) };
  };
}

const IDENTITY = ['person_id', 'forename', 'surname', 'alt_surname', 'dob', 'sex', 'postcode', 'previous_postcode', 'nhs_number', 'crn'] as const;

async function linkageLists(t: RunTables): Promise<[PickList, PickList]> {
  const misses: PickList = { name: 'Linkage misses', short: 'Misses', what: 'true pairs the linkage did not link (cohort record, an episode of the same person), by what the records got wrong', kinds: [], absent: null };
  const falses: PickList = { name: 'Linkage false matches', short: 'False matches', what: "links to someone else's episode, by why the two looked alike", kinds: [], absent: null };
  const cohort = recordCsv(t.runDir, 'linkage/requirements.csv');
  if (!t.links || !cohort) {
    misses.absent = falses.absent = 'this run has no linkage stage (linkage/links.csv)';
    return [misses, falses];
  }
  const nk = t.ndeliusKey;
  const recordRow = indexBy(nk, 'record_id');
  const nkPerson = getColumn(nk, 'person_id').values as Int32Array;
  const nkRequirement = getColumn(nk, 'requirement_id').values as Int32Array;
  const epPerson = getColumn(t.ndtmsKey, 'person_id').values as Int32Array;
  const episodeOwner = (id: string) => {
    const k = t.ndtmsKeyRowById.get(id);
    return k === undefined ? null : epPerson[k];
  };

  const missPairs: [string, string][] = [];
  const falsePairs: [string, string][] = [];
  for (const recordId of cohort.keys()) {
    const k = recordRow.get(recordId);
    if (k === undefined) continue;
    const person = nkPerson[k];
    const linked = new Set((t.linksByRecord.get(recordId) ?? []).map((l) => l.episodeId));
    for (const e of t.ndtmsKeyByPerson.get(person) ?? []) {
      const id = textAt(t.ndtmsKey, 'episode_id', e) as string;
      if (!linked.has(id)) missPairs.push([recordId, id]);
    }
    for (const id of linked) if (episodeOwner(id) !== person) falsePairs.push([recordId, id]);
  }

  const recordIds = [...new Set([...missPairs, ...falsePairs].map(([r]) => r))];
  const episodeIds = [...new Set([...missPairs, ...falsePairs].map(([, e]) => e))];
  const people = new Set<number>();
  for (const r of recordIds) people.add(nkPerson[recordRow.get(r) as number]);
  for (const e of episodeIds) {
    const p = episodeOwner(e);
    if (p !== null) people.add(p);
  }
  const [records, episodes, truth] = [
    await t.rows.read('observed', 'ndelius_requirements', pick(TABLES.ndelius_requirements.columns, ['record_id', 'crn', 'forename', 'surname', 'dob', 'sex', 'postcode', 'nhs_number']), 'record_id', recordIds),
    await t.rows.read('observed', 'ndtms_community', pick(TABLES.ndtms_community.columns, ['episode_id', 'initials', 'dob', 'sex', 'postcode_sector', 'nhs_number', 'triage_date']), 'episode_id', episodeIds),
    await t.rows.read('truth', 'truth_people', pick(TRUTH_TABLES.truth_people.columns, IDENTITY), 'person_id', [...people]),
  ];
  const recordOf = new Map(strings(records, 'record_id').map((id, i) => [id, rowAt(records, i)]));
  const episodeOf = new Map(strings(episodes, 'episode_id').map((id, i) => [id, rowAt(episodes, i)]));
  const personOf = new Map(Array.from(ints(truth, 'person_id'), (id, i) => [id, rowAt(truth, i)]));
  const place = placer(t);
  const linkOf = (r: string, e: string) => (t.linksByRecord.get(r) ?? []).find((l) => l.episodeId === e);

  const entry = (recordId: string, episodeId: string, label: string, detail: string[], section: PickSection): PickEntry | null => {
    const k = recordRow.get(recordId) as number;
    const where = place(nkRequirement[k]);
    if (!where) return null;
    return { personId: where.personId, requirementIndex: where.index, crn: recordOf.get(recordId)?.crn ?? null, recordId, label, detail, section, focus: episodeId };
  };

  const missEntries = missPairs.flatMap(([r, e]) => {
    const record = recordOf.get(r);
    const episode = episodeOf.get(e);
    const truthRow = personOf.get(nkPerson[recordRow.get(r) as number]);
    if (!record || !episode || !truthRow) return [];
    const { kind, departures } = missKind(record as unknown as NdeliusIdentity, episode as unknown as NdtmsIdentity, truthRow as unknown as TrueIdentity);
    const says = departures.map((d) => `${d.side} ${d.departure.shows}`);
    const made = entry(
      r,
      e,
      `${record.crn ?? '–'} ${r} ✗ ${e} · ${says.join('; ') || 'both records right'}`,
      [`${truthRow.forename} ${truthRow.surname}, born ${truthRow.dob}: nDelius ${r} and NDTMS episode ${e} (triaged ${episode.triage_date ?? '–'}) are the same person, not linked.`, ...says, lessonOf(kind)],
      'candidates',
    );
    return made ? [{ kind, entry: made }] : [];
  });
  const falseEntries = falsePairs.flatMap(([r, e]) => {
    const record = recordOf.get(r);
    const episode = episodeOf.get(e);
    const mine = personOf.get(nkPerson[recordRow.get(r) as number]);
    const owner = episodeOwner(e);
    const theirs = owner === null ? undefined : personOf.get(owner);
    if (!record || !episode || !mine || !theirs) return [];
    const { kind, shows } = falseMatchKind(record as unknown as NdeliusIdentity, episode as unknown as NdtmsIdentity, mine as unknown as TrueIdentity, theirs as unknown as TrueIdentity);
    const link = linkOf(r, e);
    const weight = link && Number.isFinite(link.weight) ? ` w ${link.weight.toFixed(1)}` : '';
    const made = entry(
      r,
      e,
      `${record.crn ?? '–'} ${r} → ${e}${weight} · ${mine.forename} ${mine.surname} / ${theirs.forename} ${theirs.surname}`,
      [`nDelius ${r} was linked to NDTMS episode ${e}, which belongs to someone else.`, ...shows, lessonOf(kind)],
      'candidates',
    );
    return made ? [{ kind, entry: made }] : [];
  });
  misses.kinds = group(missEntries, lessonOf);
  falses.kinds = group(falseEntries, lessonOf);
  return [misses, falses];
}

function noteLesson(kind: string): string {
  const [, noteKind] = kind.split(': ');
  if (kind.startsWith('engagement')) {
    return kind.includes('no keyword')
      ? 'engagement in words the keyword filter does not know: the classifier never saw it'
      : 'engagement the classifier did not recognise (its cue was missing or read as a negation or a plan)';
  }
  return NOTE_LESSONS[Object.keys(NOTE_KIND_NAMES).find((k) => NOTE_KIND_NAMES[k] === (noteKind ?? kind)) ?? kind] ?? kind;
}

async function notesLists(t: RunTables): Promise<[PickList, PickList]> {
  const fp: PickList = { name: 'Classifier false positives', short: 'Notes FP', what: '', kinds: [], absent: null };
  const fn: PickList = { name: 'Classifier false negatives', short: 'Notes FN', what: '', kinds: [], absent: null };
  const manifest = readManifest(t.runDir);
  if (!readRunResults(t.runDir).stages.some((s) => s.name === 'notes') || !existsSync(join(t.runDir, LINKAGE_STAGE, `${LINKED_REQUIREMENTS}.csv`))) {
    fp.absent = fn.absent = 'this run has no notes stage';
    return [fp, fn];
  }
  const methods = manifest.methods ? methodsFromRecord(manifest.methods.document, `${t.runDir}/manifest.json`) : studyMethods();
  const linked = await readRunTable(t.runDir, LINKAGE_STAGE, LINKED_REQUIREMENTS, LINKED_REQUIREMENTS_COLUMNS);
  const { sample } = notesSample(linked, methods.document.notes.sample, manifest.scale, manifest.seed);
  const { name: classifierName, note } = runClassifier(t.runDir);
  const used = note ? `${classifierName} (${note})` : classifierName;
  fp.what = `keyword notes the ${used} classifier labelled engaged that are not, in the run's sample of ${sample.length} unlinked requirements, by what the note is about`;
  fn.what = `notes of truly engaged treatment labelled not engaged (or never passed on by the keyword filter), in the same sample`;
  const extraction = readExtraction(t.runDir);
  const crns = [...new Set(sample.map((r) => r.crn))];
  const notes = await t.rows.read('observed', 'contact_notes', TABLES.contact_notes.columns, 'crn', crns);
  const analysis = analyseNotes({ notes, requirements: sample, classifier: createClassifier(classifierName), extractionDay: extraction });
  const byCrn = new Map<string, typeof sample>();
  for (const r of sample) byCrn.set(r.crn, [...(byCrn.get(r.crn) ?? []), r]);
  // A note counts for each sampled requirement whose window holds it (as the method counts it).
  const inWindows = analysis.classified.flatMap((n) =>
    (byCrn.get(n.crn) ?? []).flatMap((r) => {
      const [from, to] = notesWindow(r, extraction);
      return n.contactDate >= from && n.contactDate <= to ? [{ note: n, requirement: r }] : [];
    }),
  );
  const truth = await t.rows.read('truth', 'truth_contact_notes', TRUTH_TABLES.truth_contact_notes.columns, 'note_id', [...new Set(inWindows.map((x) => x.note.noteId))]);
  const truthOf = new Map(strings(truth, 'note_id').map((id, i) => [id, { label: textAt(truth, 'true_label', i), kind: textAt(truth, 'note_kind', i) }]));
  const rowOf = new Map(strings(notes, 'note_id').map((id, i) => [id, i]));
  const recordRow = indexBy(t.ndeliusKey, 'record_id');
  const nkRequirement = getColumn(t.ndeliusKey, 'requirement_id').values as Int32Array;
  const place = placer(t);
  const pattern = keywordPattern();
  const fps: { kind: string; entry: PickEntry }[] = [];
  const fns: { kind: string; entry: PickEntry }[] = [];
  for (const { note, requirement } of inWindows) {
    const tr = truthOf.get(note.noteId);
    const k = recordRow.get(requirement.requirementKey);
    if (!tr || k === undefined) continue;
    const said = note.keyword && note.label === 'engaged';
    const truly = tr.label === 'engaged';
    if (said === truly) continue;
    const where = place(nkRequirement[k]);
    if (!where) continue;
    const row = rowOf.get(note.noteId) as number;
    const text = textAt(notes, 'text', row) ?? '';
    const cue = note.keyword ? (pattern.exec(text)?.[0] ?? '').replace(/^[^a-z0-9]/i, '') : null;
    const noteKind = NOTE_KIND_NAMES[tr.kind ?? ''] ?? tr.kind ?? 'unknown';
    const kind = said ? noteKind : `${noteKind}: ${note.keyword ? 'the classifier said not engaged' : 'no keyword'}`;
    const filter = cue ? `KW "${cue}"` : 'no keyword';
    const entry: PickEntry = {
      personId: where.personId,
      requirementIndex: where.index,
      crn: requirement.crn,
      recordId: requirement.requirementKey,
      label: `${isoFromDay(note.contactDate)} ${requirement.crn} · ${filter}${note.keyword ? ` · ${note.label.replace('_', ' ')} ${note.score.toFixed(2)}` : ''} · "${text}"`,
      detail: [
        `"${text}"`,
        `${filter}; the ${classifierName} classifier: ${note.keyword ? `${note.label.replace('_', ' ')} (score ${note.score.toFixed(2)})` : 'never saw it'}; truly ${tr.label?.replace('_', ' ')} (${tr.kind}).`,
        said ? (NOTE_LESSONS[tr.kind ?? ''] ?? '') : noteLesson(kind),
      ],
      section: 'notes',
      focus: note.noteId,
    };
    (said ? fps : fns).push({ kind, entry });
  }
  fp.kinds = group(fps, (k) => noteLesson(k));
  fn.kinds = group(fns, (k) => noteLesson(k));
  return [fp, fn];
}

/** What the records said of a cohort requirement's reconviction against the truth, when they are wrong. */
export type ReconvictionKind = 'lost to the recording lag' | 'missed by the court matching' | 'counted, not true';

export const RECONVICTION_LESSONS: Record<ReconvictionKind, string> = {
  'lost to the recording lag': 'the offence fell inside the 12 months, but its court outcome came after the extraction date: not in the records yet',
  'missed by the court matching': 'the guilty outcome was recorded, but matching the court record to the person failed',
  'counted, not true': "a court outcome was matched that is not this person's reconviction (a false match, or an offence outside the window)",
};

async function reconvictionList(t: RunTables): Promise<PickList> {
  const list: PickList = { name: 'Reconvictions the records got wrong', short: 'Reconviction', what: 'cohort requirements whose reconviction in 12 months the records got wrong, by why', kinds: [], absent: null };
  const recorded = recordCsv(t.runDir, 'reconviction/requirements.csv');
  if (!recorded) {
    list.absent = 'this run has no reconviction stage (reconviction/requirements.csv)';
    return list;
  }
  const extraction = readExtraction(t.runDir);
  const recordRow = indexBy(t.ndeliusKey, 'record_id');
  const nkRequirement = getColumn(t.ndeliusKey, 'requirement_id').values as Int32Array;
  const requirementOf = new Map([...recorded.keys()].flatMap((id) => (recordRow.has(id) ? [[id, nkRequirement[recordRow.get(id) as number]] as [string, number]] : [])));
  const reqIds = [...new Set(requirementOf.values())];
  const truthReq = await t.rows.read('truth', 'truth_requirements', pick(TRUTH_TABLES.truth_requirements.columns, ['requirement_id', 'sentence_date', 'reconvicted']), 'requirement_id', reqIds);
  const reqRow = new Map(Array.from(ints(truthReq, 'requirement_id'), (id, i) => [id, i]));
  const cases = await t.rows.read('truth', 'truth_court_cases', TRUTH_TABLES.truth_court_cases.columns, 'requirement_id', reqIds);
  const casesOf = new Map<number, number[]>();
  ints(cases, 'requirement_id').forEach((id, i) => casesOf.set(id, [...(casesOf.get(id) ?? []), i]));
  const sentence = ints(truthReq, 'sentence_date');
  const offence = ints(cases, 'offence_date');
  const outcomeDate = ints(cases, 'outcome_date');
  const isRecorded = getColumn(cases, 'recorded').values as Uint8Array;
  const outcome = strings(cases, 'outcome');
  const place = placer(t);
  const personRow = indexBy(t.people, 'person_id');
  const crnOf = (personId: number) => {
    const row = personRow.get(String(personId));
    return row === undefined ? null : textAt(t.people, 'crn', row);
  };
  const entries: { kind: string; entry: PickEntry }[] = [];
  for (const [recordId, row] of recorded) {
    const req = requirementOf.get(recordId);
    const r = req === undefined ? undefined : reqRow.get(req);
    if (req === undefined || r === undefined) continue;
    const truly = textAt(truthReq, 'reconvicted', r) === 'yes';
    const said = row.reconvicted === 'true';
    if (truly === said) continue;
    const inWin = (casesOf.get(req) ?? []).filter((c) => outcome[c] === 'guilty' && inWindow(sentence[r], offence[c], { months: 12 }));
    const lost = inWin.filter((c) => !isRecorded[c]);
    const kind: ReconvictionKind = said ? 'counted, not true' : inWin.every((c) => !isRecorded[c]) && lost.length > 0 ? 'lost to the recording lag' : 'missed by the court matching';
    const where = place(req);
    if (!where) continue;
    const first = (kind === 'lost to the recording lag' ? lost : inWin)[0];
    const story = first === undefined
      ? `records: ${row.matched_outcomes} court outcome(s) matched; truly no guilty outcome for an offence inside the window`
      : `offence ${isoFromDay(offence[first])}, guilty ${isoFromDay(outcomeDate[first])}${isRecorded[first] ? ' (recorded)' : ` (after extraction ${isoFromDay(extraction)})`}`;
    entries.push({
      kind,
      entry: {
        personId: where.personId,
        requirementIndex: where.index,
        crn: crnOf(where.personId),
        recordId,
        label: `${crnOf(where.personId) ?? ''} ${recordId} · sentenced ${isoFromDay(sentence[r])} · ${story}`.trim(),
        detail: [
          `Requirement ${recordId}, sentenced ${isoFromDay(sentence[r])}; the 12 months run to ${isoFromDay(windowLastDay(sentence[r], { months: 12 }))}; records extracted ${isoFromDay(extraction)}.`,
          `The records say ${said ? 'reconvicted' : 'not reconvicted'}; truly ${truly ? 'reconvicted' : 'not reconvicted'}: ${story}.`,
          RECONVICTION_LESSONS[kind],
        ],
        section: 'conclusions',
        focus: null,
      },
    });
  }
  list.kinds = group(entries, (k) => RECONVICTION_LESSONS[k as ReconvictionKind]);
  return list;
}

/** Every list of the run; a list whose stage the run lacks says so. */
export async function loadPickLists(t: RunTables): Promise<PickLists> {
  const [misses, falses] = await linkageLists(t);
  const [fp, fn] = await notesLists(t);
  const reconviction = await reconvictionList(t);
  return { lists: [misses, falses, fp, fn, reconviction] };
}

/** How many cases a list holds. */
export const entriesOf = (list: PickList) => list.kinds.reduce((n, k) => n + k.entries.length, 0);
