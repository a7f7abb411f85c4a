/**
 * Sweep folders written by the real writer (writeSweep) from made-up rows, for the faces'
 * tests: no pipeline runs, so they take milliseconds. Replicate r of point p draws its estimate
 * as truth + bias(p) + a replicate effect shared by every point (what common random numbers
 * give) + noise of its own; with `crn: false` the replicate effect is drawn per point.
 */
import { join } from 'node:path';
import { planSchema, gridPoints, type KnobValue } from '../../src/experiments/plan.ts';
import { seedOf, writeSweep, type ResultRow, type SweepRecord } from '../../src/experiments/sweep.ts';

/** A small deterministic generator (mulberry32), so the fixture is the same every time. */
function stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (u: () => number): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

export interface FixtureOptions {
  grid?: Record<string, KnobValue[]>;
  replicates?: number;
  crn?: boolean;
  /** Spread of the replicate effect (world-to-world) and of each task's own noise. */
  world?: number;
  own?: number;
}

export const FIXTURE_GRID = { 'noise.multiplier': [0.5, 1, 2], 'methods.linkage.threshold.match_probability': [0.5, 0.99] };

export async function writeFixtureSweep(dir: string, name: string, options: FixtureOptions = {}): Promise<string> {
  const grid = options.grid ?? FIXTURE_GRID;
  const plan = planSchema.parse({ name, aims: 'fixture', replicates: options.replicates ?? 12, grid, common_random_numbers: options.crn ?? true });
  const points = gridPoints(grid);
  const u = stream(7);
  const rows: ResultRow[] = [];
  for (let r = 0; r < plan.replicates; r++) {
    const shared = normal(u) * (options.world ?? 3);
    points.forEach((knobs, p) => {
      const world = plan.common_random_numbers ? shared : normal(u) * (options.world ?? 3);
      const truth = 50 + world;
      const bias = -2 * Number(knobs['noise.multiplier'] ?? 1);
      const base = { task: `p${p}-r${r}`, point: p, knobs, replicate: r, seed: seedOf(plan, p, r), unit: 'pct', published: 49 };
      for (const group of ['all', 'ATR', 'DRR']) {
        const estimate = truth + bias + normal(u) * (options.own ?? 0.5);
        rows.push({ ...base, estimand: 'link.structured.pct', group, estimate, ci: [estimate - 1.5, estimate + 1.5], truth });
      }
      rows.push({ ...base, estimand: 'linkage.precision', group: 'all', estimate: 97 - p * 0.1 + normal(u) * 0.2, ci: null, truth: null });
    });
  }
  const record: SweepRecord = {
    plan,
    points: points.map((knobs) => ({ knobs, scenario: {}, methods: {}, methodsHash: '' })),
    seeds: [...new Set(points.flatMap((_, p) => Array.from({ length: plan.replicates }, (_, r) => seedOf(plan, p, r))))],
    packageVersion: '0.0.0-test',
  };
  const out = join(dir, name);
  await writeSweep(out, plan, record, rows);
  return out;
}
