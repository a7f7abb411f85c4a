import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.ts';
import { readCsvColumns, toCsv } from '../../src/methods/notes/notes-csv.ts';
import { parseCsvRecords } from '../../src/io/csv-read.ts';
import { notesToJsonl, parseLabelsJsonl, externalClassifier } from '../../src/methods/notes/classifiers/external.ts';
import { explanationLines, runClassify } from '../../cli/commands/classify.ts';

const dir = mkdtempSync(join(tmpdir(), 'notes-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('notes CSV', () => {
  it('parses quoting, embedded quotes and newlines, and reports the line each record starts on', () => {
    const records = parseCsvRecords('note_id,text\r\n1,"a, ""quoted""\nline"\n2,plain\n\n', 'x');
    expect(records).toEqual([
      { line: 1, fields: ['note_id', 'text'] },
      { line: 2, fields: ['1', 'a, "quoted"\nline'] },
      { line: 4, fields: ['2', 'plain'] },
    ]);
  });

  it('names a missing column', () => {
    expect(inputError(() => readCsvColumns('id,text\n1,a\n', 'notes.csv', ['note_id', 'text']))).toMatch(/notes\.csv line 1: missing column note_id/);
  });

  it('names the file line of a bad record, counting embedded newlines', () => {
    expect(inputError(() => readCsvColumns('note_id,text\n1,"two\nlines"\n2,a,b\n', 'notes.csv', ['note_id', 'text']))).toMatch(
      /notes\.csv line 4: 3 fields, the header has 2/,
    );
    expect(inputError(() => parseCsvRecords('note_id,text\n1,"never closed\n', 'n.csv'))).toMatch(/n\.csv line 2: quoted field never closed/);
    expect(inputError(() => parseCsvRecords('a,b\n1,x"y\n', 'n.csv'))).toMatch(/line 2: a quote inside an unquoted field/);
  });

  it('round-trips through toCsv', () => {
    const text = toCsv(['note_id', 'text'], [['1', 'has "quotes", commas\nand newlines'], ['2', 'x']]);
    expect(readCsvColumns(text, 't', ['note_id', 'text']).map((r) => r.values.text)).toEqual(['has "quotes", commas\nand newlines', 'x']);
  });
});

describe('external classifier JSONL', () => {
  it('round-trips notes out and labels in', () => {
    const notes = [{ noteId: 'a', text: 'attended "CGL"\nok' }, { noteId: 'b', text: 'x' }];
    const out = notesToJsonl(notes).trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toEqual([{ note_id: 'a', text: 'attended "CGL"\nok' }, { note_id: 'b', text: 'x' }]);
    const labels = parseLabelsJsonl('{"note_id":"a","label":"engaged","score":0.8}\n\n{"note_id":"b","label":"not_engaged"}\n');
    expect(externalClassifier(labels).classify(notes)).toEqual([
      { noteId: 'a', label: 'engaged', score: 0.8 },
      { noteId: 'b', label: 'not_engaged', score: 0 },
    ]);
  });

  it('names the line of malformed input', () => {
    expect(inputError(() => parseLabelsJsonl('{"note_id":"a","label":"engaged"}\n{oops', 'l.jsonl'))).toBe('l.jsonl line 2: not valid JSON');
    expect(inputError(() => parseLabelsJsonl('{"note_id":"a","label":"yes"}', 'l.jsonl'))).toMatch(/l\.jsonl line 1: label must be/);
    expect(inputError(() => parseLabelsJsonl('{"note_id":"a","label":"engaged","score":2}', 'l.jsonl'))).toMatch(/line 1: score/);
    expect(inputError(() => externalClassifier([]).classify([{ noteId: 'z', text: '' }]))).toMatch(/note_id z/);
  });
});

describe('pathways classify', () => {
  it('writes note_id,label,score for every note', () => {
    const input = file('in.csv', 'crn,note_id,text\nX1,n1,"PoP attended CGL today, seen by keyworker."\nX1,n2,"PoP did not attend\nCGL."\n');
    const out = join(dir, 'out.csv');
    expect(runClassify({ in: input, out, classifier: 'rules' })).toEqual({ notes: 2, engaged: 1, explanations: null });
    expect(readFileSync(out, 'utf8')).toBe('note_id,label,score\nn1,engaged,0.9\nn2,not_engaged,0.2\n');
    // An existing --out is replaced only when asked.
    expect(inputError(() => runClassify({ in: input, out, classifier: 'keyword' }))).toMatch(/already exists \(use --force/);
    runClassify({ in: input, out, classifier: 'keyword', force: true });
    expect(readFileSync(out, 'utf8')).toBe('note_id,label,score\nn1,engaged,1\nn2,engaged,1\n');
  });

  it('--explain gives each note the rule and the cue that decided it, in the output and on stdout', () => {
    const input = file('explain.csv', [
      'note_id,text',
      'n1,"PoP attended CGL today, seen by keyworker."',
      'n2,PoP will attend WDP for assessment on Monday.',
      'n3,"Says he goes to AA, no evidence seen."',
      'n4,AA - sick note provided.',
      'n5,Housing discussed.',
    ].join('\n') + '\n');
    const out = join(dir, 'explained.csv');
    const result = runClassify({ in: input, out, classifier: 'rules', explain: true });
    const byId = new Map(result.explanations?.map((e) => [e.noteId, e]));
    expect(byId.get('n1')).toMatchObject({ label: 'engaged', rule: 'engagement' });
    expect(byId.get('n1')?.cue).toContain('"attended"');
    expect(byId.get('n2')).toMatchObject({ label: 'not_engaged', rule: 'plan' });
    expect(byId.get('n2')?.cue).toContain('"will"');
    expect(byId.get('n3')).toMatchObject({ label: 'not_engaged', rule: 'claim not borne out' });
    expect(byId.get('n4')?.label).toBe('not_engaged');
    expect(byId.get('n5')).toMatchObject({ label: 'not_engaged', rule: 'no engagement statement', cue: '' });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('note_id,label,score,rule,cue');
    expect(lines).toHaveLength(6);
    expect(explanationLines(result.explanations ?? []).split('\n')[0]).toMatch(/^n1\tengaged\tengagement: "attended"/);
    // Explaining needs notes classified into --out.
    expect(inputError(() => runClassify({ in: input, classifier: 'rules', export: join(dir, 'x.jsonl'), explain: true }))).toMatch(/--explain needs --out/);
  });

  it('--explain names the largest-weight features of the statistical classifier and the matched keyword', () => {
    const rows = ['note_id,text'];
    const labels = ['note_id,label'];
    for (let i = 0; i < 20; i++) {
      rows.push(`e${i},PoP attended CGL group ${i}`, `n${i},PoP did not attend CGL ${i}`);
      labels.push(`e${i},engaged`, `n${i},not_engaged`);
    }
    const input = file('train-explain.csv', `${rows.join('\n')}\n`);
    const stat = runClassify({ in: input, out: join(dir, 'se.csv'), classifier: 'statistical', labels: file('l.csv', `${labels.join('\n')}\n`), explain: true });
    const e0 = stat.explanations?.find((e) => e.noteId === 'e0');
    expect(e0).toMatchObject({ label: 'engaged', rule: 'largest weights' });
    expect(e0?.cue).toMatch(/"attended[^"]*" \+\d/);
    const kw = runClassify({ in: input, out: join(dir, 'kw.csv'), classifier: 'keyword', explain: true });
    expect(kw.explanations?.[0]).toMatchObject({ rule: 'keyword', cue: '"cgl"' });
  });

  it('trains the statistical classifier from --labels and runs an external one from JSONL', () => {
    const rows = ['note_id,text'];
    const labels = ['note_id,label'];
    for (let i = 0; i < 40; i++) {
      rows.push(`e${i},PoP attended CGL group ${i}`, `n${i},PoP did not attend CGL ${i}`);
      labels.push(`e${i},engaged`, `n${i},not_engaged`);
    }
    const input = file('train.csv', `${rows.join('\n')}\n`);
    const out = join(dir, 'stat.csv');
    runClassify({ in: input, out, classifier: 'statistical', labels: file('labels.csv', `${labels.join('\n')}\n`) });
    const lines = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    expect(lines.filter((l) => l.startsWith('e')).every((l) => l.includes(',engaged,'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('n')).every((l) => l.includes(',not_engaged,'))).toBe(true);
    const exported = join(dir, 'notes.jsonl');
    runClassify({ in: input, classifier: 'external', export: exported });
    const jsonl = readFileSync(exported, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { note_id: string });
    const back = jsonl.map((n) => JSON.stringify({ note_id: n.note_id, label: 'engaged', score: 1 })).join('\n');
    runClassify({ in: input, out, classifier: 'external', labels: file('labels.jsonl', back), force: true });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(81);
  });

  it('fails with an InputError naming the column or line, and writes nothing', () => {
    const out = join(dir, 'never.csv');
    expect(inputError(() => runClassify({ in: file('bad1.csv', 'note_id,body\n1,x\n'), out, classifier: 'rules' }))).toMatch(/missing column text/);
    expect(inputError(() => runClassify({ in: file('bad2.csv', 'note_id,text\n1,x\n2,"y\n'), out, classifier: 'rules' }))).toMatch(/line 3/);
    expect(inputError(() => runClassify({ in: file('bad3.csv', 'note_id,text\n1,x\n1,y\n'), out, classifier: 'rules' }))).toMatch(/line 3: note_id 1 appears twice/);
    expect(inputError(() => runClassify({ in: file('ok.csv', 'note_id,text\n1,x\n'), out, classifier: 'bert' }))).toMatch(/--classifier/);
    expect(inputError(() => runClassify({ in: join(dir, 'missing.csv'), out, classifier: 'rules' }))).toMatch(/cannot read/);
    expect(existsSync(out)).toBe(false);
  });
});
