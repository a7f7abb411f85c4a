/**
 * Note TEXT from a note spec. The wording of each kind is drawn from vocab.ts; the
 * practitioner's style decides length, abbreviation and punctuation, and typos land on any
 * word, cue words included: that is one way a real classifier's negation cues fail.
 */
import type { Rng } from '../../random/stream.ts';
import type { ContactType, PractitionerStyle } from './config.ts';
import type { EngagementKind } from './subject.ts';
import * as vocab from './vocab.ts';

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
  /** Year used by historical wording (a year before the note's). */
  pastYear: number;
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

function templatesFor(kind: NoteKind, spec: NoteSpec): readonly string[] {
  switch (kind) {
    case 'engagement':
    case 'claimed_engagement':
      return spec.implicit && spec.treatment !== 'secure' ? vocab.IMPLICIT_ENGAGEMENT : vocab.ENGAGEMENT[spec.treatment];
    case 'non_engagement':
      return vocab.NON_ENGAGEMENT;
    case 'plan':
      return vocab.PLAN;
    case 'other_person':
      return vocab.OTHER_PERSON;
    case 'substance_talk':
      return vocab.SUBSTANCE_TALK;
    case 'historical':
      return vocab.HISTORICAL;
    case 'routine':
      return vocab.ROUTINE;
  }
}

function pair(rng: Rng, forms: readonly [string, string], abbreviate: number): string {
  return rng.chance(abbreviate) ? forms[1] : forms[0];
}

const SLOT = /\{(\w+)\}/g;

function fill(template: string, spec: NoteSpec, rng: Rng, abbreviate: number): string {
  return template.replace(SLOT, (_match, slot: string) => {
    switch (slot) {
      case 'subj':
        return rng.pick(vocab.SUBJECTS);
      case 'obj':
        return rng.pick(vocab.OBJECTS);
      case 'svc':
        return pair(rng, rng.pick(vocab.SERVICES), abbreviate);
      case 'kw':
        return pair(rng, rng.pick(vocab.WORKERS), abbreviate);
      case 'appt':
        return pair(rng, vocab.APPOINTMENT, abbreviate);
      case 'dna':
        return pair(rng, vocab.DID_NOT_ATTEND, abbreviate);
      case 'ua':
        return pair(rng, vocab.DRUG_TEST, abbreviate);
      case 'ost':
        return pair(rng, vocab.OST, abbreviate);
      case 'script':
        return rng.pick(vocab.SCRIPTS);
      case 'mutual':
        return rng.pick(vocab.MUTUAL_AID);
      case 'tx':
        return rng.pick(vocab.TREATMENTS);
      case 'rel':
        return rng.pick(vocab.RELATIONS);
      case 'day':
        return rng.pick(vocab.DAYS);
      case 'n':
        return String(2 + rng.int(12));
      case 'drug':
        return rng.pick(vocab.DRUGS);
      case 'year':
        return String(spec.pastYear);
      case 'prison':
        return rng.pick(vocab.PRISONS);
      default:
        throw new Error(`note template has an unknown slot {${slot}}`);
    }
  });
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

function addTypos(text: string, rate: number, rng: Rng): string {
  if (rate <= 0) return text;
  const words = text.split(' ');
  let changed = false;
  for (let w = 0; w < words.length; w++) {
    if (rng.chance(rate)) {
      words[w] = typo(words[w], rng);
      changed = true;
    }
  }
  return changed ? words.join(' ') : text;
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
    parts.push(fill(rng.pick(vocab.CONTACT_INTRO[spec.contactType]), spec, rng, abbreviate));
  }
  parts.push(capitalise(fill(rng.pick(templatesFor(spec.kind, spec)), spec, rng, abbreviate)));
  if (spec.second !== null) parts.push(capitalise(fill(rng.pick(templatesFor(spec.second, spec)), spec, rng, abbreviate)));
  const fillers = style.fillers === 0 ? 0 : rng.int(style.fillers + 1);
  for (let f = 0; f < fillers; f++) parts.push(capitalise(fill(rng.pick(vocab.FILLER), spec, rng, abbreviate)));
  // Fillers go before or after the statement, as a practitioner writes in the order things came up.
  if (parts.length > 1 && rng.chance(0.3)) parts.push(parts.shift() as string);
  let text = parts.join(' ');
  if (spec.style === 'shorthand') text = toShorthand(text);
  else if (spec.style === 'terse' && rng.chance(0.5)) text = text.replace(/\.$/, '');
  return addTypos(text, knobs.typoRate, rng);
}
