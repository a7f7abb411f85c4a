/**
 * A links file, as any tool writes one: a pair of id columns (LINK_ID_COLUMNS) and an optional
 * match_probability. Read by `score-links` and by `check`, which score another tool's links.
 */
import { InputError } from '../errors.ts';
import { csvColumn, parseCsv, readTextFile } from './csv-read.ts';

/**
 * Column pairs a links file may name its ids by: the generic form, the bench's own
 * linkage/links.csv, and Splink's predictions.
 */
export const LINK_ID_COLUMNS = [
  ['left_id', 'right_id'],
  ['record_id', 'episode_id'],
  ['unique_id_l', 'unique_id_r'],
] as const;

export interface LinksFile {
  left: string[];
  right: string[];
  /** match_probability per link when the file has that column. */
  probability: number[] | null;
}

/** Parse a links CSV (ids as one of LINK_ID_COLUMNS); errors name the file and line. */
export function parseLinksCsv(text: string, source: string): LinksFile {
  const doc = parseCsv(text, source);
  const pair = LINK_ID_COLUMNS.find(([l, r]) => doc.header.includes(l) && doc.header.includes(r));
  if (!pair) {
    const named = LINK_ID_COLUMNS.map(([l, r]) => `${l},${r}`).join(' or ');
    throw new InputError(`${source} line 1: header must name ${named}, got ${doc.header.join(',')}`);
  }
  const [leftName, rightName] = pair;
  const left = csvColumn(doc, leftName).map((v) => v.trim());
  const right = csvColumn(doc, rightName).map((v) => v.trim());
  doc.records.forEach((record, i) => {
    if (left[i] === '' || right[i] === '') throw new InputError(`${source} line ${record.line}: empty ${left[i] === '' ? leftName : rightName}`);
  });
  let probability: number[] | null = null;
  if (doc.header.includes('match_probability')) {
    probability = csvColumn(doc, 'match_probability').map((text, i) => {
      const p = Number(text);
      if (text.trim() === '' || !(p >= 0 && p <= 1)) {
        throw new InputError(`${source} line ${doc.records[i].line}: match_probability must be a number in [0, 1], got "${text}"`);
      }
      return p;
    });
  }
  return { left, right, probability };
}

export function readLinksFile(path: string): LinksFile {
  return parseLinksCsv(readTextFile(path), path);
}
