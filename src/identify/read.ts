/**
 * A finished identify folder read back for the faces (`report --identify`, `ui --identify`):
 * identify.json for the plan, draws.csv for every draw's knobs, figures, truths and whether it
 * was accepted. The posterior and the errors are recomputed from the draws by the functions
 * that wrote posterior.csv and errors.csv, so the faces and the files cannot disagree. A folder
 * that is not an identify run is refused in one line naming what is missing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { readCsv } from '../io/csv-read.ts';
import { figureKey, type Draw } from './abc.ts';
import { RECORD_FILE, type IdentifyRecord } from './run.ts';
import { isIdentifyShards } from './write.ts';

export interface IdentifyFolder {
  dir: string;
  record: IdentifyRecord;
  /** Every draw, sorted by number. */
  draws: Draw[];
  /** Whether each draw (same order) was accepted, as draws.csv records it. */
  keep: boolean[];
}

const number = (text: string): number | null => (text === '' ? null : Number(text));

/** `option DIR` must be an identify folder: identify.json with a plan, and draws.csv (a merged or unsharded run). */
export function readIdentifyFolder(dir: string, option = '--identify'): IdentifyFolder {
  if (!existsSync(dir)) throw new InputError(`${option} ${dir}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new InputError(`${option} ${dir}: not a folder`);
  const recordPath = join(dir, RECORD_FILE);
  if (!existsSync(recordPath)) {
    const sharded = isIdentifyShards(dir);
    throw new InputError(`${option} ${dir}: not an identify folder (no ${RECORD_FILE}${sharded ? '; its shards are not merged yet: npx pathways merge ' + dir : ''})`);
  }
  let record: IdentifyRecord;
  try {
    record = JSON.parse(readFileSync(recordPath, 'utf8')) as IdentifyRecord;
  } catch {
    throw new InputError(`${option} ${dir}: ${RECORD_FILE} is not JSON`);
  }
  const valid =
    typeof record === 'object' &&
    record !== null &&
    typeof record.plan === 'object' &&
    record.plan !== null &&
    Array.isArray(record.priors) &&
    Array.isArray(record.figures) &&
    Array.isArray(record.quantities);
  if (!valid) throw new InputError(`${option} ${dir}: ${RECORD_FILE} holds no identify plan (priors, figures and quantities)`);
  if (!existsSync(join(dir, 'draws.csv'))) throw new InputError(`${option} ${dir}: not an identify folder (no draws.csv)`);
  const knobs = record.priors.map((p) => p.knob);
  const doc = readCsv(join(dir, 'draws.csv'), ['draw', 'seed', ...knobs, 'id', 'group', 'recovered', 'truth', 'distance', 'accepted']);
  const at = new Map(doc.header.map((h, i) => [h, i]));
  const field = (fields: string[], name: string): string => fields[at.get(name)!];
  const byDraw = new Map<number, { draw: Draw; accepted: boolean }>();
  for (const { fields, line } of doc.records) {
    const n = Number(field(fields, 'draw'));
    if (!Number.isInteger(n)) throw new InputError(`${doc.source} line ${line}: draw must be a whole number, got "${field(fields, 'draw')}"`);
    let entry = byDraw.get(n);
    if (entry === undefined) {
      // A draw with a missing figure has no finite distance; draws.csv leaves it blank.
      const distance = number(field(fields, 'distance'));
      entry = {
        draw: { draw: n, seed: Number(field(fields, 'seed')), knobs: Object.fromEntries(knobs.map((k) => [k, Number(field(fields, k))])), values: {}, distance: distance ?? Number.POSITIVE_INFINITY },
        accepted: field(fields, 'accepted') === 'true',
      };
      byDraw.set(n, entry);
    }
    entry.draw.values[figureKey({ id: field(fields, 'id'), group: field(fields, 'group') })] = { recovered: number(field(fields, 'recovered')), truth: number(field(fields, 'truth')) };
  }
  const sorted = [...byDraw.values()].sort((a, b) => a.draw.draw - b.draw.draw);
  return { dir, record, draws: sorted.map((e) => e.draw), keep: sorted.map((e) => e.accepted) };
}
