import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rulesClassifier } from '../../src/methods/notes/classifiers/rules.ts';

const classifier = rulesClassifier();
const label = (text: string): string => classifier.classify([{ noteId: 'n', text }])[0].label;

const people = ['PoP', 'Mr X', 'S/U', 'He', 'She', 'The PoP'];
const services = ['CGL', 'Change Grow Live', 'We Are With You', 'Turning Point', 'Humankind', 'Forward Trust', 'Inclusion', 'CJIT'];
const person = fc.constantFrom(...people);
const service = fc.constantFrom(...services);

describe('rules classifier: context cues', () => {
  it('an explicit engagement statement with no cue is engaged', () => {
    fc.assert(fc.property(person, service, (p, s) => label(`${p} attended ${s} today and was seen by keyworker.`) === 'engaged'));
    expect(label('Remains on methadone script with CGL, collecting daily from the chemist.')).toBe('engaged');
    expect(label('Attending AA meetings regularly.')).toBe('engaged');
    expect(label('CGL - methadone 60ml, compliant.')).toBe('engaged');
  });

  it('the same statement under a negation cue is not engaged', () => {
    const negations = ['did not attend', 'failed to attend', 'refused to attend', 'has not attended', "DNA'd"];
    fc.assert(
      fc.property(person, service, fc.constantFrom(...negations), (p, s, n) => label(`${p} ${n} ${s} today.`) === 'not_engaged'),
    );
    expect(label('No engagement with CGL this month.')).toBe('not_engaged');
    expect(label("He hasn't been to Turning Point for three weeks.")).toBe('not_engaged');
  });

  it('plans and intentions are not engagement', () => {
    const plans = ['will attend', 'is going to attend', 'agreed to attend', 'intends to attend', 'is interested in attending'];
    fc.assert(fc.property(person, service, fc.constantFrom(...plans), (p, s, c) => label(`${p} ${c} ${s} next week.`) === 'not_engaged'));
    expect(label('Referral made to CGL for assessment.')).toBe('not_engaged');
    expect(label('PoP is on the waiting list for detox.')).toBe('not_engaged');
  });

  it("someone else's treatment is not the person's engagement", () => {
    const relations = ['partner', 'wife', 'brother', 'mum', 'friend'];
    fc.assert(fc.property(person, fc.constantFrom(...relations), (p, r) => label(`${p} reports ${r} attends AA and is doing well.`) === 'not_engaged'));
    // ... but attending WITH someone is still the person's own engagement.
    expect(label('PoP attended CGL with partner for key work and engaged well.')).toBe('engaged');
  });

  it('historical treatment is not current engagement', () => {
    expect(label('PoP was on a methadone script last year but came off it.')).toBe('not_engaged');
    expect(label('He previously attended CGL in 2016.')).toBe('not_engaged');
    expect(label('She used to attend AA but stopped.')).toBe('not_engaged');
    expect(label('Prior to sentence PoP had been on a buprenorphine script.')).toBe('not_engaged');
  });

  it('a note is engaged if any sentence is, whatever the other sentences say', () => {
    expect(label('Has not been drinking. Remains on script with CGL.')).toBe('engaged');
    expect(label('Partner attends AA. PoP did not attend CGL.')).toBe('not_engaged');
  });

  it('scores lie in [0, 1] and agree with the label', () => {
    const notes = ['PoP attended CGL.', 'PoP did not attend CGL.', 'Housing discussed.'].map((text, i) => ({ noteId: String(i), text }));
    for (const l of classifier.classify(notes)) {
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(l.score).toBeLessThanOrEqual(1);
      expect(l.label === 'engaged').toBe(l.score >= 0.5);
    }
  });
});
