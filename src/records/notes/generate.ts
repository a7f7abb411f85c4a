/**
 * Probation contact notes for a set of requirements, with a truth row for every note.
 *
 * Each requirement draws from its own streams (`notes.schedule` for when notes are written
 * and what they are about, `notes.text` for the wording), indexed by its position in the
 * world's requirement order: any worker can generate any slice, and changing a wording knob
 * (typos, abbreviations) leaves dates and note kinds as they were (common random numbers).
 */
import { dateColumn, makeTable, stringColumn, type Table } from '../../io/table.ts';
import { hashString, mix32, stream, type Rng } from '../../random/stream.ts';
import { CONTACT_TYPES, PRACTITIONER_STYLES, type ContactType, type NotesConfig, type PractitionerStyle } from './config.ts';
import type { EngagementKind, NoteSubject } from './subject.ts';
import { writeNote, type NoteKind } from './writer.ts';

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

/** Columns being filled; one per output column. */
interface Builder {
  noteId: string[];
  crn: string[];
  contactDate: number[];
  contactType: string[];
  practitionerId: string[];
  text: string[];
  requirementId: string[];
  trueLabel: TrueLabel[];
  noteKind: NoteKind[];
}

/** Calendar year of a day number, exact from 1901 to 2099 (no century leap exceptions there). */
export function yearOf(day: number): number {
  const fromEpoch = day + 25202; // days from 1901-01-01
  const cycles = Math.floor(fromEpoch / 1461);
  const rest = fromEpoch - cycles * 1461;
  return 1901 + cycles * 4 + Math.min(3, Math.floor(rest / 365));
}

const ID_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Base-32 digits of a uint32, by hand: Number#toString(radix) is slow for large values. */
function base32(value: number, digits: number): string {
  let out = '';
  for (let d = 0; d < digits; d++) {
    out = ID_ALPHABET[value & 31] + out;
    value >>>= 5;
  }
  return out;
}

/**
 * A contact id that looks like a system's opaque key: 52 bits mixed from the requirement's
 * index and the note's sequence, so ids say nothing of which requirement a note belongs to.
 * Unique in practice; the notes benchmark checks it over all 2.5M notes of scale 1.
 */
function noteId(seed: number, index: number, seq: number): string {
  const high = mix32(mix32(index ^ seed) + seq);
  const low = mix32(high ^ Math.imul(index, 0x9e3779b1) ^ (seq << 20));
  return `C${base32(high, 7)}${base32(low, 4)}`;
}

function notesForSubject(subject: NoteSubject, index: number, config: NotesConfig, seed: number, out: Builder): void {
  const plan = stream(seed, 'notes.schedule').at(index);
  const words = stream(seed, 'notes.text').at(index);
  const region = subject.regionCode as keyof NotesConfig['recording']['regionMultiplier'];
  const practitionerId = `${subject.regionCode}-P${String(1 + plan.int(config.volume.practitionersPerRegion)).padStart(3, '0')}`;
  const style = practitionerStyle(practitionerId, config, seed);
  const regionMultiplier = config.recording.regionMultiplier[region] ?? 1;
  const person = gammaMeanOne(config.volume.personShape, plan);
  const perDay =
    (config.volume.notesPerMonth / DAYS_PER_MONTH) *
    config.recording.styleMultiplier[style] *
    regionMultiplier *
    config.volume.typeMultiplier[subject.requirementType] *
    person;
  if (!(perDay > 0) || subject.end < subject.start) return;
  const knobs = { typoRate: config.typoRate, abbreviationRate: config.abbreviationRate };
  let seq = 0;
  // A Poisson process of contacts: exponential gaps give the count and sorted dates in one pass.
  for (let t = subject.start - Math.log(1 - plan.next()) / perDay; t < subject.end + 1; t -= Math.log(1 - plan.next()) / perDay) {
    const day = Math.floor(t);
    const treatment = engagementAt(subject, day);
    const engaged = treatment !== null;
    const contactType: ContactType = pickShare(config.contactMix, CONTACT_TYPES, plan.next());
    let kind: NoteKind = 'routine';
    if (plan.chance(engaged ? config.keywordShare.engaged : config.keywordShare.notEngaged)) {
      kind = engaged
        ? KIND_NAME[pickShare(config.engagedMix, ENGAGED_KINDS, plan.next())]
        : KIND_NAME[pickShare(config.notEngagedMix, NOT_ENGAGED_KINDS, plan.next())];
    }
    const second = kind !== 'routine' && plan.chance(config.secondHardSentence) ? plan.pick(SECOND_KINDS) : null;
    const implicit = plan.chance(config.implicitEngagement);
    const claimedTreatment = plan.pick(CLAIMED_TREATMENTS);
    const text = writeNote(
      {
        kind,
        style,
        contactType,
        treatment: treatment ?? claimedTreatment,
        implicit,
        second,
        noteYear: yearOf(day),
      },
      words,
      knobs,
    );
    out.noteId.push(noteId(seed, index, seq));
    out.crn.push(subject.crn);
    out.contactDate.push(day);
    out.contactType.push(contactType);
    out.practitionerId.push(practitionerId);
    out.text.push(text);
    out.requirementId.push(subject.requirementId);
    out.trueLabel.push(kind === 'engagement' ? 'engaged' : 'not_engaged');
    out.noteKind.push(kind);
    seq++;
  }
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
  const out: Builder = {
    noteId: [],
    crn: [],
    contactDate: [],
    contactType: [],
    practitionerId: [],
    text: [],
    requirementId: [],
    trueLabel: [],
    noteKind: [],
  };
  for (let i = 0; i < subjects.length; i++) notesForSubject(subjects[i], firstIndex + i, config, seed, out);
  const notes = makeTable('contact_notes', {
    note_id: stringColumn(out.noteId),
    crn: stringColumn(out.crn),
    contact_date: dateColumn(Int32Array.from(out.contactDate)),
    contact_type: stringColumn(out.contactType),
    practitioner_id: stringColumn(out.practitionerId),
    text: stringColumn(out.text),
  });
  const truth = makeTable('truth_contact_notes', {
    note_id: stringColumn(out.noteId),
    requirement_id: stringColumn(out.requirementId),
    true_label: stringColumn(out.trueLabel),
    note_kind: stringColumn(out.noteKind),
  });
  return { notes, truth };
}
