/**
 * `pathways classify`: label contact notes from a CSV with one of the note classifiers.
 * Input needs `note_id` and `text` columns (others ignored); output is `note_id,label,score`,
 * written to a temporary file and renamed at the end so a failure leaves nothing half-written.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../src/errors.ts';
import { CLASSIFIER_NAMES, createClassifier, type ClassifierName } from '../../src/methods/notes/classifiers/index.ts';
import { notesToJsonl, parseLabelsJsonl } from '../../src/methods/notes/classifiers/external.ts';
import type { LabelledNote, NoteExplanation, NoteText } from '../../src/methods/notes/classifiers/index.ts';
import { readCsvColumns, toCsv } from '../../src/methods/notes/notes-csv.ts';
import { readTextFile } from '../../src/io/csv-read.ts';
import { checkOutput } from '../../src/io/output-path.ts';

export interface ClassifyOptions {
  in: string;
  out?: string;
  classifier: string;
  labels?: string;
  export?: string;
  /** Replace an existing --out or --export (never an input). */
  force?: boolean;
  /** Print, for each note, the cue that decided it; add rule and cue columns to --out. */
  explain?: boolean;
}


/** Write beside the target and rename: readers never see a partial file. */
export function writeAtomic(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new InputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function readNotesCsv(path: string): NoteText[] {
  const rows = readCsvColumns(readTextFile(path), path, ['note_id', 'text']);
  const seen = new Set<string>();
  return rows.map(({ line, values }) => {
    const noteId = values.note_id.trim();
    if (noteId === '') throw new InputError(`${path} line ${line}: empty note_id`);
    if (seen.has(noteId)) throw new InputError(`${path} line ${line}: note_id ${noteId} appears twice`);
    seen.add(noteId);
    return { noteId, text: values.text };
  });
}

/** Training labels for the statistical classifier: a CSV of note_id,label for notes in --in. */
function readTraining(path: string, notes: readonly NoteText[]): LabelledNote[] {
  const byId = new Map(notes.map((n) => [n.noteId, n]));
  return readCsvColumns(readTextFile(path), path, ['note_id', 'label']).map(({ line, values }) => {
    const note = byId.get(values.note_id.trim());
    if (!note) throw new InputError(`${path} line ${line}: note_id ${values.note_id} is not in the notes file`);
    const label = values.label.trim();
    if (label !== 'engaged' && label !== 'not_engaged') {
      throw new InputError(`${path} line ${line}: label must be engaged or not_engaged, got "${label}"`);
    }
    return { ...note, label };
  });
}

/** One line per note: its id, label, the rule and the cue that decided it. */
export function explanationLines(explanations: readonly NoteExplanation[]): string {
  let out = '';
  for (const e of explanations) out += `${e.noteId}\t${e.label}\t${e.rule}${e.cue === '' ? '' : `: ${e.cue}`}\n`;
  return out;
}

export function runClassify(options: ClassifyOptions): { notes: number; engaged: number; explanations: NoteExplanation[] | null } {
  if (!(CLASSIFIER_NAMES as readonly string[]).includes(options.classifier)) {
    throw new InputError(`--classifier must be one of ${CLASSIFIER_NAMES.join(', ')}, got "${options.classifier}"`);
  }
  const name = options.classifier as ClassifierName;
  // Outputs are checked before any work: neither may replace an input, the other output, or (unasked) a file.
  const inputs = { '--in': options.in, '--labels': options.labels };
  if (options.out) checkOutput(options.out, { option: '--out', kind: 'file', force: options.force, inputs });
  if (options.export) checkOutput(options.export, { option: '--export', kind: 'file', force: options.force, inputs: { ...inputs, '--out': options.out } });
  if (!options.out && !options.export) throw new InputError('--out FILE is required (or --export FILE to only write notes for an external tool)');
  if (options.explain && !options.out) throw new InputError('--explain needs --out FILE (the notes must be classified to explain them)');
  if (options.out && (name === 'statistical' || name === 'external') && !options.labels) {
    throw new InputError(
      name === 'statistical'
        ? '--classifier statistical needs --labels FILE (CSV note_id,label of a reviewed sample)'
        : '--classifier external needs --labels FILE (JSONL from your tool; write its input with --export FILE)',
    );
  }
  const notes = readNotesCsv(options.in);
  // Every input is read and checked before the first output is written.
  const classifier = options.out
    ? createClassifier(name, {
        training: name === 'statistical' ? readTraining(options.labels as string, notes) : undefined,
        externalLabels: name === 'external' ? parseLabelsJsonl(readTextFile(options.labels as string), options.labels) : undefined,
      })
    : null;
  const explanations = classifier && options.explain ? classifier.explain(notes) : null;
  const labels = explanations ?? (classifier ? classifier.classify(notes) : null);
  if (options.export) writeAtomic(options.export, notesToJsonl(notes));
  if (!options.out || !labels) return { notes: notes.length, engaged: 0, explanations: null };
  const rows = labels.map((l) => [l.noteId, l.label, Number(l.score.toFixed(4))]);
  writeAtomic(
    options.out,
    explanations
      ? toCsv(['note_id', 'label', 'score', 'rule', 'cue'], explanations.map((e, i) => [...rows[i], e.rule, e.cue]))
      : toCsv(['note_id', 'label', 'score'], rows),
  );
  return { notes: labels.length, engaged: labels.filter((l) => l.label === 'engaged').length, explanations };
}

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('label probation contact notes (CSV with note_id and text) as engaged / not engaged in treatment')
    .requiredOption('--in <file>', 'notes CSV with a header and at least note_id and text columns')
    .option('--out <file>', 'output CSV: note_id,label,score')
    .option('--classifier <name>', `one of ${CLASSIFIER_NAMES.join(', ')}`, 'rules')
    .option('--labels <file>', 'statistical: training CSV note_id,label; external: labels JSONL from your tool')
    .option('--export <file>', 'write the notes as JSONL {"note_id","text"} for an external classifier')
    .option('--force', 'replace --out or --export if it exists (an input is never replaced)', false)
    .option('--explain', 'print, for each note, the cue that decided it (matched phrase and rule, or the features with the largest weights); --out gains rule and cue columns', false)
    .action((options: ClassifyOptions) => {
      const result = runClassify(options);
      if (result.explanations) process.stdout.write(explanationLines(result.explanations));
      if (options.out) {
        process.stdout.write(`classified ${result.notes} notes with ${options.classifier}: ${result.engaged} engaged -> ${options.out}\n`);
      } else {
        process.stdout.write(`wrote ${result.notes} notes for an external classifier -> ${options.export}\n`);
      }
    });
}
