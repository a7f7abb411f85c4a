/**
 * The note writer against the writer it replaced, as an oracle.
 *
 * src/records/notes/writer.ts was rewritten for speed (ee776fd): templates precompiled into
 * pieces in three ways of writing, shorthand notes built piece by piece when
 * SHORTHAND_BY_PIECES says that is the same as rewriting the whole note, typos placed by
 * counted spaces. It must give exactly the text of the plain writer for the same draws, and
 * consume exactly the same draws, or every generated run changes. The plain writer is easy to
 * read and check by eye, so it is kept here as the reference.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Rng } from '../../src/random/stream.ts';
import { stream } from '../../src/random/stream.ts';
import { CONTACT_TYPES, PRACTITIONER_STYLES, type PractitionerStyle } from '../../src/scenario/notes.ts';
import type { EngagementKind } from '../../src/records/notes/subject.ts';
import {
  APPOINTMENT, CONTACT_INTRO, DAYS, DID_NOT_ATTEND, DRUG_TEST, DRUGS, ENGAGEMENT, FILLER, HISTORICAL,
  IMPLICIT_ENGAGEMENT, MUTUAL_AID, NON_ENGAGEMENT, OBJECTS, OST, OTHER_PERSON, PLAN, PRISONS, RELATIONS, ROUTINE,
  SCRIPTS, SERVICES, SUBJECTS, SUBSTANCE_TALK, TREATMENTS, WORKERS,
} from '../../src/records/notes/vocab.ts';
import {
  NOTE_KINDS, SHORTHAND_BY_PIECES, writeNote, type NoteKind, type NoteSpec, type WriterKnobs,
} from '../../src/records/notes/writer.ts';

// ---------------------------------------------------------------------------------------------
// Reference: writeNote as it was before the rewrite (33da0a7:src/records/notes/writer.ts),
// trimmed to what writeNote uses (comments and the unused exports dropped), code unchanged.
// It is kept as the oracle because it says plainly what the text and the order of draws are:
// whole sentences filled slot by slot, capitalised, joined, rewritten as shorthand by regex,
// typos placed by splitting on spaces. Do not optimise or share code with src/: an oracle that
// uses the code under test checks nothing.
// ---------------------------------------------------------------------------------------------
namespace reference {
  const STYLE = {
    terse: { abbreviate: 1.6, fillers: 0, intro: 0.1 },
    standard: { abbreviate: 1, fillers: 1, intro: 0.4 },
    detailed: { abbreviate: 0.5, fillers: 2, intro: 0.8 },
    shorthand: { abbreviate: 2.5, fillers: 1, intro: 0.3 },
  } as const satisfies Record<PractitionerStyle, { abbreviate: number; fillers: number; intro: number }>;

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

  function typo(word: string, rng: Rng): string {
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
    const logKeep = Math.log(1 - Math.min(rate, 0.999999));
    let at = Math.floor(Math.log(1 - rng.next()) / logKeep);
    if (at >= text.length / 2) return text;
    const words = text.split(' ');
    if (at >= words.length) return text;
    for (; at < words.length; at += 1 + Math.floor(Math.log(1 - rng.next()) / logKeep)) words[at] = typo(words[at], rng);
    return words.join(' ');
  }

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
    if (parts.length > 1 && rng.chance(0.3)) parts.push(parts.shift() as string);
    let text = parts.join(' ');
    if (spec.style === 'shorthand') text = toShorthand(text);
    else if (spec.style === 'terse' && rng.chance(0.5)) text = text.replace(/\.$/, '');
    return addTypos(text, knobs.typoRate, rng);
  }
}
// ------------------------------------------------------------------------------ end of reference

const TREATMENT_KINDS = ['structured', 'cjit', 'secure', 'other'] as const satisfies readonly EngagementKind[];

const specArb: fc.Arbitrary<NoteSpec> = fc.record({
  kind: fc.constantFrom(...NOTE_KINDS),
  style: fc.constantFrom(...PRACTITIONER_STYLES),
  contactType: fc.constantFrom(...CONTACT_TYPES),
  treatment: fc.constantFrom(...TREATMENT_KINDS),
  implicit: fc.boolean(),
  second: fc.option(fc.constantFrom(...NOTE_KINDS), { nil: null, freq: 2 }),
  noteYear: fc.integer({ min: 2015, max: 2024 }),
});

// The rates the generator uses and its edges, and any rate in [1e-6, 1] (which also changes
// the rate from one note to the next, as the current addTypos caches its log by rate). Not
// below: a typo rate under about 1e-16 makes 1 - rate === 1 and a zero log, and both writers
// then loop for ever.
const rateArb = (fixed: number[]): fc.Arbitrary<number> =>
  fc.oneof({ arbitrary: fc.constantFrom(...fixed), weight: 3 }, { arbitrary: fc.double({ min: 1e-6, max: 1, noNaN: true }), weight: 1 });
const knobsArb: fc.Arbitrary<WriterKnobs> = fc.record({
  typoRate: rateArb([0, 0.002, 0.05, 0.3, 1]),
  abbreviationRate: rateArb([0, 0.3, 1]),
});

/** Two generators at the same point of the same stream: one for each writer. */
function twin(seed: number, index: number): [Rng, Rng] {
  const s = stream(seed, 'notes.writer-reference');
  return [s.at(index), s.at(index)];
}

/** Both writers on one spec from twin generators, and one more draw from each after. */
function compare(spec: NoteSpec, knobs: WriterKnobs, seed: number, index: number): { text: string; expected: string; nextA: number; nextB: number } {
  const [a, b] = twin(seed, index);
  const text = writeNote(spec, a, knobs);
  const expected = reference.writeNote(spec, b, knobs);
  return { text, expected, nextA: a.next(), nextB: b.next() };
}

describe('note writer against the writer before the rewrite', () => {
  it('the current vocabulary writes shorthand piece by piece (the fast path is the one tested)', () => {
    expect(SHORTHAND_BY_PIECES).toBe(true);
  });

  it('gives the same text and consumes the same draws for any spec, seed and knobs', () => {
    // What the runs reached, so a narrowed arbitrary cannot quietly stop testing a path.
    const seen = new Set<string>();
    let typoed = 0;
    let terseWithoutStop = 0;
    fc.assert(
      fc.property(specArb, knobsArb, fc.integer({ min: 0, max: 0xffffffff }), fc.nat(), (spec, knobs, seed, index) => {
        const { text, expected, nextA, nextB } = compare(spec, knobs, seed, index);
        expect(text).toBe(expected);
        expect(nextA).toBe(nextB);
        seen.add(`${spec.style}|typos ${knobs.typoRate > 0}|abbreviations ${knobs.abbreviationRate > 0}|second ${spec.second !== null}`);
        // Typos landed: the same draws without typos give other text.
        if (knobs.typoRate > 0 && compare(spec, { ...knobs, typoRate: 0 }, seed, index).text !== text) typoed++;
        if (spec.style === 'terse' && !text.endsWith('.')) terseWithoutStop++;
      }),
      { numRuns: 20_000 },
    );
    expect(seen.size).toBe(PRACTITIONER_STYLES.length * 2 * 2 * 2);
    expect(typoed).toBeGreaterThan(100);
    expect(terseWithoutStop).toBeGreaterThan(20);
  });

  it('agrees on every combination of kind, second kind, style, contact type, treatment and implicit', () => {
    const rates: WriterKnobs[] = [
      { typoRate: 0, abbreviationRate: 0 },
      { typoRate: 0.05, abbreviationRate: 0.3 },
      { typoRate: 0.3, abbreviationRate: 1 },
      { typoRate: 1, abbreviationRate: 0.3 },
    ];
    let index = 0;
    const mismatches: string[] = [];
    for (const kind of NOTE_KINDS) {
      for (const second of [null, ...NOTE_KINDS]) {
        for (const style of PRACTITIONER_STYLES) {
          for (const contactType of CONTACT_TYPES) {
            for (const treatment of TREATMENT_KINDS) {
              for (const implicit of [false, true]) {
                const spec: NoteSpec = { kind, style, contactType, treatment, implicit, second, noteYear: 2015 + (index % 10) };
                const knobs = rates[index % rates.length];
                const { text, expected, nextA, nextB } = compare(spec, knobs, 20240601, index++);
                if (text !== expected || nextA !== nextB) mismatches.push(`${JSON.stringify({ spec, knobs })}\n  got:  ${text}\n  want: ${expected}`);
              }
            }
          }
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe('note writer', () => {
  it('ends, with no typo, at a typo rate too small to change 1 - rate (both writers used to loop for ever)', () => {
    for (const typoRate of [1e-17, 1e-20, Number.MIN_VALUE]) {
      for (let index = 0; index < 200; index++) {
        const spec: NoteSpec = { kind: NOTE_KINDS[index % NOTE_KINDS.length], style: PRACTITIONER_STYLES[index % PRACTITIONER_STYLES.length], contactType: CONTACT_TYPES[index % CONTACT_TYPES.length], treatment: 'structured', implicit: false, second: null, noteYear: 2020 };
        const text = writeNote(spec, stream(7, 'notes.tiny-typo-rate').at(index), { typoRate, abbreviationRate: 0.3 });
        expect(text).toBe(writeNote(spec, stream(7, 'notes.tiny-typo-rate').at(index), { typoRate: 0, abbreviationRate: 0.3 }));
      }
    }
  });
});
