/**
 * Term-frequency adjustment: an exact match on a common value (initials "JS", a 1 January
 * birthday) is weaker evidence than one on a rare value. For an exact match on value v the
 * u probability becomes the chance that a random non-matching right record holds v, i.e. the
 * frequency of v on the right side, instead of the comparison's average u.
 *
 * We take frequencies on the right side only (Splink pools both inputs): the right side is
 * the population the left records are searched in, and at scale 1 it is 20 times larger, so
 * "how often does a random right record show this value" is the quantity the model needs.
 */
import { rightFrequencies, type EncodedValue } from './encode.ts';

/** u for an exact match on each code: the right-side frequency, floored at `minimumU`. */
export function termFrequencyU(value: EncodedValue, minimumU: number): Float64Array {
  const freq = rightFrequencies(value);
  for (let i = 0; i < freq.length; i++) if (freq[i] < minimumU) freq[i] = minimumU;
  return freq;
}

/** Partial weight of an exact match on each code: log2(m_exact / u_tf(code)). */
export function termFrequencyWeights(value: EncodedValue, mExact: number, minimumU: number): Float64Array {
  const u = termFrequencyU(value, minimumU);
  const out = new Float64Array(u.length);
  const logM = Math.log2(mExact);
  for (let i = 0; i < u.length; i++) out[i] = logM - Math.log2(u[i]);
  return out;
}
