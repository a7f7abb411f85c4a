/**
 * The study's fixed vocabulary: the words every side of the bench shares (the world generates
 * in them, the records carry them, the methods count by them). It imports nothing of the
 * bench, so any layer may read it.
 */

/** The two requirements the study follows (section 1.1). */
export const REQUIREMENT_TYPES = ['ATR', 'DRR'] as const;
export type RequirementType = (typeof REQUIREMENT_TYPES)[number];

/** England's 11 probation regions (nDelius region codes) and the names the study reports them by. */
export const REGION_NAMES = {
  N07: 'Greater London',
  N50: 'Greater Manchester',
  N51: 'North West',
  N52: 'West Midlands',
  N53: 'East Midlands',
  N54: 'North East',
  N55: 'Yorkshire and the Humber',
  N56: 'East of England',
  N57: 'Kent, Surrey and Sussex',
  N58: 'South West',
  N59: 'South Central',
} as const;
export type RegionCode = keyof typeof REGION_NAMES;
export const REGION_CODES = Object.keys(REGION_NAMES) as RegionCode[] as readonly RegionCode[] as readonly [RegionCode, ...RegionCode[]];

/** Welsh orders are in nDelius but out of the study's scope (section 1.3.1). */
export const WALES_CODE = 'WPT';
export const WALES_NAME = 'Wales';

export function regionName(code: string): string {
  if (code === WALES_CODE) return WALES_NAME;
  return REGION_NAMES[code as RegionCode] ?? code;
}

/** The study's requirement length bands (section 3.4). */
export const LENGTH_BANDS = ['1-3m', '4-6m', '7-9m', '10-12m', '>12m'] as const;
export type LengthBand = (typeof LENGTH_BANDS)[number];

/** The whole months a requirement of each length band runs for (drawn uniformly within the band). */
export const LENGTH_RANGES: Record<LengthBand, [number, number]> = {
  '1-3m': [1, 3],
  '4-6m': [4, 6],
  '7-9m': [7, 9],
  '10-12m': [10, 12],
  '>12m': [13, 24],
};

/** The study's requirement length band of a length in months (section 3.4). */
export function lengthBandOf(months: number): LengthBand {
  if (months <= 3) return '1-3m';
  if (months <= 6) return '4-6m';
  if (months <= 9) return '7-9m';
  if (months <= 12) return '10-12m';
  return '>12m';
}
