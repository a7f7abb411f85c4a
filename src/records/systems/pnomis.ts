/** p-NOMIS: one identity per prisoner, one row per prison spell. */
import { tableBuilder } from '../../io/table-builder.ts';
import type { RecordedIdentity } from '../noise/identity.ts';
import { TABLES } from '../tables.ts';
import { TRUTH_TABLES } from '../truth-tables.ts';
import { pad, recorder, sortedIndices, type RecordsContext, type SystemRecords } from './common.ts';

export function pnomisRecords(ctx: RecordsContext): SystemRecords {
  const { scenario, world, seed, end, people } = ctx;
  // One identity per prisoner, one row per spell.
  const pn = recorder(scenario, seed, 'pnomis');
  const pnIdentity = new Map<number, RecordedIdentity>();
  const spellOrder = sortedIndices(world.prisonSpells.length, (i) => [world.prisonSpells[i].receptionDate, people[world.prisonSpells[i].personId].prisonNumber ?? '']);
  const pnomis = tableBuilder('pnomis_spells', TABLES.pnomis_spells.columns, world.prisonSpells.length);
  const pnomisTruth = tableBuilder('truth_pnomis_spells', TRUTH_TABLES.truth_pnomis_spells.columns, world.prisonSpells.length);
  spellOrder.forEach((i, rowNumber) => {
    const spell = world.prisonSpells[i];
    const person = people[spell.personId];
    let id = pnIdentity.get(person.personId);
    if (!id) {
      id = pn.identity(person, person.personId, world.requirements[spell.requirementId].accommodation);
      pnIdentity.set(person.personId, id);
    }
    const spellId = pad('P', rowNumber + 1);
    pnomis.push([spellId, person.prisonNumber, id.pnc, id.forename, id.surname, id.dob, id.sex, spell.receptionDate, spell.releaseDate > end ? null : spell.releaseDate]);
    pnomisTruth.push([spellId, spell.personId, spell.requirementId]);
  });

  return { observed: [pnomis.finish()], truth: [pnomisTruth.finish()] };
}
