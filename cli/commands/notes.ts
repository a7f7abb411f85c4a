/** `pathways notes --run DIR`: the contact-notes stage on an existing run (after linkage). */
import { Command, Option } from 'commander';
import { InputError } from '../../src/errors.ts';
import { readTextFile } from '../../src/io/csv-read.ts';
import { checkOutput } from '../../src/io/output-path.ts';
import { resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { CLASSIFIER_NAMES, type ClassifierName } from '../../src/methods/notes/classifiers/index.ts';
import { parseLabelsJsonl } from '../../src/methods/notes/classifiers/external.ts';
import type { MethodsLayer } from '../../src/methods/load.ts';
import { plainProgress } from '../../src/pipeline/progress.ts';

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new InputError(`--${name}: must be a whole number of at least 1, got "${text}"`);
  return n;
}

export function registerNotes(program: Command): void {
  program
    .command('notes')
    .description("classify the contact notes of a sample of unlinked requirements, extrapolate to 'any treatment', correct for classifier error")
    .requiredOption('--run <dir>', 'run folder (made by `pathways run`, or `generate` then `link --run`)')
    .option('--methods <file>', "a methods document over the run's (its notes: block)")
    .addOption(new Option('--classifier <name>', "classifier whose figures carry the study's ids (default: the methods document's, no-plan-cues)").choices(CLASSIFIER_NAMES))
    .option('--labels <file>', 'external classifier: JSONL labels {"note_id","label","score"} for the exported notes')
    .option('--export-notes <file>', 'write the sampled keyword notes as JSONL {"note_id","text"} for an external tool')
    .option('--sample <n>', "unlinked requirements sampled at scale 1, scaled with the run (default: the methods document's, 5271)")
    .option('--review <n>', "manually reviewed requirements at scale 1 (default: the methods document's, 324)")
    .option('--bootstrap <n>', "bootstrap replicates for the corrected interval (default: the methods document's, 1000)")
    .option('--force', 'replace --export-notes if it exists (an input is never replaced)', false)
    .action(async (values: { run: string; methods?: string; classifier?: ClassifierName; labels?: string; exportNotes?: string; sample?: string; review?: string; bootstrap?: string; force: boolean }) => {
      // Everything the user gave is checked before the stage starts, so a mistake writes nothing.
      if (values.classifier === 'external' && !values.labels) {
        throw new InputError('--classifier external needs --labels FILE.jsonl (write the notes to label first with --export-notes FILE.jsonl)');
      }
      if (values.exportNotes) {
        checkOutput(values.exportNotes, { option: '--export-notes', kind: 'file', force: values.force, inputs: { '--labels': values.labels } });
        // A run folder's files are inputs too: a new file may go there, but none is replaced.
        if (resolve(values.exportNotes).startsWith(resolve(values.run) + sep) && existsSync(values.exportNotes)) {
          throw new InputError(`--export-notes ${values.exportNotes}: would replace a file of the run folder ${values.run}; choose another path`);
        }
      }
      // The flags given override the methods document; those not given leave it be.
      const flags: Record<string, unknown> = {};
      if (values.classifier) flags.classifier = values.classifier;
      if (values.sample !== undefined) flags.sample = positiveInt('sample', values.sample);
      if (values.review !== undefined) flags.review = positiveInt('review', values.review);
      if (values.bootstrap !== undefined) flags.bootstrap = positiveInt('bootstrap', values.bootstrap);
      let externalLabels;
      if (values.labels) {
        externalLabels = parseLabelsJsonl(readTextFile(values.labels), values.labels);
      }
      // Imported here, not at the top, so that `--help` starts fast.
      const { makeNotesStage } = await import('../../src/pipeline/stages/notes.ts');
      const { methodsFileLayer } = await import('../../src/methods/load.ts');
      const layers: MethodsLayer[] = values.methods ? [methodsFileLayer(values.methods)] : [];
      if (Object.keys(flags).length) layers.push({ source: 'the notes flags', doc: { notes: flags } });
      const stage = makeNotesStage({ externalLabels, exportNotes: values.exportNotes });
      const { runStageOnFolder } = await import('../../src/pipeline/run.ts');
      const results = await runStageOnFolder(values.run, stage, plainProgress(), { methods: layers });
      const mine = { ...results, estimates: results.estimates.filter((e) => /^(nlp|any_treatment|manual_review|termination)\./.test(e.id)) };
      process.stdout.write((await import('../summary.ts')).summaryText(mine, values.run));
    });
}
