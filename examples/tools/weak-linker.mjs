#!/usr/bin/env node
// A deliberately weak linker, for trying `pathways check`: it links an nDelius record to an
// NDTMS episode only when their initials and dates of birth agree exactly. Any keying error in
// either breaks a true link, so `check` finds a world where recall falls and shrinks it.
//
//   node examples/tools/weak-linker.mjs LEFT.csv RIGHT.csv OUT.csv
import { writeFileSync } from 'node:fs';
import { readCsv } from './csv.mjs';

const [left, right, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: weak-linker.mjs LEFT.csv RIGHT.csv OUT.csv');
  process.exit(2);
}

const key = (r) => (r.initials && r.dob ? `${r.initials}|${r.dob}` : null);
const byKey = new Map();
for (const r of readCsv(right)) {
  const k = key(r);
  if (k) byKey.set(k, [...(byKey.get(k) ?? []), r.unique_id]);
}
const lines = ['left_id,right_id'];
for (const l of readCsv(left)) for (const id of byKey.get(key(l)) ?? []) lines.push(`${l.unique_id},${id}`);
writeFileSync(out, `${lines.join('\n')}\n`);
