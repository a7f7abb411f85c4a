/**
 * The study's section 4 figures from one row per requirement. A pure function of its input:
 * the method feeds it what the records show (linkage status, matched court outcomes), and
 * evaluation feeds it what truly happened, so estimate and truth are the same quantity by
 * construction.
 */
import type { MethodEstimate, Unit } from '../../results/estimate.ts';
import { wilsonPct } from '../interval.ts';

/** Section 4.5's three states plus "not linked" (dropout = dropout + prison + died, docs/reading-the-study.md, item 1). */
export type Status3 = 'completed' | 'remained' | 'dropout' | 'not_linked';

export interface ReconvictionRow {
  type: 'ATR' | 'DRR';
  /** Region name as the study writes it (e.g. South Central). */
  region: string;
  /** 1-3m, 4-6m, 7-9m, 10-12m, >12m. */
  lengthBand: string;
  linked: boolean;
  status3: Status3;
  reconvicted: boolean;
}

/** Five journey end states (figures 2-3) folded into section 4.5's three. */
export function status3Of(linked: boolean, status: string | null): Status3 {
  if (!linked) return 'not_linked';
  if (status === 'completed' || status === 'remained') return status;
  return 'dropout';
}

const STATUSES: Status3[] = ['remained', 'completed', 'dropout', 'not_linked'];
/**
 * `prefix` names the family of ids: `reconviction` for the study's figures, another prefix for
 * a parallel set (evaluation's truth with the recording delay, for example).
 */
export function reconvictionFigures(rows: ReconvictionRow[], method: string, prefix = 'reconviction'): MethodEstimate[] {
  const out: MethodEstimate[] = [];
  const add = (id: string, group: string, estimate: number | null, unit: Unit, ci: [number, number] | null = null) =>
    out.push({ id: `${prefix}${id}`, group, estimate, ci, unit, method });
  const rate = (id: string, group: string, xs: ReconvictionRow[]) => {
    const n = xs.reduce((k, r) => k + (r.reconvicted ? 1 : 0), 0);
    add(id, group, xs.length === 0 ? null : (100 * n) / xs.length, 'pct', wilsonPct(n, xs.length));
  };
  const byType = (t: string) => (t === 'all' ? rows : rows.filter((r) => r.type === t));

  for (const g of ['all', 'ATR', 'DRR']) {
    const xs = byType(g);
    const linked = xs.filter((r) => r.linked);
    const unlinked = xs.filter((r) => !r.linked);
    rate('.pct', g, xs);
    rate('.pct.linked', g, linked);
    rate('.pct.unlinked', g, unlinked);
    const count = (ys: ReconvictionRow[], v: boolean) => ys.reduce((k, r) => k + (r.reconvicted === v ? 1 : 0), 0);
    add('.linked.reconvicted', g, count(linked, true), 'count');
    add('.linked.not_reconvicted', g, count(linked, false), 'count');
    add('.unlinked.reconvicted', g, count(unlinked, true), 'count');
    add('.unlinked.not_reconvicted', g, count(unlinked, false), 'count');
  }

  for (const t of ['ATR', 'DRR']) {
    const xs = byType(t);
    const by = (key: (r: ReconvictionRow) => string) => {
      const m = new Map<string, ReconvictionRow[]>();
      for (const r of xs) (m.get(key(r)) ?? m.set(key(r), []).get(key(r))!).push(r);
      return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    };
    for (const [region, ys] of by((r) => r.region)) rate('.pct.region', `${t}|region=${region}`, ys);
    for (const [band, ys] of by((r) => r.lengthBand)) rate('.pct.length', `${t}|length=${band}`, ys);
    for (const s of STATUSES) rate('.pct.status', `${t}|status=${s}`, xs.filter((r) => r.status3 === s));
  }
  return out;
}
