/**
 * From the sample's engagement rate to all unlinked requirements and the "up to 90%" figure.
 *
 * Two arithmetics (docs/reading-the-study.md, item 5): `direct` applies the sample rate to the unlinked count;
 * `study` first rounds the combined share to a whole percent, then takes
 * floor(headline% x total) - linked, which is how the study reached 18,712.
 * Intervals are Wilson score intervals on the sample rate, carried through linearly; no
 * finite-population correction (the sample is about a fifth of the unlinked), so they are
 * slightly conservative.
 */
import { wilson } from '../interval.ts';

export interface ExtrapolationInput {
  /** Requirements in the analysed sample, and how many of them showed engagement. */
  sampleSize: number;
  sampleEngaged: number;
  /** Requirements linked to structured treatment, and all requirements. */
  linked: number;
  total: number;
  /** Replace the sample rate (e.g. a misclassification-corrected one) while keeping the arithmetic. */
  rate?: { value: number; ci: [number, number] };
}

export interface Extrapolation {
  sampleRate: number;
  sampleRateCi: [number, number];
  unlinked: number;
  linkedShare: number;
  /** rate x unlinked. */
  extrapolatedDirect: number;
  extrapolatedDirectCi: [number, number];
  /** (linked + rate x unlinked) / total. */
  combinedShare: number;
  combinedShareCi: [number, number];
  /** Combined share rounded to a whole percent, as the headline was. */
  headlinePct: number;
  /** floor(headlinePct% x total) - linked: the study's count. */
  extrapolatedStudy: number;
  /** Extrapolated count as a share of all requirements: direct, and the study's. */
  furtherShareDirect: number;
  furtherShareStudy: number;
}

export function extrapolate(input: ExtrapolationInput): Extrapolation {
  const { sampleSize, sampleEngaged, linked, total } = input;
  if (!(sampleSize > 0)) throw new Error('extrapolate: sample size must be positive');
  if (sampleEngaged < 0 || sampleEngaged > sampleSize) throw new Error('extrapolate: engaged must be within the sample');
  if (linked < 0 || linked > total) throw new Error('extrapolate: linked must be within the total');
  const sampleRate = input.rate?.value ?? sampleEngaged / sampleSize;
  const sampleRateCi = input.rate?.ci ?? wilson(sampleEngaged, sampleSize);
  const unlinked = total - linked;
  const extrapolatedDirect = sampleRate * unlinked;
  const combined = (rate: number): number => (linked + rate * unlinked) / total;
  const combinedShare = combined(sampleRate);
  const headlinePct = Math.round(combinedShare * 100);
  // Integer arithmetic: headlinePct * total is exact, so the floor matches the study's.
  const extrapolatedStudy = Math.floor((headlinePct * total) / 100) - linked;
  return {
    sampleRate,
    sampleRateCi,
    unlinked,
    linkedShare: linked / total,
    extrapolatedDirect,
    extrapolatedDirectCi: [sampleRateCi[0] * unlinked, sampleRateCi[1] * unlinked],
    combinedShare,
    combinedShareCi: [combined(sampleRateCi[0]), combined(sampleRateCi[1])],
    headlinePct,
    extrapolatedStudy,
    furtherShareDirect: extrapolatedDirect / total,
    furtherShareStudy: extrapolatedStudy / total,
  };
}
