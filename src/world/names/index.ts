/** Names and census ethnicity labels for a person, by their ethnic group and sex. */
import type { Rng } from '../../random/stream.ts';
import type { EthnicGroup, Sex } from '../types.ts';
import * as pools from './pools.ts';
import { weightedPicker, type Picker } from './picker.ts';

interface Tradition {
  male: Picker;
  female: Picker;
  surname: Picker;
}

const british: Tradition = {
  male: weightedPicker(pools.MALE_WHITE),
  female: weightedPicker(pools.FEMALE_WHITE),
  surname: weightedPicker(pools.SURNAME_WHITE),
};
const southAsian: Tradition = {
  male: weightedPicker(pools.MALE_ASIAN),
  female: weightedPicker(pools.FEMALE_ASIAN),
  surname: weightedPicker(pools.SURNAME_ASIAN),
};
const black: Tradition = {
  male: weightedPicker(pools.MALE_BLACK),
  female: weightedPicker(pools.FEMALE_BLACK),
  surname: weightedPicker(pools.SURNAME_BLACK),
};
const eastEuropean: Tradition = {
  male: weightedPicker(pools.MALE_WHITE_OTHER),
  female: weightedPicker(pools.FEMALE_WHITE_OTHER),
  surname: weightedPicker(pools.SURNAME_WHITE_OTHER),
};

/** Census 2011 labels within each group, with rough shares among people on probation. */
const LABELS: Record<EthnicGroup, [string, number, Tradition][]> = {
  White: [
    ['White British', 0.86, british],
    ['White Irish', 0.03, british],
    ['Gypsy/Traveller', 0.02, british],
    ['White other', 0.09, eastEuropean],
  ],
  Black: [
    ['Black Caribbean', 0.42, black],
    ['Black African', 0.45, black],
    ['Black other', 0.13, black],
  ],
  Asian: [
    ['Pakistani', 0.4, southAsian],
    ['Indian', 0.27, southAsian],
    ['Bangladeshi', 0.16, southAsian],
    ['Chinese', 0.03, british],
    ['Asian other', 0.14, southAsian],
  ],
  Mixed: [
    ['Mixed White and Black Caribbean', 0.45, british],
    ['Mixed White and Black African', 0.15, black],
    ['Mixed White and Asian', 0.15, british],
    ['Mixed other', 0.25, british],
  ],
  Other: [
    ['Arab', 0.3, southAsian],
    ['Other', 0.7, british],
  ],
};

export interface NamedIdentity {
  forename: string;
  surname: string;
  altSurname: string;
  ethnicity: string;
}

export function nameFor(group: EthnicGroup, sex: Sex, rng: Rng): NamedIdentity {
  const options = LABELS[group];
  let u = rng.next();
  let chosen = options[options.length - 1];
  for (const option of options) {
    if (u < option[1]) {
      chosen = option;
      break;
    }
    u -= option[1];
  }
  const tradition = chosen[2];
  const forename = (sex === 'M' ? tradition.male : tradition.female).pick(rng);
  const surname = tradition.surname.pick(rng);
  // A second surname (marriage, alias) drawn from the same tradition.
  let altSurname = tradition.surname.pick(rng);
  if (altSurname === surname) altSurname = british.surname.pick(rng);
  return { forename, surname, altSurname, ethnicity: chosen[0] };
}
