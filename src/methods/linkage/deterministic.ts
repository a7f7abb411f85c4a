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
