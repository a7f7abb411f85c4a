/** A figure's rows: the estimates its picks name, each with its panel (requirement type) and category. */
import type { Estimate, Results } from '../results/estimate.ts';
import type { Figure } from './study.ts';

export interface FigureRow {
  /** all, ATR or DRR: the part of the group before any `|`. */
  panel: string;
  category: string;
  id: string;
  group: string;
  unit: Estimate['unit'];
  published: number | null;
  recovered: number | null;
  truth: number | null;
  ci: [number, number] | null;
}

const DEFAULT_GROUPS = '^(all|ATR|DRR)$';

export function figureRows(results: Results, figure: Figure): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const pick of figure.picks) {
    const groups = new RegExp(pick.groups ?? DEFAULT_GROUPS);
    for (const e of results.estimates) {
      if (e.id !== pick.id || !groups.test(e.group)) continue;
      const [panel, by] = e.group.split('|');
      const value = by === undefined ? undefined : by.slice(by.indexOf('=') + 1);
      const category = pick.label !== undefined && value !== undefined ? `${pick.label}: ${value}` : (pick.label ?? value ?? panel);
      rows.push({ panel, category, id: e.id, group: e.group, unit: e.unit, published: e.published, recovered: e.estimate, truth: e.truth, ci: e.ci });
    }
  }
  return rows;
}
