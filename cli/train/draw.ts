/**
 * Cases drawn from a finished run: the bench knows the truth of every record, so it can pick
 * the cases that teach (a false match, a miss, a plan read as engagement, a conviction not yet
 * recorded) and explain each from its own data. The seed decides which cases a session gets.
 */
import seedrandom from 'seedrandom';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.ts';
import { isoFromDay } from '../../src/io/dates.ts';
import { getColumn, ints, strings } from '../../src/io/table.ts';
import { TABLES } from '../../src/records/tables.ts';
import { TRUTH_TABLES } from '../../src/records/truth-tables.ts';
import { explainLeft, formatExplanation, type Explanation } from '../../src/methods/linkage/explain.ts';
import { createClassifier } from '../../src/methods/notes/classifiers/index.ts';
import { keywordPattern } from '../../src/methods/notes/keywords.ts';
import { inWindow, windowLastDay } from '../../src/methods/reconviction/window.ts';
import { runLinkOf } from '../ui/run-link.ts';
import { readExtraction, recordCsv, runClassifier } from '../ui/person-extras.ts';
import { formatProbability } from '../ui/person-lines.tsx';
import { loadRunTables, rowAt, textAt, type RunTables } from '../ui/run-tables.ts';
import { readRunResults } from '../ui/dashboard-model.ts';
import type { Case, ExerciseName } from './exercise.ts';
import { falseMatchKind, isTransposed, lessonOf, missKind, NOTE_LESSONS, type NdeliusIdentity, type NdtmsIdentity, type TrueIdentity } from '../ui/error-kinds.ts';

export { NOTE_LESSONS };

type Rand = () => number;

function shuffle<T>(list: T[], random: Rand): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Up to `count` items, taking from each kind in turn so that every kind of case is met. */
export function balanced<T>(byKind: Map<string, T[]>, count: number, random: Rand): T[] {
  const queues = shuffle([...byKind.entries()], random).map(([, items]) => shuffle(items, random));
  const out: T[] = [];
  while (out.length < count && queues.some((q) => q.length > 0)) {
    for (const q of queues) if (q.length > 0 && out.length < count) out.push(q.shift() as T);
  }
  return shuffle(out, random);
}

function add<K, T>(map: Map<K, T[]>, kind: K, item: T): void {
  const list = map.get(kind);
  if (list) list.push(item);
  else map.set(kind, [item]);
}

export function requireRun(runDir: string, needs: string[]): void {
  if (!existsSync(join(runDir, 'results.json'))) throw new InputError(`--run ${runDir}: no results.json there (not a finished run folder)`);
  for (const path of needs) {
    if (!existsSync(join(runDir, path))) throw new InputError(`--run ${runDir}: no ${path} (this exercise needs a run with that stage)`);
  }
}

export async function drawCases(runDir: string, exercise: ExerciseName, seed: number, count: number): Promise<Case[]> {
  const random = seedrandom(`train:${exercise}:${seed}`);
  switch (exercise) {
    case 'linkage-pairs':
      requireRun(runDir, ['linkage/links.csv']);
      return withTables(runDir, (t) => linkagePairs(t, count, random));
    case 'notes':
      requireRun(runDir, ['linkage/requirements.csv']);
      return withTables(runDir, (t) => noteCases(t, count, random));
    case 'linked-rate':
      requireRun(runDir, []);
      return rateCases(runDir, count, random);
    case 'reconviction-timing':
      requireRun(runDir, ['reconviction/requirements.csv']);
      return withTables(runDir, (t) => reconvictionCases(t, count, random));
  }
}

async function withTables<T>(runDir: string, use: (t: RunTables) => Promise<T>): Promise<T> {
  const t = await loadRunTables(runDir);
  try {
    return await use(t);
  } finally {
    t.rows.close();
  }
}

// --- linkage pairs --------------------------------------------------------------------------

export { isTransposed };

async function linkagePairs(t: RunTables, count: number, random: Rand): Promise<Case[]> {
  const link = await runLinkOf(t.runDir);
  const { result, cohort, community } = link;
  const recordPerson = new Map<string, number>();
  const nk = t.ndeliusKey;
  for (let i = 0; i < nk.rowCount; i++) recordPerson.set(textAt(nk, 'record_id', i) as string, (getColumn(nk, 'person_id').values as Int32Array)[i]);
  const episodePerson = (id: string) => {
    const k = t.ndtmsKeyRowById.get(id);
    return k === undefined ? null : (getColumn(t.ndtmsKey, 'person_id').values as Int32Array)[k];
  };
  const linked = new Set((t.links ?? []).map((l) => `${l.recordId}\u0000${l.episodeId}`));
  const recordIds = strings(cohort, 'record_id');
  const episodeIds = strings(community, 'episode_id');
  const weights = result.predictions.matchWeight;
  const byKind = new Map<string, number[]>();
  for (let p = 0; p < result.pairs.count; p++) {
    const rid = recordIds[result.pairs.left[p]] as string;
    const eid = episodeIds[result.pairs.right[p]] as string;
    const same = recordPerson.get(rid) === episodePerson(eid);
    const isLinked = linked.has(`${rid}\u0000${eid}`);
    if (isLinked && !same) add(byKind, 'false match', p);
    else if (!isLinked && same) add(byKind, 'missed', p);
    else if (isLinked) add(byKind, 'true link', p);
    else if (weights[p] > result.threshold - 6) add(byKind, 'rightly not linked', p);
  }
  // Errors are what the exercise is for: two of them for each correct decision.
  const errors = balanced(new Map([...byKind].filter(([k]) => k === 'false match' || k === 'missed')), Math.ceil((count * 2) / 3), random);
  const rights = balanced(new Map([...byKind].filter(([k]) => k === 'true link' || k === 'rightly not linked')), count - errors.length, random);
  const chosen = shuffle([...errors, ...rights.slice(0, count - errors.length)], random);

  const people = new Set<number>();
  for (const p of chosen) {
    people.add(recordPerson.get(recordIds[result.pairs.left[p]] as string) as number);
    const ep = episodePerson(episodeIds[result.pairs.right[p]] as string);
    if (ep !== null) people.add(ep);
  }
  const truth = await t.rows.read('truth', 'truth_people', TRUTH_TABLES.truth_people.columns, 'person_id', [...people]);
  const personRow = new Map(Array.from(ints(truth, 'person_id'), (id, i) => [id, i] as [number, number]));
  const identity = (id: number | null): TrueIdentity | null => {
    const row = id === null ? undefined : personRow.get(id);
    return row === undefined ? null : (rowAt(truth, row) as unknown as TrueIdentity);
  };

  return chosen.map((p, n) => {
    const left = result.pairs.left[p];
    const right = result.pairs.right[p];
    const rid = recordIds[left] as string;
    const eid = episodeIds[right] as string;
    const explanation = explainLeft(result, left, Number.MAX_SAFE_INTEGER).find((e) => e.rightRow === right) as Explanation;
    const record = rowAt(cohort, left);
    const episode = rowAt(community, right);
    const recPerson = recordPerson.get(rid) as number;
    const epPerson = episodePerson(eid);
    const same = recPerson === epPerson;
    const isLinked = linked.has(`${rid}\u0000${eid}`);
    const mine = identity(recPerson);
    const theirs = identity(epPerson);
    const comparisons = explanation.steps.filter((s) => s.level !== undefined);
    const misled = isLinked && !same ? [...comparisons].sort((a, b) => b.weight - a.weight)[0] : [...comparisons].sort((a, b) => a.weight - b.weight)[0];
    let kind: string;
    const why: string[] = [];
    if (!same && isLinked && mine && theirs) {
      // The same kinds as the explorer's pick lists, read from the two records and the two people.
      const fm = falseMatchKind(record as unknown as NdeliusIdentity, episode as unknown as NdtmsIdentity, mine, theirs);
      kind = `false match: ${fm.kind}`;
      why.push(`${fm.kind[0].toUpperCase()}${fm.kind.slice(1)}: ${lessonOf(fm.kind)}.`, ...fm.shows.map((x) => `${x[0].toUpperCase()}${x.slice(1)}.`));
    } else if (same && !isLinked && mine) {
      const miss = missKind(record as unknown as NdeliusIdentity, episode as unknown as NdtmsIdentity, mine);
      kind = `missed: ${miss.kind}`;
      why.push(
        `The same person (${mine.forename} ${mine.surname}, born ${mine.dob}, lives at ${mine.postcode}, before that ${mine.previous_postcode ?? '–'}); ${miss.departures.length ? `the records differ by: ${miss.departures.map((d) => `${d.side} ${d.departure.shows}`).join('; ')}` : 'both records are right'}.`,
        `${lessonOf(miss.kind)[0].toUpperCase()}${lessonOf(miss.kind).slice(1)}.`,
      );
    } else if (same) {
      kind = 'true link';
      why.push(`The same person, ${mine?.forename} ${mine?.surname}, born ${mine?.dob}; the linkage found them.`);
    } else {
      kind = 'rightly not linked';
      why.push(`Two people: ${mine?.forename} ${mine?.surname} (born ${mine?.dob}) and ${theirs?.forename} ${theirs?.surname} (born ${theirs?.dob}).`);
    }
    if (misled) {
      why.push(
        `${!same && isLinked ? 'What misled the model most' : same && !isLinked ? 'What held the model back most' : 'The field that weighed most'}: ${misled.label} (${misled.level}, ${misled.leftValue ?? '∅'} vs ${misled.rightValue ?? '∅'}, ${misled.weight >= 0 ? '+' : ''}${misled.weight.toFixed(2)}).`,
      );
    }
    why.push(`The model: weight ${explanation.matchWeight.toFixed(2)}, p ${formatProbability(explanation.matchProbability)}, ${isLinked ? 'linked' : 'not linked'}. Its waterfall:`);
    why.push(...formatExplanation(explanation).split('\n').slice(1));
    return {
      exercise: 'linkage-pairs',
      id: `pair-${n + 1}`,
      shown: [
        `nDelius  ${record.record_id}: ${record.forename} ${record.surname}, born ${record.dob}, ${record.sex}, postcode ${record.postcode ?? '–'}`,
        `NDTMS    ${episode.episode_id}: initials ${episode.initials ?? '–'}, born ${episode.dob ?? '–'}, ${episode.sex ?? '–'}, sector ${episode.postcode_sector ?? '–'}`,
        `           triaged ${episode.triage_date ?? '–'} (NDTMS holds initials, not names)`,
      ],
      question: 'Are these two records the same person?',
      choices: [
        { key: 'y', label: 'same person' },
        { key: 'n', label: 'different people' },
      ],
      answer: same ? 'y' : 'n',
      truth: same ? 'the same person' : 'different people',
      explanation: why,
      kind,
    } satisfies Case;
  });
}

// --- notes ----------------------------------------------------------------------------------

async function noteCases(t: RunTables, count: number, random: Rand): Promise<Case[]> {
  const cohort = recordCsv(t.runDir, 'linkage/requirements.csv') as Map<string, Record<string, string>>;
  const frames = shuffle([...cohort.values()], random).slice(0, 400);
  const crns = [...new Set(frames.map((r) => r.crn).filter(Boolean))];
  const notes = await t.rows.read('observed', 'contact_notes', TABLES.contact_notes.columns, 'crn', crns);
  const pattern = keywordPattern();
  const texts = strings(notes, 'text');
  const ids = strings(notes, 'note_id');
  const keyword = texts.flatMap((text, i) => (text && pattern.test(text) ? [i] : []));
  const truth = await t.rows.read('truth', 'truth_contact_notes', TRUTH_TABLES.truth_contact_notes.columns, 'note_id', keyword.map((i) => ids[i] as string));
  const truthRow = new Map(strings(truth, 'note_id').map((id, i) => [id, i]));
  const { name } = runClassifier(t.runDir);
  const labels = createClassifier(name).classify(keyword.map((i) => ({ noteId: ids[i] as string, text: texts[i] as string })));
  const byKind = new Map<string, number[]>();
  keyword.forEach((row, k) => {
    const tr = truthRow.get(ids[row] as string);
    if (tr === undefined) return;
    const trueLabel = textAt(truth, 'true_label', tr);
    const outcome = labels[k].label === trueLabel ? 'right' : labels[k].label === 'engaged' ? 'false positive' : 'false negative';
    add(byKind, `${outcome}: ${textAt(truth, 'note_kind', tr)}`, k);
  });
  const errors = balanced(new Map([...byKind].filter(([k]) => !k.startsWith('right'))), Math.ceil((count * 2) / 3), random);
  const rights = balanced(new Map([...byKind].filter(([k]) => k.startsWith('right'))), count - errors.length, random);
  return shuffle([...errors, ...rights], random).map((k, n) => {
    const row = keyword[k];
    const tr = truthRow.get(ids[row] as string) as number;
    const trueLabel = textAt(truth, 'true_label', tr) as string;
    const kind = textAt(truth, 'note_kind', tr) ?? 'unknown';
    const text = texts[row] as string;
    const cue = (pattern.exec(text)?.[0] ?? '').replace(/^[^a-z0-9]/i, '');
    const label = labels[k];
    const outcome = label.label === trueLabel ? 'right' : label.label === 'engaged' ? 'false positive' : 'false negative';
    return {
      exercise: 'notes',
      id: `note-${n + 1}`,
      shown: [`${textAt(notes, 'contact_date', row)} ${textAt(notes, 'contact_type', row) ?? ''} (the keyword filter passed it on "${cue}"):`, `"${text}"`],
      question: 'Does this note show the person engaged in drug or alcohol treatment?',
      choices: [
        { key: 'y', label: 'engaged' },
        { key: 'n', label: 'not engaged' },
      ],
      answer: trueLabel === 'engaged' ? 'y' : 'n',
      truth: `${trueLabel.replace('_', ' ')} (note kind: ${kind})`,
      explanation: [
        `The note is of kind "${kind}": ${NOTE_LESSONS[kind] ?? kind}.`,
        `The keyword filter's cue was "${cue}"; the ${name} classifier said ${label.label.replace('_', ' ')} (score ${label.score.toFixed(2)})${outcome === 'right' ? ', rightly' : `: a ${outcome}`}.`,
      ],
      kind: `${outcome}: ${kind}`,
    } satisfies Case;
  });
}

// --- reading a linkage-based rate ------------------------------------------------------------

const RATE_PREFIXES = ['link.', 'status.', 'outcome.', 'time_to_treatment.', 'any_treatment.', 'reconviction.pct.linked', 'reconviction.pct.unlinked'];
/** Within this many points a rate counts as about right. */
export const ABOUT_RIGHT = 1;

function rateCases(runDir: string, count: number, random: Rand): Promise<Case[]> {
  const results = readRunResults(runDir);
  const find = (id: string, group: string) => results.estimates.find((e) => e.id === id && e.group === group);
  const rates = results.estimates.filter(
    (e) => e.unit === 'pct' && e.estimate !== null && e.truth !== null && RATE_PREFIXES.some((p) => e.id.startsWith(p)) && !e.id.endsWith('.expected'),
  );
  if (rates.length === 0) throw new InputError(`--run ${runDir}: no linkage-based rate with a truth in results.json (run the linkage stage)`);
  const byKind = new Map<string, typeof rates>();
  for (const e of rates) {
    const gap = (e.estimate as number) - (e.truth as number);
    add(byKind, gap < -ABOUT_RIGHT ? 'biased low' : gap > ABOUT_RIGHT ? 'biased high' : 'about right', e);
  }
  const precision = find('linkage.precision', 'all');
  const recall = find('linkage.recall', 'all');
  return Promise.resolve(
    balanced(byKind, count, random).map((e, n) => {
      const gap = (e.estimate as number) - (e.truth as number);
      const answer = gap < -ABOUT_RIGHT ? 'l' : gap > ABOUT_RIGHT ? 'h' : 's';
      // The linkage's quality in the rate's own group when the run scored it there (accommodation, region, ...).
      const part = e.group.split('|').find((g) => g.includes('='));
      const groupRecall = part ? results.estimates.find((x) => x.id === 'linkage.recall' && x.group.endsWith(part)) : undefined;
      const groupPrecision = part ? results.estimates.find((x) => x.id === 'linkage.precision' && x.group.endsWith(part)) : undefined;
      const own = groupRecall && groupPrecision ? ` In ${part}: recall ${groupRecall.estimate?.toFixed(1)}%, precision ${groupPrecision.estimate?.toFixed(1)}%.` : '';
      const quality = precision && recall ? `The linkage found ${recall.estimate?.toFixed(1)}% of the true episodes (recall) and ${precision.estimate?.toFixed(1)}% of its links were right (precision).${own}` : 'This run has no linkage quality figures.';
      const linkedShare = e.id.startsWith('link.structured') || e.id.startsWith('any_treatment');
      return {
        exercise: 'linked-rate',
        id: `rate-${n + 1}`,
        shown: [`${e.id} [${e.group}] = ${(e.estimate as number).toFixed(1)}%`, `method: ${e.method}`, e.published !== null ? `the study published ${e.published.toFixed(1)}%` : 'no published figure'],
        question: `Against the truth, is this rate biased low, biased high, or right within ${ABOUT_RIGHT} point?`,
        choices: [
          { key: 'l', label: 'biased low' },
          { key: 'h', label: 'biased high' },
          { key: 's', label: `about right (within ${ABOUT_RIGHT} pt)` },
        ],
        answer,
        truth: `the true rate is ${(e.truth as number).toFixed(1)}% (the records say ${(e.estimate as number).toFixed(1)}%, ${gap >= 0 ? '+' : ''}${gap.toFixed(1)} pt)`,
        explanation: [
          quality,
          linkedShare
            ? 'Missed links move treated people into "not linked", so a linked share reads low; false matches add people who were never treated, so it reads high: the two pull against each other.'
            : 'A rate among the linked or unlinked is biased when the missed or false-matched people differ from the rest (rough sleepers and people who move are missed more often).',
          `Here the records' figure is ${gap >= 0 ? '+' : ''}${gap.toFixed(1)} points from the truth.`,
        ],
        kind: answer === 'l' ? 'biased low' : answer === 'h' ? 'biased high' : 'about right',
      } satisfies Case;
    }),
  );
}

// --- reconviction timing --------------------------------------------------------------------

async function reconvictionCases(t: RunTables, count: number, random: Rand): Promise<Case[]> {
  const recorded = recordCsv(t.runDir, 'reconviction/requirements.csv') as Map<string, Record<string, string>>;
  const extraction = readExtraction(t.runDir);
  const nk = t.ndeliusKey;
  const requirementOf = new Map<string, number>();
  for (let i = 0; i < nk.rowCount; i++) {
    const req = textAt(nk, 'requirement_id', i);
    if (req !== null) requirementOf.set(textAt(nk, 'record_id', i) as string, Number(req));
  }
  const reqIds = [...recorded.keys()].flatMap((id) => (requirementOf.has(id) ? [requirementOf.get(id) as number] : []));
  const truthReq = await t.rows.read('truth', 'truth_requirements', TRUTH_TABLES.truth_requirements.columns, 'requirement_id', reqIds);
  const reqRow = new Map(Array.from(ints(truthReq, 'requirement_id'), (id, i) => [id, i] as [number, number]));
  const cases = await t.rows.read('truth', 'truth_court_cases', TRUTH_TABLES.truth_court_cases.columns, 'requirement_id', reqIds);
  const casesOf = new Map<number, number[]>();
  ints(cases, 'requirement_id').forEach((id, i) => add(casesOf, id, i));
  const sentenceOf = ints(truthReq, 'sentence_date');
  const offence = ints(cases, 'offence_date');
  const outcomeDate = ints(cases, 'outcome_date');
  const recordedFlag = getColumn(cases, 'recorded').values as Uint8Array;
  const outcome = strings(cases, 'outcome');

  const byKind = new Map<string, string[]>();
  for (const [recordId, row] of recorded) {
    const req = requirementOf.get(recordId);
    const r = req === undefined ? undefined : reqRow.get(req);
    if (r === undefined) continue;
    const truly = textAt(truthReq, 'reconvicted', r) === 'yes';
    const said = row.reconvicted === 'true';
    const lost = (casesOf.get(req as number) ?? []).some((c) => outcome[c] === 'guilty' && inWindow(sentenceOf[r], offence[c], { months: 12 }) && !recordedFlag[c]);
    add(byKind, truly && !said ? (lost ? 'lost to the recording lag' : 'missed, other reason') : truly ? 'recorded and true' : said ? 'recorded, not true' : 'not reconvicted', recordId);
  }
  const errors = balanced(new Map([...byKind].filter(([k]) => k === 'lost to the recording lag')), Math.ceil(count / 2), random);
  const rest = balanced(new Map([...byKind].filter(([k]) => k !== 'lost to the recording lag')), count - errors.length, random);
  return shuffle([...errors, ...rest], random).map((recordId, n) => {
    const req = requirementOf.get(recordId) as number;
    const r = reqRow.get(req) as number;
    const sentence = sentenceOf[r];
    const last = windowLastDay(sentence, { months: 12 });
    const truly = textAt(truthReq, 'reconvicted', r) === 'yes';
    const row = recorded.get(recordId) as Record<string, string>;
    const said = row.reconvicted === 'true';
    const kind = [...byKind].find(([, ids]) => ids.includes(recordId))?.[0] ?? '';
    const inWin = (casesOf.get(req) ?? []).filter((c) => outcome[c] === 'guilty' && inWindow(sentence, offence[c], { months: 12 }));
    const why = inWin.length === 0
      ? ['No guilty outcome for an offence inside the window: not reconvicted, whatever the records hold.']
      : inWin.map(
          (c) =>
            `Offence ${isoFromDay(offence[c])} (inside the window), guilty ${isoFromDay(outcomeDate[c])}: ${recordedFlag[c] ? 'recorded by the extraction date' : `after the extraction date ${isoFromDay(extraction)}, so not in the court records yet`}.`,
        );
    if (kind === 'lost to the recording lag') why.push('A requirement sentenced late in the study window has little time for its court case to be heard and recorded: its reconviction is lost to the recording lag.');
    return {
      exercise: 'reconviction-timing',
      id: `reconviction-${n + 1}`,
      shown: [
        `requirement ${recordId}: sentenced ${isoFromDay(sentence)}; 12-month window to ${isoFromDay(last)}; records extracted ${isoFromDay(extraction)}`,
        `court outcomes matched to this person in the records: ${row.matched_outcomes}; the records say reconvicted: ${said ? 'yes' : 'no'}`,
      ],
      question: 'Was this person truly reconvicted of an offence committed within 12 months?',
      choices: [
        { key: 'y', label: 'reconvicted' },
        { key: 'n', label: 'not reconvicted' },
      ],
      answer: truly ? 'y' : 'n',
      truth: truly ? 'reconvicted' : 'not reconvicted',
      explanation: why,
      kind,
    } satisfies Case;
  });
}
