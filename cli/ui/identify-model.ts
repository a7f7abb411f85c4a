/**
 * What `ui --identify` shows, as plain data and text shared by the Ink screen, the printed
 * summary and `--json`: per knob and truth its consistent interval drawn as a bar over its
 * axis (the prior for a knob, all draws' range for a truth) and its histograms as sparklines
 * (all draws, accepted); per figure the method's error across the accepted worlds drawn about
 * zero, and whether its sign holds in every consistent world.
 */
import type { Interval } from '../../src/identify/abc.ts';
import type { IdentifyFolder } from '../../src/identify/read.ts';
import { formatNumber as fmt, identifyView, intervalText, rangeText, type ErrorView, type IdentifyView, type PosteriorView } from '../../src/report/identify-view.ts';

export const BAR_WIDTH = 30;
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export interface PosteriorLine {
  label: string;
  interval: string;
  median: string;
  /** The axis's ends as shown under the bar and beside the sparklines. */
  axis: [string, string];
  bar: string;
  all: string;
  accepted: string;
}

export interface ErrorLine {
  label: string;
  interval: string;
  range: string;
  bar: string;
  sign: ErrorView['sign'];
  holds: string;
}

export interface IdentifyScreenModel {
  view: IdentifyView;
  lines: PosteriorLine[];
  errors: ErrorLine[];
  /** The largest |error| drawn: every error bar shares this scale. */
  errorSpan: number;
}

/** The centre of cell i of `width` cells over [low, high]. */
const centre = (i: number, width: number, low: number, high: number): number => low + ((i + 0.5) / width) * (high - low);
const cellOf = (x: number, width: number, low: number, high: number): number => Math.max(0, Math.min(width - 1, Math.floor(((x - low) / (high - low)) * width)));

/**
 * A consistent interval over its axis: `░` where all draws reach (their range), `█` the accepted
 * draws' interval, `┃` their median, `◆` the published figure when it lies on the axis; `·`
 * elsewhere. Nothing accepted: all draws' range alone.
 */
export function intervalBar(accepted: Interval, all: Interval, low: number, high: number, width = BAR_WIDTH, published: number | null = null): string {
  if (!(high > low)) return '·'.repeat(width);
  const cells = Array.from({ length: width }, (_, i): string => {
    const x = centre(i, width, low, high);
    if (accepted.n > 0 && x >= accepted.low! && x <= accepted.high!) return '█';
    if (all.n > 0 && x >= all.min! && x <= all.max!) return '░';
    return '·';
  });
  if (accepted.n > 0) {
    // An interval narrower than a cell still shows.
    for (const x of [accepted.low!, accepted.high!]) cells[cellOf(x, width, low, high)] = '█';
    cells[cellOf(accepted.median!, width, low, high)] = '┃';
  }
  if (published !== null && published >= low && published <= high) cells[cellOf(published, width, low, high)] = '◆';
  return cells.join('');
}

/** Counts as a sparkline on a shared maximum: a blank for none, ▁ to █ by height. */
export function sparkline(counts: readonly number[], max: number): string {
  return counts.map((c) => (c <= 0 || max <= 0 ? ' ' : SPARKS[Math.min(SPARKS.length - 1, Math.max(0, Math.ceil((c / max) * SPARKS.length) - 1))])).join('');
}

/** An error about zero on a span shared by every figure: `─` its range, `█` its interval, `│` zero (always drawn). */
export function errorBar(error: Interval, span: number, width = BAR_WIDTH): string {
  const low = -span;
  const high = span;
  if (error.n === 0 || !(span > 0)) return '·'.repeat(width);
  const cells = Array.from({ length: width }, (_, i): string => {
    const x = centre(i, width, low, high);
    if (x >= error.low! && x <= error.high!) return '█';
    if (x >= error.min! && x <= error.max!) return '─';
    return ' ';
  });
  for (const x of [error.low!, error.high!]) cells[cellOf(x, width, low, high)] = '█';
  cells[cellOf(0, width, low, high)] = '│';
  return cells.join('');
}

function axisOf(p: PosteriorView): [number, number] {
  const { edges } = p.histogram;
  return [edges[0], edges[edges.length - 1]];
}

export function posteriorLine(p: PosteriorView, width = BAR_WIDTH): PosteriorLine {
  const [low, high] = axisOf(p);
  const max = Math.max(0, ...p.histogram.all);
  return {
    label: p.label,
    interval: intervalText(p.accepted, p.digits),
    median: p.accepted.n === 0 ? '–' : fmt(p.accepted.median, p.digits),
    axis: [fmt(low, p.digits), fmt(high, p.digits)],
    bar: intervalBar(p.accepted, p.all, low, high, width, p.kind === 'truth' ? p.published : null),
    all: sparkline(p.histogram.all, max),
    accepted: sparkline(p.histogram.accepted, max),
  };
}

/** The histograms get one bin per cell of the bar, so a sparkline lines up under it. */
export function identifyScreenModel(folder: IdentifyFolder, width = BAR_WIDTH): IdentifyScreenModel {
  const view = identifyView(folder, width);
  const errorSpan = Math.max(1e-9, ...view.errors.filter((e) => e.error.n > 0).map((e) => Math.max(Math.abs(e.error.min!), Math.abs(e.error.max!))));
  return {
    view,
    lines: view.posterior.map((p) => posteriorLine(p, width)),
    errors: view.errors.map((e) => ({ label: e.label, interval: intervalText(e.error, 1), range: rangeText(e.error, 1), bar: errorBar(e.error, errorSpan, width), sign: e.sign, holds: e.holds })),
    errorSpan,
  };
}

const pad = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

/** The printed summary (piped, CI): facts, every consistent interval with its bar and histograms, the error table. */
export function identifyPlainText(folder: IdentifyFolder): string {
  const m = identifyScreenModel(folder);
  const { view } = m;
  const pct = `${Math.round(view.level * 100)}%`;
  const out = [`identify ${view.name}: ${view.aims}`, ...view.facts.filter(([k]) => k !== 'aims').map(([k, v]) => `${k}: ${v}`), ''];
  if (view.caution) out.push(view.caution, '');
  const labelWidth = Math.max(8, ...m.lines.map((l) => l.label.length), ...m.errors.map((e) => e.label.length));
  const axisWidth = Math.max(0, ...m.lines.map((l) => l.axis[0].length));
  out.push(`Consistent with the published figures (${pct} of the accepted worlds; █ interval, ┃ median, ░ all draws' range, ◆ published)`);
  out.push(`${pad('quantity', labelWidth)}  ${'consistent'.padStart(13)}  ${'median'.padStart(7)}  axis`);
  for (const l of m.lines) {
    out.push(`${pad(l.label, labelWidth)}  ${l.interval.padStart(13)}  ${l.median.padStart(7)}  ${l.axis[0].padStart(axisWidth)} ${l.bar} ${l.axis[1]}`);
    out.push(`${''.padEnd(labelWidth)}  ${'all draws'.padStart(13)}  ${''.padStart(7)}  ${''.padEnd(axisWidth)} ${l.all}`);
    out.push(`${''.padEnd(labelWidth)}  ${'accepted'.padStart(13)}  ${''.padStart(7)}  ${''.padEnd(axisWidth)} ${l.accepted}`);
  }
  if (m.errors.length > 0) {
    out.push('', `Method error (recovered - truth) across the accepted worlds (█ ${pct} interval, ─ range, │ zero; ±${fmt(m.errorSpan)} across)`);
    out.push(`${pad('figure', labelWidth)}  ${`error ${pct}`.padStart(13)}  ${'range'.padStart(14)}  ${''.padEnd(BAR_WIDTH)}  in every consistent world`);
    for (const e of m.errors) out.push(`${pad(e.label, labelWidth)}  ${e.interval.padStart(13)}  ${e.range.padStart(14)}  ${e.bar}  ${e.holds}`);
  }
  return `${out.join('\n')}\n`;
}
