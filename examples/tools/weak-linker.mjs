#!/usr/bin/env node
// A deliberately weak linker, for trying `pathways check`: it links an nDelius record to an
// NDTMS episode only when their initials and dates of birth agree exactly. Any keying error in
// either breaks a true link, so `check` finds a world where recall falls and shrinks it.
//
//   node examples/tools/weak-linker.mjs LEFT.csv RIGHT.csv OUT.csv
import { readFileSync, writeFileSync } from 'node:fs';

const [left, right, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: weak-linker.mjs LEFT.csv RIGHT.csv OUT.csv');
  process.exit(2);
}

/** Rows of a CSV file as objects (quoted fields with commas and doubled quotes are read). */
function readCsv(path) {
  const rows = [];
  let field = '';
  let row = [];
  let quoted = false;
  const text = readFileSync(path, 'utf8');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
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
