/**
 * What `ui --sweep` shows, as plain data shared by the Ink screen, the printed table and
 * `--json`: for one estimand and group, its bias and coverage at each value of each swept knob
 * (one line per combination of the other knobs), and text bars drawn to a common scale.
 */
import { estimandView, estimandsOf, levelsOf, shortKnob, type KnobPoint } from '../../src/experiments/knob-view.ts';
import type { SweepFolder } from '../../src/experiments/read.ts';
import { fmt, summaryCells } from '../../src/report/sweep.ts';

export interface SweepLine {
  level: string;
  others: string;
  bias: KnobPoint | null;
  coverage: KnobPoint | null;
}

export interface KnobBlock {
  knob: string;
  lines: SweepLine[];
}

export interface SweepScreenModel {
  name: string;
  aims: string;
  facts: string;
  estimands: string[];
  estimand: string;
  groups: string[];
  group: string;
  /** `bias`, or `mean` where the estimand has no truth. */
  centre: 'bias' | 'mean';
  blocks: KnobBlock[];
  /** The largest |bias| + 1.96 MCSE drawn, so every bar of the estimand shares one scale. */
  span: number;
}

export function sweepFacts(folder: SweepFolder): string {
  const { plan } = folder.record;
  const crn = plan.common_random_numbers === false ? 'independent seeds' : 'common random numbers';
  return `${plan.replicates} replicates per point, scale ${plan.scale}, seed ${plan.seed}, ${crn}`;
}

export function sweepScreenModel(folder: SweepFolder, estimandIndex = 0, groupIndex = 0): SweepScreenModel {
  const estimands = estimandsOf(folder);
  const estimand = estimands[((estimandIndex % estimands.length) + estimands.length) % estimands.length] ?? '';
  const view = estimandView(folder, estimand, Number.POSITIVE_INFINITY);
  const group = view.groups[((groupIndex % view.groups.length) + view.groups.length) % view.groups.length] ?? '';
  const levels = levelsOf(folder);
  const points = view.points.filter((p) => p.group === group);
  const centre = points.some((p) => p.measure === 'mean') ? 'mean' : 'bias';
  const blocks = folder.knobs.map((knob) => {
    const mine = points.filter((p) => p.knob === knob);
    const keys = [...new Set(mine.map((p) => `${p.level}\u0000${p.others}`))];
    const lines = keys.map((key) => {
      const [level, others] = key.split('\u0000');
      const find = (m: string): KnobPoint | null => mine.find((p) => p.level === level && p.others === others && p.measure === m) ?? null;
      return { level, others, bias: find(centre), coverage: find('coverage') };
    });
    const order = levels[knob] ?? [];
    lines.sort((a, b) => a.others.localeCompare(b.others) || order.indexOf(a.level) - order.indexOf(b.level));
    return { knob, lines };
  });
  const span = Math.max(
    1e-9,
    ...points.filter((p) => p.measure === centre && p.value !== null).map((p) => Math.abs(p.value!) + 1.96 * (p.mcse ?? 0)),
  );
  return { name: folder.record.plan.name, aims: folder.record.plan.aims, facts: sweepFacts(folder), estimands, estimand, groups: view.groups, group, centre, blocks, span };
}

/**
 * A bias bar: `width` cells with zero in the middle, the value's side filled from the middle;
 * for a mean (no truth) the bar fills from the left in proportion to the span.
 */
export function centreBar(value: number | null, span: number, width: number, centre: 'bias' | 'mean'): string {
  if (value === null || !Number.isFinite(value)) return '·'.repeat(width);
  if (centre === 'mean') {
    const filled = Math.max(0, Math.min(width, Math.round((Math.abs(value) / span) * width)));
    return '█'.repeat(filled) + '░'.repeat(width - filled);
  }
  const half = Math.floor(width / 2);
  const cells = Math.max(0, Math.min(half, Math.round((Math.abs(value) / span) * half)));
  const left = value < 0 ? ' '.repeat(half - cells) + '█'.repeat(cells) : ' '.repeat(half);
  const right = value > 0 ? '█'.repeat(cells) + ' '.repeat(half - cells) : ' '.repeat(half);
  return `${left}│${right}`;
}

/** A coverage bar from 0 to 100% with the 95% mark. */
export function coverageBar(percent: number | null, width: number): string {
  if (percent === null || !Number.isFinite(percent)) return '·'.repeat(width);
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  const mark = Math.min(width - 1, Math.round(0.95 * width));
  return Array.from({ length: width }, (_, i) => (i === mark ? '┊' : i < filled ? '█' : '░')).join('');
}

export const valueText = (p: KnobPoint | null): string => (p === null || p.value === null ? '–' : `${fmt(p.value)}${p.mcse === null ? '' : ` ±${fmt(p.mcse)}`}`);

/** The printed summary (piped, CI): per estimand, a table of every grid point and group. */
export function sweepPlainText(folder: SweepFolder): string {
  const out = [`sweep ${folder.record.plan.name}: ${folder.record.plan.aims}`, sweepFacts(folder), `knobs: ${folder.knobs.map((k) => `${k} = ${levelsOf(folder)[k].join(', ')}`).join('; ') || 'none'}`, ''];
  for (const estimand of estimandsOf(folder)) {
    const rows = folder.summary.filter((r) => r.estimand === estimand);
    const { header, cells } = summaryCells(folder, rows);
    const names = header.map((h, i) => (i < folder.knobs.length ? shortKnob(h) : h));
    const widths = names.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]): string => c.map((v, i) => (i <= folder.knobs.length ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ').trimEnd();
    out.push(estimand, line(names), ...cells.map(line), '');
  }
  return out.join('\n');
}
