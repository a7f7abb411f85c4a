/**
 * `pathways explain --run DIR --crn X123456`: for one person's requirements, the candidate NDTMS
 * episodes with the weight each field gave (a waterfall), the links chosen, and the truth.
 */
import { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { readManifest } from '../../src/io/manifest.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { makeContext } from '../../src/pipeline/context.ts';
import { silent } from '../../src/pipeline/progress.ts';
import { dayFromIso, isoFromDay } from '../../src/io/dates.ts';
import { ints, strings } from '../../src/io/table.ts';
import { REGION_CODES } from '../../src/scenario/schema.ts';
import { selectCohort } from '../../src/methods/cohort/exclusions.ts';
import { cohortTable } from '../../src/methods/treatment/identify.ts';
import { linkTables, explainLeft } from '../../src/methods/linkage/index.ts';
import { formatExplanation } from '../../src/methods/linkage/explain.ts';
import { defaultSettings } from '../../src/methods/linkage/default-settings.ts';
import { loadSettingsFile } from '../../src/methods/linkage/settings.ts';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('show, for one CRN, the candidate NDTMS episodes with each field\'s match weight, the links chosen, and the truth')
    .requiredOption('--run <dir>', 'run folder')
    .requiredOption('--crn <crn>', 'case reference number, e.g. X123456')
    .option('--settings <file>', 'linkage settings (default: the built-in nDelius -> NDTMS settings)')
    .option('--limit <n>', 'candidates shown per requirement', '5')
    .option('--quiet', 'no progress lines on stderr', false)
    .action(async (values: { run: string; crn: string; settings?: string; limit: string; quiet: boolean }) => {
      if (!/^[A-Z]\d{6}$/.test(values.crn)) throw new InputError(`--crn: a CRN is one letter and six digits (X123456), got "${values.crn}"`);
      if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1) throw new InputError(`--limit: must be a whole number of at least 1, got "${values.limit}"`);
      const limit = Number(values.limit);
      const settings = values.settings ? loadSettingsFile(values.settings) : defaultSettings();
      // The whole cohort is linked (the model is trained on it), which takes a while at scale 1: say so.
      const started = performance.now();
      const say = (text: string) => {
        if (!values.quiet) process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] explain: ${text}\n`);
      };
      const manifest = readManifest(values.run);
      const { scenario } = loadScenario(manifest.scenario.path);
      const ctx = makeContext(values.run, scenario, manifest.scale, manifest.seed, silent);
      const ndelius = await ctx.observed('ndelius_requirements');
      const selection = selectCohort(ndelius, { windowStart: dayFromIso(scenario.window.start), windowEnd: dayFromIso(scenario.window.end), regions: REGION_CODES });
      const cohort = cohortTable(ndelius, selection.rows);
      const crns = strings(cohort, 'crn');
      const rows = crns.flatMap((c, i) => (c === values.crn ? [i] : []));
      if (rows.length === 0) throw new InputError(`--crn ${values.crn}: no requirement in this run's cohort has that CRN`);
      const community = await ctx.observed('ndtms_community');
      say(`linking ${cohort.rowCount} cohort requirements to ${community.rowCount} NDTMS episodes`);
      const result = await linkTables(cohort, community, settings);
      say('reading the truth');

      // The truth: which episodes are really this person's.
      const keys = await ctx.truth('truth_ndelius_requirements');
      const recordIds = strings(cohort, 'record_id');
      const personOfRecord = new Map(strings(keys, 'record_id').map((id, i) => [id, ints(keys, 'person_id')[i]]));
      const episodeKeys = await ctx.truth('truth_ndtms_community');
      const person = personOfRecord.get(recordIds[rows[0]]);
      const episodeIds = strings(episodeKeys, 'episode_id');
      const episodePerson = ints(episodeKeys, 'person_id');
      const trueEpisodes = new Set(episodeIds.filter((_, i) => episodePerson[i] === person));

      const lines: string[] = [];
      const [forename, surname, dob, sex, postcode] = [strings(cohort, 'forename'), strings(cohort, 'surname'), ints(cohort, 'dob'), strings(cohort, 'sex'), strings(cohort, 'postcode')];
      for (const row of rows) {
        lines.push(
          `requirement ${recordIds[row]} (${strings(cohort, 'requirement_type')[row]}, sentenced ${isoFromDay(ints(cohort, 'sentence_date')[row])}): ` +
            `${forename[row]} ${surname[row]}, born ${isoFromDay(dob[row])}, ${sex[row]}, ${postcode[row] ?? 'no postcode'}`,
        );
        const explanations = explainLeft(result, row, limit);
        if (explanations.length === 0) lines.push('  no candidate episode shares a blocking key');
        for (const e of explanations) {
          const verdict = trueEpisodes.has(e.rightId) ? 'TRUE match (same person)' : 'not this person';
          lines.push(formatExplanation(e).split('\n').map((l) => `  ${l}`).join('\n') + `\n    truth: ${verdict}`);
        }
        const found = explanations.filter((e) => e.aboveThreshold && trueEpisodes.has(e.rightId)).length;
        lines.push(`  this person truly has ${trueEpisodes.size} NDTMS community episode(s); ${found} linked among the candidates shown`, '');
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
