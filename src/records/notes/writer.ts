/**
 * Note TEXT from a note spec. The wording of each kind is drawn from vocab.ts; the
 * practitioner's style decides length, abbreviation and punctuation, and typos land on any
 * word, cue words included: that is one way a real classifier's negation cues fail.
 *
 * A scale 1 run writes millions of notes, so the work is done once at load wherever it can
 * be: each template becomes pieces (a slot's value with the text after it), ready in each
 * way a sentence is written (as it is, capitalised, in shorthand), and each piece knows how
 * many spaces it holds, so a note is one join of pieces and the typo pass knows its word
 * count without splitting it. The draws, and so the text, are exactly those of writing the
 * note whole: capitalising, rewriting and splitting the finished string.
 */
import type { Rng } from '../../random/stream.ts';
import { CONTACT_TYPES, PRACTITIONER_STYLES, type ContactType, type PractitionerStyle } from '../../scenario/notes.ts';
import type { EngagementKind } from './subject.ts';
import {
  APPOINTMENT, CONTACT_INTRO, DAYS, DID_NOT_ATTEND, DRUG_TEST, DRUGS, ENGAGEMENT, FILLER, HISTORICAL,
  IMPLICIT_ENGAGEMENT, MUTUAL_AID, NON_ENGAGEMENT, OBJECTS, OST, OTHER_PERSON, PLAN, PRISONS, RELATIONS, ROUTINE,
  SCRIPTS, SERVICES, SUBJECTS, SUBSTANCE_TALK, TREATMENTS, WORKERS,
} from './vocab.ts';

export const NOTE_KINDS = [
  'engagement',
  'claimed_engagement',
  'non_engagement',
  'plan',
  'other_person',
  'substance_talk',
  'historical',
  'routine',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Index in NOTE_KINDS of the kinds the writer treats specially. */
export const KIND_ENGAGEMENT = NOTE_KINDS.indexOf('engagement');
export const KIND_CLAIMED_ENGAGEMENT = NOTE_KINDS.indexOf('claimed_engagement');
export const KIND_ROUTINE = NOTE_KINDS.indexOf('routine');

export interface NoteSpec {
  kind: NoteKind;
  style: PractitionerStyle;
  contactType: ContactType;
  /** Which treatment an engagement statement is about. */
  treatment: EngagementKind;
  /** Write an engagement statement without an attendance verb. */
  implicit: boolean;
  /** A second sentence of another not-engaged kind, or null. */
  second: NoteKind | null;
  /** The note's calendar year: historical wording names a year before it. */
  noteYear: number;
}

export interface WriterKnobs {
  typoRate: number;
  abbreviationRate: number;
}

/** How strongly each style abbreviates and how many filler sentences it adds. */
const STYLE = {
  terse: { abbreviate: 1.6, fillers: 0, intro: 0.1 },
  standard: { abbreviate: 1, fillers: 1, intro: 0.4 },
  detailed: { abbreviate: 0.5, fillers: 2, intro: 0.8 },
  shorthand: { abbreviate: 2.5, fillers: 1, intro: 0.3 },
} as const satisfies Record<PractitionerStyle, { abbreviate: number; fillers: number; intro: number }>;

/** STYLE by index in PRACTITIONER_STYLES. */
const STYLES = PRACTITIONER_STYLES.map((name) => STYLE[name]);
const STYLE_TERSE = PRACTITIONER_STYLES.indexOf('terse');
const STYLE_SHORTHAND = PRACTITIONER_STYLES.indexOf('shorthand');

function capitalise(sentence: string): string {
  return sentence.length === 0 ? sentence : sentence[0].toUpperCase() + sentence.slice(1);
}

function spacesIn(text: string): number {
  let count = 0;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) count++;
  return count;
}

const SLOTS = ['subj', 'obj', 'svc', 'kw', 'appt', 'dna', 'ua', 'ost', 'script', 'mutual', 'tx', 'rel', 'day', 'n', 'drug', 'year', 'prison'] as const;
type SlotName = (typeof SLOTS)[number];

/** How a slot draws its value: one of a list, one of a list then full or short form, full or short form, or a year. */
const PICK = 0;
const PICK_PAIR = 1;
const PAIR = 2;
const YEAR = 3;

/** A slot's values in drawing order: a pair's full form at 2i, its short form at 2i + 1. */
interface Slot {
  how: number;
  /** Items to pick from (PICK, PICK_PAIR). */
  size: number;
  values: readonly string[];
}

function slot(how: number, values: readonly string[], size = values.length): Slot {
  for (const value of values) if (value.length === 0) throw new Error('a note slot value is empty');
  return { how, size, values };
}

const pickPair = (pairs: readonly (readonly [string, string])[]): Slot => slot(PICK_PAIR, pairs.flat(), pairs.length);

const SLOT_VALUES: Record<SlotName, Slot> = {
  subj: slot(PICK, SUBJECTS),
  obj: slot(PICK, OBJECTS),
  svc: pickPair(SERVICES),
  kw: pickPair(WORKERS),
  appt: slot(PAIR, APPOINTMENT),
  dna: slot(PAIR, DID_NOT_ATTEND),
  ua: slot(PAIR, DRUG_TEST),
  ost: slot(PAIR, OST),
  script: slot(PICK, SCRIPTS),
  mutual: slot(PICK, MUTUAL_AID),
  tx: slot(PICK, TREATMENTS),
  rel: slot(PICK, RELATIONS),
  day: slot(PICK, DAYS),
  n: slot(PICK, Array.from({ length: 12 }, (_, k) => String(2 + k))),
  drug: slot(PICK, DRUGS),
  // Digits: no case, no space, nothing shorthand rewrites.
  year: slot(YEAR, []),
  prison: slot(PICK, PRISONS),
};

/** Shorthand writers drop capitals and full stops and write & and w/: these rewrites, in order. */
const SHORTHAND_REWRITES = [
  ['. ', ' - '],
  [' and ', ' & '],
  [' with ', ' w/ '],
] as const;

function rewrite(text: string): string {
  for (const [from, to] of SHORTHAND_REWRITES) text = text.replaceAll(from, to);
  return text;
}

/** A whole note in shorthand. */
function toShorthand(text: string): string {
  const out = rewrite(text.toLowerCase());
  return out.endsWith('.') ? out.slice(0, -1) : out;
}

/** How a sentence is written: as it is, with a capital first letter, or in shorthand. */
const AS_IS = 0;
const CAPITAL = 1;
const SHORTHAND = 2;

/**
 * A template split at load into its text before the first slot, its slots, and for each slot
 * and each value the slot's value with the text up to the next slot, in each way of writing
 * it: writing a note is pushing pieces to be joined rather than a regex replace per note.
 * In shorthand the sentence's closing full stop is left off: the writer joins shorthand
 * sentences with ' - ', which is what the rewrites make of '. ' between them.
 */
interface Compiled {
  slots: readonly Slot[];
  /** The text before the first slot is a piece of its own, not in the first slot's pieces. */
  hasOpening: boolean;
  /** By way of writing: the text before the first slot (all of it when there is no slot), and its spaces. */
  opening: readonly string[];
  openingSpaces: readonly number[];
  /**
   * By way of writing, then slot, then value index: the value and the text after it; a year
   * slot has the text after it only, at index 0. With the number of spaces in each.
   */
  pieces: readonly (readonly (readonly string[])[])[];
  pieceSpaces: readonly (readonly (readonly number[])[])[];
}

interface Parsed {
  /** literals[0], slot 0, literals[1], ..., literals[slots.length]; literals may be empty. */
  literals: readonly string[];
  slots: readonly Slot[];
}

function parseTemplate(template: string): Parsed {
  const literals: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (!SLOTS.includes(match[1] as SlotName)) throw new Error(`note template has an unknown slot {${match[1]}}: ${template}`);
    literals.push(template.slice(last, match.index));
    slots.push(SLOT_VALUES[match[1] as SlotName]);
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  return { literals, slots };
}

const VOCAB_TEMPLATES = [
  ...Object.values(ENGAGEMENT).flat(), ...IMPLICIT_ENGAGEMENT, ...NON_ENGAGEMENT, ...PLAN, ...OTHER_PERSON, ...SUBSTANCE_TALK,
  ...HISTORICAL, ...ROUTINE, ...FILLER, ...Object.values(CONTACT_INTRO).flat(),
];

/**
 * Whether shorthand written piece by piece (each piece lowercased and rewritten, sentences
 * joined by ' - ', the closing full stop left off) is exactly `toShorthand` of the whole
 * note. It is when every sentence ends in a full stop, lowercasing works letter by letter
 * (ASCII), and no rewrite could match across two pieces: checked over all the pieces any
 * template can give, taken as if any could follow any. If the vocabulary ever breaks this,
 * notes are written whole and rewritten, as they always give the same text.
 */
function shorthandByPieces(): boolean {
  const parsed = VOCAB_TEMPLATES.map(parseTemplate);
  const values = Object.values(SLOT_VALUES).flatMap((s) => s.values);
  const lasts = parsed.map((p) => p.literals[p.literals.length - 1]);
  if (!lasts.every((literal) => literal.endsWith('.'))) return false;
  const all = [...parsed.flatMap((p) => p.literals), ...values];
  if (all.some((text) => /[^\x00-\x7f]/.test(text))) return false;
  // Pieces any piece may follow (the last literals without their full stop, the '. ' between
  // sentences) and the one nothing follows: the note's closing '.'.
  let pieces = [...parsed.flatMap((p) => p.literals.slice(0, -1)), ...lasts.map((l) => l.slice(0, -1)), ...values, '. ']
    .map((text) => text.toLowerCase())
    .filter((text) => text.length > 0);
  let end = '.';
  for (const [from, to] of SHORTHAND_REWRITES) {
    for (let j = 1; j < from.length; j++) {
      const head = from.slice(0, j);
      const tail = from.slice(j);
      const starts = (b: string): boolean => b.length > 0 && (b.startsWith(tail) || tail.startsWith(b));
      if (pieces.some((a) => a.endsWith(head)) && (pieces.some(starts) || starts(end))) return false;
    }
    pieces = pieces.map((text) => text.replaceAll(from, to)).filter((text) => text.length > 0);
    end = end.replaceAll(from, to);
  }
  return end === '.';
}

export const SHORTHAND_BY_PIECES = shorthandByPieces();
/** What the rewrites make of the '. ' between two sentences, and its spaces. */
const SHORTHAND_BETWEEN = rewrite('. ');
const SHORTHAND_BETWEEN_SPACES = spacesIn(SHORTHAND_BETWEEN);

function compileTemplate(template: string): Compiled {
  const { literals, slots } = parseTemplate(template);
  const last = literals.length - 1;
  // A literal in each way of writing; in shorthand the closing full stop is left off.
  const literal = (k: number, how: number): string => {
    if (how === CAPITAL) return k === 0 ? capitalise(literals[0]) : literals[k];
    if (how === SHORTHAND) return rewrite((k === last ? literals[k].slice(0, -1) : literals[k]).toLowerCase());
    return literals[k];
  };
  const value = (text: string, k: number, how: number): string => {
    if (how === CAPITAL) return k === 0 && literals[0] === '' ? capitalise(text) : text;
    if (how === SHORTHAND) return rewrite(text.toLowerCase());
    return text;
  };
  // The text before the first slot goes into that slot's pieces, one piece fewer to join,
  // unless the slot is a year (drawn as a number, not from a list).
  const merged = slots.length > 0 && slots[0].how !== YEAR;
  const opening: string[] = [];
  const pieces: string[][][] = [];
  for (const how of [AS_IS, CAPITAL, SHORTHAND]) {
    const before = (k: number): string => (k === 0 && merged ? literal(0, how) : '');
    opening.push(merged ? '' : literal(0, how));
    pieces.push(slots.map((s, k) => (s.how === YEAR ? [literal(k + 1, how)] : s.values.map((v) => before(k) + value(v, k, how) + literal(k + 1, how)))));
  }
  return {
    slots,
    hasOpening: !merged,
    opening,
    openingSpaces: opening.map(spacesIn),
    pieces,
    pieceSpaces: pieces.map((bySlot) => bySlot.map((texts) => texts.map(spacesIn))),
  };
}

const compileAll = (templates: readonly string[]): readonly Compiled[] => templates.map(compileTemplate);

const ENGAGEMENT_TEMPLATES: Record<EngagementKind, readonly Compiled[]> = {
  structured: compileAll(ENGAGEMENT.structured),
  cjit: compileAll(ENGAGEMENT.cjit),
  secure: compileAll(ENGAGEMENT.secure),
  other: compileAll(ENGAGEMENT.other),
};
const IMPLICIT_TEMPLATES = compileAll(IMPLICIT_ENGAGEMENT);
const FILLER_TEMPLATES = compileAll(FILLER);
/** Templates by index in NOTE_KINDS; the engagement kinds choose theirs by treatment. */
const KIND_TEMPLATES: readonly (readonly Compiled[])[] = NOTE_KINDS.map((kind) => {
  switch (kind) {
    case 'engagement':
    case 'claimed_engagement':
      return [];
    case 'non_engagement':
      return compileAll(NON_ENGAGEMENT);
    case 'plan':
      return compileAll(PLAN);
    case 'other_person':
      return compileAll(OTHER_PERSON);
    case 'substance_talk':
      return compileAll(SUBSTANCE_TALK);
    case 'historical':
      return compileAll(HISTORICAL);
    case 'routine':
      return compileAll(ROUTINE);
  }
});
/** Intro templates by index in CONTACT_TYPES. */
const INTRO_TEMPLATES: readonly (readonly Compiled[])[] = CONTACT_TYPES.map((type) => compileAll(CONTACT_INTRO[type]));

function templatesFor(kind: number, treatment: EngagementKind, implicit: boolean): readonly Compiled[] {
  if (kind === KIND_ENGAGEMENT || kind === KIND_CLAIMED_ENGAGEMENT) {
    return implicit && treatment !== 'secure' ? IMPLICIT_TEMPLATES : ENGAGEMENT_TEMPLATES[treatment];
  }
  return KIND_TEMPLATES[kind];
}

/**
 * Append a sentence's pieces to `out`, its slots drawn in order, written `how` (AS_IS,
 * CAPITAL or SHORTHAND). Returns the number of spaces in the pieces appended. A note is joined
 * from its pieces once: a flat string is cheaper than a tree of concatenations for
 * everything that reads it after (typos, the CSV writer).
 */
function fill(out: string[], template: Compiled, rng: Rng, abbreviate: number, noteYear: number, how: number): number {
  const { slots } = template;
  const pieces = template.pieces[how];
  const pieceSpaces = template.pieceSpaces[how];
  if (template.hasOpening) out.push(template.opening[how]);
  let spaces = template.openingSpaces[how];
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k];
    let i = 0;
    if (slot.how === YEAR) out.push(String(noteYear - 1 - rng.int(6)));
    else if (slot.how === PICK) i = rng.int(slot.size);
    else if (slot.how === PICK_PAIR) {
      i = 2 * rng.int(slot.size);
      if (rng.chance(abbreviate)) i++;
    } else if (rng.chance(abbreviate)) i = 1;
    out.push(pieces[k][i]);
    spaces += pieceSpaces[k][i];
  }
  return spaces;
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k',
  m: 'n', n: 'bm', o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc',
  y: 'tu', z: 'x',
};

/** One keyboard slip in a word: swap, drop, double or a neighbouring key. */
export function typo(word: string, rng: Rng): string {
  if (word.length < 3) return word;
  const i = 1 + rng.int(word.length - 2);
  switch (rng.int(4)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default: {
      const near = KEYBOARD_NEIGHBOURS[word[i].toLowerCase()];
      return near ? word.slice(0, i) + near[rng.int(near.length)] + word.slice(i + 1) : word;
    }
  }
}

/** The typo rate `addTypos` saw last, and its log chance of no typo in a word. */
let cachedRate = NaN;
let cachedLogKeep = NaN;

/**
 * Typos by geometric skips between affected words, words being what split(' ') gives:
 * `spaces` is the note's count of spaces, or -1 to count them here. Most notes have no typo
 * and are returned as they are; a word with a typo is replaced in place.
 */
function addTypos(text: string, spaces: number, rate: number, rng: Rng): string {
  if (rate <= 0) return text;
  if (rate !== cachedRate) {
    cachedRate = rate;
    cachedLogKeep = Math.log(1 - Math.min(rate, 0.999999));
  }
  const logKeep = cachedLogKeep;
  let at = Math.floor(Math.log(1 - rng.next()) / logKeep);
  // A rate below about 1e-16 leaves 1 - rate at 1 and its log at 0: a typo once in more words
  // than any run writes, so none (the skip would be -Infinity, and the loop below endless).
  if (logKeep === 0) return text;
  // A note has fewer words than half its characters: a first typo beyond that is none.
  if (at >= text.length / 2) return text;
  const wordCount = (spaces < 0 ? spacesIn(text) : spaces) + 1;
  if (at >= wordCount) return text;
  let word = 0; // `start` is where word number `word` starts
  let start = 0;
  for (; at < wordCount; at += 1 + Math.floor(Math.log(1 - rng.next()) / logKeep)) {
    for (; word < at; word++) start = text.indexOf(' ', start) + 1;
    let end = text.indexOf(' ', start);
    if (end < 0) end = text.length;
    const original = text.slice(start, end);
    const slipped = typo(original, rng);
    if (slipped !== original) text = [text.slice(0, start), slipped, text.slice(end)].join('');
  }
  return text;
}

/**
 * One note's text. `kind`, `second` (-1 for none), `style` and `contactType` are indices in
 * NOTE_KINDS, PRACTITIONER_STYLES and CONTACT_TYPES: the generator's hot path, drawing exactly
 * what `writeNote` does.
 */
export function noteText(
  kind: number,
  style: number,
  contactType: number,
  treatment: EngagementKind,
  implicit: boolean,
  second: number,
  noteYear: number,
  rng: Rng,
  typoRate: number,
  abbreviationRate: number,
): string {
  const shape = STYLES[style];
  const abbreviate = Math.min(1, abbreviationRate * shape.abbreviate);
  const shorthand = style === STYLE_SHORTHAND;
  const byPieces = shorthand && SHORTHAND_BY_PIECES;
  const plain = byPieces ? SHORTHAND : AS_IS;
  const capital = byPieces ? SHORTHAND : CAPITAL;
  const between = byPieces ? SHORTHAND_BETWEEN : ' ';
  // The pieces of the first sentence, and of the others with `between` them.
  const head: string[] = [];
  const tail: string[] = [];
  let sentences = 1;
  let spaces = 0;
  if (kind !== KIND_ROUTINE && rng.chance(shape.intro)) {
    spaces += fill(head, rng.pick(INTRO_TEMPLATES[contactType]), rng, abbreviate, noteYear, plain);
    spaces += fill(tail, rng.pick(templatesFor(kind, treatment, implicit)), rng, abbreviate, noteYear, capital);
    sentences++;
  } else {
    spaces += fill(head, rng.pick(templatesFor(kind, treatment, implicit)), rng, abbreviate, noteYear, capital);
  }
  if (second >= 0) {
    if (sentences > 1) tail.push(between);
    spaces += fill(tail, rng.pick(templatesFor(second, treatment, implicit)), rng, abbreviate, noteYear, capital);
    sentences++;
  }
  const fillers = shape.fillers === 0 ? 0 : rng.int(shape.fillers + 1);
  for (let f = 0; f < fillers; f++) {
    if (sentences > 1) tail.push(between);
    spaces += fill(tail, rng.pick(FILLER_TEMPLATES), rng, abbreviate, noteYear, capital);
    sentences++;
  }
  spaces += (sentences - 1) * (byPieces ? SHORTHAND_BETWEEN_SPACES : 1);
  // Fillers go before or after the statement, as a practitioner writes in the order things came up.
  let pieces = head;
  if (sentences > 1) {
    if (rng.chance(0.3)) {
      pieces = tail;
      tail.push(between);
      for (let i = 0; i < head.length; i++) tail.push(head[i]);
    } else {
      head.push(between);
      for (let i = 0; i < tail.length; i++) head.push(tail[i]);
    }
  }
  let text: string;
  if (shorthand && !byPieces) {
    text = toShorthand(pieces.join(''));
    spaces = -1;
  } else if (style === STYLE_TERSE && rng.chance(0.5)) {
    // The closing full stop dropped: from the last piece when it ends the note with one.
    const last = pieces[pieces.length - 1];
    if (last.length > 0 && last.charCodeAt(last.length - 1) === 46) {
      pieces[pieces.length - 1] = last.slice(0, -1);
      text = pieces.join('');
    } else {
      text = pieces.join('');
      if (last.length === 0 && text.charCodeAt(text.length - 1) === 46) text = text.slice(0, -1);
    }
  } else {
    text = pieces.join('');
  }
  return addTypos(text, spaces, typoRate, rng);
}

/** One note's text from its spec: `noteText` with names rather than indices. */
export function writeNote(spec: NoteSpec, rng: Rng, knobs: WriterKnobs): string {
  return noteText(
    NOTE_KINDS.indexOf(spec.kind),
    PRACTITIONER_STYLES.indexOf(spec.style),
    CONTACT_TYPES.indexOf(spec.contactType),
    spec.treatment,
    spec.implicit,
    spec.second === null ? -1 : NOTE_KINDS.indexOf(spec.second),
    spec.noteYear,
    rng,
    knobs.typoRate,
    knobs.abbreviationRate,
  );
}
