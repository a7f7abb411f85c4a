#!/usr/bin/env node
// A linker that goes wrong on purpose, for the tests of how `pathways check` reports a tool
// that crashes, hangs or writes a malformed file: the first argument says which.
//   node examples/tools/crash-linker.mjs crash|hang|malformed LEFT.csv RIGHT.csv OUT.csv
import { writeFileSync } from 'node:fs';

const [how, , , out] = process.argv.slice(2);
if (how === 'crash') throw new Error('linker crashed reading its input');
if (how === 'hang') setInterval(() => {}, 1000);
if (how === 'malformed') writeFileSync(out, 'left_id,right_id\nR1,E1\nR2,\n');
