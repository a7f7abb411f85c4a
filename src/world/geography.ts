/**
 * England's 11 probation regions with fake-but-plausible postcode districts and drug and
 * alcohol team (DAT) codes. Outward codes use real area letters so that geography behaves
 * like England's (people cluster by district, so postcode agreement is informative); the
 * inward part is always fake (see identifiers.ts).
 */
import { REGION_NAMES, WALES_CODE, WALES_NAME, type RegionCode } from '../study/vocabulary.ts';

export interface Region {
  code: RegionCode;
  name: string;
  /** Postcode areas in the region. */
  areas: string[];
}

export const REGIONS: Record<RegionCode, Region> = {
  N07: { code: 'N07', name: REGION_NAMES.N07, areas: ['E', 'N', 'SE', 'SW', 'W', 'NW', 'EC', 'CR', 'BR', 'IG', 'RM', 'HA', 'UB', 'EN', 'KT', 'TW'] },
  N50: { code: 'N50', name: REGION_NAMES.N50, areas: ['M', 'OL', 'BL', 'SK', 'WN'] },
  N51: { code: 'N51', name: REGION_NAMES.N51, areas: ['L', 'PR', 'BB', 'FY', 'LA', 'CA', 'WA', 'CH', 'CW'] },
  N52: { code: 'N52', name: REGION_NAMES.N52, areas: ['B', 'CV', 'WV', 'WS', 'DY', 'ST', 'TF', 'WR', 'HR'] },
  N53: { code: 'N53', name: REGION_NAMES.N53, areas: ['NG', 'LE', 'DE', 'LN', 'NN'] },
  N54: { code: 'N54', name: REGION_NAMES.N54, areas: ['NE', 'SR', 'DH', 'TS', 'DL'] },
  N55: { code: 'N55', name: REGION_NAMES.N55, areas: ['LS', 'BD', 'S', 'HU', 'WF', 'HD', 'HX', 'DN', 'YO'] },
  N56: { code: 'N56', name: REGION_NAMES.N56, areas: ['CB', 'NR', 'IP', 'CO', 'CM', 'SS', 'LU', 'SG', 'AL', 'PE'] },
  N57: { code: 'N57', name: REGION_NAMES.N57, areas: ['CT', 'ME', 'TN', 'DA', 'BN', 'RH', 'GU'] },
  N58: { code: 'N58', name: REGION_NAMES.N58, areas: ['BS', 'BA', 'EX', 'PL', 'TQ', 'TR', 'TA', 'GL', 'SN', 'BH', 'DT'] },
  N59: { code: 'N59', name: REGION_NAMES.N59, areas: ['OX', 'RG', 'SO', 'PO', 'SL', 'MK', 'HP', 'SP'] },
};

/** Welsh orders are in nDelius but out of the study's scope. */
export const WALES = { code: WALES_CODE, name: WALES_NAME, areas: ['CF', 'SA', 'NP', 'LL', 'SY', 'LD'] } as const;

/** Districts per area: enough that two people in a region rarely share a district by chance. */
export const DISTRICTS_PER_AREA = 24;
/** Sectors per district (the digit after the space). */
export const SECTORS_PER_DISTRICT = 9;
/** Districts grouped into local partnerships (DATs). */
export const DISTRICTS_PER_DAT = 6;

/** Each area's DAT codes by partnership number: a few hundred strings, shared by every person in them. */
const datCodes = new Map<string, string[]>();

export function datCode(area: string, district: number): string {
  const dat = Math.floor(district / DISTRICTS_PER_DAT) + 1;
  let codes = datCodes.get(area);
  if (codes === undefined) datCodes.set(area, (codes = []));
  return (codes[dat] ??= `D${area}${dat}`);
}
