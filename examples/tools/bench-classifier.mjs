#!/usr/bin/env node
// The bench's own note classifier as an outside tool, the way `pathways check --kind classify`
// runs any other: read the notes, label each engaged or not_engaged, write note_id,label,score.
//
//   node examples/tools/bench-classifier.mjs NOTES.csv OUT.csv [CLASSIFIER]
//
// CLASSIFIER is one of the bench's rule-based classifiers: rules (the default), no-plan-cues,
// negex or keyword (the study's keyword filter). As bench-linker.mjs, it imports the bench by
// its package name: plain `node` where the bench is installed and built, else
// `node --import tsx --conditions=source` inside this repository.
import { writeFileSync } from 'node:fs';
import { createClassifier, readCsvAsStrings, strings } from 'pathways-bench';

const [notes, out, name = 'rules'] = process.argv.slice(2);
if (!out) {
  console.error('usage: bench-classifier.mjs NOTES.csv OUT.csv [rules|no-plan-cues|negex|keyword]');
  process.exit(2);
}
const table = readCsvAsStrings(notes, 'notes', ['note_id', 'text']);
const ids = strings(table, 'note_id');
const texts = strings(table, 'text');
const labels = createClassifier(name).classify(ids.map((id, i) => ({ noteId: id ?? '', text: texts[i] ?? '' })));
const lines = ['note_id,label,score', ...labels.map((l) => `${l.noteId},${l.label},${l.score.toFixed(4)}`)];
writeFileSync(out, `${lines.join('\n')}\n`);
