/**
 * `pathways explain --run DIR --crn X123456`: for one person's requirements, the candidate NDTMS
 * episodes with the weight each field gave (a waterfall), the links chosen, and the truth.
 */
import { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { silent } from '../../src/pipeline/progress.ts';
import { isoFromDay } from '../../src/io/dates.ts';
import { ints, strings } from '../../src/io/table.ts';

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
      // Imported here, not at the top, so that `--help` starts fast.
      const { readManifest } = await import('../../src/io/manifest.ts');
      const { loadScenario } = await import('../../src/scenario/load.ts');
      const { makeViews } = await import('../../src/pipeline/views.ts');
      const { cohortTable, studyCohort } = await import('../../src/study/cohort.ts');
      const { studyFacts } = await import('../../src/study/facts.ts');
      const { linkTables } = await import('../../src/methods/linkage/index.ts');
      const { explainLeft, formatExplanation } = await import('../../src/methods/linkage/explain.ts');
      const { defaultSettings } = await import('../../src/methods/linkage/default-settings.ts');
      const { loadSettingsFile } = await import('../../src/methods/linkage/settings.ts');
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
      const { records, truth } = makeViews({ runDir: values.run }, { ...studyFacts(scenario.window), scale: manifest.scale, seed: manifest.seed }, scenario, silent);
      const ndelius = await records.observed('ndelius_requirements');
      const selection = studyCohort(ndelius, studyFacts(scenario.window));
      const cohort = cohortTable(ndelius, selection.rows);
      const crns = strings(cohort, 'crn');
      const rows = crns.flatMap((c, i) => (c === values.crn ? [i] : []));
      if (rows.length === 0) throw new InputError(`--crn ${values.crn}: no requirement in this run's cohort has that CRN`);
      const community = await records.observed('ndtms_community');
      say(`linking ${cohort.rowCount} cohort requirements to ${community.rowCount} NDTMS episodes`);
      const result = await linkTables(cohort, community, settings);
      say('reading the truth');

      // The truth: which episodes are really this person's.
      const keys = await truth.truth('truth_ndelius_requirements');
      const recordIds = strings(cohort, 'record_id');
      const personOfRecord = new Map(strings(keys, 'record_id').map((id, i) => [id, ints(keys, 'person_id')[i]]));
      const episodeKeys = await truth.truth('truth_ndtms_community');
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
