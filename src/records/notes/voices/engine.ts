/**
 * Writes a note in one of the voices: the template for its case drawn, each slot filled from
 * the treatment vocabulary, short forms by the voice's habit, variant spellings at the
 * scenario's spelling noise, keyboard typos at its typo rate. Templates are parsed once at
 * load; a note is one pass over its parts.
 */
import type { Rng } from '../../../random/stream.ts';
import {
  INTERVENTIONS, MUTUAL_AID, PROVIDERS, TESTS_AND_REVIEWS, TREATMENT_WORKERS, type Term,
} from '../../../study/treatment-vocabulary.ts';
import type { EngagementKind } from '../subject.ts';
import { typo } from '../writer.ts';
import { CASEWORK } from './casework.ts';
import { NARRATIVE } from './narrative.ts';
import { OFFICER } from './officer.ts';
import { VOICE_CASES, type HardCase, type Voice, type VoiceCase } from './types.ts';

export const VOICES: readonly Voice[] = [OFFICER, NARRATIVE, CASEWORK];
export const VOICE_NAMES = VOICES.map((v) => v.name);

const byName = (names: readonly string[], terms: readonly Term[]): Term[] =>
  names.map((n) => {
    const term = terms.find((t) => t.name === n);
    if (!term) throw new Error(`treatment vocabulary has no term "${n}"`);
    return term;
  });

const COMMUNITY = PROVIDERS.filter((t) => t.name !== 'CJIT');
const CJIT = PROVIDERS.filter((t) => t.name === 'CJIT');
const SESSIONS = byName(['keywork', 'one-to-one session', 'group session', 'psychosocial intervention', 'counselling', 'alcohol brief intervention'], INTERVENTIONS);
const SCRIPTS = byName(['methadone', 'buprenorphine', 'opioid substitution treatment'], INTERVENTIONS);
const RESIDENTIAL = byName(['community detox', 'inpatient detox', 'residential rehab'], INTERVENTIONS);
const HARM = byName(['naloxone', 'harm reduction', 'needle exchange', 'blood-borne virus testing'], INTERVENTIONS);
const TESTS = byName(['drug test', 'breathalyser'], TESTS_AND_REVIEWS);
const plain = (words: readonly string[]): Term[] => words.map((name) => ({ name, variants: [] }));
const RELATIONS = plain(['partner', 'wife', 'husband', 'girlfriend', 'boyfriend', 'mum', 'dad', 'brother', 'sister', 'son', 'daughter', 'friend', 'cousin', 'ex-partner']);
const DRUGS = plain(['heroin', 'crack', 'cocaine', 'cannabis', 'spice', 'alcohol', 'benzos', 'ketamine']);
const DAYS = plain(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'last week', 'yesterday']);
const PRISONS = ['Leeds', 'Durham', 'Bristol', 'Pentonville', 'Altcourse', 'Nottingham', 'Lewes', 'Winchester'];
/** A secure-setting engagement names the prison team. */
const SECURE = PRISONS.flatMap((p) => [
  { name: `the substance misuse team at HMP ${p}`, variants: [`HMP ${p} drug team`] },
  { name: `Forward Trust at HMP ${p}`, variants: [`Forward Trust on the wing (HMP ${p})`] },
]);

const SLOT_NAMES = ['pop', 'svc', 'provider', 'mutual', 'session', 'script', 'residential', 'harm', 'test', 'worker', 'rel', 'drug', 'day', 'date', 'year', 'n', 'prison'] as const;
type SlotName = (typeof SLOT_NAMES)[number];

/** A template as parts: literal text, or a slot index into SLOT_NAMES. */
type Parts = readonly (string | number)[];

function parse(template: string, voice: string): Parts {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const slot = SLOT_NAMES.indexOf(match[1] as SlotName);
    if (slot < 0) throw new Error(`${voice} voice template has an unknown slot {${match[1]}}: ${template}`);
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(slot);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

interface CompiledVoice {
  voice: Voice;
  cases: Readonly<Record<VoiceCase, readonly Parts[]>>;
  /** Misspellings as one pattern over the act words, for the spelling hard case. */
  actWords: RegExp;
}

function compileVoice(voice: Voice): CompiledVoice {
  const cases = {} as Record<VoiceCase, Parts[]>;
  for (const c of VOICE_CASES) {
    const templates = voice.templates[c];
    if (templates.length === 0) throw new Error(`${voice.name} voice has no template for ${c}`);
    cases[c] = templates.map((t) => parse(t, voice.name));
  }
  const words = Object.keys(voice.style.misspellings);
  return { voice, cases, actWords: new RegExp(`\\b(?:${words.join('|')})\\b`, 'i') };
}

const COMPILED: readonly CompiledVoice[] = VOICES.map(compileVoice);

export interface VoiceKnobs {
  spellingNoise: number;
  typoRate: number;
}

/** What the note is about, for the slots that depend on it. */
export interface VoiceContext {
  treatment: EngagementKind;
  noteYear: number;
  /** Write every term in a variant form and misspell one act word: the spelling hard case. */
  misspell: boolean;
}

function form(term: Term, rng: Rng, abbreviate: number, noise: number): string {
  const n = term.variants.length;
  if (n === 0) return term.name;
  if (rng.chance(noise)) return term.variants[rng.int(n)];
  return rng.chance(abbreviate) ? term.variants[0] : term.name;
}

/** Slots that draw a term of the treatment vocabulary and write it in the voice's form. */
const VOCABULARY_SLOTS = { provider: COMMUNITY, mutual: MUTUAL_AID, session: SESSIONS, script: SCRIPTS, residential: RESIDENTIAL, harm: HARM, test: TESTS, worker: TREATMENT_WORKERS } as const;

function slotValue(slot: number, voice: Voice, context: VoiceContext, rng: Rng, noise: number): string {
  const { abbreviate } = voice.style;
  switch (SLOT_NAMES[slot]) {
    case 'pop':
      return rng.pick(voice.style.people);
    case 'svc': {
      const list = context.treatment === 'cjit' ? CJIT : context.treatment === 'secure' ? SECURE : COMMUNITY;
      return form(rng.pick(list), rng, abbreviate, noise);
    }
    case 'provider':
    case 'mutual':
    case 'session':
    case 'script':
    case 'residential':
    case 'harm':
    case 'test':
    case 'worker':
      return form(rng.pick(VOCABULARY_SLOTS[SLOT_NAMES[slot] as keyof typeof VOCABULARY_SLOTS]), rng, abbreviate, noise);
    case 'rel':
      return rng.pick(RELATIONS).name;
    case 'drug':
      return rng.pick(DRUGS).name;
    case 'day':
      return rng.pick(DAYS).name;
    case 'date':
      return `${1 + rng.int(28)}/${1 + rng.int(12)}`;
    case 'year':
      return String(context.noteYear - 1 - rng.int(6));
    case 'n':
      return String(2 + rng.int(12));
    case 'prison':
      return rng.pick(PRISONS);
    default:
      throw new Error(`unknown voice slot ${slot}`);
  }
}

function fill(parts: Parts, compiled: CompiledVoice, context: VoiceContext, rng: Rng, noise: number): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : slotValue(part, compiled.voice, context, rng, noise);
  return out;
}

/** Between two sentences of a voice. */
const JOINER: Readonly<Record<string, string>> = { officer: ' - ', narrative: ' ', casework: ' | ' };

/** Keyboard typos, each word independently at `rate`. */
function typos(text: string, rate: number, rng: Rng): string {
  // Below about 1e-16, 1 - rate is 1: no typo in any run's worth of words.
  if (!(rate > 1e-15)) return text;
  // Words to the next typo: geometric at `rate` per word, so a note with none costs one draw.
  const logKeep = Math.log(1 - Math.min(rate, 0.999999));
  const skip = (): number => Math.floor(Math.log(1 - rng.next()) / logKeep);
  let at = skip();
  // A note has fewer words than half its characters plus one.
  if (at > text.length / 2) return text;
  const words = text.split(' ');
  if (at >= words.length) return text;
  for (; at < words.length; at += 1 + skip()) words[at] = typo(words[at], rng);
  return words.join(' ');
}

/**
 * One note in voice `voiceIndex` (index in VOICES): a sentence of `main`, then one of
 * `second` if given, written at the knobs' noise.
 */
export function voiceNote(voiceIndex: number, main: VoiceCase, second: VoiceCase | null, context: VoiceContext, rng: Rng, knobs: VoiceKnobs): string {
  const compiled = COMPILED[voiceIndex];
  const noise = context.misspell ? 1 : knobs.spellingNoise;
  let text = fill(rng.pick(compiled.cases[main]), compiled, context, rng, noise);
  if (context.misspell) {
    const { misspellings } = compiled.voice.style;
    text = text.replace(compiled.actWords, (word) => {
      const options = misspellings[word.toLowerCase()] ?? [word];
      return options[rng.int(options.length)];
    });
  }
  if (second !== null) text += JOINER[compiled.voice.name] + fill(rng.pick(compiled.cases[second]), compiled, context, rng, knobs.spellingNoise);
  // Sentences begin with a capital when the voice writes them so, whatever the slot put there.
  if (compiled.voice.style.capitalise) {
    text = text[0].toUpperCase() + text.slice(1);
    // A sentence's end and the lower-case letter after it; the literal is a new object on each
    // call, so no match position is carried from one note to the next.
    text = text.replace(/[.!?] [a-z]/g, (m) => m.toUpperCase());
  }
  return typos(text, knobs.typoRate, rng);
}

/** The hard-case type of a note written as `voiceCase` (the spelling case is recorded apart). */
export function hardCaseOf(voiceCase: VoiceCase): HardCase {
  switch (voiceCase) {
    case 'engaged':
    case 'engaged_mutual':
    case 'substance':
    case 'routine':
      return 'none';
    default:
      return voiceCase;
  }
}
