/**
 * Bad input, command by command, as a new user gives it: each option with a bad value, each
 * input file with a bad encoding, a ragged row, a missing column or nothing in it, each output
 * that exists or is an input. Every case must exit 2 with one line naming the problem (a
 * usage error may add commander's "(run with --help for usage)"), and write nothing: the
 * folder holding every input, output and the run folder is the same, byte for byte, after.
 *
 * The CLI runs in-process (runCli of cli/main.ts): the same parsing and checks as
 * `npx pathways`, at a few milliseconds a case instead of a Node start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from './in-process.ts';
import { smallRun } from './small-run.ts';
import { ROOT } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathways-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const p = (name: string) => join(dir, name);
const LATIN1 = (text: string) => Buffer.from(text, 'latin1');
let run = '';

/** Every file under the folder: its path and a hash of its bytes (and every folder, by name). */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        out.set(full, 'folder');
        walk(full);
      } else {
        const stat = statSync(full);
        out.set(full, `${stat.size}:${stat.mtimeMs}:${createHash('sha1').update(readFileSync(full)).digest('hex')}`);
      }
    }
  };
  walk(root);
  return out;
}

beforeAll(async () => {
  ({ dir: run } = await smallRun(dir));
  const files: Record<string, string | Buffer> = {
    'notes.csv': 'note_id,text\n1,PoP attended CGL today.\n2,PoP did not attend.\n',
    'notes-latin1.csv': LATIN1('note_id,text\n1,PoP attended the café group.\n'),
    'notes-ragged.csv': 'note_id,text\n1,attended\n2,did not attend,extra\n',
    'notes-no-text.csv': 'note_id,body\n1,attended\n',
    'notes-stray-quote.csv': 'note_id,text\n1,said "yes" to CGL\n',
    'notes-unclosed.csv': 'note_id,text\n1,"attended\n',
    'notes-dup.csv': 'note_id,text\n1,a\n1,b\n',
    'empty.csv': '',
    'bom-only.csv': '\ufeff\r\n',
    'labels.csv': 'note_id,label\n1,engaged\n',
    'labels-latin1.csv': LATIN1('note_id,label\n1,engagé\n'),
    'labels-no-label.csv': 'note_id,verdict\n1,engaged\n',
    'labels-bad.csv': 'note_id,label\n1,maybe\n',
    'labels.jsonl': '{"note_id":"1","label":"engaged"}\n{oops\n',
    'labels-latin1.jsonl': LATIN1('{"note_id":"1","label":"engagé"}\n'),
    'existing.csv': 'keep me\n',
    'existing.json': '{"keep":"me"}\n',
    'data.csv': 'y,x,g\n0,1,a\n1,2,a\n0,3,b\n1,4,b\n0,5,c\n1,6,c\n',
    'data-latin1.csv': LATIN1('y,x,g\n0,1,é\n1,2,a\n'),
    'data-ragged.csv': 'y,x,g\n0,1,a\n1,2\n',
    'links.csv': 'left_id,right_id,match_probability\nL1,R1,0.9\n',
    'links-latin1.csv': LATIN1('left_id,right_id\nLé,R1\n'),
    'links-ragged.csv': 'left_id,right_id\nL1,R1\nL2\n',
    'links-header.csv': 'from,to\nL1,R1\n',
    'links-prob.csv': 'left_id,right_id,match_probability\nL1,R1,high\n',
    'links-noprob.csv': 'left_id,right_id\nL1,R1\n',
    'links-empty-id.csv': 'left_id,right_id\n,R1\n',
    'truth-left.csv': 'id,entity\nL1,A\n',
    'truth-right.csv': 'id,entity\nR1,A\n',
    'truth-dup.csv': 'id,entity\nL1,A\nL1,B\n',
    'truth-latin1.csv': LATIN1('id,entity\nL1,é\n'),
    'settings-bad.yaml': 'ids: [unclosed\n',
    'settings-latin1.yaml': LATIN1('# café\nids: { left: record_id, right: episode_id }\n'),
    'scenario-latin1.yaml': LATIN1('# café\nextends: baseline.yaml\n'),
    'scenario-extends.yaml': 'extends: nothere.yaml\n',
    'scenario-bad.yaml': `extends: ${join(ROOT, 'scenarios', 'baseline.yaml')}\nnoise:\n  ndtms:\n    dob:\n      transpose: 1.5\n`,
    'scenario-empty.yaml': '',
    'scenario-ok.yaml': `extends: ${join(ROOT, 'scenarios', 'baseline.yaml')}\n`,
    'scenario-list.yaml': '- a\n- b\n',
    'answers-bad.txt': 'maybe\n',
    'answers-many.txt': 'l\nl\nl\n',
    'answers-json.txt': '["l", 3]\n',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(p(name), content);
  mkdirSync(p('existing-folder'));
  writeFileSync(p('existing-folder/file.txt'), 'keep\n');
  mkdirSync(p('not-a-run'));
  mkdirSync(p('train-bad'));
  writeFileSync(p('train-bad/session.json'), '{"version": 1}\n');
  // Link inputs: the run's own records; a copy so the run folder stays an input of its own.
  copyFileSync(join(run, 'observed', 'ndelius_requirements.csv'), p('left.csv'));
  copyFileSync(join(run, 'observed', 'ndtms_community.csv'), p('right.csv'));
  copyFileSync(join(ROOT, 'src', 'methods', 'linkage', 'default-settings.yaml'), p('settings.yaml'));
  const left = readFileSync(p('left.csv'), 'utf8').split('\n');
  writeFileSync(p('left-latin1.csv'), Buffer.concat([Buffer.from(left.slice(0, 3).join('\n') + '\n'), LATIN1('é'), Buffer.from('\n')]));
  writeFileSync(p('left-ragged.csv'), `${left.slice(0, 3).join('\n')}\n${left[3].split(',').slice(0, 4).join(',')}\n`);
  writeFileSync(p('left-no-dob.csv'), left.slice(0, 4).map((l) => l.replace(/,dob,/, ',birth,')).join('\n') + '\n');
  // Identify plans (JSON is YAML), each good but for one thing.
  const plan = (over: Record<string, unknown>) =>
    JSON.stringify({ name: 'bad', aims: 'be refused', scenario: `${ROOT}scenarios/baseline.yaml`, priors: { 'treatment.other_treatment.ATR': [0.3, 0.9] }, figures: [{ id: 'nlp.engaged.pct', group: 'ATR' }], ...over });
  writeFileSync(p('identify-ok.yaml'), plan({}));
  writeFileSync(p('identify-unknown-knob.yaml'), plan({ priors: { 'treatment.other_treatment.ATR': [0.3, 0.9], 'treatment.no_such_knob': [0, 1] } }));
  writeFileSync(p('identify-prior-range.yaml'), plan({ priors: { 'treatment.other_treatment.ATR': [0.5, 1.5] } }));
  writeFileSync(p('identify-prior-order.yaml'), plan({ priors: { 'noise.multiplier': [2, 1] } }));
  writeFileSync(p('identify-figure.yaml'), plan({ figures: [{ id: 'nlp.engaged.share', group: 'all' }] }));
  writeFileSync(p('identify-group.yaml'), plan({ figures: [{ id: 'nlp.engaged.pct', group: 'female' }] }));
  writeFileSync(p('identify-range-figure.yaml'), plan({ figures: [{ id: 'status.remained.pct.age.others_range', group: 'ATR' }] }));
  writeFileSync(p('identify-typo.yaml'), plan({ prior: { 'noise.multiplier': [1, 2] } }));
  mkdirSync(p('.interrupted.partial'));
}, 180_000);

interface Case {
  /** The command line, given the fixture paths. */
  args: () => string[];
  /** What the one line must say. */
  message: RegExp;
}

/** A CRN in the run's cohort (linkage/requirements.csv holds the cohort only). */
/** A check command with every option good, its failing folder in the test's folder. */
const checkArgs = () => ['check', '--kind', 'link', '--tool', `node ${ROOT}examples/tools/weak-linker.mjs {left} {right} {out}`, '--failing', p('failing')];
const classifyArgs = () => ['check', '--kind', 'classify', '--tool', `node ${ROOT}examples/tools/weak-classifier.mjs {notes} {out}`, '--failing', p('failing')];
const crn = () => readFileSync(join(run, 'linkage', 'requirements.csv'), 'utf8').split('\n')[1].split(',')[1];

const cases: Record<string, Case> = {
  // generate / run / start
  'generate --seed -1': { args: () => ['generate', '--seed', '-1', '--out', p('g')], message: /--seed: must be a whole number from 0 to 4294967295, got "-1"/ },
  'generate --seed 1.5': { args: () => ['generate', '--seed', '1.5', '--out', p('g')], message: /--seed: .* got "1.5"/ },
  'generate --scale 0': { args: () => ['generate', '--scale', '0', '--out', p('g')], message: /--scale: must be a number from 0.01 to 4, got "0"/ },
  'generate --scale abc': { args: () => ['generate', '--scale', 'abc', '--out', p('g')], message: /--scale: .* got "abc"/ },
  'generate --format xml': { args: () => ['generate', '--format', 'xml', '--out', p('g')], message: /'--format <format>' argument 'xml' is invalid/ },
  'generate --progress loud': { args: () => ['generate', '--progress', 'loud', '--out', p('g')], message: /'--progress <style>' argument 'loud' is invalid/ },
  'generate without --out': { args: () => ['generate', '--scale', '0.01'], message: /required option '--out <dir>' not specified/ },
  'generate --out an existing folder': { args: () => ['generate', '--scale', '0.01', '--out', p('existing-folder')], message: /--out .*existing-folder: already exists \(use --force to replace it\)/ },
  'generate --out an existing file': { args: () => ['generate', '--scale', '0.01', '--out', p('existing.csv'), '--force'], message: /--out .*existing.csv: exists and is not a folder/ },
  'generate --scenario missing': { args: () => ['generate', '--scenario', p('nothere.yaml'), '--out', p('g')], message: /scenario file not found: .*nothere.yaml/ },
  'generate --scenario Latin-1': { args: () => ['generate', '--scenario', p('scenario-latin1.yaml'), '--out', p('g')], message: /scenario-latin1.yaml line 1: not UTF-8 \(byte 0xE9 at offset 5\)/ },
  'generate --scenario extends a missing file': { args: () => ['generate', '--scenario', p('scenario-extends.yaml'), '--out', p('g')], message: /scenario-extends.yaml: extends: nothere.yaml: file not found/ },
  'generate --scenario out of range': { args: () => ['generate', '--scenario', p('scenario-bad.yaml'), '--out', p('g')], message: /noise.ndtms.dob.transpose: must be <= 1, got 1.5/ },
  'generate --scenario empty': { args: () => ['generate', '--scenario', p('scenario-empty.yaml'), '--out', p('g')], message: /scenario-empty.yaml: a scenario must be a YAML mapping/ },
  'generate --scenario a list': { args: () => ['generate', '--scenario', p('scenario-list.yaml'), '--out', p('g')], message: /scenario-list.yaml: a scenario must be a YAML mapping/ },
  'generate --sead (unknown option)': { args: () => ['generate', '--sead', '1', '--out', p('g')], message: /unknown option '--sead'/ },
  'generate --out holds the scenario, --force': { args: () => ['generate', '--scale', '0.01', '--scenario', p('scenario-ok.yaml'), '--out', dir, '--force'], message: /--out .*: would replace the input --scenario .*scenario-ok.yaml/ },
  'run --out is the scenario, --force': { args: () => ['run', '--scale', '0.01', '--scenario', p('scenario-ok.yaml'), '--out', p('scenario-ok.yaml'), '--force'], message: /would replace the input --scenario/ },
  'run --scale 5': { args: () => ['run', '--scale', '5', '--out', p('g')], message: /--scale: must be a number from 0.01 to 4, got "5"/ },
  'run --out an existing folder': { args: () => ['run', '--scale', '0.01', '--out', p('existing-folder')], message: /already exists \(use --force/ },
  'run --json --progress loud': { args: () => ['run', '--json', '--progress', 'loud', '--out', p('g')], message: /argument 'loud' is invalid/ },
  'start --scale 9': { args: () => ['start', '--scale', '9', '--out', p('g')], message: /--scale: must be a number from 0.01 to 4, got "9"/ },
  'start --seed x': { args: () => ['start', '--seed', 'x', '--out', p('g')], message: /--seed: .* got "x"/ },
  'start --out a folder that is not a run': { args: () => ['start', '--scale', '0.01', '--out', p('existing-folder')], message: /--out .*existing-folder: exists and is not a run folder \(no manifest.json\); start replaces only a run folder/ },
  'start --out a file': { args: () => ['start', '--scale', '0.01', '--out', p('existing.csv')], message: /--out .*existing.csv: exists and is not a folder/ },

  // fit
  'fit --data missing': { args: () => ['fit', '--data', p('absent.csv'), '--formula', 'y ~ x + (1 | g)'], message: /cannot read .*absent.csv: no such file/ },
  'fit --data Latin-1': { args: () => ['fit', '--data', p('data-latin1.csv'), '--formula', 'y ~ x + (1 | g)'], message: /data-latin1.csv line 2: not UTF-8 \(byte 0xE9 at offset 10\)/ },
  'fit --data ragged': { args: () => ['fit', '--data', p('data-ragged.csv'), '--formula', 'y ~ x + (1 | g)'], message: /data-ragged.csv line 3: 2 fields, the header has 3 \(no field for column g\)/ },
  'fit --data empty': { args: () => ['fit', '--data', p('empty.csv'), '--formula', 'y ~ x + (1 | g)'], message: /empty.csv: file is empty/ },
  'fit --data a folder': { args: () => ['fit', '--data', p('existing-folder'), '--formula', 'y ~ x + (1 | g)'], message: /cannot read .*existing-folder: it is a folder/ },
  'fit --formula no tilde': { args: () => ['fit', '--data', p('data.csv'), '--formula', 'y x'], message: /formula/ },
  'fit --formula unknown column': { args: () => ['fit', '--data', p('data.csv'), '--formula', 'y ~ nope + (1 | g)'], message: /nope/ },
  'fit --nagq abc': { args: () => ['fit', '--data', p('data.csv'), '--formula', 'y ~ x + (1 | g)', '--nagq', 'abc'], message: /--nagq must be a whole number, got abc/ },
  'fit --max-iterations -1': { args: () => ['fit', '--data', p('data.csv'), '--formula', 'y ~ x + (1 | g)', '--max-iterations', '-1'], message: /--max-iterations must be a whole number, got -1/ },
  'fit --reference without =': { args: () => ['fit', '--data', p('data.csv'), '--formula', 'y ~ x + (1 | g)', '--reference', 'g'], message: /--reference g: expected column=level/ },

  // classify
  'classify --in missing': { args: () => ['classify', '--in', p('absent.csv'), '--out', p('o.csv')], message: /cannot read .*absent.csv: no such file/ },
  'classify --in Latin-1': { args: () => ['classify', '--in', p('notes-latin1.csv'), '--out', p('o.csv')], message: /notes-latin1.csv line 2: not UTF-8 \(byte 0xE9 at offset 35\); save the file as UTF-8/ },
  'classify --in ragged': { args: () => ['classify', '--in', p('notes-ragged.csv'), '--out', p('o.csv')], message: /notes-ragged.csv line 3: 3 fields, the header has 2 \(an extra field 3\)/ },
  'classify --in no text column': { args: () => ['classify', '--in', p('notes-no-text.csv'), '--out', p('o.csv')], message: /notes-no-text.csv line 1: missing column text \(header has: note_id, body\)/ },
  'classify --in empty': { args: () => ['classify', '--in', p('empty.csv'), '--out', p('o.csv')], message: /empty.csv: file is empty \(expected a header row naming note_id, text\)/ },
  'classify --in only a BOM': { args: () => ['classify', '--in', p('bom-only.csv'), '--out', p('o.csv')], message: /bom-only.csv: file is empty/ },
  'classify --in a stray quote': { args: () => ['classify', '--in', p('notes-stray-quote.csv'), '--out', p('o.csv')], message: /notes-stray-quote.csv line 2: a quote inside an unquoted field/ },
  'classify --in an unclosed quote': { args: () => ['classify', '--in', p('notes-unclosed.csv'), '--out', p('o.csv')], message: /notes-unclosed.csv line 2: quoted field never closed/ },
  'classify --in a note_id twice': { args: () => ['classify', '--in', p('notes-dup.csv'), '--out', p('o.csv')], message: /notes-dup.csv line 3: note_id 1 appears twice/ },
  'classify --out is --in': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('notes.csv')], message: /--out .*notes.csv: would replace the input --in/ },
  'classify --out is --in, --force': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('notes.csv'), '--force'], message: /would replace the input --in/ },
  'classify --out exists': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('existing.csv')], message: /--out .*existing.csv: already exists \(use --force to replace it\)/ },
  'classify --out a folder': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('existing-folder')], message: /--out .*existing-folder: is a folder, expected a file name/ },
  'classify --out in a missing folder': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('nowhere/o.csv')], message: /--out .*o.csv: folder .*nowhere does not exist/ },
  'classify --export is --in': { args: () => ['classify', '--in', p('notes.csv'), '--export', p('notes.csv')], message: /--export .*notes.csv: would replace the input --in/ },
  'classify --export is --out': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('o.csv'), '--export', p('o.csv')], message: /--export .*o.csv: would replace the input --out/ },
  'classify --export exists': { args: () => ['classify', '--in', p('notes.csv'), '--export', p('existing.json')], message: /--export .*existing.json: already exists/ },
  'classify --classifier bert': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('o.csv'), '--classifier', 'bert'], message: /--classifier must be one of .*got "bert"/ },
  'classify statistical without --labels': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('o.csv'), '--classifier', 'statistical'], message: /--classifier statistical needs --labels FILE/ },
  'classify --labels Latin-1': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('o.csv'), '--classifier', 'statistical', '--labels', p('labels-latin1.csv')], message: /labels-latin1.csv line 2: not UTF-8/ },
  'classify --labels no label column': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('o.csv'), '--classifier', 'statistical', '--labels', p('labels-no-label.csv')], message: /labels-no-label.csv line 1: missing column label/ },
  'classify --labels a bad label': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('o.csv'), '--classifier', 'statistical', '--labels', p('labels-bad.csv')], message: /labels-bad.csv line 2: label must be engaged or not_engaged, got "maybe"/ },
  'classify external, bad JSONL': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('o.csv'), '--classifier', 'external', '--labels', p('labels.jsonl')], message: /labels.jsonl line 2: not valid JSON/ },
  'classify external, Latin-1 JSONL': { args: () => ['classify', '--in', p('notes.csv'), '--out', p('o.csv'), '--classifier', 'external', '--labels', p('labels-latin1.jsonl')], message: /labels-latin1.jsonl line 1: not UTF-8/ },
  'classify without --out or --export': { args: () => ['classify', '--in', p('notes.csv')], message: /--out FILE is required/ },

  // link, file mode
  'link --left Latin-1': { args: () => ['link', '--left', p('left-latin1.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', p('l')], message: /left-latin1.csv line 4: not UTF-8/ },
  'link --left ragged': { args: () => ['link', '--left', p('left-ragged.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', p('l')], message: /left-ragged.csv line 4: 4 fields, the header has \d+ \(no field for column \w+\)/ },
  'link --left empty': { args: () => ['link', '--left', p('empty.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', p('l')], message: /empty.csv: file is empty/ },
  'link --left without a column the settings read': { args: () => ['link', '--left', p('left-no-dob.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', p('l')], message: /dob/ },
  'link --right missing': { args: () => ['link', '--left', p('left.csv'), '--right', p('absent.csv'), '--settings', p('settings.yaml'), '--out', p('l')], message: /cannot read .*absent.csv: no such file/ },
  'link without --right': { args: () => ['link', '--left', p('left.csv'), '--settings', p('settings.yaml'), '--out', p('l')], message: /link: --right is required unless the settings deduplicate one file \(link_type: dedupe_only; .*settings\.yaml has link_only\)/ },
  'link --settings missing': { args: () => ['link', '--left', p('left.csv'), '--right', p('right.csv'), '--settings', p('absent.yaml'), '--out', p('l')], message: /cannot read .*absent.yaml: no such file/ },
  'link --settings not YAML': { args: () => ['link', '--left', p('left.csv'), '--right', p('right.csv'), '--settings', p('settings-bad.yaml'), '--out', p('l')], message: /settings-bad.yaml: not valid YAML\/JSON/ },
  'link --settings Latin-1': { args: () => ['link', '--left', p('left.csv'), '--right', p('right.csv'), '--settings', p('settings-latin1.yaml'), '--out', p('l')], message: /settings-latin1.yaml line 1: not UTF-8/ },
  'link --resolve sideways': { args: () => ['link', '--left', p('left.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', p('l'), '--resolve', 'sideways'], message: /--resolve: expected one of all, best, best-right, one-to-one, clusters, got "sideways"/ },
  'link --out exists': { args: () => ['link', '--left', p('left.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', p('existing-folder')], message: /--out .*existing-folder: already exists \(use --force/ },
  'link --out is --left': { args: () => ['link', '--left', p('left.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', p('left.csv'), '--force'], message: /--out .*left.csv: would replace the input --left/ },
  'link --out holds the inputs, --force': { args: () => ['link', '--left', p('left.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', dir, '--force'], message: /would replace the input --left/ },
  'link --explain an unknown id': { args: () => ['link', '--left', p('left.csv'), '--right', p('right.csv'), '--settings', p('settings.yaml'), '--out', p('l'), '--quiet', '--explain', 'NOPE'], message: /--explain: no left record with record_id "NOPE"/ },

  // link, run mode
  'link --run with --left': { args: () => ['link', '--run', run, '--left', p('left.csv')], message: /link: --left belongs to file mode/ },
  'link --run not a run': { args: () => ['link', '--run', p('not-a-run')], message: /not-a-run: not a run folder \(no manifest.json\)/ },
  'link --run --settings missing': { args: () => ['link', '--run', run, '--settings', p('absent.yaml')], message: /cannot read .*absent.yaml: no such file/ },

  // score-links
  'score-links --links Latin-1': { args: () => ['score-links', '--links', p('links-latin1.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv')], message: /links-latin1.csv line 2: not UTF-8/ },
  'score-links --links ragged': { args: () => ['score-links', '--links', p('links-ragged.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv')], message: /links-ragged.csv line 3: 1 fields, the header has 2 \(no field for column right_id\)/ },
  'score-links --links no id columns': { args: () => ['score-links', '--links', p('links-header.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv')], message: /links-header.csv line 1: header must name left_id,right_id or record_id,episode_id/ },
  'score-links --links empty': { args: () => ['score-links', '--links', p('empty.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv')], message: /empty.csv: file is empty/ },
  'score-links --links an empty id': { args: () => ['score-links', '--links', p('links-empty-id.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv')], message: /links-empty-id.csv line 2: empty left_id/ },
  'score-links --links a bad probability': { args: () => ['score-links', '--links', p('links-prob.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv')], message: /links-prob.csv line 2: match_probability must be a number in \[0, 1\], got "high"/ },
  'score-links --min-probability abc': { args: () => ['score-links', '--links', p('links.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv'), '--min-probability', 'abc'], message: /--min-probability: expected a number in \[0, 1\], got "abc"/ },
  'score-links --min-probability, no column': { args: () => ['score-links', '--links', p('links-noprob.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv'), '--min-probability', '0.5'], message: /--min-probability: .*links-noprob.csv has no match_probability column/ },
  'score-links --left-id not in the file': { args: () => ['score-links', '--links', p('links.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv'), '--left-id', 'record'], message: /truth-left.csv line 1: no column "record"/ },
  'score-links --truth-left an id twice': { args: () => ['score-links', '--links', p('links.csv'), '--truth-left', p('truth-dup.csv'), '--truth-right', p('truth-right.csv')], message: /truth-dup.csv data row 2: id L1 appears twice/ },
  'score-links --truth-right Latin-1': { args: () => ['score-links', '--links', p('links.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-latin1.csv')], message: /truth-latin1.csv line 2: not UTF-8/ },
  'score-links --group not a column': { args: () => ['score-links', '--links', p('links.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv'), '--group', 'team'], message: /no column "team" \(--group/ },
  'score-links without truth': { args: () => ['score-links', '--links', p('links.csv')], message: /give --run DIR, or both --truth-left and --truth-right/ },
  'score-links --out exists': { args: () => ['score-links', '--links', p('links.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv'), '--out', p('existing.json')], message: /--out .*existing.json: already exists \(use --force/ },
  'score-links --out is --truth-left': { args: () => ['score-links', '--links', p('links.csv'), '--truth-left', p('truth-left.csv'), '--truth-right', p('truth-right.csv'), '--out', p('truth-left.csv'), '--force'], message: /would replace the input --truth-left/ },
  'score-links --run with --truth-left': { args: () => ['score-links', '--run', run, '--links', p('links.csv'), '--truth-left', p('truth-left.csv')], message: /--truth-left\/--truth-right belong to file mode/ },
  'score-links --run --group shoe_size': { args: () => ['score-links', '--run', run, '--links', join(run, 'linkage', 'links.csv'), '--group', 'shoe_size'], message: /--group: with --run, one of sex, .* got "shoe_size"/ },
  'score-links --out a run file, --force': { args: () => ['score-links', '--run', run, '--links', join(run, 'linkage', 'links.csv'), '--out', join(run, 'results.json'), '--force'], message: /would replace (the input --links|a file of the run folder)/ },
  'score-links --run not a run': { args: () => ['score-links', '--run', p('not-a-run'), '--links', p('links.csv')], message: /not-a-run: not a run folder/ },

  // ui
  'ui --seed -3': { args: () => ['ui', '--json', '--seed', '-3'], message: /--seed: .* got "-3"/ },
  'ui --scale 0': { args: () => ['ui', '--json', '--scale', '0'], message: /--scale: must be a number from 0.01 to 4, got "0"/ },
  'ui --run not a run': { args: () => ['ui', '--json', '--run', p('not-a-run')], message: /not-a-run/ },

  // reconvictions
  'reconvictions --run not a run': { args: () => ['reconvictions', '--run', p('not-a-run')], message: /not-a-run is not a run folder \(no manifest.json\)/ },
  'reconvictions --progress loud': { args: () => ['reconvictions', '--run', run, '--progress', 'loud'], message: /argument 'loud' is invalid/ },
  'reconvictions --scenario missing': { args: () => ['reconvictions', '--run', run, '--scenario', p('absent.yaml')], message: /scenario file not found: .*absent.yaml/ },

  // notes
  'notes --sample 0': { args: () => ['notes', '--run', run, '--sample', '0'], message: /--sample: must be a whole number of at least 1, got "0"/ },
  'notes --review abc': { args: () => ['notes', '--run', run, '--review', 'abc'], message: /--review: must be a whole number of at least 1, got "abc"/ },
  'notes --bootstrap -1': { args: () => ['notes', '--run', run, '--bootstrap', '-1'], message: /--bootstrap: must be a whole number of at least 1, got "-1"/ },
  'notes --classifier bert': { args: () => ['notes', '--run', run, '--classifier', 'bert'], message: /'--classifier <name>' argument 'bert' is invalid/ },
  'notes --labels Latin-1': { args: () => ['notes', '--run', run, '--classifier', 'external', '--labels', p('labels-latin1.jsonl')], message: /labels-latin1.jsonl line 1: not UTF-8/ },
  'notes --labels bad JSONL': { args: () => ['notes', '--run', run, '--classifier', 'external', '--labels', p('labels.jsonl')], message: /labels.jsonl line 2: not valid JSON/ },
  'notes --labels missing': { args: () => ['notes', '--run', run, '--classifier', 'external', '--labels', p('absent.jsonl')], message: /cannot read .*absent.jsonl: no such file/ },
  'notes external without --labels': { args: () => ['notes', '--run', run, '--classifier', 'external'], message: /--classifier external needs --labels FILE/ },
  'notes --export-notes exists': { args: () => ['notes', '--run', run, '--export-notes', p('existing.json')], message: /--export-notes .*existing.json: already exists/ },
  'notes --export-notes is --labels': { args: () => ['notes', '--run', run, '--classifier', 'external', '--labels', p('labels.jsonl'), '--export-notes', p('labels.jsonl')], message: /--export-notes .*labels.jsonl: would replace the input --labels/ },
  'notes --run not a run': { args: () => ['notes', '--run', p('not-a-run')], message: /not-a-run: not a run folder/ },

  // explain
  'explain --limit 0': { args: () => ['explain', '--run', run, '--crn', crn(), '--limit', '0'], message: /--limit: must be a whole number of at least 1, got "0"/ },
  'explain --limit -3': { args: () => ['explain', '--run', run, '--crn', crn(), '--limit', '-3'], message: /--limit: must be a whole number of at least 1, got "-3"/ },
  'explain --limit abc': { args: () => ['explain', '--run', run, '--crn', crn(), '--limit', 'abc'], message: /--limit: must be a whole number of at least 1, got "abc"/ },
  'explain --crn malformed': { args: () => ['explain', '--run', run, '--crn', '123'], message: /--crn: a CRN is one letter and six digits \(X123456\), got "123"/ },
  'explain --crn not in the cohort': { args: () => ['explain', '--run', run, '--crn', 'Z999999'], message: /--crn Z999999: no requirement in this run's cohort has that CRN/ },
  'explain --run not a run': { args: () => ['explain', '--run', p('not-a-run'), '--crn', 'X123456'], message: /not-a-run: not a run folder/ },
  // train
  'train --exercise unknown': { args: () => ['train', '--run', run, '--exercise', 'pairs', '--json'], message: /--exercise: no exercise "pairs" \(one of linkage-pairs, notes, linked-rate, reconviction-timing\)/ },
  'train --run missing': { args: () => ['train', '--run', p('nothere'), '--json'], message: /--run .*nothere: no such folder/ },
  'train --run not a run': { args: () => ['train', '--run', p('not-a-run'), '--json'], message: /--run .*not-a-run: no results.json there \(not a finished run folder\)/ },
  'train --run without the stage': { args: () => ['train', '--run', run, '--exercise', 'reconviction-timing', '--json'], message: /no reconviction\/requirements.csv \(this exercise needs a run with that stage\)/ },
  'train --seed x': { args: () => ['train', '--run', run, '--seed', 'x', '--json'], message: /--seed: .* got "x"/ },
  'train --count 0': { args: () => ['train', '--run', run, '--count', '0', '--json'], message: /--count: must be a whole number from 1 to 100, got "0"/ },
  'train --answers missing': { args: () => ['train', '--run', run, '--exercise', 'linked-rate', '--count', '2', '--answers', p('nothere.txt'), '--results-dir', p('train-out')], message: /--answers .*nothere.txt: no such file/ },
  'train --answers a bad choice': { args: () => ['train', '--run', run, '--exercise', 'linked-rate', '--count', '2', '--answers', p('answers-bad.txt'), '--results-dir', p('train-out')], message: /--answers .*answers-bad.txt: answer 1 "maybe" is not one of l, h, s/ },
  'train --answers too many': { args: () => ['train', '--run', run, '--exercise', 'linked-rate', '--count', '2', '--answers', p('answers-many.txt'), '--results-dir', p('train-out')], message: /--answers .*answers-many.txt: 3 answers for 2 cases/ },
  'train --answers JSON not strings': { args: () => ['train', '--run', run, '--exercise', 'linked-rate', '--count', '2', '--answers', p('answers-json.txt'), '--results-dir', p('train-out')], message: /--answers .*answers-json.txt: a JSON answer list must be an array of strings/ },
  'train --results a bad session file': { args: () => ['train', '--run', run, '--results', '--results-dir', p('train-bad')], message: /train-bad\/session.json: not a training session: run: / },
  'explain --settings Latin-1': { args: () => ['explain', '--run', run, '--crn', crn(), '--settings', p('settings-latin1.yaml')], message: /settings-latin1.yaml line 1: not UTF-8/ },

  // export-splink
  'export-splink --out exists': { args: () => ['export-splink', '--run', run, '--out', p('existing-folder')], message: /--out .*existing-folder: already exists \(use --force/ },
  'export-splink --out is --run, --force': { args: () => ['export-splink', '--run', run, '--out', run, '--force'], message: /--out .*run: would replace the input --run/ },
  'export-splink --out a file': { args: () => ['export-splink', '--run', run, '--out', p('existing.csv'), '--force'], message: /--out .*existing.csv: exists and is not a folder/ },
  'export-splink --run not a run': { args: () => ['export-splink', '--run', p('not-a-run'), '--out', p('s')], message: /not-a-run: not a run folder/ },

  // check: every option is checked before the first world is drawn, so nothing runs
  'check --property unparsable': { args: () => [...checkArgs(), '--property', 'recall is high'], message: /--property "recall is high": expected METRIC OP NUMBER \[when KNOB OP NUMBER\]/ },
  'check --property unknown metric': { args: () => [...checkArgs(), '--property', 'accuracy >= 0.9'], message: /--property "accuracy >= 0.9": unknown metric "accuracy" \(one of recall, precision/ },
  'check --property unknown knob': { args: () => [...checkArgs(), '--property', 'recall >= 0.9 when noise.ndtms.dob.typos <= 0.02'], message: /unknown knob "noise.ndtms.dob.typos"/ },
  'check --tool does not exist': { args: () => ['check', '--kind', 'link', '--tool', 'no-such-linker {left} {right} {out}', '--property', 'recall >= 0.9', '--failing', p('failing')], message: /--tool: command "no-such-linker" not found on PATH/ },
  'check --tool a missing file': { args: () => ['check', '--kind', 'link', '--tool', `${p('nothere.sh')} {left} {right} {out}`, '--property', 'recall >= 0.9', '--failing', p('failing')], message: /--tool: command .*nothere.sh does not exist/ },
  'check --tool without {out}': { args: () => ['check', '--kind', 'link', '--tool', 'node weak.mjs {left} {right}', '--property', 'recall >= 0.9', '--failing', p('failing')], message: /--tool "node weak.mjs \{left\} \{right\}": no \{out\} in the command/ },
  'check --kind fit, a link metric': { args: () => ['check', '--kind', 'fit', '--tool', 'node x {data} {out}', '--property', 'recall >= 0.9'], message: /--property "recall >= 0.9": unknown metric "recall" \(one of coverage\)/ },
  'check --kind fit, a template without {data}': { args: () => ['check', '--kind', 'fit', '--tool', 'node x {out}', '--property', 'coverage >= 0.9'], message: /--tool "node x \{out\}": no \{data\} in the command/ },
  'check --kind unknown': { args: () => ['check', '--kind', 'dedupe', '--tool', 'node x {left} {right} {out}', '--property', 'recall >= 0.9'], message: /--kind: expected link, classify, fit, got "dedupe"/ },
  'check --kind classify, a link metric': { args: () => [...classifyArgs(), '--property', 'recall >= 0.9'], message: /--property "recall >= 0.9": unknown metric "recall" \(one of accuracy, sensitivity, specificity\)/ },
  'check --kind classify, a link template': { args: () => ['check', '--kind', 'classify', '--tool', `node ${ROOT}examples/tools/weak-classifier.mjs {left} {out}`, '--property', 'accuracy >= 0.9', '--failing', p('failing')], message: /--tool ".*weak-classifier.mjs \{left\} \{out\}": no \{notes\} in the command/ },
  'check --kind classify, an unknown knob': { args: () => [...classifyArgs(), '--property', 'accuracy >= 0.9 when notes.typo_rate <= 0.1'], message: /unknown knob "notes.typo_rate"/ },
  'check --runs 0': { args: () => [...checkArgs(), '--property', 'recall >= 0.9', '--runs', '0'], message: /--runs: expected a whole number above 0, got "0"/ },
  'check --failing exists': { args: () => ['check', '--kind', 'link', '--tool', `node ${ROOT}examples/tools/weak-linker.mjs {left} {right} {out}`, '--property', 'recall >= 0.9', '--failing', p('existing-folder')], message: /--failing .*existing-folder: already exists \(use --force/ },

  // identify: the whole plan is checked before the first world is drawn
  'identify a knob that does not exist': { args: () => ['identify', '--plan', p('identify-unknown-knob.yaml'), '--out', p('i')], message: /identify-unknown-knob.yaml: knob treatment.no_such_knob: not a key of the scenario/ },
  "identify a prior outside the knob's range": { args: () => ['identify', '--plan', p('identify-prior-range.yaml'), '--out', p('i')], message: /identify-prior-range.yaml: prior treatment.other_treatment.ATR \[0.5, 1.5\] is outside the knob's valid range \(treatment.other_treatment.ATR: must be <= 1, got 1.5\)/ },
  'identify a prior with low above high': { args: () => ['identify', '--plan', p('identify-prior-order.yaml'), '--out', p('i')], message: /prior noise.multiplier \[2, 1\]: low must be below high/ },
  'identify a figure not in the targets': { args: () => ['identify', '--plan', p('identify-figure.yaml'), '--out', p('i')], message: /identify-figure.yaml: figure nlp.engaged.share \(all\) is not a published figure in the targets/ },
  'identify a figure in a group not published': { args: () => ['identify', '--plan', p('identify-group.yaml'), '--out', p('i')], message: /figure nlp.engaged.pct \(female\) is not a published figure \(its groups: all, ATR, DRR\)/ },
  'identify a figure published as a range': { args: () => ['identify', '--plan', p('identify-range-figure.yaml'), '--out', p('i')], message: /was published as a range \(15-17\), not one value to match/ },
  'identify a plan key misspelt': { args: () => ['identify', '--plan', p('identify-typo.yaml'), '--out', p('i')], message: /identify-typo.yaml: (priors: required|prior: unknown key)/ },
  'identify --plan missing': { args: () => ['identify', '--plan', p('nothere.yaml'), '--out', p('i')], message: /nothere.yaml/ },
  'identify --budget 0': { args: () => ['identify', '--plan', p('identify-ok.yaml'), '--out', p('i'), '--budget', '0'], message: /--budget: must be a whole number from 1, got "0"/ },
  'identify --workers 0': { args: () => ['identify', '--plan', p('identify-ok.yaml'), '--out', p('i'), '--workers', '0'], message: /--workers: must be a whole number from 1, got "0"/ },
  'identify --shard 3/2': { args: () => ['identify', '--plan', p('identify-ok.yaml'), '--out', p('i'), '--shard', '3/2'], message: /--shard 3\/2: expected K\/N with 1 <= K <= N/ },
  'identify --out exists': { args: () => ['identify', '--plan', p('identify-ok.yaml'), '--out', p('existing-folder')], message: /--out .*existing-folder: already exists \(use --force/ },
  'identify --out holds the plan, --force': { args: () => ['identify', '--plan', p('identify-ok.yaml'), '--out', dir, '--force'], message: /would replace the input --plan/ },
  'identify an interrupted run without --resume': { args: () => ['identify', '--plan', p('identify-ok.yaml'), '--out', p('interrupted')], message: /interrupted: an interrupted identify run is at .*\.interrupted\.partial; add --resume to continue it, or remove it/ },
};

describe('bad input: exit 2, one line naming the problem, nothing written', () => {
  it('has at least 60 cases across every command', () => {
    expect(Object.keys(cases).length).toBeGreaterThanOrEqual(60);
    const commands = new Set(Object.keys(cases).map((name) => name.split(' ')[0]));
    expect([...commands].sort()).toEqual(['check', 'classify', 'explain', 'export-splink', 'fit', 'generate', 'identify', 'link', 'notes', 'reconvictions', 'run', 'score-links', 'start', 'train', 'ui']);
  });

  it.each(Object.entries(cases))('%s', async (_name, c) => {
    const before = snapshot(dir);
    const r = await cliInProcess(c.args());
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(r.status, r.stderr).toBe(2);
    // One line: the problem; commander adds a pointer to --help after a usage error.
    expect(lines.filter((l) => !/^\((run with --help for usage|Did you mean .*)\)$/.test(l)), r.stderr).toHaveLength(1);
    expect(lines[0], r.stderr).toMatch(/^(pathways: |error: )/);
    expect(lines[0], r.stderr).toMatch(c.message);
    expect(r.stdout, r.stderr).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });
});
