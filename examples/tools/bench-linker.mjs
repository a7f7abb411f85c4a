#!/usr/bin/env node
// The bench's own linkage engine as an outside tool, the way `pathways check` runs any other:
// read the two files, link them with bench-linker.yaml, write every pair above the threshold.
//
//   node examples/tools/bench-linker.mjs LEFT.csv RIGHT.csv OUT.csv
//
// It imports the bench's linkage engine by its package name (`pathways-bench/linkage`, the
// engine without the worlds, so each start is quick). Where the bench is installed (and built, as its
// npm install does), plain `node` finds the compiled library; inside this repository without a
// build, run it as `node --import tsx --conditions=source examples/tools/bench-linker.mjs ...`
// to load the TypeScript sources through the exports' `source` condition.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { linkIds, linkTables, loadSettingsFile, readCsvAsStrings, resolveLinks } from 'pathways-bench/linkage';

const [left, right, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: bench-linker.mjs LEFT.csv RIGHT.csv OUT.csv');
  process.exit(2);
}
const settings = loadSettingsFile(fileURLToPath(new URL('./bench-linker.yaml', import.meta.url)));
const result = await linkTables(readCsvAsStrings(left, 'left'), readCsvAsStrings(right, 'right'), settings);
const chosen = resolveLinks('all', result.pairs, result.predictions, result.threshold);
const ids = linkIds(result, chosen);
const lines = ['left_id,right_id,match_probability'];
chosen.forEach((p, i) => lines.push(`${ids.left[i]},${ids.right[i]},${result.predictions.matchProbability[p].toPrecision(6)}`));
writeFileSync(out, `${lines.join('\n')}\n`);
