/**
 * The study's figures of sections 2.2-2.4 and 3.2-3.7 from one row per requirement. A pure
 * function of its input: the method feeds it requirements as the records show them, and
 * evaluation feeds it the same requirements as they truly were, so estimate and truth are the
 * same quantity by construction.
 */
import type { MethodEstimate, Unit } from '../../results/estimate.ts';
import type { JourneyStatus, StartBand } from './journey.ts';

export interface RequirementView {
  type: 'ATR' | 'DRR';
  region: string;
  /** nDelius accommodation label. */
  accommodation: string;
  lengthBand: string;
  age: number;
  sex: 'M' | 'F' | null;
  linked: boolean;
  /** Only when linked. */
  status: JourneyStatus | null;
  startBand: StartBand | null;
  daysToStart: number | null;
  cjit: boolean;
  prison12m: boolean;
}

const TYPES = ['ATR', 'DRR'] as const;
const FIVE: JourneyStatus[] = ['completed', 'remained', 'dropout', 'prison', 'died'];
/** Sections 3.6, 3.7 and 4.5 fold prison and death into "dropped out" (docs/reading-the-study.md, item 1). */
const three = (s: JourneyStatus | null): 'completed' | 'remained' | 'dropout' | null => (s === null ? null : s === 'completed' || s === 'remained' ? s : 'dropout');

const ACCOMMODATION_GROUP: Record<string, string> = {
  settled: 'settled',
  'rough sleeping': 'rough sleeping',
  'no fixed abode': 'no fixed address',
  'other unsettled': 'other unsettled',
  unknown: 'unknown',
};

export function ageGroups(age: number): string[] {
  const bands = [age < 30 ? '18-29' : age < 40 ? '30-39' : age < 50 ? '40-49' : '50+'];
  if (age >= 30 && age < 50) bands.push('30-49');
  return bands;
}

export function treatmentFigures(rows: RequirementView[], method: string): MethodEstimate[] {
  const out: MethodEstimate[] = [];
  const add = (id: string, group: string, estimate: number | null, unit: Unit) => out.push({ id, group, estimate, ci: null, unit, method });
  const pct = (a: number, b: number) => (b === 0 ? null : (100 * a) / b);
  const count = (xs: RequirementView[], f: (r: RequirementView) => boolean) => xs.reduce((n, r) => n + (f(r) ? 1 : 0), 0);

  const groups: [string, RequirementView[]][] = [['all', rows], ...TYPES.map((t) => [t, rows.filter((r) => r.type === t)] as [string, RequirementView[]])];
  for (const [g, xs] of groups) {
    const linked = count(xs, (r) => r.linked);
    const cjitOnly = count(xs, (r) => !r.linked && r.cjit);
    add('link.structured', g, linked, 'count');
    add('link.structured.pct', g, pct(linked, xs.length), 'pct');
    add('link.cjit_only', g, cjitOnly, 'count');
    add('link.cjit_only.pct', g, pct(cjitOnly, xs.length), 'pct');
    add('link.none', g, xs.length - linked - cjitOnly, 'count');
    add('link.none.pct', g, pct(xs.length - linked - cjitOnly, xs.length), 'pct');
  }

  for (const t of TYPES) {
    const xs = rows.filter((r) => r.type === t);
    const linked = xs.filter((r) => r.linked);
    const unlinked = xs.filter((r) => !r.linked);
    add('link.completed_of_linked.pct', t, pct(count(linked, (r) => r.status === 'completed'), linked.length), 'pct');
    add('prison.within12m.pct', t, pct(count(xs, (r) => r.prison12m), xs.length), 'pct');

    for (const s of FIVE) {
      const n = count(linked, (r) => r.status === s);
      add(`outcome.linked.${s}`, t, n, 'count');
      add(`outcome.linked.${s}.pct_all`, t, pct(n, xs.length), 'pct');
      add(`outcome.linked.${s}.pct_linked`, t, pct(n, linked.length), 'pct');
    }
    // Unlinked requirements fall in one place each: CJIT first, then prison, then neither.
    const unlinkedStatus = (r: RequirementView) => (r.cjit ? 'cjit' : r.prison12m ? 'prison12m' : 'neither');
    for (const s of ['cjit', 'prison12m', 'neither']) {
      const n = count(unlinked, (r) => unlinkedStatus(r) === s);
      add(`outcome.unlinked.${s}`, t, n, 'count');
      add(`outcome.unlinked.${s}.pct_all`, t, pct(n, xs.length), 'pct');
      add(`outcome.unlinked.${s}.pct_unlinked`, t, pct(n, unlinked.length), 'pct');
    }
    const noId = count(unlinked, (r) => !r.cjit);
    add('outcome.no_ndtms_identification', t, noId, 'count');
    add('outcome.no_ndtms_identification.pct', t, pct(noId, xs.length), 'pct');

    const by = (key: (r: RequirementView) => string[]) => {
      const m = new Map<string, RequirementView[]>();
      for (const r of xs) for (const k of key(r)) (m.get(k) ?? m.set(k, []).get(k)!).push(r);
      return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    };
    for (const [region, ys] of by((r) => [r.region])) add('link.structured.pct.region', `${t}|region=${region}`, pct(count(ys, (r) => r.linked), ys.length), 'pct');
    for (const [acc, ys] of by((r) => [ACCOMMODATION_GROUP[r.accommodation] ?? r.accommodation])) {
      add('link.structured.pct.accommodation', `${t}|accommodation=${acc}`, pct(count(ys, (r) => r.linked), ys.length), 'pct');
    }
    const lengthRates: number[] = [];
    for (const [band, ys] of by((r) => [r.lengthBand])) {
      const n = count(ys, (r) => r.linked);
      add('link.structured.pct.length', `${t}|length=${band}`, pct(n, ys.length), 'pct');
      add('link.structured.length', `${t}|length=${band}`, n, 'count');
      // The study's min/max leave out bands too small to report (the >12 month ATRs).
      if (ys.length >= 0.02 * xs.length) lengthRates.push((100 * n) / ys.length);
    }
    add('link.structured.pct.length.min', t, lengthRates.length ? Math.min(...lengthRates) : null, 'pct');
    add('link.structured.pct.length.max', t, lengthRates.length ? Math.max(...lengthRates) : null, 'pct');

    // Time to treatment (3.5): cumulative shares of linked requirements.
    const days = linked.map((r) => r.daysToStart as number);
    const cumulative: [string, number][] = [['already', -1], ['within3w', 21], ['within6w', 42], ['within12w', 84]];
    for (const [name, limit] of cumulative) {
      const n = days.filter((d) => d <= limit).length;
      add(`time_to_treatment.${name}`, t, n, 'count');
      add(`time_to_treatment.${name}.pct`, t, pct(n, linked.length), 'pct');
    }
    const after = days.filter((d) => d >= 0);
    add('time_to_treatment.mean_days', t, after.length ? after.reduce((a, b) => a + b, 0) / after.length : null, 'days');

    // Status at the end of observation, three states, by age, sex and time to engage (3.6-3.7).
    const statusBy = (dimension: string, key: (r: RequirementView) => string[]) => {
      const m = new Map<string, RequirementView[]>();
      for (const r of linked) for (const k of key(r)) (m.get(k) ?? m.set(k, []).get(k)!).push(r);
      for (const [k, ys] of [...m.entries()].sort()) {
        for (const s of ['completed', 'remained', 'dropout'] as const) {
          add(`status.${s}.pct.${dimension}`, `${t}|${dimension === 'time_to_engage' ? 'engage' : dimension}=${k}`, pct(count(ys, (r) => three(r.status) === s), ys.length), 'pct');
        }
      }
    };
    statusBy('age', (r) => ageGroups(r.age));
    statusBy('sex', (r) => (r.sex === 'F' ? ['female'] : r.sex === 'M' ? ['male'] : []));
    statusBy('time_to_engage', (r) => (r.startBand ? [r.startBand] : []));
  }
  return out;
}
