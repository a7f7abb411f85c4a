import { describe, expect, it } from 'vitest';
import { namedRelations, namedWorkers, venues } from '../../src/records/notes/named.ts';
import { RELATIONS, SERVICES, WORKERS } from '../../src/records/notes/vocab.ts';

describe('people and venues the notes name (faker)', () => {
  it('are the same lists on every call: vocabulary, not a draw of the run', () => {
    expect(namedRelations(['mum', 'partner'], 20)).toEqual(namedRelations(['mum', 'partner'], 20));
    expect(namedWorkers([['keyworker', 'KW']], 5)).toEqual(namedWorkers([['keyworker', 'KW']], 5));
    expect(venues(3)).toEqual(venues(3));
  });

  it('keep the relation, role or service words the filter and classifiers read, with a plain-word name after them', () => {
    for (const r of namedRelations(['mum', 'partner'], 50)) expect(r).toMatch(/^(mum|partner) [A-Z][A-Za-z'-]*$/);
    for (const [full, short] of namedWorkers([['keyworker', 'KW']], 20)) {
      expect(full).toMatch(/^keyworker [A-Z][A-Za-z'-]* [A-Z][A-Za-z' -]*$/);
      expect(short).toBe(`KW ${full.split(' ')[1]}`);
    }
    for (const [full, short] of venues(10)) {
      expect(full).toMatch(/^the recovery service on [A-Z]/);
      expect(short).toMatch(/^recovery service [A-Z]/);
    }
  });

  it('are part of the note vocabulary beside the plain words', () => {
    expect(RELATIONS).toContain('partner');
    expect(RELATIONS.some((r) => /^\w+ [A-Z]/.test(r))).toBe(true);
    expect(WORKERS.some(([full]) => /^[a-z ]+ [A-Z]\w* [A-Z]/.test(full))).toBe(true);
    expect(SERVICES.some(([full]) => full.startsWith('the recovery service on '))).toBe(true);
  });
});
