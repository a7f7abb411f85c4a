#!/usr/bin/env node
// A deliberately weak note classifier, for trying `pathways check --kind classify`: a note is
// "engaged" when it names treatment at all from a short list of words (a service, a script, a
// drug or drink). Engagement written in other words (mutual aid, a provider's name, keywork) is
// missed, and notes that talk about substances, plans, other people or the past are labelled
// engaged, so `check` finds a world where its sensitivity (and accuracy) falls and shrinks it.
//
//   node examples/tools/weak-classifier.mjs NOTES.csv OUT.csv
import { writeFileSync } from 'node:fs';
import { readCsv } from './csv.mjs';

const [notes, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: weak-classifier.mjs NOTES.csv OUT.csv');
  process.exit(2);
}
const TREATMENT = /\b(cgl|keyworker|key worker|drug worker|treatment|script|methadone|subutex|detox|rehab|recovery|alcohol|drinking|heroin|crack|cocaine|cannabis|drugs?)\b/i;
const lines = ['note_id,label'];
for (const n of readCsv(notes)) lines.push(`${n.note_id},${TREATMENT.test(n.text) ? 'engaged' : 'not_engaged'}`);
writeFileSync(out, `${lines.join('\n')}\n`);
