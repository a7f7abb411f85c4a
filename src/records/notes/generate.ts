/**
 * Probation contact notes for a set of requirements, with a truth row for every note.
 *
 * Each requirement draws from its own streams (`notes.schedule` for when notes are written
 * and what they are about, `notes.text` for the wording), indexed by its position in the
 * world's requirement order: any worker can generate any slice, and changing a wording knob
 * (typos, abbreviations) leaves dates and note kinds as they were (common random numbers).
 */
import { dateColumn, makeTable, stringColumn, type Table } from '../../io/table.ts';
import { hashString, mix32, stream, type Rng, type Stream } from '../../random/stream.ts';
import { CONTACT_TYPES, NOTE_VOICES, PRACTITIONER_STYLES, type NotesConfig, type NoteVoice, type PractitionerStyle } from '../../scenario/notes.ts';
import type { EngagementKind, NoteSubject } from './subject.ts';
import { KIND_ROUTINE, NOTE_KINDS, noteText, type NoteKind } from './writer.ts';
import { HARD_CASES, hardCaseOf, voiceNote, type HardCase, type VoiceCase } from './voices/index.ts';

export type TrueLabel = 'engaged' | 'not_engaged';

const DAYS_PER_MONTH = 365.25 / 12;

/** Gamma(shape, scale 1/shape): mean 1. Marsaglia and Tsang, boosted for shape < 1. */
export function gammaMeanOne(shape: number, rng: Rng): number {
  const boost = shape < 1;
  const a = boost ? shape + 1 : shape;
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let value: number;
  for (;;) {
    const x = rng.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
      value = d * v;
      break;
    }
  }
  if (boost) value *= Math.pow(rng.next() || Number.MIN_VALUE, 1 / shape);
  return value / shape;
}

function pickShare<K extends string>(shares: Record<K, number>, keys: readonly K[], u: number): K {
  let cumulative = 0;
  for (const key of keys) {
    cumulative += shares[key];
    if (u < cumulative) return key;
  }
  return keys[keys.length - 1];
}

/** A practitioner writes in one style for every case they hold: derived from their id, not the case. */
export function practitionerStyle(practitionerId: string, config: NotesConfig, seed: number): PractitionerStyle {
  const u = mix32(hashString(practitionerId, mix32(seed >>> 0) ^ 0x51ed270b)) / 4294967296;
  return pickShare(config.recording.styleMix, PRACTITIONER_STYLES, u);
}

/**
 * A practitioner writes in one voice for every case they hold, as in one style: derived from
 * their id (with another salt than the style), so the voice mix moves no other draw.
 */
export function practitionerVoice(practitionerId: string, config: NotesConfig, seed: number): NoteVoice {
  const u = mix32(hashString(practitionerId, mix32(seed >>> 0) ^ 0x7a3c9e15)) / 4294967296;
  return pickShare(config.voices.mix, NOTE_VOICES, u);
}

function engagementAt(subject: NoteSubject, day: number): EngagementKind | null {
  for (const spell of subject.engagement) if (day >= spell.from && day <= spell.to) return spell.kind;
  return null;
}

const ENGAGED_KINDS = ['engagement', 'nonEngagement', 'plan', 'otherPerson', 'substanceTalk', 'historical'] as const;
const NOT_ENGAGED_KINDS = ['claimedEngagement', 'nonEngagement', 'plan', 'otherPerson', 'substanceTalk', 'historical'] as const;
const KIND_NAME: Record<(typeof ENGAGED_KINDS)[number] | (typeof NOT_ENGAGED_KINDS)[number], NoteKind> = {
  engagement: 'engagement',
  claimedEngagement: 'claimed_engagement',
  nonEngagement: 'non_engagement',
  plan: 'plan',
  otherPerson: 'other_person',
  substanceTalk: 'substance_talk',
  historical: 'historical',
};
const SECOND_KINDS: readonly NoteKind[] = ['substance_talk', 'other_person', 'historical', 'plan'];
const CLAIMED_TREATMENTS: readonly EngagementKind[] = ['structured', 'structured', 'other', 'other', 'cjit'];

/** The same lists as indices in NOTE_KINDS: notes are generated with kinds as numbers. */
const kindIndex = (kind: NoteKind): number => NOTE_KINDS.indexOf(kind);
const ENGAGED_KIND_INDEX = ENGAGED_KINDS.map((k) => kindIndex(KIND_NAME[k]));
const NOT_ENGAGED_KIND_INDEX = NOT_ENGAGED_KINDS.map((k) => kindIndex(KIND_NAME[k]));
const SECOND_KIND_INDEX = SECOND_KINDS.map(kindIndex);
const TRUE_LABEL: readonly TrueLabel[] = NOTE_KINDS.map((kind) => (kind === 'engagement' ? 'engaged' : 'not_engaged'));

/** The hard case of a note in the original voice, by kind: its wording has one per kind. */
const ORIGINAL_HARD_CASE: readonly number[] = NOTE_KINDS.map((kind): number => {
  const hard: Record<NoteKind, HardCase> = {
    engagement: 'none',
    claimed_engagement: 'unverified_claim',
    non_engagement: 'negation',
    plan: 'plan',
    other_person: 'other_person',
    substance_talk: 'none',
    historical: 'historical',
    routine: 'none',
  };
  return HARD_CASES.indexOf(hard[kind]);
});
const HARD_SPELLING = HARD_CASES.indexOf('spelling');

/** The case a voice writes a second sentence of each kind as. */
const SECOND_CASE: Partial<Record<NoteKind, VoiceCase>> = {
  substance_talk: 'substance',
  other_person: 'other_person',
  historical: 'historical',
  plan: 'plan',
};

/**
 * How a voice writes a note of `kind`: the case (with the hard cases drawn within the kind at
 * the scenario's shares, from the wording stream) and whether it is the spelling hard case.
 */
function voiceCase(kind: NoteKind, treatment: EngagementKind, config: NotesConfig, words: Rng): { main: VoiceCase; misspell: boolean } {
  const shares = config.voices.hardCases;
  switch (kind) {
    case 'engagement': {
      const mutual = treatment === 'other';
      const u = words.next();
      if (!mutual && u < shares.thirdParty) return { main: 'third_party', misspell: false };
      const misspell = words.chance(shares.spelling);
      return { main: mutual ? 'engaged_mutual' : 'engaged', misspell };
    }
    case 'claimed_engagement':
      return { main: 'unverified_claim', misspell: false };
    case 'non_engagement':
      return { main: words.chance(shares.contradicted) ? 'contradicted' : 'negation', misspell: false };
    case 'plan':
      return { main: 'plan', misspell: false };
    case 'other_person':
      return { main: 'other_person', misspell: false };
    case 'historical':
      return { main: 'historical', misspell: false };
    case 'substance_talk':
      return { main: 'substance', misspell: false };
    case 'routine':
      return { main: words.chance(shares.acceptableAbsence) ? 'acceptable_absence' : 'routine', misspell: false };
  }
}

/**
 * Running sums of shares in key order, for `pickIndex`: the same additions in the same order
 * as `pickShare`, so the same key for the same draw.
 */
function cumulative<K extends string>(shares: Record<K, number>, keys: readonly K[]): Float64Array {
  const sums = new Float64Array(keys.length);
  let sum = 0;
  for (let k = 0; k < keys.length; k++) {
    sum += shares[keys[k]];
    sums[k] = sum;
  }
  return sums;
}

/** `pickShare` as an index, over sums from `cumulative`. */
function pickIndex(sums: Float64Array, u: number): number {
  for (let k = 0; k < sums.length; k++) if (u < sums[k]) return k;
  return sums.length - 1;
}

/** Calendar year of a day number, exact from 1901 to 2099 (no century leap exceptions there). */
export function yearOf(day: number): number {
  const fromEpoch = day + 25202; // days from 1901-01-01
  const cycles = Math.floor(fromEpoch / 1461);
  const rest = fromEpoch - cycles * 1461;
  return 1901 + cycles * 4 + Math.min(3, Math.floor(rest / 365));
}

/** Character codes of the base-32 digits. */
const ID_DIGITS = Array.from('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', (c) => c.charCodeAt(0));

/**
 * A contact id that looks like a system's opaque key: 52 bits mixed from the requirement's
 * index and the note's sequence, so ids say nothing of which requirement a note belongs to.
 * Unique in practice; the notes benchmark checks it over all 2.5M notes of scale 1.
 * 'C', then `high` in 7 base-32 digits and `low` in 4, most significant first, made in one go.
 */
function noteId(seed: number, index: number, seq: number): string {
  const high = mix32(mix32(index ^ seed) + seq);
  const low = mix32(high ^ Math.imul(index, 0x9e3779b1) ^ (seq << 20));
  const d = ID_DIGITS;
  return String.fromCharCode(
    67,
    d[(high >>> 30) & 31], d[(high >>> 25) & 31], d[(high >>> 20) & 31], d[(high >>> 15) & 31], d[(high >>> 10) & 31], d[(high >>> 5) & 31], d[high & 31],
    d[(low >>> 15) & 31], d[(low >>> 10) & 31], d[(low >>> 5) & 31], d[low & 31],
  );
}

/** An Int32Array that grows as values are pushed. */
class IntList {
  values: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.values = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  /** The values pushed, in an array of their own. */
  take(): Int32Array {
    return this.values.slice(0, this.length);
  }
}

/**
 * Columns being filled. The text and id of each note are new strings; everything else is a
 * number per note (its subject, day, contact type, kind) and becomes strings at the end.
 */
interface Builder {
  /** Notes so far. */
  count: number;
  /** Sized for the expected count, trimmed at the end. */
  noteId: string[];
  text: string[];
  /** Index of the note's subject in the part. */
  subject: IntList;
  contactDate: IntList;
  /** Index in CONTACT_TYPES. */
  contactType: IntList;
  /** Index in NOTE_KINDS. */
  kind: IntList;
  /** Index in NOTE_VOICES. */
  voice: IntList;
  /** Index in HARD_CASES. */
  hardCase: IntList;
}

/** Per-call constants of the generator. */
interface Setup {
  config: NotesConfig;
  seed: number;
  schedule: Stream;
  words: Stream;
  contactSums: Float64Array;
  engagedSums: Float64Array;
  notEngagedSums: Float64Array;
}

function notesForSubject(subject: NoteSubject, local: number, index: number, setup: Setup, out: Builder): string {
  const { config, seed } = setup;
  const plan = setup.schedule.at(index);
  const words = setup.words.at(index);
  const region = subject.regionCode as keyof NotesConfig['recording']['regionMultiplier'];
  const practitionerId = `${subject.regionCode}-P${String(1 + plan.int(config.volume.practitionersPerRegion)).padStart(3, '0')}`;
  const style = practitionerStyle(practitionerId, config, seed);
  const styleIndex = PRACTITIONER_STYLES.indexOf(style);
  const voice = NOTE_VOICES.indexOf(practitionerVoice(practitionerId, config, seed));
  const voiceKnobs = { spellingNoise: config.voices.spellingNoise, typoRate: config.typoRate };
  const regionMultiplier = config.recording.regionMultiplier[region] ?? 1;
  const person = gammaMeanOne(config.volume.personShape, plan);
  const perDay =
    (config.volume.notesPerMonth / DAYS_PER_MONTH) *
    config.recording.styleMultiplier[style] *
    regionMultiplier *
    config.volume.typeMultiplier[subject.requirementType] *
    person;
  if (!(perDay > 0) || subject.end < subject.start) return practitionerId;
  const { typoRate, abbreviationRate, keywordShare, secondHardSentence, implicitEngagement } = config;
  const { contactSums, engagedSums, notEngagedSums } = setup;
  let seq = 0;
  // A Poisson process of contacts: exponential gaps give the count and sorted dates in one pass.
  for (let t = subject.start - Math.log(1 - plan.next()) / perDay; t < subject.end + 1; t -= Math.log(1 - plan.next()) / perDay) {
    const day = Math.floor(t);
    const treatment = engagementAt(subject, day);
    const engaged = treatment !== null;
    const contactType = pickIndex(contactSums, plan.next());
    let kind = KIND_ROUTINE;
    if (plan.chance(engaged ? keywordShare.engaged : keywordShare.notEngaged)) {
      kind = engaged ? ENGAGED_KIND_INDEX[pickIndex(engagedSums, plan.next())] : NOT_ENGAGED_KIND_INDEX[pickIndex(notEngagedSums, plan.next())];
    }
    const second = kind !== KIND_ROUTINE && plan.chance(secondHardSentence) ? plan.pick(SECOND_KIND_INDEX) : -1;
    const implicit = plan.chance(implicitEngagement);
    const claimedTreatment = plan.pick(CLAIMED_TREATMENTS);
    const about = treatment ?? claimedTreatment;
    let hardCase = ORIGINAL_HARD_CASE[kind];
    if (voice === 0) {
      out.text[out.count] = noteText(kind, styleIndex, contactType, about, implicit, second, yearOf(day), words, typoRate, abbreviationRate);
    } else {
      const { main, misspell } = voiceCase(NOTE_KINDS[kind], about, config, words);
      const secondCase = second < 0 ? null : (SECOND_CASE[NOTE_KINDS[second]] ?? null);
      out.text[out.count] = voiceNote(voice - 1, main, secondCase, { treatment: about, noteYear: yearOf(day), misspell }, words, voiceKnobs);
      hardCase = misspell ? HARD_SPELLING : HARD_CASES.indexOf(hardCaseOf(main));
    }
    out.noteId[out.count] = noteId(seed, index, seq);
    out.count++;
    out.subject.push(local);
    out.contactDate.push(day);
    out.contactType.push(contactType);
    out.kind.push(kind);
    out.voice.push(voice);
    out.hardCase.push(hardCase);
    seq++;
  }
  return practitionerId;
}

/** A string column from a number per row and the string each number stands for. */
function expand<T extends string>(codes: IntList, names: readonly T[]): T[] {
  // Sized up front: filling a new Array(n) in order is several times faster than pushing.
  const values = new Array<T>(codes.length);
  const v = codes.values;
  for (let i = 0; i < codes.length; i++) values[i] = names[v[i]];
  return values;
}

/**
 * Contact notes (observed) and their truth. `firstIndex` is the global position of
 * `subjects[0]` in the world's requirement order, so that a worker given a slice draws the
 * same notes as a single process would.
 */
export function generateNotes(
  subjects: NoteSubject[],
  config: NotesConfig,
  seed: number,
  firstIndex = 0,
): { notes: Table; truth: Table } {
  const setup: Setup = {
    config,
    seed,
    schedule: stream(seed, 'notes.schedule'),
    words: stream(seed, 'notes.text'),
    contactSums: cumulative(config.contactMix, CONTACT_TYPES),
    engagedSums: cumulative(config.engagedMix, ENGAGED_KINDS),
    notEngagedSums: cumulative(config.notEngagedMix, NOT_ENGAGED_KINDS),
  };
  // Room for 64 notes a requirement (about 49 on average at the defaults); more just grow.
  const expected = subjects.length * 64;
  const out: Builder = {
    count: 0,
    noteId: new Array<string>(expected),
    text: new Array<string>(expected),
    subject: new IntList(expected),
    contactDate: new IntList(expected),
    contactType: new IntList(expected),
    kind: new IntList(expected),
    voice: new IntList(expected),
    hardCase: new IntList(expected),
  };
  const practitioners: string[] = [];
  for (let i = 0; i < subjects.length; i++) practitioners.push(notesForSubject(subjects[i], i, firstIndex + i, setup, out));
  out.noteId.length = out.count;
  out.text.length = out.count;
  const crn = expand(out.subject, subjects.map((s) => s.crn));
  const practitionerId = expand(out.subject, practitioners);
  const requirementId = expand(out.subject, subjects.map((s) => s.requirementId));
  const notes = makeTable('contact_notes', {
    note_id: stringColumn(out.noteId),
    crn: stringColumn(crn),
    contact_date: dateColumn(out.contactDate.take()),
    contact_type: stringColumn(expand(out.contactType, CONTACT_TYPES)),
    practitioner_id: stringColumn(practitionerId),
    text: stringColumn(out.text),
  });
  const truth = makeTable('truth_contact_notes', {
    note_id: stringColumn(out.noteId),
    requirement_id: stringColumn(requirementId),
    true_label: stringColumn(expand(out.kind, TRUE_LABEL)),
    note_kind: stringColumn(expand(out.kind, NOTE_KINDS)),
    voice: stringColumn(expand(out.voice, NOTE_VOICES)),
    hard_case: stringColumn(expand(out.hardCase, HARD_CASES)),
  });
  return { notes, truth };
}
