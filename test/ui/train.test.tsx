import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import fc from 'fast-check';
import { TrainScreen } from '../../cli/train/train-screen.tsx';
import { drawCases, isTransposed } from '../../cli/train/draw.ts';
import { runTrain } from '../../cli/train/open.tsx';
import { EXERCISES, type Case } from '../../cli/train/exercise.ts';
import { parseCsvRows } from '../../src/io/csv-read.ts';
import { frameUntil, fullRun, settle, tempDir, widestLine } from './fixture.ts';

let dir: string;

beforeAll(async () => {
  dir = await fullRun('train', tempDir('train'));
}, 180_000);

function csv(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRows(readFileSync(join(dir, path), 'utf8'), path);
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Captures what runTrain prints. */
function sink(): NodeJS.WriteStream & { text: () => string } {
  let out = '';
  return { write: (s: string) => ((out += s), true), isTTY: false, text: () => out } as unknown as NodeJS.WriteStream & { text: () => string };
}

describe('cases drawn from the run', () => {
  it('differ with the seed and repeat with it', async () => {
    const a = await drawCases(dir, 'notes', 1, 5);
    const b = await drawCases(dir, 'notes', 1, 5);
    const c = await drawCases(dir, 'notes', 2, 5);
    expect(b).toEqual(a);
    expect(c.map((x) => x.shown)).not.toEqual(a.map((x) => x.shown));
  });

  it('linkage pairs: the answer is the truth of the two records, and false matches come first in the mix', async () => {
    const cases = await drawCases(dir, 'linkage-pairs', 3, 6);
    const records = new Map(csv('truth/truth_ndelius_requirements.csv').map((k) => [k.record_id, k.person_id]));
    const episodes = new Map(csv('truth/truth_ndtms_community.csv').map((k) => [k.episode_id, k.person_id]));
    expect(cases.length).toBe(6);
    for (const c of cases) {
      const record = c.shown[0].match(/R\d{8}/)?.[0] as string;
      const episode = c.shown[1].match(/E\d{8}/)?.[0] as string;
      expect(c.answer).toBe(records.get(record) === episodes.get(episode) ? 'y' : 'n');
      // The records alone are shown: no truth in what the trainee sees.
      expect(c.shown.join(' ')).not.toMatch(/same person|doppelganger|truth/i);
      expect(c.explanation.join('\n')).toMatch(/prior .*\n[\s\S]*total/);
    }
    expect(cases.some((c) => c.kind.startsWith('false match') || c.kind.startsWith('missed'))).toBe(true);
  });

  it('notes: the answer is the note’s true label and the lesson names its kind', async () => {
    const truth = new Map(csv('truth/truth_contact_notes.csv').map((n) => [n.note_id, n]));
    const notes = new Map(csv('observed/contact_notes.csv').map((n) => [n.text, n.note_id]));
    for (const c of await drawCases(dir, 'notes', 4, 6)) {
      const text = c.shown[1].slice(1, -1);
      const t = truth.get(notes.get(text) as string) as Record<string, string>;
      expect(c.answer).toBe(t.true_label === 'engaged' ? 'y' : 'n');
      expect(c.kind).toContain(t.note_kind);
    }
  });

  it('a rate and reconviction timing: answers follow results.json and the court truth', async () => {
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { estimates: { id: string; group: string; estimate: number; truth: number }[] };
    for (const c of await drawCases(dir, 'linked-rate', 5, 6)) {
      const [, id, group] = c.shown[0].match(/^(\S+) \[(.*)\] =/) as RegExpMatchArray;
      const e = results.estimates.find((x) => x.id === id && x.group === group) as { estimate: number; truth: number };
      const gap = e.estimate - e.truth;
      expect(c.answer).toBe(gap < -1 ? 'l' : gap > 1 ? 'h' : 's');
    }
    const lag = (await drawCases(dir, 'reconviction-timing', 6, 6)).filter((c) => c.kind === 'lost to the recording lag');
    expect(lag.length).toBeGreaterThan(0);
    for (const c of lag) {
      expect(c.answer).toBe('y');
      expect(c.shown[1]).toContain('the records say reconvicted: no');
      expect(c.explanation[0]).toMatch(/after the extraction date 2023-03-31/);
    }
  });

  it('a transposed date is day and month swapped or two neighbouring digits swapped', () => {
    expect(isTransposed('1982-03-12', '1982-12-03')).toBe(true);
    expect(isTransposed('1928-12-03', '1982-12-03')).toBe(true);
    expect(isTransposed('1982-12-04', '1982-12-03')).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2005 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (y, m, d) => {
        const iso = (a: number, b: number) => `${y}-${String(a).padStart(2, '0')}-${String(b).padStart(2, '0')}`;
        expect(isTransposed(iso(d, m), iso(m, d))).toBe(m !== d);
      }),
    );
  });
});

describe('train screen', () => {
  for (const exercise of EXERCISES) {
    it(`${exercise}: asks, reveals the truth and why, keeps the score, at 80x24`, async () => {
      const cases: Case[] = await drawCases(dir, exercise, 11, 3);
      const saved: number[] = [];
      const { lastFrame, stdin, unmount } = render(<TrainScreen exercise={exercise} cases={cases} width={80} height={23} onAnswer={(a) => saved.push(a.length)} savedTo="/somewhere/session.json" />);
      let right = 0;
      for (const [i, c] of cases.entries()) {
        const asked = await frameUntil(lastFrame, (f) => f.includes(`case ${i + 1} of ${cases.length}`) && f.replace(/\s+/g, ' ').includes(c.question));
        expect(widestLine(asked)).toBeLessThanOrEqual(80);
        expect(asked).not.toMatch(/✓ Right|✗ Not so|case: /);
        // Alternate right and wrong answers, so both reveals are seen.
        const given = i % 2 === 0 ? c.answer : (c.choices.find((ch) => ch.key !== c.answer) as { key: string }).key;
        if (given === c.answer) right++;
        await settle();
        stdin.write(given);
        const revealed = await frameUntil(lastFrame, (f) => f.includes(given === c.answer ? '✓ Right' : '✗ Not so'));
        expect(revealed).toContain(`score ${right}/${i + 1}`);
        expect(revealed.split('\n').length).toBeLessThanOrEqual(23);
        expect(widestLine(revealed)).toBeLessThanOrEqual(80);
        await settle();
        stdin.write('\r');
      }
      const end = await frameUntil(lastFrame, (f) => f.includes(`Finished: ${right} of ${cases.length} right.`));
      expect(end).toContain('Saved to /somewhere/session.json');
      expect(saved).toEqual(cases.map((_, i) => i + 1));
      unmount();
    }, 60_000);
  }
});

describe('train off a terminal', () => {
  it('prints questions without the truth, marks answers from a file, saves the session and lists it', async () => {
    const results = tempDir('train-results');
    const questions = sink();
    await runTrain({ run: dir, exercise: 'reconviction-timing', seed: 9, count: 3, json: true, stdout: questions, resultsDir: results });
    const asked = JSON.parse(questions.text()) as { seed: number; cases: Record<string, unknown>[] };
    expect(asked.seed).toBe(9);
    expect(asked.cases).toHaveLength(3);
    for (const c of asked.cases) expect(Object.keys(c).sort()).toEqual(['choices', 'exercise', 'id', 'question', 'shown']);
    expect(readdirSync(results)).toEqual([]);

    const cases = await drawCases(dir, 'reconviction-timing', 9, 3);
    const file = join(tempDir('train-answers'), 'answers.txt');
    writeFileSync(file, `# trainee A\n${cases[0].answer}\n${cases[1].answer === 'y' ? 'n' : 'y'}\n`);
    const marked = sink();
    await runTrain({ run: dir, exercise: 'reconviction-timing', seed: 9, count: 3, answers: file, stdout: marked, resultsDir: results, trainee: 'A' });
    expect(marked.text()).toMatch(/Score: 1 of 3 right \(2 answered\)/);
    const files = readdirSync(results);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/reconviction-timing-seed9\.json$/);
    const session = JSON.parse(readFileSync(join(results, files[0]), 'utf8'));
    expect(session).toMatchObject({ exercise: 'reconviction-timing', seed: 9, trainee: 'A', finished: null, score: { correct: 1, answered: 2, total: 3 } });

    const stdinMarked = sink();
    await runTrain({ run: dir, exercise: 'reconviction-timing', seed: 9, count: 3, answers: '-', stdin: JSON.stringify(cases.map((c) => c.answer)), json: true, stdout: stdinMarked, resultsDir: results });
    expect(JSON.parse(stdinMarked.text()).score).toEqual({ correct: 3, answered: 3, total: 3 });

    const listed = sink();
    await runTrain({ run: dir, results: true, resultsDir: results, stdout: listed });
    expect(listed.text()).toMatch(/reconviction-timing\s+9 A\s+1\/3 \(2 answered, unfinished\)/);
    expect(listed.text()).toMatch(/reconviction-timing\s+9 –\s+3\/3/);
    expect(listed.text()).toContain('Right answers by kind of case');
  });
});
