/** Number, date and gap formatting shared by every screen and by the plain-text output. */
import type { Unit } from '../../src/results/estimate.ts';

/** How far a recovered figure is from a reference: the three colours of the dashboard. */
export type Tone = 'good' | 'warn' | 'bad';

export interface Gap {
  /** Percentage points for `pct`, percent of the reference for every other unit. */
  value: number;
  kind: 'points' | 'percent';
  tone: Tone;
}

/** Within 2 points (or 2%) is close; within 5 is worth a look; beyond that the method is off. */
export const GOOD_WITHIN = 2;
export const WARN_WITHIN = 5;

export function toneOf(gap: number): Tone {
  const size = Math.abs(gap);
  return size <= GOOD_WITHIN ? 'good' : size <= WARN_WITHIN ? 'warn' : 'bad';
}

export function gapOf(value: number | null, reference: number | null, unit: Unit): Gap | null {
  if (value === null || reference === null || !Number.isFinite(value) || !Number.isFinite(reference)) return null;
  if (unit === 'pct') return { value: value - reference, kind: 'points', tone: toneOf(value - reference) };
  // Counts and ratios differ in size between scales, so their gap is relative.
  if (reference === 0) return null;
  const relative = ((value - reference) / Math.abs(reference)) * 100;
  return { value: relative, kind: 'percent', tone: toneOf(relative) };
}

export function formatGap(gap: Gap | null): string {
  if (!gap) return '–';
  const size = Math.abs(gap.value).toFixed(1);
  const sign = size === '0.0' ? '±' : gap.value > 0 ? '+' : '−';
  return `${sign}${size}${gap.kind === 'points' ? 'pt' : '%'}`;
}

/** Colour is never the only signal: plain text and colour-blind readers get a mark too. */
export const TONE_MARK: Record<Tone, string> = { good: ' ', warn: '~', bad: '!' };
export const TONE_COLOUR: Record<Tone, string> = { good: 'green', warn: 'yellow', bad: 'red' };

const DECIMALS: Record<Unit, number> = { pct: 1, count: 0, days: 1, ratio: 2, odds_ratio: 2, coef: 3, variance: 3, loglik: 1 };

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (unit === 'count') return Math.round(value).toLocaleString('en-GB');
  return value.toFixed(DECIMALS[unit]);
}

export function formatCi(ci: [number, number] | null, unit: Unit): string {
  return ci ? `${formatValue(ci[0], unit)}–${formatValue(ci[1], unit)}` : '';
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}m${String(s).padStart(2, '0')}s`;
}

/** Fit text into a fixed-width cell; tables must not wrap in an 80-column terminal. */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fitted = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
  return align === 'left' ? fitted.padEnd(width) : fitted.padStart(width);
}

/** Text cut in its middle to `width`, so that both its start and its end stay readable. */
export function middle(text: string, width: number): string {
  if (text.length <= width) return text;
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

/**
 * An estimate's `name [group]` in `width` characters, the group kept whole where it can be:
 * rows that differ only in their group must not all read `false_match_rate [all|accommod…`.
 * First the group's `all|` goes, then its keys (`accommodation=`), then the name's middle.
 */
export function fitLabel(name: string, group: string, width: number): string {
  const g1 = group.replace(/^all\|/, '');
  const g2 = g1
    .split('|')
    .map((part) => (part.includes('=') ? part.slice(part.indexOf('=') + 1) : part))
    .join('|');
  for (const g of [g1, g2]) {
    const label = `${name} [${g}]`;
    if (label.length <= width) return label;
  }
  const room = width - g2.length - 3;
  if (room >= 8) return `${middle(name, room)} [${g2}]`;
  return `${middle(name, Math.max(4, Math.floor(width / 3)))} [${middle(g2, Math.max(4, width - Math.max(4, Math.floor(width / 3)) - 3))}]`;
}
