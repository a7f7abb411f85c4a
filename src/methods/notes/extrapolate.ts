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

export const Z_95 = 1.959963984540054;

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Wilson score interval for a binomial proportion. */
export function wilson(successes: number, n: number, z = Z_95): [number, number] {
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

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
