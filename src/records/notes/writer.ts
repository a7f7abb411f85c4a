/**
 * Note TEXT from a note spec. The wording of each kind is drawn from vocab.ts; the
 * practitioner's style decides length, abbreviation and punctuation, and typos land on any
 * word, cue words included: that is one way a real classifier's negation cues fail.
 */
import type { Rng } from '../../random/stream.ts';
import type { ContactType, PractitionerStyle } from './config.ts';
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

/**
 * A template split at load into literal text and slot numbers, so writing a note is string
 * concatenation rather than a regex replace per note (a scale 1 run writes millions).
 */
type Compiled = readonly (string | number)[];

const SLOTS = ['subj', 'obj', 'svc', 'kw', 'appt', 'dna', 'ua', 'ost', 'script', 'mutual', 'tx', 'rel', 'day', 'n', 'drug', 'year', 'prison'] as const;

function compileTemplate(template: string): Compiled {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const slot = SLOTS.indexOf(match[1] as (typeof SLOTS)[number]);
    if (slot < 0) throw new Error(`note template has an unknown slot {${match[1]}}: ${template}`);
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(slot);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

const compileAll = (templates: readonly string[]): readonly Compiled[] => templates.map(compileTemplate);

const TEMPLATES = {
  engagement: {
    structured: compileAll(ENGAGEMENT.structured),
    cjit: compileAll(ENGAGEMENT.cjit),
    secure: compileAll(ENGAGEMENT.secure),
    other: compileAll(ENGAGEMENT.other),
  },
  implicit: compileAll(IMPLICIT_ENGAGEMENT),
  non_engagement: compileAll(NON_ENGAGEMENT),
  plan: compileAll(PLAN),
  other_person: compileAll(OTHER_PERSON),
  substance_talk: compileAll(SUBSTANCE_TALK),
  historical: compileAll(HISTORICAL),
  routine: compileAll(ROUTINE),
  filler: compileAll(FILLER),
  intro: Object.fromEntries(Object.entries(CONTACT_INTRO).map(([k, v]) => [k, compileAll(v)])) as Record<string, readonly Compiled[]>,
};

function templatesFor(kind: NoteKind, spec: NoteSpec): readonly Compiled[] {
  switch (kind) {
    case 'engagement':
    case 'claimed_engagement':
      return spec.implicit && spec.treatment !== 'secure' ? TEMPLATES.implicit : TEMPLATES.engagement[spec.treatment];
    default:
      return TEMPLATES[kind];
  }
}

function pair(rng: Rng, forms: readonly [string, string], abbreviate: number): string {
  return rng.chance(abbreviate) ? forms[1] : forms[0];
}

function slotText(slot: number, spec: NoteSpec, rng: Rng, abbreviate: number): string {
  switch (SLOTS[slot]) {
    case 'subj':
      return rng.pick(SUBJECTS);
    case 'obj':
      return rng.pick(OBJECTS);
    case 'svc':
      return pair(rng, rng.pick(SERVICES), abbreviate);
    case 'kw':
      return pair(rng, rng.pick(WORKERS), abbreviate);
    case 'appt':
      return pair(rng, APPOINTMENT, abbreviate);
    case 'dna':
      return pair(rng, DID_NOT_ATTEND, abbreviate);
    case 'ua':
      return pair(rng, DRUG_TEST, abbreviate);
    case 'ost':
      return pair(rng, OST, abbreviate);
    case 'script':
      return rng.pick(SCRIPTS);
    case 'mutual':
      return rng.pick(MUTUAL_AID);
    case 'tx':
      return rng.pick(TREATMENTS);
    case 'rel':
      return rng.pick(RELATIONS);
    case 'day':
      return rng.pick(DAYS);
    case 'n':
      return String(2 + rng.int(12));
    case 'drug':
      return rng.pick(DRUGS);
    case 'year':
      return String(spec.noteYear - 1 - rng.int(6));
    case 'prison':
      return rng.pick(PRISONS);
    default:
      throw new Error(`unknown slot ${slot}`);
  }
}

function fill(template: Compiled, spec: NoteSpec, rng: Rng, abbreviate: number): string {
  let out = '';
  for (const part of template) out += typeof part === 'string' ? part : slotText(part, spec, rng, abbreviate);
  return out;
}

function capitalise(sentence: string): string {
  return sentence.length === 0 ? sentence : sentence[0].toUpperCase() + sentence.slice(1);
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

/**
 * Typos by geometric skips between affected words: most notes have none, and those are
 * returned without splitting them into words.
 */
function addTypos(text: string, rate: number, rng: Rng): string {
  if (rate <= 0) return text;
  const logKeep = Math.log(1 - Math.min(rate, 0.999999));
  let at = Math.floor(Math.log(1 - rng.next()) / logKeep);
  // A note has fewer words than half its characters: no split is needed if the first typo falls beyond.
  if (at >= text.length / 2) return text;
  const words = text.split(' ');
  if (at >= words.length) return text;
  for (; at < words.length; at += 1 + Math.floor(Math.log(1 - rng.next()) / logKeep)) words[at] = typo(words[at], rng);
  return words.join(' ');
}

/** Shorthand writers drop capitals and full stops and write & and w/. */
function toShorthand(text: string): string {
  return text.toLowerCase().replace(/\. /g, ' - ').replace(/ and /g, ' & ').replace(/ with /g, ' w/ ').replace(/\.$/, '');
}

export function writeNote(spec: NoteSpec, rng: Rng, knobs: WriterKnobs): string {
  const style = STYLE[spec.style];
  const abbreviate = Math.min(1, knobs.abbreviationRate * style.abbreviate);
  const parts: string[] = [];
  if (spec.kind !== 'routine' && rng.chance(style.intro)) {
    parts.push(fill(rng.pick(TEMPLATES.intro[spec.contactType]), spec, rng, abbreviate));
  }
  parts.push(capitalise(fill(rng.pick(templatesFor(spec.kind, spec)), spec, rng, abbreviate)));
  if (spec.second !== null) parts.push(capitalise(fill(rng.pick(templatesFor(spec.second, spec)), spec, rng, abbreviate)));
  const fillers = style.fillers === 0 ? 0 : rng.int(style.fillers + 1);
  for (let f = 0; f < fillers; f++) parts.push(capitalise(fill(rng.pick(TEMPLATES.filler), spec, rng, abbreviate)));
  // Fillers go before or after the statement, as a practitioner writes in the order things came up.
  if (parts.length > 1 && rng.chance(0.3)) parts.push(parts.shift() as string);
  let text = parts.join(' ');
  if (spec.style === 'shorthand') text = toShorthand(text);
  else if (spec.style === 'terse' && rng.chance(0.5)) text = text.replace(/\.$/, '');
  return addTypos(text, knobs.typoRate, rng);
}
