/**
 * `pathways export-splink --run DIR --out DIR`: the cohort's nDelius records and the NDTMS
 * community episodes in the shape Splink reads as it is (unique_id, source_dataset, its usual
 * column names), so the same problem can be linked by Splink and scored with
 * `pathways score-links --run DIR`.
 */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkOutput } from '../../src/io/output-path.ts';
import { TABLES } from '../../src/records/tables.ts';
import { stageRunFolder } from '../../src/io/run-folder.ts';

export function registerExportSplink(program: Command): void {
  program
    .command('export-splink')
    .description("write a run's cohort records and NDTMS episodes in the shape Splink reads (unique_id, source_dataset, ...)")
    .requiredOption('--run <dir>', 'run folder')
    .requiredOption('--out <dir>', 'folder to create: ndelius.csv and ndtms.csv')
    .option('--force', 'replace --out if it exists', false)
    .action(async (values: { run: string; out: string; force: boolean }) => {
      // Imported here, not at the top, so that `--help` starts fast.
      const { readManifest } = await import('../../src/io/manifest.ts');
      const { readRunTable } = await import('../../src/io/read-table.ts');
      const { writeCsv } = await import('../../src/io/csv-write.ts');
      const { loadScenario } = await import('../../src/scenario/load.ts');
      const { cohortTable, studyCohort } = await import('../../src/study/cohort.ts');
      const { studyFacts } = await import('../../src/study/facts.ts');
      const { splinkExport, NDELIUS_SPLINK, NDTMS_SPLINK } = await import('../../src/methods/linkage/splink-export.ts');
      const manifest = readManifest(values.run);
      const { scenario } = loadScenario(manifest.scenario.path);
      // --force replaces an earlier export, never the run folder it reads.
      checkOutput(values.out, { option: '--out', kind: 'folder', force: values.force, inputs: { '--run': values.run } });
      const ndelius = await readRunTable(values.run, 'observed', 'ndelius_requirements', TABLES.ndelius_requirements.columns);
      const ndtms = await readRunTable(values.run, 'observed', 'ndtms_community', TABLES.ndtms_community.columns);
      const selection = studyCohort(ndelius, studyFacts(scenario.window));
      const staging = stageRunFolder(values.out, { force: values.force });
      try {
        await writeCsv(splinkExport(cohortTable(ndelius, selection.rows), NDELIUS_SPLINK), join(staging.dir, 'ndelius.csv'));
        await writeCsv(splinkExport(ndtms, NDTMS_SPLINK), join(staging.dir, 'ndtms.csv'));
        staging.commit();
      } catch (error) {
        staging.abandon();
        throw error;
      }
      process.stdout.write(`Wrote ${resolve(values.out)}/ndelius.csv (${selection.rows.length} records) and ndtms.csv (${ndtms.rowCount} episodes)\n`);
    });
}
