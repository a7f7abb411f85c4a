/**
 * Contact notes: notes written and classified per second (tinybench, on the notes of 1,000
 * requirements), then every note of ~46,000 requirements generated, keyword-filtered and
 * classified in one pass (target: < 20 s wall on a 2-core machine), then the study's sample of
 * 5,271 analysed and each step scored against the notes' truth.
 */
import type { Benchmark } from './benchmark.ts';
import { peakRssMiB } from './benchmark.ts';
import { strings } from '../src/io/table.ts';
import { defaultNotesConfig } from '../src/scenario/notes.ts';
import { demoSubjects, EXTRACTION_DAY } from '../test/fixtures/demo-subjects.ts';
import { generateNotes } from '../src/records/notes/generate.ts';
import { trulyEngaged, truthByNoteId, windowOf } from '../src/records/notes/truth.ts';
import { analyseNotes } from '../src/methods/notes/analyse.ts';
import { createClassifier, type ClassifierName } from '../src/methods/notes/classifiers/index.ts';
import { keywordFilter } from '../src/methods/notes/keywords.ts';
import { DEFAULT_SAMPLE_SIZE, sampleRequirements } from '../src/methods/notes/sample.ts';
import { correctedRate, DEFAULT_REVIEW_SIZE } from '../src/methods/notes/misclassification.ts';
import { extrapolate } from '../src/methods/notes/extrapolate.ts';

const SCALE_1_REQUIREMENTS = 45_943;

function perSecond(count: number, ms: number): string {
  return `${Math.round(count / (ms / 1000)).toLocaleString('en-GB')}/s`;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export const notesBenchmark: Benchmark = {
  name: 'notes',
  description: 'contact notes generated and classified at scale 1 (target: < 20 s wall), and the sample scored against truth',
  async run(recorder) {
    const scale = Number(process.env.BENCH_SCALE ?? 1);
    const subjects = demoSubjects(Math.round(SCALE_1_REQUIREMENTS * scale), 42);
    const config = defaultNotesConfig();

    // Throughput, many samples of a slice: what a change to the writer or classifier moves.
    const slice = subjects.slice(0, 1000);
    const sliceNotes = generateNotes(slice, config, 42).notes;
    const sliceTexts = strings(sliceNotes, 'text') as string[];
    const sliceIds = strings(sliceNotes, 'note_id') as string[];
    const sliceFilter = keywordFilter();
    const sliceKeyword = sliceTexts.flatMap((text, i) => (sliceFilter.matches(text) ? [{ noteId: sliceIds[i], text }] : []));
    const rules = createClassifier('rules');
    await recorder.micro(
      [
        { name: `notes written (${slice.length} requirements)`, fn: () => generateNotes(slice, config, 42), items: sliceNotes.rowCount, itemUnit: 'notes' },
        { name: 'keyword filter', fn: () => { let n = 0; for (const text of sliceTexts) if (sliceFilter.matches(text)) n++; return n; }, items: sliceTexts.length, itemUnit: 'notes' },
        { name: 'rules classifier on keyword notes', fn: () => rules.classify(sliceKeyword), items: sliceKeyword.length, itemUnit: 'notes' },
      ],
      { time: 2000 },
    );

    console.log('\none pass at scale 1:');
    const wall = performance.now();
    let t = wall;
    const { notes, truth } = generateNotes(subjects, config, 42);
    const generateMs = performance.now() - t;
    console.log(`generate:  ${generateMs.toFixed(0).padStart(6)} ms  ${notes.rowCount.toLocaleString('en-GB')} notes for ${subjects.length.toLocaleString('en-GB')} requirements  ${perSecond(notes.rowCount, generateMs)}`);

    t = performance.now();
    const ids = strings(notes, 'note_id');
    const distinct = new Set(ids).size;
    if (distinct !== ids.length) throw new Error(`note ids not unique: ${ids.length - distinct} repeated`);
    const uniqueMs = performance.now() - t;
    t = performance.now();
    const texts = strings(notes, 'text');
    const filter = keywordFilter();
    const keywordNotes: { noteId: string; text: string }[] = [];
    for (let i = 0; i < notes.rowCount; i++) if (filter.matches(texts[i] as string)) keywordNotes.push({ noteId: ids[i] as string, text: texts[i] as string });
    const filterMs = performance.now() - t;
    console.log(`keywords:  ${filterMs.toFixed(0).padStart(6)} ms  ${keywordNotes.length.toLocaleString('en-GB')} keyword notes  ${perSecond(notes.rowCount, filterMs)}`);

    t = performance.now();
    const labels = createClassifier('rules').classify(keywordNotes);
    const classifyMs = performance.now() - t;
    const totalMs = performance.now() - wall - uniqueMs;
    console.log(`classify:  ${classifyMs.toFixed(0).padStart(6)} ms  rules on keyword notes  ${perSecond(labels.length, classifyMs)}`);
    console.log(`total:     ${totalMs.toFixed(0).padStart(6)} ms  all notes generated, filtered and classified  (target < 20000 ms)  peak RSS of this process so far ${(await peakRssMiB()).toFixed(0)} MiB`);
    recorder.results.push({ kind: 'figure', benchmark: 'notes', name: 'all notes generated, filtered and classified (one pass)', value: totalMs, unit: 'ms', better: 'lower' });

    // The study's sample, each classifier scored against truth.
    const noteTruth = truthByNoteId(truth);
    const sample = sampleRequirements(subjects, DEFAULT_SAMPLE_SIZE, 42);
    const engagedTruth = new Map(sample.map((s) => [s.requirementId, trulyEngaged(s, EXTRACTION_DAY)]));
    const trueShare = [...engagedTruth.values()].filter(Boolean).length / sample.length;
    console.log(`\nsample of ${sample.length} requirements: truly engaged ${pct(trueShare)}`);
    for (const name of ['keyword', 'negex', 'rules'] as ClassifierName[]) {
      const a = analyseNotes({ notes, requirements: sample.map(windowOf), classifier: createClassifier(name), extractionDay: EXTRACTION_DAY });
      let tp = 0, fp = 0, fn = 0, tn = 0;
      for (const n of a.classified) {
        if (!n.keyword) continue;
        const truthEngaged = noteTruth.get(n.noteId)?.label === 'engaged';
        const said = n.label === 'engaged';
        if (said && truthEngaged) tp++; else if (said) fp++; else if (truthEngaged) fn++; else tn++;
      }
      let TP = 0, FP = 0, FN = 0, TN = 0;
      for (const r of a.requirements) {
        const truthEngaged = engagedTruth.get(r.requirementKey) as boolean;
        const said = r.status === 'engaged';
        if (said && truthEngaged) TP++; else if (said) FP++; else if (truthEngaged) FN++; else TN++;
      }
      const s = a.summary.all;
      // Review sample: the first 324 sampled requirements, reviewed against truth.
      const review = a.requirements.slice(0, DEFAULT_REVIEW_SIZE).map((r) => ({ classified: r.status === 'engaged', reviewed: engagedTruth.get(r.requirementKey) as boolean }));
      const corrected = correctedRate({ classified: a.requirements.map((r) => r.status === 'engaged'), review, replicates: 1000, seed: 42 });
      const e = extrapolate({ sampleSize: s.requirements, sampleEngaged: s.engaged, linked: 22_636, total: 45_943 });
      console.log(
        `${name.padEnd(8)} keyword notes/requirement ${(s.keywordNotes / s.requirementsWithKeywordNotes).toFixed(1)}, none ${pct(s.noKeywordNotes / s.requirements)}; ` +
          `notes: precision ${tp + fp > 0 ? (tp / (tp + fp)).toFixed(3) : 'n/a'} recall ${(tp / (tp + fn)).toFixed(3)} FP rate ${(fp / (fp + tn)).toFixed(3)}; ` +
          `requirements: Se ${(TP / (TP + FN)).toFixed(3)} Sp ${(TN / (TN + FP)).toFixed(3)}; engaged ${pct(s.engaged / s.requirements)} ` +
          `(ATR ${pct(a.summary.ATR.engaged / a.summary.ATR.requirements)}, DRR ${pct(a.summary.DRR.engaged / a.summary.DRR.requirements)}); ` +
          `corrected ${pct(corrected.corrected)} [${corrected.correctedCi?.map(pct).join(', ')}]; study arithmetic at the published linkage: headline ${e.headlinePct}%`,
      );
      console.log(`         84 days before termination: ${a.termination.map((x) => `${x.reason} ${x.meanRate === null ? 'n/a' : pct(x.meanRate)}`).join(', ')}`);
    }
  },
};
