#!/usr/bin/env node
// The bench's own linkage engine as an outside tool, the way `pathways check` runs any other:
// read the two files, link them with bench-linker.json, write every pair above the threshold.
//
//   node examples/tools/bench-linker.mjs LEFT.csv RIGHT.csv OUT.csv
//
// The settings (bench-linker.json; JSON because `check` starts this tool once per world, and
// JSON.parse costs 7 ms where the yaml package and its parse cost 50) are the study's default
// settings (src/methods/linkage/default-settings.yaml) read from the Splink-ready files `check`
// and `export-splink` write, both sides keyed by unique_id: initials, date of birth, sex, the
// postcode sector with the district and the area as partial levels, and the NHS number where
// both hold one. Two sessions train m, as Splink's: the one on date of birth trains initials,
// sex and postcode; the one on postcode sector and sex trains initials and date of birth.
//
// The postcode sector matters on worlds where every cohort record meets its scale-1
// lookalikes: with the district only (the two-file example's settings), precision on 12 drawn
// worlds at scales 0.001-0.005 with error rates up to 0.02 was 0.85-0.94; with the sector,
// 0.96-1.00 (recall 0.98-1.00 with either).
//
// The postcode ladder ends, as Splink's postcode comparison does, with the postcode area: most
// moves are short (about half under 5 km in the censuses' distance-of-move tables), so a person
// who moved between the two records usually stays in the area, where another person with the
// same initials, date of birth and sex (a doppelganger) seldom lives. And the postcode's m has a
// prior (m_prior, m_prior_matches: MAP EM, as fastLink's prior on an address field): roughly one
// person in ten in England and Wales lives at another address than a year before (the
// censuses' one-year-ago question), and recording errors add a little, so of one person's two
// records about 90% share the sector, a few percent only the district or only the area, and
// about 2% lie in another area. It counts as 50 matches: before the data the share in another
// area is 0.02 give or take 0.02 (a standard deviation); a session with thousands of matches all
// but ignores it. On worlds of ~50 requirements the session on date of birth holds ~55 true
// pairs and, by chance, up to as many doppelganger pairs again (one lookalike with several
// episodes against one cohort member with several requirements); without the prior EM took
// them for matches who moved (m of "else" 0.17-0.27 where the truth's is under 0.04) and linked
// them (README, check).
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
const settings = loadSettingsFile(fileURLToPath(new URL('./bench-linker.json', import.meta.url)));
const result = await linkTables(readCsvAsStrings(left, 'left'), readCsvAsStrings(right, 'right'), settings);
const chosen = resolveLinks('all', result.pairs, result.predictions, result.threshold);
const ids = linkIds(result, chosen);
const lines = ['left_id,right_id,match_probability'];
chosen.forEach((p, i) => lines.push(`${ids.left[i]},${ids.right[i]},${result.predictions.matchProbability[p].toPrecision(6)}`));
writeFileSync(out, `${lines.join('\n')}\n`);
