/**
 * The deterministic baseline: link a pair when every listed value agrees exactly and none is
 * null (e.g. initials + dob + sex, the NDTMS "attributor"). What a probabilistic model has
 * to beat.
 */
import { blockPairs, type CandidatePairs } from './blocking.ts';
import { encodeValue, type Encoded } from './encode.ts';
import type { LinkageSettings } from './settings.ts';
import type { Table } from '../../io/table.ts';
import { InputError } from '../../errors.ts';

/** Pairs agreeing exactly on all `fields` (names of settings.columns). */
export function deterministicLinks(
  settings: LinkageSettings,
  left: Table,
  right: Table,
  fields: string[],
  encoded: Encoded = new Map(),
): CandidatePairs {
  if (fields.length === 0) throw new InputError('deterministic linkage needs at least one field');
  const values: Encoded = new Map();
  for (const field of fields) {
    if (!(field in settings.columns)) {
      throw new InputError(`deterministic field "${field}" is not in settings.columns (${Object.keys(settings.columns).join(', ')})`);
    }
    values.set(field, encoded.get(field) ?? encodeValue(field, settings, left, right));
  }
  return blockPairs(values, [fields], settings.max_pairs);
}

/**
 * The pairs deterministicLinks gives, read off a probabilistic link of the same settings and
 * tables when one of its blocking rules uses only some of `fields`: a pair agreeing on every
 * field agrees on that rule's values, so it is among the link's candidate pairs already, and
 * no table of composite keys over both files is needed. In deterministicLinks' order (left
 * row, then right row). Null when no rule qualifies, a field was not encoded, or the link
 * deduplicates (deterministicLinks pairs two files).
 */
export function exactAgreement(
  link: { pairs: CandidatePairs; encoded: Encoded; population: { dedupe: boolean } },
  fields: string[],
): { left: Int32Array; right: Int32Array; count: number } | null {
  if (link.population.dedupe || fields.length === 0) return null;
  const values = fields.map((field) => link.encoded.get(field));
  if (values.some((v) => v === undefined)) return null;
  if (!link.pairs.keys.some((k) => k.rule.length > 0 && k.rule.every((key) => fields.includes(key)))) return null;
  const { left, right, count } = link.pairs;
  const agreeing: number[] = [];
  for (let p = 0; p < count; p++) {
    const i = left[p];
    const j = right[p];
    let all = true;
    for (const v of values) {
      const a = v!.left[i];
      if (a < 0 || a !== v!.right[j]) {
        all = false;
        break;
      }
    }
    if (all) agreeing.push(p);
  }
  agreeing.sort((p, q) => left[p] - left[q] || right[p] - right[q]);
  return {
    left: Int32Array.from(agreeing, (p) => left[p]),
    right: Int32Array.from(agreeing, (p) => right[p]),
    count: agreeing.length,
  };
}
