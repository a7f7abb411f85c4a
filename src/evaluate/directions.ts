/**
 * The study's stated directions (section 5: which factors raised or lowered the odds of being
 * in treatment and of reconviction), each read off the recovered odds ratios and beside the
 * generating model's direction.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { estimateKey } from '../results/estimate.ts';

/** The study's stated directions (section 5; docs/reading-the-study.md, item 9). */
export function studyDirections(): { factor: string; outcome: string; direction: string }[] {
  return JSON.parse(readFileSync(fileURLToPath(new URL('./reference/regression_directions.json', import.meta.url)), 'utf8'));
}

export interface DirectionCheck {
  factor: string;
  outcome: string;
  direction: string;
  /** Which estimates were read, and what they say. */
  evidence: { group: string; estimate: number | null; ci: [number, number] | null; truth: number | null }[];
  /** true: every estimate points the study's way; false: one does not; null: no estimate. */
  reproduced: boolean | null;
  /** Whether the true (generating) effects point the study's way. */
  truthAgrees: boolean | null;
  /** Whether each interval excludes no effect (for odds ratios). */
  significant: boolean | null;
}

type Reading = { id: string; group: string; side: 'above' | 'below'; reference: number };

/** How each of the study's stated directions reads off our estimates. */
const READINGS: Record<string, Reading[]> = {
  'female|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=female`, side: 'above', reference: 1 })),
  'aged over 50|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=age_50_plus`, side: 'above', reference: 1 })),
  'low RSR (risk of serious recidivism)|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=rsr_low`, side: 'above', reference: 1 })),
  'London region|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.region_effect', group: `${t}|region=Greater London`, side: 'above', reference: 0 })),
  'not convicted of theft|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=theft`, side: 'below', reference: 1 })),
  'Asian or Mixed ethnicity|linked': ['ATR', 'DRR'].flatMap((t) => ['asian', 'mixed'].map((g) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=ethnicity_${g}`, side: 'above' as const, reference: 1 }))),
  'settled accommodation|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=settled`, side: 'above', reference: 1 })),
  'longer requirement|linked': ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=length_months`, side: 'above', reference: 1 })),
  'ATR rather than DRR|linked': [{ id: 'regression.linked.odds_ratio', group: 'all|term=drr', side: 'below', reference: 1 }],
  "Crown Court rather than magistrates' court|linked": ['ATR', 'DRR'].map((t) => ({ id: 'regression.linked.odds_ratio', group: `${t}|term=crown_court`, side: 'above', reference: 1 })),
  // Against not linked: completing or remaining lowers the odds, so not linked is higher.
  'not linked to structured treatment, or dropped out|reconvicted': ['ATR', 'DRR'].flatMap((t) =>
    ['status_completed', 'status_remained'].map((s) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=${s}`, side: 'below' as const, reference: 1 })),
  ),
  'male|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=male`, side: 'above', reference: 1 })),
  'high or medium RSR|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=rsr_medium_or_high`, side: 'above', reference: 1 })),
  'convicted of theft|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=theft`, side: 'above', reference: 1 })),
  'longer requirement|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=length_months`, side: 'above', reference: 1 })),
  'London region (DRR only)|reconvicted': [{ id: 'regression.reconvicted.region_effect', group: 'DRR|region=Greater London', side: 'above', reference: 0 }],
  'not in settled accommodation|reconvicted': ['ATR', 'DRR'].map((t) => ({ id: 'regression.reconvicted.odds_ratio', group: `${t}|term=not_settled`, side: 'above', reference: 1 })),
  'Black ethnicity (ATR only)|reconvicted': [{ id: 'regression.reconvicted.odds_ratio', group: 'ATR|term=ethnicity_black', side: 'above', reference: 1 }],
  'DRR rather than ATR|reconvicted': [{ id: 'regression.reconvicted.odds_ratio', group: 'all|term=drr', side: 'above', reference: 1 }],
};

/** Each of the study's directions (regression_directions.json) read off the estimates. */
export function directionChecks(estimates: { id: string; group: string; estimate: number | null; ci: [number, number] | null; truth: number | null }[]): DirectionCheck[] {
  const byKey = new Map(estimates.map((e) => [estimateKey(e), e]));
  return studyDirections().map((d) => {
    const outcome = d.outcome.startsWith('linked') ? 'linked' : 'reconvicted';
    const readings = READINGS[`${d.factor}|${outcome}`];
    if (!readings) throw new Error(`no reading for the study's direction "${d.factor}" (${d.outcome})`);
    const evidence = readings.map((r) => {
      const e = byKey.get(estimateKey(r));
      return { group: r.group, estimate: e?.estimate ?? null, ci: e?.ci ?? null, truth: e?.truth ?? null, reading: r };
    });
    const points = (x: number | null, r: Reading) => (x === null ? null : r.side === 'above' ? x > r.reference : x < r.reference);
    const all = (xs: (boolean | null)[]) => (xs.some((x) => x === null) ? null : xs.every(Boolean));
    return {
      factor: d.factor,
      outcome: d.outcome,
      direction: d.direction,
      evidence: evidence.map(({ group, estimate, ci, truth }) => ({ group, estimate, ci, truth })),
      reproduced: all(evidence.map((e) => points(e.estimate, e.reading))),
      truthAgrees: all(evidence.map((e) => points(e.truth, e.reading))),
      significant: all(evidence.map((e) => (e.ci === null ? null : e.reading.side === 'above' ? e.ci[0] > e.reading.reference : e.ci[1] < e.reading.reference))),
    };
  });
}
